from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clinic import services
from walks import limits, rules
from walks.services import entries


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Practice code"),
        max_length=20,
        help_text=_("Your clinician gives you this code: eight letters and numbers."),
        error_messages={"required": _("Enter the code your clinician gave you.")},
    )

    def clean_code(self):
        clinician = services.clinician_by_code(self.cleaned_data["code"])
        if clinician is None:
            raise forms.ValidationError(
                _("No clinician has this code. Check it with your clinician and try again.")
            )
        self.clinician = clinician
        return self.cleaned_data["code"]


class LinkForm(CodeForm):
    consent = forms.BooleanField(
        label=_("I agree that this clinician may see my diary, plan, scores and notes"),
        error_messages={"required": _("Tick the box to agree, or cancel.")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What they may do"),
        choices=[("view", _("See my data")), ("adjust_plan", _("Adjust my plan's weekly target"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @property
    def can_adjust_plan(self) -> bool:
        return "adjust_plan" in self.cleaned_data.get("scopes", [])


def _whole_number(label, low: int, high: int, message):
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs={"min": low, "max": high, "inputmode": "numeric"}),
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), message),
    )


class TargetForm(forms.Form):
    """A clinician's weekly target for a linked patient (progression.md,
    "Clinician targets")."""

    week = forms.ChoiceField(
        label=_("Which week"),
        choices=[(entries.CURRENT_WEEK, _("This week")), (entries.NEXT_WEEK, _("Next week"))],
        widget=forms.RadioSelect,
        initial=entries.CURRENT_WEEK,
        error_messages={"required": _("Choose this week or next week.")},
    )
    target_minutes = _whole_number(
        _("Minutes a day"),
        rules.CLINICIAN_MIN_MINUTES,
        rules.CLINICIAN_MAX_MINUTES,
        format_lazy(
            _("Enter a whole number of minutes from {low} to {high}."),
            low=rules.CLINICIAN_MIN_MINUTES,
            high=rules.CLINICIAN_MAX_MINUTES,
        ),
    )
    target_days = _whole_number(
        _("Days a week"),
        rules.CLINICIAN_MIN_DAYS,
        rules.CLINICIAN_MAX_DAYS,
        format_lazy(
            _("Enter a whole number of days from {low} to {high}."),
            low=rules.CLINICIAN_MIN_DAYS,
            high=rules.CLINICIAN_MAX_DAYS,
        ),
    )
    note = forms.CharField(
        label=_("Note to the patient (optional)"),
        required=False,
        max_length=limits.NOTE_FIELD_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the patient's dashboard until they mark it as read."),
        error_messages={
            "max_length": format_lazy(
                _("Keep the note to {count} characters or fewer."), count=limits.NOTE_FIELD_MAX
            )
        },
    )
