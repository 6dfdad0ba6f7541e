from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def translated(text: str) -> str:
    """A stored lesson text in the patient's language, when it is still the
    text we wrote (and so in the catalogue); an admin's edit shows as written."""
    return gettext(text) if text else text
