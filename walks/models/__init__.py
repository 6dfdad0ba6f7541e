import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from walks import diary, limits, rules
from walks.wording import SYMPTOM_WORDS

EARLIEST_DATE = datetime.date(2000, 1, 1)
PAIN_HELP = _("0 means no pain at all; 10 means the worst pain you can imagine.")


def as_date(value) -> datetime.date | None:
    """A date from the database or a form, whether a date object or ISO text."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])  # SQLite hands back text


def _flag(label: str, help_text: str) -> models.BooleanField:
    return models.BooleanField(label, default=False, help_text=help_text)


class SymptomFlags(models.Model):
    """The warning signs a patient can tick with any entry ("since your last
    entry"), in the order of walks.diary.SYMPTOMS: most urgent first."""

    # Emergency signs
    saddle_numbness = _flag(
        _("Numbness between your legs"),
        _("Less feeling around the groin, the buttocks or the inner thighs."),
    )
    bladder_or_bowel_change = _flag(
        _("A change in bladder or bowel control"),
        _("New trouble holding or passing urine or stool."),
    )
    both_legs = _flag(
        _("Numbness, tingling or weakness in both legs"),
        _("Both legs at once, not just one."),
    )
    sexual_function_change = _flag(
        _("A change in sexual function"),
        _("New loss of feeling in the genitals, or a change in how they work."),
    )
    chest_pain = _flag(
        _("Chest pain"),
        _("Pain in the chest together with the back pain."),
    )
    # Signs for a doctor today
    leg_weakness = _flag(
        _("New weakness in one leg or foot"),
        _("The foot drags or catches, or the leg gives way."),
    )
    fever = _flag(
        _("Fever or feeling very unwell"),
        _("A high temperature, shivering, or feeling ill as well as sore."),
    )
    after_injury_or_fall = _flag(
        _("Pain after an injury or fall"),
        _("The pain started or got worse after a fall, knock or accident."),
    )
    night_pain = _flag(
        _("Pain that is worse at night"),
        _("Pain that wakes you, or does not ease when you lie down and rest."),
    )
    weight_loss_or_lump = _flag(
        _("Weight loss, or a new lump or shape in your back"),
        _("Losing weight without trying, or a lump or change in the shape of the back."),
    )
    # Signs for a doctor soon
    numbness_or_tingling = _flag(
        _("Numbness or tingling in one leg"),
        _("Pins and needles, or a dead feeling, in one leg or foot."),
    )
    difficulty_walking_or_standing = _flag(
        _("Difficulty walking or standing"),
        _("Your legs feel weak or unsteady, or standing up is hard."),
    )
    # A reason to ease off
    leg_joint_pain = _flag(
        _("New pain in a hip, knee, ankle or foot"),
        _("Joint pain that started with your walks."),
    )

    class Meta:
        abstract = True

    @property
    def symptoms(self) -> frozenset[str]:
        return frozenset(name for name in diary.SYMPTOMS if getattr(self, name))

    @property
    def symptom_words(self) -> list[str]:
        """The reported symptoms in plain words, in the form's order."""
        return [SYMPTOM_WORDS[name] for name in diary.SYMPTOMS if getattr(self, name)]


class Surface(models.TextChoices):
    FLAT = "flat", _("Flat and even (track, path, pavement)")
    TREADMILL = "treadmill", _("Treadmill")
    UNEVEN = "uneven", _("Uneven ground (grass, trail, hills)")


SURFACE_SHORT = {
    "flat": _("flat ground"),
    "treadmill": _("treadmill"),
    "uneven": _("uneven ground"),
}


class WalkSource(models.TextChoices):
    DIARY = "diary", _("Logged in the app")
    GPX = "gpx", _("GPX file")
    TCX = "tcx", _("TCX file")
    APPLE_HEALTH = "apple_health", _("Apple Health")
    CSV = "csv", _("CSV file")


class Walk(SymptomFlags):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="walks"
    )
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("Minutes walked"))
    pain_before = models.PositiveSmallIntegerField(_("Pain before the walk"), help_text=PAIN_HELP)
    pain_after = models.PositiveSmallIntegerField(_("Pain after the walk"), help_text=PAIN_HELP)
    surface = models.CharField(
        _("surface"), max_length=16, choices=Surface.choices, default=Surface.FLAT
    )
    stopped_for_sharp_pain = models.BooleanField(
        _("I stopped early because of sharp pain"), default=False
    )
    notes = models.TextField(_("notes"), max_length=limits.NOTES_MAX, blank=True)
    # Where the walk came from, and what an imported file knew about it.
    source = models.CharField(
        _("Source"), max_length=16, choices=WalkSource.choices, default=WalkSource.DIARY
    )
    started_at = models.DateTimeField(_("Started at"), null=True, blank=True)
    distance_km = models.DecimalField(
        _("Distance (km)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    # Set by an API client (a phone, a watch, the offline app) so that sending
    # the same walk twice saves it once.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at", "-id"]
        indexes = [models.Index(fields=["user", "date"], name="walk_user_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client_id"],
                condition=Q(client_id__isnull=False),
                name="walk_client_id_once",
            ),
            models.CheckConstraint(
                condition=Q(
                    duration_minutes__gte=limits.MINUTES_MIN,
                    duration_minutes__lte=limits.MINUTES_MAX,
                ),
                name="walk_minutes_1_300",
            ),
            models.CheckConstraint(
                condition=Q(pain_before__gte=limits.PAIN_MIN, pain_before__lte=limits.PAIN_MAX),
                name="walk_pain_before_0_10",
            ),
            models.CheckConstraint(
                condition=Q(pain_after__gte=limits.PAIN_MIN, pain_after__lte=limits.PAIN_MAX),
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
    date = models.DateField(_("date"))
    pain = models.PositiveSmallIntegerField(_("Pain right now"), help_text=PAIN_HELP)
    notes = models.TextField(_("notes"), max_length=limits.NOTES_MAX, blank=True)
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "check-in"
        ordering = ["-date", "-created_at", "-id"]
        indexes = [models.Index(fields=["user", "date"], name="checkin_user_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client_id"],
                condition=Q(client_id__isnull=False),
                name="checkin_client_id_once",
            ),
            models.CheckConstraint(
                condition=Q(pain__gte=limits.PAIN_MIN, pain__lte=limits.PAIN_MAX),
                name="checkin_pain_0_10",
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


class PlanTarget(models.Model):
    """A clinician's (T, D) for one plan week, with an optional note to the
    patient. The latest for a week wins; the rows stay as the history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_targets"
    )
    week_start = models.DateField()
    target_minutes = models.PositiveSmallIntegerField()
    target_days = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True, max_length=limits.NOTE_FIELD_MAX)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_by_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["user", "read_at"], name="plantarget_unread")]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    target_minutes__gte=rules.CLINICIAN_MIN_MINUTES,
                    target_minutes__lte=rules.CLINICIAN_MAX_MINUTES,
                    target_days__gte=rules.CLINICIAN_MIN_DAYS,
                    target_days__lte=rules.CLINICIAN_MAX_DAYS,
                ),
                name="plantarget_in_range",
            )
        ]

    def __str__(self):
        return f"{self.target_minutes} min on {self.target_days} days from {self.week_start}"


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
    # The clinician targets in force, [[first day of the week, T, D], ...]
    # oldest first: a copy of `PlanTarget` read with the version in one query.
    targets = models.JSONField(default=list, blank=True)

    def __str__(self):
        return f"diary version {self.version}"


class PatientSummary(models.Model):
    """What a clinician's panel shows about one patient, kept up to date in
    the same transaction as every write that changes it (walks/services/
    summary.py), so the panel reads one row per patient instead of the diary.

    What changes with the calendar alone is stored with dates, not as a
    verdict: `timeline` holds the guidance and the week for each of the
    days from `computed_on` on (no new entry can change them without a new
    write), and the `*_until` dates say when each reason for attention ends,
    so the panel sorts in SQL for any day."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="summary",
    )
    computed_on = models.DateField()  # the patient's local date at the write
    plan_start = models.DateField(null=True)
    last_entry_on = models.DateField(null=True)
    walking_days = models.JSONField(null=True)  # weekdays the patient chose, or null
    # One entry a day from computed_on: [state, week, T, D, days met, minutes,
    # set by, pain change (week against the week before) or null].
    timeline = models.JSONField(default=list)
    urgent_until = models.DateField(null=True)  # emergency or same-day warnings
    doctor_until = models.DateField(null=True)  # doctor-level warnings
    pain_up_from = models.DateField(null=True)  # pain up 2 or more, on these days
    pain_up_until = models.DateField(null=True)
    # Written by the questionnaires (outcomes/services.py).
    back_function = models.PositiveSmallIntegerField(null=True)
    back_function_change = models.SmallIntegerField(null=True)  # from the first score
    outlook_band = models.CharField(max_length=10, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"summary of {self.user_id} on {self.computed_on}"


class ImportClaim(models.Model):
    """One import preview, confirmed: its one-time key is inserted in the same
    transaction as the walks, so a second press, a resubmission or twelve
    requests at once save the walks once (the key is unique). Keys older than
    a preview's lifetime are deleted by the next confirmation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_claims"
    )
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"import {self.key}"


class ImportJob(models.Model):
    """One uploaded file being read in the background (walks/tasks.py).

    The file waits in the private "imports" storage under `stored_name` until
    the task has read it; then `result` holds what the preview shows (the
    walks found, the rows that cannot be imported) and the file is deleted.
    A job and anything it still holds are deleted after a day
    (walks.services.imports.JOB_LIFETIME). Its id is random: it appears in
    the progress page's address, always looked up with its owner."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to start")
        READING = "reading", _("Reading the file")
        READY = "ready", _("Ready to check")
        FAILED = "failed", _("Could not be read")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    language = models.CharField(max_length=10)  # the messages the task writes
    stored_name = models.CharField(max_length=200, blank=True)  # "" once deleted
    bytes_total = models.PositiveBigIntegerField(default=0)
    bytes_read = models.PositiveBigIntegerField(default=0)
    walks_found = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)  # why it failed, in the patient's language
    result = models.JSONField(null=True, blank=True)  # the preview's content

    def __str__(self):
        return f"import {self.pk} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.READY, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if not self.bytes_total:
            return 0
        return min(99, self.bytes_read * 100 // self.bytes_total)


# The health records live in walks/models/health.py; importing it here is
# what registers them with Django (callers import them from there).
from walks.models import health  # noqa: E402, F401
