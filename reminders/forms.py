from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from accounts.forms import timezone_field
from accounts.models import Profile


class ReminderSettingsForm(forms.ModelForm):
    timezone = timezone_field()
    reminder_time = forms.TimeField(
        label=_("Reminder time"),
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        help_text=_("Your local time. We remind you only on days you have not logged anything."),
        error_messages={
            "invalid": _("Enter a time as hours and minutes, for example 18:30."),
            "required": _("Enter a time as hours and minutes, for example 18:30."),
        },
    )

    walking_days = forms.TypedMultipleChoiceField(
        label=_("Walking days"),
        choices=[(str(number), name) for number, name in WEEKDAYS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Optional: the days you mean to walk. Reminders and the calendar then come only "
            "on those days, and the others are rest days. Leave all unticked for every day."
        ),
    )

    class Meta:
        model = Profile
        fields = ["reminders_enabled", "reminder_time", "timezone", "walking_days"]

    def __init__(self, *args, target_days: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.target_days = target_days
        if not self.is_bound:
            self.initial["walking_days"] = list(self.instance.walking_days)

    def clean_walking_days(self):
        chosen = sorted(set(self.cleaned_data["walking_days"]))
        if chosen and self.target_days and len(chosen) < self.target_days:
            raise forms.ValidationError(
                _("This week's plan has %(days)s walking days: choose at least %(days)s.")
                % {"days": self.target_days}
            )
        return "".join(chosen)
