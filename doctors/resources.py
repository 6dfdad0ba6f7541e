"""Bulk import and export of doctor listings (django-import-export).

Rows are matched by slug, so importing the same file twice changes nothing;
each row is validated like the admin form (full_clean), and an import with
any bad row shows every problem in the preview and saves nothing.
"""

from import_export import fields, resources, widgets

from doctors.models import Doctor, Language, Specialty


class DoctorResource(resources.ModelResource):
    specialty = fields.Field(
        attribute="specialty",
        column_name="specialty",
        widget=widgets.ForeignKeyWidget(Specialty, field="name"),
    )
    languages = fields.Field(
        attribute="languages",
        column_name="languages",
        widget=widgets.ManyToManyWidget(Language, field="name", separator="|"),
    )

    class Meta:
        model = Doctor
        import_id_fields = ("slug",)
        fields = (
            "slug", "name", "specialty", "title", "years_experience", "qualifications", "city",
            "clinic", "patients_served", "listed", "phone", "address", "languages", "in_clinic",
            "video", "opening_hours",
        )  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
