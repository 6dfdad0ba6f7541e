"""/walks/import/: upload a file, check the walks found, confirm.

Step one reads the file (walks/importers/) and shows a preview; nothing is
stored, not even the file. The walks found travel to step two inside the
preview form, signed with Django's signing (tied to the patient, valid for an
hour), so the server keeps no state between the steps. Step two saves the
ticked walks, with the pain the patient entered, in one transaction.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from accounts.profiles import profile_for
from walks import limits
from walks.clock import patient_today
from walks.importers import upload as importer
from walks.importers.common import Found, FoundWalk, UnreadableFile
from walks.models import Walk, WalkSource
from walks.services import entries
from walks.views.entries import plan_snapshot_before, with_plan_change

SALT = "walks.import-preview"
MAX_AGE = 3600
MAX_ROWS = 200  # the newest walks first; importing the file again brings the rest


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File from your phone, watch or this app"),
        help_text=gettext_lazy(
            "GPX or TCX (most watches and Google Fit), Apple Health export.zip or "
            "export.xml, or a CSV exported from this app. Up to 500 MB."
        ),
        error_messages={"required": gettext_lazy("Choose a file to import.")},
    )


def _row(walk: FoundWalk, duplicate: bool) -> dict:
    return {
        "d": walk.day.isoformat(),
        "m": walk.minutes,
        "s": walk.source,
        "t": walk.started_at.isoformat() if walk.started_at else "",
        "k": str(walk.distance_km) if walk.distance_km is not None else "",
        "pb": walk.pain_before,
        "pa": walk.pain_after,
        "sf": walk.surface,
        "n": walk.notes,
        "dup": duplicate,
    }


def _display(row: dict, zone) -> dict:
    started = datetime.fromisoformat(row["t"]).astimezone(zone) if row["t"] else None
    return {
        **row,
        "day": date.fromisoformat(row["d"]),
        "start": started,
        "distance": Decimal(row["k"]) if row["k"] else None,
        "source_label": WalkSource(row["s"]).label,
    }


def _diary_walks(user, days: set[date]) -> list[importer.WalkKey]:
    """The diary's walks on those days, as duplicate detection compares them."""
    return list(
        Walk.objects.filter(user=user, date__in=days).values_list(
            "date", "duration_minutes", "started_at"
        )
    )


def preview_rows(user, found: Found) -> tuple[list[dict], list, int]:
    """(rows to offer, newest first; walks that cannot be imported; rows left
    for a later import)."""
    good = sorted(
        (w for w in found.walks if not w.problem),
        key=lambda w: (w.day, w.started_at.timestamp() if w.started_at else 0),
        reverse=True,
    )
    existing = _diary_walks(user, {w.day for w in good})
    rows, seen = [], []
    for walk in good:
        key = (walk.day, walk.minutes, walk.started_at)
        duplicate = importer.is_duplicate(key, existing)
        if not duplicate and importer.is_duplicate(key, seen):
            continue  # the same walk twice in one file
        seen.append(key)
        rows.append(_row(walk, duplicate))
    new = [r for r in rows if not r["dup"]]
    later = max(0, len(new) - MAX_ROWS)
    if later:
        keep = {id(r) for r in new[:MAX_ROWS]}
        rows = [r for r in rows if r["dup"] or id(r) in keep]
    problems = [w for w in found.walks if w.problem]
    return rows[: MAX_ROWS * 2], problems, later


PAIN_MESSAGE = gettext_lazy("Enter a whole number from 0 to 10.")


def _pain_field() -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=limits.PAIN_MIN,
        max_value=limits.PAIN_MAX,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), PAIN_MESSAGE),
    )


class SameForAllForm(forms.Form):
    """The pain to use wherever a ticked walk's own boxes are empty."""

    pain_before_all = _pain_field()
    pain_after_all = _pain_field()


