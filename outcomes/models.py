"""Questionnaires as data (wording editable in the admin) and each patient's
answers. Scoring rules are in outcomes/instruments.py; a response keeps the
score it was given when it was saved."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language

from outcomes import instruments


def _localised(obj, field: str) -> str:
    """The Hindi wording when Hindi is active and an admin or the app gave one."""
    if (get_language() or "").startswith("hi"):
        return getattr(obj, f"{field}_hi") or getattr(obj, field)
    return getattr(obj, field)


class Questionnaire(models.Model):
    slug = models.SlugField(
        unique=True, choices=[(s, s) for s in instruments.SLUGS], editable=False
    )
    title = models.CharField(max_length=200)
    title_hi = models.CharField("title (Hindi)", max_length=200, blank=True)
    intro = models.TextField(blank=True)
    intro_hi = models.TextField("introduction (Hindi)", blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title

    @property
    def shown_title(self) -> str:
        return _localised(self, "title")

    @property
    def shown_intro(self) -> str:
        return _localised(self, "intro")


class Item(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(editable=False)
    text = models.TextField()
    text_hi = models.TextField("text (Hindi)", blank=True)

    class Meta:
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="item_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"

    @property
    def shown_text(self) -> str:
        return _localised(self, "text")


class Option(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="options")
    value = models.SlugField(max_length=20, editable=False)
    score = models.PositiveSmallIntegerField(editable=False)  # from instruments, never edited
    position = models.PositiveSmallIntegerField(editable=False)
    text = models.CharField(max_length=200)
    text_hi = models.CharField("text (Hindi)", max_length=200, blank=True)

    class Meta:
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "value"], name="option_value_unique")
        ]

    def __str__(self):
        return self.text

    @property
    def shown_text(self) -> str:
        return _localised(self, "text")


class Response(models.Model):
    """One completed questionnaire. Private health data: not in the admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    answered_on = models.DateField()  # the patient's local date
    created_at = models.DateTimeField(auto_now_add=True)
    score = models.PositiveSmallIntegerField()
    subscale = models.PositiveSmallIntegerField(null=True)  # outlook: distress items 5-9
    band = models.CharField(max_length=10, blank=True)  # outlook
    recurrence = models.BooleanField(default=False)  # recurrence: the pain came back
    goal_met_on = models.DateField(null=True)  # recurrence: when the goal was first met

    class Meta:
        ordering = ["answered_on", "id"]
        indexes = [models.Index(fields=["user", "questionnaire", "answered_on"])]

    def __str__(self):
        return f"{self.questionnaire.slug} {self.answered_on}: {self.score}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    value = models.SlugField(max_length=20)

    class Meta:
        ordering = ["response", "item__number"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")
        ]

    def __str__(self):
        return f"{self.item_id}: {self.value}"
