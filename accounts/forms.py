import functools
import importlib.resources
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessToken


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


class AccessTokenForm(forms.ModelForm):
    class Meta:
        model = AccessToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}
