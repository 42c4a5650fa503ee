"""Form rendering helpers for ``includes/form.html``."""

from django import template

register = template.Library()


@register.simple_tag
def described_widget(field):
    """Render a field's widget linked to its hint and error (aria-describedby, aria-invalid)."""
    attrs = {}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
