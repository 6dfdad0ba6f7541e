from django import forms
from django.utils.translation import gettext_lazy as _

from clinic import services


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