class ImportRowForm(forms.Form):
    """One walk of the preview: ticked or not, and its pain. The walk itself
    (date, minutes, origin) comes from the signed payload, never the page.
    Fields are named `include_3`, `pain_before_3`: one name per row."""

    include = forms.BooleanField(required=False)
    pain_before = forms.CharField(required=False)
    pain_after = forms.CharField(required=False)

    def __init__(self, *args, index: int, row: dict, same: dict, **kwargs):
        self.index, self.row, self.same = index, row, same
        super().__init__(*args, **kwargs)

    def add_prefix(self, field_name):
        return f"{field_name}_{self.index}"

    def clean(self):
        data = super().clean()
        if not data.get("include"):
            return data  # an unticked row is not read
        for name, from_file in (("pain_before", self.row["pb"]), ("pain_after", self.row["pa"])):
            typed = (data.get(name) or "").strip()
            if typed:
                value = _pain(typed)
                if value is None:
                    self.add_error(name, PAIN_MESSAGE)
            else:
                value = self.same.get(f"{name}_all")
                value = from_file if value is None else value
                if value is None:
                    self.add_error(
                        name, _("Enter your pain (0-10), or fill in “same for all” above.")
                    )
            data[name] = value
        return data

    def walk(self) -> dict:
        row = self.row
        return {
            "date": date.fromisoformat(row["d"]),
            "duration_minutes": int(row["m"]),
            "surface": row["sf"],
            "notes": row["n"],
            "source": row["s"],
            "started_at": datetime.fromisoformat(row["t"]) if row["t"] else None,
            "distance_km": Decimal(row["k"]) if row["k"] else None,
            "was_duplicate": row["dup"],
            "pain_before": self.cleaned_data["pain_before"],
            "pain_after": self.cleaned_data["pain_after"],
        }


class BaseImportRowFormSet(forms.BaseFormSet):
    def __init__(self, data, *, rows: list[dict], same: dict):
        # How many rows there are comes from the signed payload, not the page.
        data = data.copy()
        data.update({"row-TOTAL_FORMS": len(rows), "row-INITIAL_FORMS": len(rows)})
        self.rows, self.same = rows, same
        super().__init__(data, prefix="row")

    def get_form_kwargs(self, index):
        return {"index": index, "row": self.rows[index], "same": self.same}


ImportRowFormSet = forms.formset_factory(
    ImportRowForm, formset=BaseImportRowFormSet, extra=0, max_num=MAX_ROWS * 2
)


def _pain(value) -> int | None:
    try:
        pain = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return pain if limits.pain_in_range(pain) else None


def confirm(request, rows: list[dict]):
    """(the walks to save, the same-for-all form, the row formset)."""
    same_form = SameForAllForm(request.POST)
    same = same_form.cleaned_data if same_form.is_valid() else {}
    formset = ImportRowFormSet(request.POST, rows=rows, same=same)
    chosen = []
    if formset.is_valid() and same_form.is_valid():
        chosen = [form.walk() for form in formset if form.cleaned_data.get("include")]
    return chosen, same_form, formset


