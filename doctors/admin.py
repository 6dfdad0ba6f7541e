from django.contrib import admin, messages

from doctors.models import Doctor, Specialty


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Doctor)
class DoctorAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "specialty", "city", "years_experience", "listed"]
    list_filter = ["listed", "specialty", "city"]
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
    ]

    @admin.action(description="List selected doctors (show to patients)")
    def list_doctors(self, request, queryset):
        count = queryset.update(listed=True)
        self.message_user(request, f"{count} doctor(s) listed.", messages.SUCCESS)

    @admin.action(description="Unlist selected doctors (hide from patients)")
    def unlist_doctors(self, request, queryset):
        count = queryset.update(listed=False)
        self.message_user(request, f"{count} doctor(s) unlisted.", messages.SUCCESS)
