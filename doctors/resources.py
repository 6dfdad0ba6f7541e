"""Bulk import and export of doctor listings (django-import-export).

Rows are matched by slug, so importing the same file twice changes nothing;
each row is validated like the admin form (full_clean), and an import with
any bad row shows every problem in the preview and saves nothing.

Each bad cell gets its own message naming the value, and the admin's
preview (templates/admin/import_export/import.html) gives it with the
spreadsheet's line number and the column.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from doctors.models import Doctor, Language, Specialty


class SpecialtyWidget(widgets.ForeignKeyWidget):
    """A specialty by its name; an unknown name is this cell's error."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Specialty.DoesNotExist:
            raise ValueError(
                _("No specialty is called “%(name)s”. Add it under Specialties first.")
                % {"name": value}
            ) from None


class LanguagesWidget(widgets.ManyToManyWidget):
    """Languages by name, separated by |; any unknown name is this cell's
    error (the library would drop it without a word)."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        names = [name.strip() for name in str(value or "").split(self.separator) if name.strip()]
        known = {getattr(language, self.field) for language in found}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise ValueError(
                _("No language is called %(names)s. Add it under Languages first.")
                % {"names": ", ".join(f"“{name}”" for name in unknown)}
            )
        return found


class WholeNumberWidget(widgets.IntegerWidget):
    """A count; anything else is this cell's error (the library's own is a
    decimal exception that hides every other problem in the file)."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ValueError, ArithmeticError):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value}) from None


class DoctorResource(resources.ModelResource):
    years_experience = fields.Field(
        attribute="years_experience", column_name="years_experience", widget=WholeNumberWidget()
    )
    patients_served = fields.Field(
        attribute="patients_served", column_name="patients_served", widget=WholeNumberWidget()
    )
    specialty = fields.Field(
        attribute="specialty",
        column_name="specialty",
        widget=SpecialtyWidget(Specialty, field="name"),
    )
    languages = fields.Field(
        attribute="languages",
        column_name="languages",
        widget=LanguagesWidget(Language, field="name", separator="|"),
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

    def import_instance(self, instance, row, **kwargs):
        """The library saves languages after the listing; check them here, with
        the other cells, so a bad one is reported before anything is saved."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.error_dict
        field = self.fields["languages"]
        if field.column_name in row:
            try:
                field.clean(row, **kwargs)
            except ValueError as error:
                errors["languages"] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)
