import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from walks import diary, limits, rules
from walks.models import EARLIEST_DATE, Surface, Walk
from walks.models.health import (
    HEALTH_BACKGROUND_FIELDS,
    DoctorVisit,
    FunctionCheck,
    HealthBackground,
)
from walks.services.entries import CHECKIN_FIELDS, FUNCTION_FIELDS, WALK_FIELDS

SYMPTOM_QUESTION = _("Since your last entry, have you noticed any of these?")
SYMPTOM_HINT = HTML(
    format_lazy(
        '<p class="form-text mt-0">{}</p>',
        _(
            "Tick any that apply. After you save, the app tells you what to do and how soon:"
            " the first group needs emergency care, the second a doctor the same day."
        ),
    )
)
# The checkboxes grouped by how soon they need a doctor, emergency signs first.
SYMPTOM_GROUPS = (
    (_("Emergency signs"), diary.URGENT_SYMPTOMS),
    (_("Signs to see a doctor today"), diary.SAME_DAY_SYMPTOMS),
    (_("Signs to see a doctor soon"), diary.DOCTOR_SYMPTOMS),
    (_("A reason to ease off"), diary.CAUTION_SYMPTOMS),
)


def _number(minimum: int, maximum: int) -> forms.NumberInput:
    # inputmode brings up the numeric keypad on phones.
    return forms.NumberInput(
        attrs={"min": minimum, "max": maximum, "step": 1, "inputmode": "numeric"}
    )


PAIN_CHOICES = [(n, str(n)) for n in range(limits.PAIN_MIN, limits.PAIN_MAX + 1)]
PAIN_SCALE_TEMPLATE = "walks/_pain_scale.html"


class ScaleSelect(forms.RadioSelect):
    """Radio buttons for 0-10, with the words for both ends."""

    def __init__(self, *, low_word, high_word):
        super().__init__(choices=PAIN_CHOICES, attrs={"class": "btn-check"})
        self.low_word, self.high_word = low_word, high_word


NO_PAIN = _("no pain")
WORST_PAIN = _("worst pain you can imagine")


def _pain_field(
    label: str, help_text="", low_word=NO_PAIN, high_word=WORST_PAIN
) -> forms.IntegerField:
    """0-10 as a row of large radio buttons: one tap on a phone. The value
    and its validation are the same as a number box's. The words for 0 and 10
    sit under the buttons, so there is no help text repeating them."""
    return forms.IntegerField(
        label=label,
        min_value=limits.PAIN_MIN,
        max_value=limits.PAIN_MAX,
        widget=ScaleSelect(low_word=low_word, high_word=high_word),
        help_text=help_text,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), _("Tap a number from 0 to 10.")
        ),
    )


def pain_scale(name: str) -> Field:
    return Field(name, template=PAIN_SCALE_TEMPLATE)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%Y-%m-%d",
        attrs={"type": "date", "min": EARLIEST_DATE.isoformat()},
    )


def _check_entry_date(value: datetime.date, today: datetime.date) -> datetime.date:
    if value > today:
        raise forms.ValidationError(_("The date cannot be in the future."))
    if value < EARLIEST_DATE:
        raise forms.ValidationError(_("The date cannot be before 1 January 2000."))
    return value


def _symptom_fieldset() -> Fieldset:
    return Fieldset(
        SYMPTOM_QUESTION,
        SYMPTOM_HINT,
        *(
            Fieldset(title, *codes, css_class=f"symptom-group symptom-group-{n} mb-2")
            for n, (title, codes) in enumerate(SYMPTOM_GROUPS, start=1)
        ),
        css_class="symptoms border rounded p-3 mb-3",
    )


def _model_field(model, name: str) -> forms.Field:
    """The form field a model field asks for (label, help text, choices)."""
    return model._meta.get_field(name).formfield()


# The symptom checkboxes, labelled as the model fields (shared by walks and check-ins).
SymptomFields = type(
    "SymptomFields",
    (forms.Form,),
    {name: _model_field(Walk, name) for name in diary.SYMPTOMS},
)


