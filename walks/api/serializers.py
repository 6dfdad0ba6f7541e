"""Serializers whose fields and validation are the app's forms.

The fields are derived from the form's fields (names, limits, choices), for
the OpenAPI schema and the output; the input is checked by the form itself,
so the API and the pages cannot disagree on what is valid.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from walks.forms import CheckInForm, FunctionCheckForm, PlanForm, WalkForm


def _serializer_field(field: forms.Field) -> serializers.Field:
    common = {"help_text": str(field.help_text or "") or None, "label": str(field.label or "")}
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(required=False, default=False, **common)
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(
            min_value=field.min_value, max_value=field.max_value, **common
        )
    if isinstance(field, forms.DateField):
        return serializers.DateField(**common)
    if isinstance(field, forms.ChoiceField):
        return serializers.ChoiceField(
            choices=field.choices, required=False, default=field.initial, **common
        )
    if isinstance(field, forms.CharField):
        return serializers.CharField(
            max_length=field.max_length, required=False, allow_blank=True, default="", **common
        )
    raise TypeError(f"no API field for {type(field).__name__}")


# The JSON type each field takes (the forms would also read "5" as 5, but the
# API says what it means: a number is a number).
JSON_TYPES = {
    serializers.BooleanField: ((bool,), gettext_lazy("true or false")),
    serializers.IntegerField: ((int,), gettext_lazy("a whole number")),
    serializers.DateField: ((str,), gettext_lazy("a date as YYYY-MM-DD")),
    serializers.ChoiceField: ((str,), gettext_lazy("one of the choices")),
    serializers.CharField: ((str,), gettext_lazy("text")),
}


def _json_type_ok(field: serializers.Field, value) -> bool:
    types, _ = JSON_TYPES[type(field)]
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


class FormSerializerMeta(serializers.SerializerMetaclass):
    """Adds one serializer field per form field, in the form's order."""

    def __new__(mcs, name, bases, attrs):
        form_class = attrs.get("form_class")
        if form_class is not None:
            for field_name, field in form_class.base_fields.items():
                attrs.setdefault(field_name, _serializer_field(field))
        return super().__new__(mcs, name, bases, attrs)


class FormSerializer(serializers.Serializer, metaclass=FormSerializerMeta):
    form_class: type[forms.Form] | None = None

    def form_kwargs(self) -> dict:
        return {"today": self.context["today"]}

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
        names = list(self.form_class.base_fields)
        wrong = {
            name: [_("Must be %(kind)s.") % {"kind": JSON_TYPES[type(self.fields[name])][1]}]
            for name in names
            if name in data and not _json_type_ok(self.fields[name], data[name])
        }
        if wrong:
            raise serializers.ValidationError(wrong)
        if self.partial and self.instance is not None:
            values = {name: getattr(self.instance, name) for name in names}
        else:  # what the page would have prefilled (e.g. surface: flat)
            fields = self.form_class.base_fields
            values = {name: fields[name].initial for name in names if fields[name].initial}
        values.update({k: data[k] for k in names if k in data})
        form = self.form_class(data=values, **self.form_kwargs())
        if not form.is_valid():
            raise serializers.ValidationError(
                {
                    f: [e["message"] for e in errors]
                    for f, errors in form.errors.get_json_data().items()
                }
            )
        return form.cleaned_data


def _same(value):
    return value


def _converter(field: serializers.Field):
    """How `field` turns a model value into JSON, without the field where the
    value already is JSON (None stays None, as DRF keeps it)."""
    if isinstance(field, serializers.BooleanField | serializers.IntegerField):
        return _same
    if isinstance(field, serializers.ChoiceField | serializers.CharField):
        return lambda value: value if value is None or isinstance(value, str) else str(value)
    if isinstance(field, serializers.DateField) and not isinstance(
        field, serializers.DateTimeField
    ):
        return lambda value: None if value is None else value.isoformat()
    if isinstance(field, serializers.UUIDField):
        return lambda value: None if value is None else str(value)
    return lambda value: None if value is None else field.to_representation(value)


class EntrySerializer(FormSerializer):
    id = serializers.IntegerField(read_only=True)
    client_id = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="Optional: a UUID the client makes; sending it again returns the same entry.",
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def to_representation(self, instance):
        """The entry as DRF's fields would give it, read straight from the
        attributes: a page of 25 entries spends no time in per-field calls
        for values that are already JSON (tests/api/test_api.py compares it
        with DRF's own output)."""
        return {name: convert(getattr(instance, name)) for name, convert in self._output()}

    def _output(self) -> list:
        plan = getattr(self, "_output_plan", None)
        if plan is None:
            plan = self._output_plan = [
                (name, _converter(field)) for name, field in self.fields.items()
                if not field.write_only
            ]  # fmt: skip
        return plan

    def to_internal_value(self, data):
        cleaned = super().to_internal_value(data)
        if not self.partial and isinstance(data, Mapping) and data.get("client_id") is not None:
            if not isinstance(data["client_id"], str):
                raise serializers.ValidationError({"client_id": [_("Must be a UUID as text.")]})
            try:
                cleaned["client_id"] = serializers.UUIDField().run_validation(data["client_id"])
            except serializers.ValidationError as error:
                raise serializers.ValidationError({"client_id": error.detail}) from None
        return cleaned


class WalkSerializer(EntrySerializer):
    form_class = WalkForm


class CheckInSerializer(EntrySerializer):
    form_class = CheckInForm


class PlanSerializer(FormSerializer):
    form_class = PlanForm
    explicit = serializers.BooleanField(
        read_only=True, help_text="False when the plan simply starts on the first walk."
    )


class FunctionCheckSerializer(FormSerializer):
    form_class = FunctionCheckForm
    id = serializers.IntegerField(read_only=True)
    score = serializers.DecimalField(max_digits=3, decimal_places=1, read_only=True)

    def form_kwargs(self) -> dict:
        return {"today": self.context["today"], "user": self.context["request"].user}
