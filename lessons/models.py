from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Lesson(models.Model):
    """A short weekly lesson; lesson N opens in week N of the patient's plan."""

    week = models.PositiveSmallIntegerField(_("Opens in plan week"), unique=True)
    slug = models.SlugField(unique=True)
    title = models.CharField(_("Title"), max_length=120)
    body = models.TextField(_("Text"), help_text=_("Paragraphs separated by a blank line."))
    action = models.TextField(_("One thing to try this week"))

    class Meta:
        ordering = ["week"]

    def __str__(self):
        return f"{self.week}. {self.title}"


class LessonDone(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons_done"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="done_by")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="lesson_done_once")]

    def __str__(self):
        return f"lesson {self.lesson_id} done by user {self.user_id}"
