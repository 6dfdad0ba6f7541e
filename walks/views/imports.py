"""/walks/import/: upload a file, watch it being read, check the walks found,
confirm.

Step one stores the upload and hands it to a background task
(walks/services/imports.py); the answer is at once a redirect to the job's
page, /walks/import/<job>/, which shows a progress bar (updated by
static/js/import-progress.js from /walks/import/<job>/progress.json, or by
a plain "check again" link) until the task has read the file, then the
preview, or the reason the file could not be read beside the upload field.
The walks found travel to step two inside the preview form, signed with
Django's signing (tied to the patient, valid for an hour). Step two saves
the ticked walks, with the pain the patient entered, in one transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.profiles import profile_for
from walks import limits
from walks.clock import patient_today
from walks.importers import upload as importer
from walks.importers.common import MAX_UPLOAD_BYTES
from walks.models import ImportJob, WalkSource
from walks.services import entries, imports
from walks.services.imports import MAX_ROWS
from walks.views.entries import plan_snapshot_before, with_plan_change

SALT = "walks.import-preview"
MAX_AGE = 3600


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File from your phone, watch or this app"),
        help_text=gettext_lazy(
            "GPX or TCX (most watches and Google Fit), Apple Health export.zip or "
            "export.xml, or a CSV exported from this app. Up to 500 MB."
        ),
        error_messages={"required": gettext_lazy("Choose a file to import.")},
    )


def _display(row: dict, zone) -> dict:
    started = datetime.fromisoformat(row["t"]).astimezone(zone) if row["t"] else None
    return {
        **row,
        "day": date.fromisoformat(row["d"]),
        "start": started,
        "distance": Decimal(row["k"]) if row["k"] else None,
        "source_label": WalkSource(row["s"]).label,
    }


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
            existing = imports.diary_walks(user, {w["date"] for w in chosen})
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
                _forget_job(user, payload)
                messages.info(
                    request,
                    _("These walks were already imported; each is in your diary once."),
                )
                return redirect("home")
            _forget_job(user, payload)
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
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", importer.too_large_message())
        else:
            job = imports.start(user=user, upload=upload, language=get_language())
            return redirect("walks:import-job", job=job.pk)
    return render(request, "walks/import_upload.html", {"form": form})


def _forget_job(user, payload: dict) -> None:
    """The job's copy of the walks found is not kept once they are saved."""
    if isinstance(payload.get("j"), str):
        ImportJob.objects.filter(pk=payload["j"], user=user).delete()


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def import_job(request, job):
    """The job's page: progress while the task reads, then the preview (or
    why the file could not be read)."""
    job = get_object_or_404(ImportJob, pk=job, user=request.user)
    if job.state == ImportJob.State.READY:
        return _preview(request, job.result, profile_for(request.user).zone)
    if job.state == ImportJob.State.FAILED:
        form = UploadForm()
        form.errors["file"] = form.error_class([job.error])
        return render(request, "walks/import_upload.html", {"form": form})
    return render(request, "walks/import_progress.html", _progress(job))


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def import_job_progress(request, job):
    """How far the patient's own job has got, for the progress bar's script."""
    job = get_object_or_404(ImportJob, pk=job, user=request.user)
    progress = _progress(job)
    return JsonResponse(
        {
            "state": job.state,
            "finished": job.finished,
            "bytes_read": job.bytes_read,
            "bytes_total": job.bytes_total,
            "walks_found": job.walks_found,
            "percent": job.percent,
            "text": progress["text"],
        }
    )


def _progress(job: ImportJob) -> dict:
    if job.state == ImportJob.State.WAITING:
        text = _("Waiting to start reading %(total)s.") % {"total": filesizeformat(job.bytes_total)}
    else:
        text = ngettext(
            "%(read)s of %(total)s read, %(count)d walk found so far.",
            "%(read)s of %(total)s read, %(count)d walks found so far.",
            job.walks_found,
        ) % {
            "read": filesizeformat(job.bytes_read),
            "total": filesizeformat(job.bytes_total),
            "count": job.walks_found,
        }
    return {"job": job, "text": text, "percent": job.percent}


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