@login_required
@require_http_methods(["GET", "POST"])
def import_walks(request):
    user = request.user
    today = patient_today(user)
    zone = profile_for(user).zone
    if request.method == "POST" and "payload" in request.POST:
        try:
            payload = signing.loads(request.POST["payload"], salt=SALT, max_age=MAX_AGE)
            if payload["u"] != user.pk or not isinstance(payload["k"], str):
                raise signing.BadSignature
        except (signing.BadSignature, KeyError, TypeError):
            messages.error(request, _("This preview has expired. Please upload the file again."))
            return redirect("walks:import")
        rows = payload["rows"]
        chosen, same_form, formset = confirm(request, rows)
        valid = same_form.is_valid() and formset.is_valid()
        nothing = _("Tick at least one walk to import.") if valid and not chosen else ""
        if valid and chosen:
            # A walk that was new in the preview but is in the diary now was
            # saved by an earlier press of this button: never twice.
            existing = _diary_walks(user, {w["date"] for w in chosen})
            fresh = [
                w
                for w in chosen
                if w.pop("was_duplicate")
                or not importer.is_duplicate(
                    (w["date"], w["duration_minutes"], w["started_at"]), existing
                )
            ]
            before = plan_snapshot_before(request, today, *(w["date"] for w in fresh))
            try:
                saved = entries.import_walks(user=user, walks=fresh, today=today, key=payload["k"])
            except ValidationError:
                messages.error(request, _("Some walks could not be saved. Nothing was imported."))
                return redirect("walks:import")
            except entries.AlreadyImported:
                messages.info(
                    request,
                    _("These walks were already imported; each is in your diary once."),
                )
                return redirect("home")
            message = ngettext(
                "%(count)d walk imported. Your plan and charts include it now.",
                "%(count)d walks imported. Your plan and charts include them now.",
                len(saved),
            ) % {"count": len(saved)}
            messages.success(request, with_plan_change(request, message, before, today))
            return redirect("home")
        return _preview(request, payload, zone, same_form, formset, nothing)

    form = UploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if getattr(request, "upload_too_large", False):  # backpain.uploads stopped reading it
        form = UploadForm()
        form.errors["file"] = form.error_class([importer.too_large_message()])
        return render(request, "walks/import_upload.html", {"form": form})
    if request.method == "POST" and form.is_valid():
        try:
            found = importer.read_upload(form.cleaned_data["file"], zone=zone, today=today)
        except UnreadableFile as problem:
            form.add_error("file", str(problem))
        else:
            rows, problems, later = preview_rows(user, found)
            if not rows and not problems:
                form.add_error("file", _("No walks were found in this file."))
            else:
                payload = {
                    "u": user.pk,
                    "k": secrets.token_hex(16),  # one-time: claimed when confirmed
                    "source": found.source,
                    "rows": rows,
                    "problems": [
                        {
                            "d": w.day.isoformat() if w.day != date.min else "",
                            "m": w.minutes,
                            "why": w.problem,
                        }  # fmt: skip
                        for w in problems
                    ],
                    "skipped": found.skipped_text(),
                    "later": later,
                }
                return _preview(request, payload, zone)
    return render(request, "walks/import_upload.html", {"form": form})


def _preview(request, payload: dict, zone, same_form=None, formset=None, nothing=""):
    """The preview; after a confirm with mistakes, what was typed and the
    reason beside each box."""
    rows = [_display(row, zone) for row in payload["rows"]]
    errors = {}
    if nothing:
        errors["include"] = nothing
    if same_form is not None:
        errors.update({name: e[0] for name, e in same_form.errors.items()})
    for i, row in enumerate(rows):
        row["i"] = i
        form = formset.forms[i] if formset is not None else None
        row["included"] = bool(form and form["include"].value()) if form else not row["dup"]
        for name in ("pain_before", "pain_after"):
            initial = row["pb"] if name == "pain_before" else row["pa"]
            if form is None:
                row[name] = "" if initial is None else initial
            else:
                typed = form[name].value()
                row[name] = typed if typed is not None else ("" if initial is None else initial)
                row[f"{name}_error"] = (form.errors.get(name) or [None])[0]
                if row[f"{name}_error"]:
                    errors[f"{name}_{i}"] = row[f"{name}_error"]
    context = {
        "payload": signing.dumps(payload, salt=SALT, compress=True),
        "rows": rows,
        "new_count": sum(1 for r in rows if not r["dup"]),
        "duplicate_count": sum(1 for r in rows if r["dup"]),
        "problems": payload["problems"],
        "skipped": payload["skipped"],
        "later": payload["later"],
        "source_label": WalkSource(payload["source"]).label,
        "errors": errors,
        "same": {k: request.POST.get(f"{k}_all", "") for k in ("pain_before", "pain_after")},
    }
    return render(request, "walks/import_preview.html", context, status=200)
