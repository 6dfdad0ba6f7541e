import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessToken
from walks.models import EARLIEST_DATE, HEALTH_BACKGROUND_FIELDS, HealthBackground


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=True,
        help_text="Used only to reset your password if you forget it.",
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account already uses this email address. Log in, or reset your password "
                "if you have forgotten it."
            )
        return email


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Type your password to confirm. This deletes your account and every entry in it.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not correct. Nothing was deleted.")
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
                    '<p class="form-text mt-0">{% load i18n %}{% translate "Tick any that'
                    " apply. None of them means something is wrong, but each makes back pain"
                    " worth a doctor's check.\" %}</p>"
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
