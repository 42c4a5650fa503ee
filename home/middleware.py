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
