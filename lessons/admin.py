from django.contrib import admin

from lessons.models import Lesson


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("week", "title", "slug")
    ordering = ("week",)
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}
