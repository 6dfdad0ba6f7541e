import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from walks import rules
from walks.wording import SYMPTOM_WORDS

EARLIEST_DATE = datetime.date(2000, 1, 1)
PAIN_HELP = "0 means no pain at all; 10 means the worst pain you can imagine."


def as_date(value) -> datetime.date | None:
    """A date from the database or a form, whether a date object or ISO text."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])  # SQLite hands back text


class SymptomFlags(models.Model):
    """The five warning symptoms a patient can report with any entry."""

    numbness_or_tingling = models.BooleanField(
        "Numbness or tingling in your legs",
        default=False,
        help_text="Pins and needles, or a dead feeling, in a leg or foot.",
    )
    difficulty_walking_or_standing = models.BooleanField(
        "Difficulty walking or standing",
        default=False,
        help_text="Your legs feel weak or unsteady, or standing up is hard.",
    )
    after_injury_or_fall = models.BooleanField(
        "Pain after an injury or fall",
        default=False,
        help_text="The pain started or got worse after a fall, knock or accident.",
    )
    saddle_numbness = models.BooleanField(
        "Numbness between your legs",
        default=False,
        help_text="Reduced feeling around the groin, buttocks or inner thighs.",
    )
    bladder_or_bowel_change = models.BooleanField(
        "A change in bladder or bowel control",
        default=False,
        help_text="New trouble holding or passing urine or stool.",
    )

    class Meta:
        abstract = True

    @property
    def symptoms(self) -> frozenset[str]:
        return frozenset(name for name in rules.SYMPTOMS if getattr(self, name))

    @property
    def symptom_words(self) -> list[str]:
        """The reported symptoms in plain words, in the form's order."""
        return [SYMPTOM_WORDS[name] for name in rules.SYMPTOMS if getattr(self, name)]


class Surface(models.TextChoices):
    FLAT = "flat", "Flat and even (track, path, pavement)"
    TREADMILL = "treadmill", "Treadmill"
    UNEVEN = "uneven", "Uneven ground (grass, trail, hills)"


SURFACE_SHORT = {"flat": "flat ground", "treadmill": "treadmill", "uneven": "uneven ground"}


class Walk(SymptomFlags):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="walks"
    )
    date = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField("Minutes walked")
    pain_before = models.PositiveSmallIntegerField("Pain before the walk", help_text=PAIN_HELP)
    pain_after = models.PositiveSmallIntegerField("Pain after the walk", help_text=PAIN_HELP)
    surface = models.CharField(max_length=16, choices=Surface.choices, default=Surface.FLAT)
    stopped_for_sharp_pain = models.BooleanField(
        "I stopped early because of sharp pain", default=False
    )
    notes = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at", "-id"]
        indexes = [models.Index(fields=["user", "date"], name="walk_user_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=300),
                name="walk_minutes_1_300",
            ),
            models.CheckConstraint(
                condition=Q(pain_before__gte=0, pain_before__lte=10),
                name="walk_pain_before_0_10",
            ),
            models.CheckConstraint(
                condition=Q(pain_after__gte=0, pain_after__lte=10),
                name="walk_pain_after_0_10",
            ),
            models.CheckConstraint(
                condition=Q(date__gte=EARLIEST_DATE), name="walk_date_from_2000"
            ),
            models.CheckConstraint(
                condition=Q(surface__in=[c.value for c in Surface]),
                name="walk_surface_known",
            ),
        ]

    def __str__(self):
        return f"{self.date:%d %b %Y}: {self.duration_minutes} min"

    @property
    def surface_short(self) -> str:
        return SURFACE_SHORT.get(self.surface, self.surface)


class CheckIn(SymptomFlags):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    date = models.DateField()
    pain = models.PositiveSmallIntegerField("Pain right now", help_text=PAIN_HELP)
    notes = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "check-in"
        ordering = ["-date", "-created_at", "-id"]
        indexes = [models.Index(fields=["user", "date"], name="checkin_user_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(pain__gte=0, pain__lte=10), name="checkin_pain_0_10"
            ),
            models.CheckConstraint(
                condition=Q(date__gte=EARLIEST_DATE), name="checkin_date_from_2000"
            ),
        ]

    def __str__(self):
        return f"{self.date:%d %b %Y}: pain {self.pain}"


class Plan(models.Model):
    """A patient's explicit choice of when the plan starts and at what length."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan"
    )
    start_date = models.DateField()
    start_minutes = models.PositiveSmallIntegerField(default=rules.MIN_MINUTES)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    start_minutes__gte=rules.MIN_START_MINUTES,
                    start_minutes__lte=rules.MAX_START_MINUTES,
                ),
                name="plan_start_minutes_10_15",
            ),
            models.CheckConstraint(
                condition=Q(start_date__gte=EARLIEST_DATE), name="plan_date_from_2000"
            ),
        ]

    def __str__(self):
        return f"Plan from {self.start_date} at {self.start_minutes} min"


class DiaryVersion(models.Model):
    """A counter that every change to a patient's diary moves on.

    Assessed weeks are cached (Django's cache framework) under the patient
    and this version, so a write never has to find and fix cached data: it
    moves the counter in the same transaction, and readers look under the new
    key. `changed_from` is the earliest day the latest change touched, so the
    previous version's weeks that end before it can still be reused.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="diary_version",
    )
    version = models.PositiveBigIntegerField(default=0)
    changed_from = models.DateField(null=True)

    def __str__(self):
        return f"diary version {self.version}"
