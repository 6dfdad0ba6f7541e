import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import ReportSettings
from reports.report import MAX_DAYS
from walks.models import EARLIEST_DATE

SHARE_DAYS_DEFAULT = 14


def _date(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date, for example 2026-12-04 (or pick one).")},
    )


class PeriodForm(forms.Form):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD; either may be left out."""

    def __init__(self, data, *, today: datetime.date, default: tuple):
        # The fields show the period in use: the default one when none is asked for.
        super().__init__(
            {
                "from": data.get("from") or default[0].isoformat(),
                "to": data.get("to") or default[1].isoformat(),
            }
        )
        self.fields["from"] = _date(_("From"))  # a keyword in Python, a fine field name
        self.fields["to"] = _date(_("To"))
        self.today, self.default = today, default

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        start = cleaned.get("from") or self.default[0]
        end = cleaned.get("to") or self.default[1]
        if end > self.today:
            self.add_error("to", _("The end of the period cannot be in the future."))
        elif start < EARLIEST_DATE:
            self.add_error("from", _("The period cannot start before 1 January 2000."))
        elif start > end:
            self.add_error("from", _("The start must be on or before the end."))
        elif (end - start).days + 1 > MAX_DAYS:
            self.add_error("from", _("A report covers at most a year (366 days)."))
        else:
            cleaned["start"], cleaned["end"] = start, end
        return cleaned

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        """The valid period asked for, or the default one."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.default


class DisplayNameForm(forms.ModelForm):
    class Meta:
        model = ReportSettings
        fields = ["display_name"]


class ShareForm(forms.Form):
    label = forms.CharField(
        label=_("Who is it for? (optional)"),
        max_length=60,
        required=False,
        help_text=_("For example “Dr Rao, physiotherapy”: it tells your links apart."),
        error_messages={"max_length": _("Keep it to 60 characters or fewer.")},
    )
    days = forms.IntegerField(
        label=_("The link works for (days)"),
        min_value=1,
        max_value=90,
        initial=SHARE_DAYS_DEFAULT,
        required=False,
        help_text=_("Between 1 and 90 days. After that the link stops working."),
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"), _("Enter a whole number of days from 1 to 90.")
        ),
    )

    def clean_days(self):
        return self.cleaned_data["days"] or SHARE_DAYS_DEFAULT
