"""Protection every public form on the platform uses, in one place.

* a honeypot field (always on): a hidden field people never fill in and bots do;
* django-recaptcha's field, only when ``RECAPTCHA_PUBLIC_KEY`` and ``RECAPTCHA_PRIVATE_KEY`` are set;
* a per-IP rate limit on POST (django-ratelimit, always on, ``COP_FORM_RATE``);
* "save first, notify after": e-mails go out after the record is committed, and a failing mail
  server is logged, never shown to the visitor and never loses the record.

Use :class:`ProtectedFormMixin` on a Django form (or :func:`protect_form_class` on a generated one)
and :func:`protected_post` on the view that handles it.
"""

import functools
import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_url"
CAPTCHA_FIELD = "captcha"
PROTECTION_FIELDS = (HONEYPOT_FIELD, CAPTCHA_FIELD)


def captcha_enabled() -> bool:
    return bool(settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY)


class HoneypotInput(forms.TextInput):
    """Rendered off-screen (see ``includes/form.html``), out of the tab order and of autofill."""

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})


class ProtectedFormMixin:
    """Adds the honeypot and, when configured, the captcha to any Django form."""

    honeypot_error = _("Nie udało się wysłać formularza. Odśwież stronę i spróbuj ponownie.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Nie wypełniaj tego pola"), required=False, widget=HoneypotInput()
        )
        if captcha_enabled():
            from django_recaptcha.fields import ReCaptchaField

            self.fields[CAPTCHA_FIELD] = ReCaptchaField(
                label=_("Potwierdź, że nie jesteś robotem"),
                error_messages={
                    "required": _("Zaznacz pole weryfikacji."),
                    "captcha_invalid": _("Weryfikacja nie powiodła się. Spróbuj ponownie."),
                },
            )

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get(self.add_prefix(HONEYPOT_FIELD)):
            logger.info("Honeypot filled in on %s; rejected.", type(self).__name__)
            raise ValidationError(self.honeypot_error, code="honeypot")
        return cleaned_data

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


def protect_form_class(form_class: type[forms.Form]) -> type[forms.Form]:
    """Return ``form_class`` with the protection mixed in (for forms built at run time)."""
    if issubclass(form_class, ProtectedFormMixin):
        return form_class
    return type(f"Protected{form_class.__name__}", (ProtectedFormMixin, form_class), {})


def drop_protection_fields(form) -> None:
    """Remove the honeypot and captcha from ``cleaned_data`` before it is stored."""
    for name in PROTECTION_FIELDS:
        form.cleaned_data.pop(name, None)


def rate_limit_exceeded(request, group: str) -> bool:
    """Count this POST against the visitor's address; True when over ``COP_FORM_RATE``."""
    return is_ratelimited(
        request, group=group, key="ip", rate=settings.COP_FORM_RATE, method="POST", increment=True
    )


def protected_post(group: str):
    """Decorate a view so that POSTs over the per-IP limit get the Polish "too many attempts" page."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and rate_limit_exceeded(request, group=group):
                from .views import rate_limited

                return rate_limited(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def send_safely(send, *args, **kwargs) -> bool:
    """Call a sending function; log and swallow its failure so the visitor's record stays."""
    try:
        send(*args, **kwargs)
    except Exception:  # noqa: BLE001 - any mail error must not break the saved submission
        logger.exception("Notification failed after a saved submission; the record is kept.")
        return False
    return True


def notify_after_commit(send, *args, **kwargs) -> None:
    """Send a notification once the current transaction has committed the submitted record."""
    transaction.on_commit(functools.partial(send_safely, send, *args, **kwargs))
