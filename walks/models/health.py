"""What the patient tells the app about their health beyond the diary: the
history questions, the weekly function check and doctor visits."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from walks import limits
from walks.function_check import function_score
from walks.models import EARLIEST_DATE

HEALTH_BACKGROUND_FIELDS = (
    "cancer_history",
    "long_term_steroids",
    "osteoporosis",
    "weakened_immunity",
    "injected_drugs",
    "first_back_pain_over_50",
)


class HealthBackground(models.Model):
    """Things in a patient's history that make back pain worth a doctor's
    look (the usual clinical "red flag" history). Private health data: only
    its owner sees it; it is not in the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="health_background",
    )
    cancer_history = models.BooleanField(
        _("I have had cancer"), default=False, help_text=_("At any time, even if treated.")
    )
    long_term_steroids = models.BooleanField(
        _("I take, or have taken, steroid tablets for months"),
        default=False,
        help_text=_("For example prednisolone for asthma, arthritis or bowel disease."),
    )
    osteoporosis = models.BooleanField(_("I have osteoporosis (thin bones)"), default=False)
    weakened_immunity = models.BooleanField(
        _("My immune system is weakened"),
        default=False,
        help_text=_("By an illness such as HIV, or by medicines after a transplant or for cancer."),
    )
    injected_drugs = models.BooleanField(
        _("I have injected drugs"), default=False, help_text=_("Now or in the past.")
    )
    first_back_pain_over_50 = models.BooleanField(
        _("This is the first back pain I have had, and I am over 50"), default=False
    )
    doctor_checked_on = models.DateField(
        _("A doctor has checked my back since"),
        null=True,
        blank=True,
        help_text=_("The date of the visit, if a doctor has examined your back."),
    )
    # The day the boxes above last changed: a check before it does not count.
    boxes_changed_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return "health background"


class FunctionCheck(models.Model):
    """The weekly function check: three 0-10 answers about the past week,
    after the structure of the PEG scale (pain, enjoyment, general activity)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="function_checks"
    )
    date = models.DateField(_("date"))
    pain_average = models.PositiveSmallIntegerField(_("Your back pain on average this past week"))
    enjoyment_interference = models.PositiveSmallIntegerField(
        _("How much the pain got in the way of enjoying life")
    )
    activity_interference = models.PositiveSmallIntegerField(
        _("How much the pain got in the way of your day-to-day activities")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_function_check_a_day"),
            *(
                models.CheckConstraint(
                    condition=Q(
                        **{f"{name}__gte": limits.PAIN_MIN, f"{name}__lte": limits.PAIN_MAX}
                    ),
                    name=f"function_{name}_0_10",
                )
                for name in ("pain_average", "enjoyment_interference", "activity_interference")
            ),
            models.CheckConstraint(
                condition=Q(date__gte=EARLIEST_DATE), name="function_date_from_2000"
            ),
        ]

    def __str__(self):
        return f"{self.date:%d %b %Y}: function {self.score}"

    @property
    def score(self):
        return function_score(
            self.pain_average, self.enjoyment_interference, self.activity_interference
        )


class DoctorVisit(models.Model):
    """ "A doctor has seen me": warnings read only the days after `seen_on`
    (a sign reported later raises its warning again), and `rest` advice holds
    walking until a later visit says the patient may walk."""

    class Advice(models.TextChoices):
        WALK = "walk", _("Keep walking as the plan says")
        REST = "rest", _("Rest for now")
        OTHER = "other", _("Something else")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="doctor_visits"
    )
    seen_on = models.DateField(_("Date the doctor saw you"))
    advice = models.CharField(_("What the doctor advised"), max_length=5, choices=Advice.choices)
    note = models.CharField(
        _("Anything else the doctor said (optional)"),
        max_length=limits.NOTE_FIELD_MAX,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-seen_on", "-id"]
        indexes = [models.Index(fields=["user", "seen_on"], name="visit_user_seen_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(seen_on__gte=EARLIEST_DATE), name="visit_date_from_2000"
            ),
        ]

    def __str__(self):
        return f"doctor visit of user {self.user_id} on {self.seen_on}"
