from django import template
from django.forms.utils import ErrorDict

register = template.Library()


@register.filter
def field_error_count(errors: ErrorDict) -> int:
    """How many fields have an error (errors of the whole form not counted)."""
    return sum(1 for name in errors if name != "__all__")
