"""Content Security Policy: strict on public pages, relaxed only under the Wagtail admin."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class COPContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own (relaxed) policy under ``COP_ADMIN_PATH_PREFIX``."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.COP_ADMIN_PATH_PREFIX):
            parts.config = settings.COP_ADMIN_CONTENT_SECURITY_POLICY
        elif not report_only and getattr(settings, "RECAPTCHA_PUBLIC_KEY", "") and parts.config is None:
            # reCAPTCHA (only when keys are configured) loads Google's script and frame.
            parts.update = {
                "script-src": ["https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"],
                "frame-src": ["https://www.google.com/recaptcha/"],
            }
        return parts


class PageCacheMiddleware:
    """Serves and stores anonymous public pages (``home/cache.py``); last in ``MIDDLEWARE``.

    Being the innermost middleware, a hit skips only the view: security, CSP, CSRF and session middleware
    still run on the way out, and nothing they add (cookies, per-request headers) is ever stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import cache

        anonymous = cache.request_may_use_cache(request)
        enabled = cache.timeout() > 0
        if anonymous and enabled:
            cached = cache.fetch(request)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if cache.is_page_response(request):
            if anonymous and cache.response_may_be_stored(request, response):
                if enabled:
                    cache.store(request, response)
            elif request.method != "HEAD":
                # Per-visitor content (a form's CSRF token, a logged-in user...): no shared cache may keep it.
                cache.keep_private(response)
        return response
