from django.contrib import admin

from clinic.models import Clinician


@admin.register(Clinician)
class ClinicianAdmin(admin.ModelAdmin):
    """Staff tie a clinician to a listing; the role itself is the `clinicians`
    group (Users). Care links and the access record are the patient's and
    are not in the admin."""

    list_display = ("user", "doctor", "practice_code")
    fields = ("user", "doctor", "practice_code")
    readonly_fields = ("practice_code",)
    raw_id_fields = ("user", "doctor")
    search_fields = ("user__username", "doctor__name")
