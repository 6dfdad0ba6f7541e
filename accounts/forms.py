import datetime
import functools
import importlib.resources
import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessToken, Profile
from walks.models import EARLIEST_DATE, HEALTH_BACKGROUND_FIELDS, HealthBackground


@functools.cache
def timezone_aliases() -> dict[str, str]:
    """Old zone names and the current name each links to (Asia/Calcutta ->
    Asia/Kolkata), from the IANA data the tzdata package ships: browsers still
    report some old names."""
    data = importlib.resources.files("tzdata").joinpath("zoneinfo/tzdata.zi").read_text()
    links = {
        alias: target
        for kind, target, alias in (
            line.split()[:3] for line in data.splitlines() if line[:2] == "L "
        )
    }
    # The list offers plain "UTC"; its other spellings lead there.
    utc = {alias for alias, target in links.items() if target == "Etc/UTC"} | {"Etc/UTC"}
    links.update(dict.fromkeys(utc - {"UTC"}, "UTC"))
    links.pop("UTC", None)
    return links


@functools.cache
def timezone_choices() -> list[tuple[str, str]]:
    """Current IANA zone names people live in (Area/City, plus UTC)."""
    aliases = timezone_aliases()
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name
        and name not in aliases
        and not name.startswith(("Etc/", "SystemV/", "US/", "posix", "right"))
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


@functools.cache
def timezone_old_names() -> dict[str, str]:
    old: dict[str, list[str]] = {}
    for alias, target in timezone_aliases().items():
        old.setdefault(target, []).append(alias)
    return {target: " ".join(sorted(names)) for target, names in old.items()}


class TimeZoneSelect(forms.Select):
    """Each option lists its old names, for static/js/timezone.js."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if old := timezone_old_names().get(value):
            option["attrs"]["data-aliases"] = old
        return option


class TimeZoneField(forms.ChoiceField):
    def to_python(self, value):
        value = super().to_python(value)
        return timezone_aliases().get(value, value)


def timezone_field(*, browser_default: bool = False) -> forms.ChoiceField:
    # At sign-up the zone may be left out (the server's is used); once saved it stays required.
    return TimeZoneField(
        required=not browser_default,
        label=_("Your time zone"),
        choices=timezone_choices,
        initial=settings.TIME_ZONE,
        help_text=_("Your days start and end at midnight where you live."),
        error_messages={
            "invalid_choice": _("Choose a time zone from the list, such as Asia/Kolkata.")
        },
        # static/js/timezone.js picks the browser's zone where this is set.
        widget=TimeZoneSelect(attrs={"data-browser-timezone": "1"} if browser_default else {}),
    )


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=True,
        help_text=_(
            "Used only for password resets and the reminders you choose. We send a link "
            "to confirm it."
        ),
    )
    timezone = timezone_field(browser_default=True)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self):
        # No "already in use" here: that would tell anyone which addresses
        # have accounts. The address is confirmed by email first
        # (accounts/email_confirmation.py).
        return User.objects.normalize_email(self.cleaned_data["email"]).strip()

    def save(self, commit=True):
        user = super().save(commit=False)
        user.email = ""  # until its owner opens the confirmation link
        if commit:
            user.save()
        return user


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_(
            "Type your password to confirm. This deletes your account and every entry in it."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not correct. Nothing was deleted."))
        return password


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
            )
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


class AccessTokenForm(forms.ModelForm):
    class Meta:
        model = AccessToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}


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