class EntryForm(SymptomFields):
    """Shared behaviour of the walk and check-in forms.

    Plain forms, not model forms: they validate input, and the services in
    walks/services/entries.py write. (A model form would also run one query
    per check constraint that these fields already enforce.)
    """

    submit_label = "Save"

    def __init__(self, *args, today: datetime.date, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial", {name: getattr(instance, name) for name in self.field_names}
            )
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        if not self.is_bound and instance is None:
            self.initial.setdefault("date", today)
        self.fields["notes"].widget.attrs.update({"rows": 3, "maxlength": limits.NOTES_MAX})
        self.fields["notes"].help_text = _("Optional. Up to %(count)s characters.") % {
            "count": limits.NOTES_MAX
        }
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self.build_layout()

    def clean_date(self):
        return _check_entry_date(self.cleaned_data["date"], self.today)


DATE_MESSAGES = {
    "required": _("Enter the date."),
    "invalid": _("Enter a real date, for example 2026-12-04 (or pick one)."),
}


def _date_field() -> forms.DateField:
    return forms.DateField(label=_("Date"), widget=_date_widget(), error_messages=DATE_MESSAGES)


def _notes_field() -> forms.CharField:
    return forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=limits.NOTES_MAX,
        widget=forms.Textarea,
        error_messages={
            "max_length": format_lazy(
                _("Keep the notes to {count} characters or fewer."), count=limits.NOTES_MAX
            )
        },
    )


class WalkForm(EntryForm):
    field_names = WALK_FIELDS
    date = _date_field()
    duration_minutes = forms.IntegerField(
        label=_("Minutes walked"),
        min_value=limits.MINUTES_MIN,
        max_value=limits.MINUTES_MAX,
        widget=_number(limits.MINUTES_MIN, limits.MINUTES_MAX),
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"),
            format_lazy(
                _("Enter the minutes walked: a whole number from {low} to {high}."),
                low=limits.MINUTES_MIN,
                high=limits.MINUTES_MAX,
            ),
        ),
        help_text=format_lazy(
            _("Between {low} and {high}. Two short walks? Log each one."),
            low=limits.MINUTES_MIN,
            high=limits.MINUTES_MAX,
        ),
    )
    pain_before = _pain_field(_("Pain before the walk (0-10)"))
    pain_after = _pain_field(_("Pain after the walk (0-10)"))
    surface = forms.ChoiceField(
        label=_("Surface"),
        choices=Surface.choices,
        initial=Surface.FLAT,
        widget=forms.RadioSelect,
        help_text=_("Flat, even ground is kindest to a sore back."),
    )
    stopped_for_sharp_pain = forms.BooleanField(
        label=_("I stopped early because of sharp pain"),
        required=False,
        help_text=_("Mild aching is normal. Sharp pain means stop and rest."),
    )
    notes = _notes_field()

    def build_layout(self):
        return Layout(
            Div(
                Div("date", css_class="col-sm-6"),
                Div("duration_minutes", css_class="col-sm-6"),
                css_class="row",
            ),
            pain_scale("pain_before"),
            pain_scale("pain_after"),
            "surface",
            "stopped_for_sharp_pain",
            _symptom_fieldset(),
            "notes",
        )


class CheckInForm(EntryForm):
    field_names = CHECKIN_FIELDS
    date = _date_field()
    pain = _pain_field(_("Pain right now (0-10)"))
    notes = _notes_field()

    def build_layout(self):
        return Layout(
            Div(Div("date", css_class="col-sm-6"), css_class="row"),
            pain_scale("pain"),
            _symptom_fieldset(),
            "notes",
        )


class PlanForm(forms.Form):
    # Our choice: a plan may start up to four weeks ahead, so a patient can
    # plan a fresh start, but not further.
    MAX_DAYS_AHEAD = 28

    start_date = forms.DateField(
        label=_("Plan start date"),
        widget=_date_widget(),
        error_messages=DATE_MESSAGES,
        help_text=_("Week 1 begins on this day. Each week runs for seven days from it."),
    )

    start_minutes = forms.IntegerField(
        label=_("Starting walk length (minutes)"),
        min_value=rules.MIN_START_MINUTES,
        max_value=rules.MAX_START_MINUTES,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"),
            _("Choose between 10 and 15 minutes."),
        ),
        widget=_number(rules.MIN_START_MINUTES, rules.MAX_START_MINUTES),
        help_text=_("Between 10 and 15 minutes. If unsure, start with 10."),
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_start_date(self):
        value = self.cleaned_data["start_date"]
        if value < EARLIEST_DATE:
            raise forms.ValidationError(_("The date cannot be before 1 January 2000."))
        if value > self.today + datetime.timedelta(days=self.MAX_DAYS_AHEAD):
            raise forms.ValidationError(_("Choose a start date no more than four weeks ahead."))
        return value


