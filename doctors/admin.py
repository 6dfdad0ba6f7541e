from django.contrib import admin, messages
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from doctors.models import Doctor, Language, Specialty
from doctors.resources import DoctorResource


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Doctor)
class DoctorAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [DoctorResource]
    formats = [CSV, XLSX]
    list_display = ["name", "title", "specialty", "city", "years_experience", "listed"]
    list_filter = ["listed", "specialty", "video", "languages", "city"]
    search_fields = ["name", "title", "qualifications", "city", "clinic", "specialty__name"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["specialty"]
    list_per_page = 50
    actions = ["list_doctors", "unlist_doctors"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "specialty", "title", "listed"]}),
        (
            "Details shown to patients",
            {"fields": ["years_experience", "qualifications", "city", "clinic", "patients_served"]},
        ),
        (
            "How to reach them",
            {
                "fields": [
                    "phone",
                    "address",
                    "languages",
                    "in_clinic",
                    "video",
                    "opening_hours",
                    "photo",
                ]
            },
        ),
    ]
    filter_horizontal = ["languages"]

    def _set_listed(self, queryset, listed: bool) -> int:
        # One save per doctor (not a bulk update), so the history records each change.
        changed = 0
        for doctor in queryset.filter(listed=not listed):
            doctor.listed = listed
            doctor.save(update_fields=["listed", "updated_at"])
            changed += 1
        return changed

    @admin.action(description="List selected doctors (show to patients)")
    def list_doctors(self, request, queryset):
        count = self._set_listed(queryset, True)
        self.message_user(request, f"{count} doctor(s) listed.", messages.SUCCESS)

    @admin.action(description="Unlist selected doctors (hide from patients)")
    def unlist_doctors(self, request, queryset):
        count = self._set_listed(queryset, False)
        self.message_user(request, f"{count} doctor(s) unlisted.", messages.SUCCESS)
