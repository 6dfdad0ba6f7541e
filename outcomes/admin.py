"""Questionnaire wording in the admin: an admin edits the words (English and
Hindi), never what is scored. No item or option can be added or removed here,
and a value or score is read-only: those live in outcomes/instruments.py.
Patients' answers are private health data and are not in the admin."""

from django.contrib import admin

from outcomes.models import Item, Option, Questionnaire


class _WordingOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ItemInline(_WordingOnly, admin.TabularInline):
    model = Item
    fields = ("number", "text", "text_hi")
    readonly_fields = ("number",)
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(_WordingOnly, admin.ModelAdmin):
    list_display = ("title", "slug")
    fields = ("slug", "title", "title_hi", "intro", "intro_hi")
    readonly_fields = ("slug",)
    inlines = [ItemInline]


@admin.register(Option)
class OptionAdmin(_WordingOnly, admin.ModelAdmin):
    list_display = ("text", "text_hi", "value", "score", "item")
    list_filter = ("item__questionnaire",)
    fields = ("item", "value", "score", "text", "text_hi")
    readonly_fields = ("item", "value", "score")
    list_select_related = ("item", "item__questionnaire")