def _interference_field(label) -> forms.IntegerField:
    return _pain_field(
        label,
        help_text="",
        low_word=_("not at all"),
        high_word=_("completely got in the way"),
    )


class FunctionCheckForm(forms.Form):
    """The weekly function check: three 0-10 answers about the past week."""

    date = _date_field()
    pain_average = _pain_field(_("Your back pain on average this past week (0-10)"))
    enjoyment_interference = _interference_field(
        _("How much did the pain get in the way of enjoying life? (0-10)")
    )
    activity_interference = _interference_field(
        _("How much did the pain get in the way of your day-to-day activities? (0-10)")
    )

    def __init__(self, *args, today: datetime.date, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.user = today, user
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        if not self.is_bound:
            self.initial.setdefault("date", today)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(Div("date", css_class="col-sm-6"), css_class="row"),
            *(pain_scale(name) for name in FUNCTION_FIELDS),
        )

    def clean_date(self):
        value = _check_entry_date(self.cleaned_data["date"], self.today)
        if FunctionCheck.objects.filter(user=self.user, date=value).exists():
            raise forms.ValidationError(_("You already answered the weekly check for this date."))
        return value


class HealthBackgroundForm(forms.Form):
    """The six history questions and the date of the last check, labelled as
    the model fields."""

    def __init__(self, *args, today: datetime.date, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    name: getattr(instance, name)
                    for name in (*HEALTH_BACKGROUND_FIELDS, "doctor_checked_on")
                },
            )
        super().__init__(*args, **kwargs)
        self.today = today
        for name in HEALTH_BACKGROUND_FIELDS:
            self.fields[name] = HealthBackground._meta.get_field(name).formfield()
        checked = HealthBackground._meta.get_field("doctor_checked_on").formfield(
            widget=forms.DateInput(
                format="%Y-%m-%d",
                attrs={"type": "date", "min": EARLIEST_DATE.isoformat(), "max": today.isoformat()},
            ),
            error_messages=DATE_MESSAGES,
        )
        self.fields["doctor_checked_on"] = checked
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Does any of these apply to you?"),
                HTML(
                    format_lazy(
                        '<p class="form-text mt-0">{}</p>',
                        _(
                            "Tick any that apply. None of them means something is wrong, but"
                            " each makes back pain worth a doctor's check."
                        ),
                    )
                ),
                *HEALTH_BACKGROUND_FIELDS,
                css_class="border rounded p-3 mb-3",
            ),
            "doctor_checked_on",
        )

    def clean_doctor_checked_on(self):
        value = self.cleaned_data["doctor_checked_on"]
        if value is not None and value > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        if value is not None and value < EARLIEST_DATE:
            raise forms.ValidationError(_("The date cannot be before 1 January 2000."))
        return value


class DoctorVisitForm(forms.ModelForm):
    """ "A doctor has seen me": when, and what the doctor advised."""

    class Meta:
        model = DoctorVisit
        fields = ["seen_on", "advice", "note"]
        widgets = {"advice": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, today: datetime.date, first_entry: datetime.date | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.first_entry = today, first_entry
        self.fields["seen_on"].widget = forms.DateInput(
            format="%Y-%m-%d",
            attrs={"type": "date", "min": (first_entry or EARLIEST_DATE).isoformat(),
                   "max": today.isoformat()},
        )  # fmt: skip
        self.fields["seen_on"].error_messages.update(DATE_MESSAGES)
        self.fields["note"].help_text = _("Up to %(count)s characters.") % {
            "count": limits.NOTE_FIELD_MAX
        }
        if not self.is_bound:
            self.initial.setdefault("seen_on", today)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_seen_on(self):
        value = self.cleaned_data["seen_on"]
        if value > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        if value < (self.first_entry or EARLIEST_DATE):
            raise forms.ValidationError(
                _("The date cannot be before the first entry in your diary.")
            )
        return value
