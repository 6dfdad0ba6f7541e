from django import forms
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

    class Meta:
        model = Profile
        fields = ["reminders_enabled", "reminder_time", "timezone"]
