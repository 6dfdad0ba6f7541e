import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms

from walks import rules
from walks.models import EARLIEST_DATE, PAIN_HELP, CheckIn, Plan, Walk
from walks.services import local_today

SYMPTOM_QUESTION = "Since your last entry, have you noticed any of these?"
SYMPTOM_HINT = (
    "Tick any that apply. Some of these need a doctor soon, and two of them "
    "need emergency care, so the app will tell you what to do."
)


def _number(minimum: int, maximum: int) -> forms.NumberInput:
    # inputmode brings up the numeric keypad on phones.
    return forms.NumberInput(
        attrs={"min": minimum, "max": maximum, "step": 1, "inputmode": "numeric"}
    )


def _pain_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, max_value=10, widget=_number(0, 10), help_text=PAIN_HELP
    )


def _date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%Y-%m-%d",
        attrs={"type": "date", "min": EARLIEST_DATE.isoformat()},
    )


def _check_entry_date(value: datetime.date) -> datetime.date:
    if value > local_today():
        raise forms.ValidationError("The date cannot be in the future.")
    if value < EARLIEST_DATE:
        raise forms.ValidationError("The date cannot be before 1 January 2000.")
    return value


def _symptom_fieldset() -> Fieldset:
    return Fieldset(
        SYMPTOM_QUESTION,
        HTML(f'<p class="form-text mt-0">{SYMPTOM_HINT}</p>'),
        *rules.SYMPTOMS,
        css_class="symptoms border rounded p-3 mb-3",
    )


class EntryForm(forms.ModelForm):
    """Shared behaviour of the walk and check-in forms."""

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget.attrs["max"] = local_today().isoformat()
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("date", local_today())
        self.fields["notes"].widget.attrs.update({"rows": 3, "maxlength": 1000})
        self.fields["notes"].help_text = "Optional. Up to 1000 characters."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self.build_layout()

    def clean_date(self):
        return _check_entry_date(self.cleaned_data["date"])


class WalkForm(EntryForm):
    duration_minutes = forms.IntegerField(
        label="Minutes walked",
        min_value=1,
        max_value=300,
        widget=_number(1, 300),
        help_text="Between 1 and 300. Two short walks? Log each one.",
    )
    pain_before = _pain_field("Pain before the walk (0-10)")
    pain_after = _pain_field("Pain after the walk (0-10)")

    class Meta:
        model = Walk
        fields = [
            "date",
            "duration_minutes",
            "pain_before",
            "pain_after",
            "surface",
            "stopped_for_sharp_pain",
            *rules.SYMPTOMS,
            "notes",
        ]
        widgets = {"date": _date_widget(), "surface": forms.RadioSelect}
        help_texts = {
            "surface": "Flat, even ground is kindest to a sore back.",
            "stopped_for_sharp_pain": "Mild aching is normal. Sharp pain means stop and rest.",
        }

    def build_layout(self):
        return Layout(
            Div(
                Div("date", css_class="col-sm-6"),
                Div("duration_minutes", css_class="col-sm-6"),
                css_class="row",
            ),
            Div(
                Div("pain_before", css_class="col-sm-6"),
                Div("pain_after", css_class="col-sm-6"),
                css_class="row",
            ),
            "surface",
            "stopped_for_sharp_pain",
            _symptom_fieldset(),
            "notes",
        )


class CheckInForm(EntryForm):
    pain = _pain_field("Pain right now (0-10)")

    class Meta:
        model = CheckIn
        fields = ["date", "pain", *rules.SYMPTOMS, "notes"]
        widgets = {"date": _date_widget()}

    def build_layout(self):
        return Layout(
            Div(
                Div("date", css_class="col-sm-6"),
                Div("pain", css_class="col-sm-6"),
                css_class="row",
            ),
            _symptom_fieldset(),
            "notes",
        )


class PlanForm(forms.ModelForm):
    start_minutes = forms.IntegerField(
        label="Starting walk length (minutes)",
        min_value=rules.MIN_START_MINUTES,
        max_value=rules.MAX_START_MINUTES,
        widget=_number(rules.MIN_START_MINUTES, rules.MAX_START_MINUTES),
        help_text="Between 10 and 15 minutes. If unsure, start with 10.",
    )

    # Our choice: a plan may start up to four weeks ahead, so a patient can
    # plan a fresh start, but not further.
    MAX_DAYS_AHEAD = 28

    class Meta:
        model = Plan
        fields = ["start_date", "start_minutes"]
        widgets = {"start_date": _date_widget()}
        labels = {"start_date": "Plan start date"}
        help_texts = {
            "start_date": "Week 1 begins on this day. Each week runs for seven days from it."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_start_date(self):
        value = self.cleaned_data["start_date"]
        if value < EARLIEST_DATE:
            raise forms.ValidationError("The date cannot be before 1 January 2000.")
        if value > local_today() + datetime.timedelta(days=self.MAX_DAYS_AHEAD):
            raise forms.ValidationError("Choose a start date no more than four weeks ahead.")
        return value
