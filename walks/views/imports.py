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
from walks.clock import patient_today
from walks.importers import upload as importer
from walks.importers.common import Found, FoundWalk, UnreadableFile
from walks.models import Walk, WalkSource
from walks.services import entries

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


def _pain(value) -> int | None:
    try:
        pain = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return pain if 0 <= pain <= 10 else None


def confirm(request, rows: list[dict]) -> tuple[list[dict], dict]:
    """The walks to save and the errors per row (keyed 'pain_before_3')."""
    post = request.POST
    same = {k: post.get(f"{k}_all", "").strip() for k in ("pain_before", "pain_after")}
    errors, chosen = {}, []
    for name, value in same.items():
        if value and _pain(value) is None:
            errors[f"{name}_all"] = _("Enter a whole number from 0 to 10.")
    for i, row in enumerate(rows):
        if not post.get(f"include_{i}"):
            continue
        values = {}
        for name in ("pain_before", "pain_after"):
            from_file = row["pb"] if name == "pain_before" else row["pa"]
            raw = (
                post.get(f"{name}_{i}", "").strip()
                or same[name]
                or ("" if from_file is None else str(from_file))
            )
            values[name] = _pain(raw)
            if values[name] is None:
                errors[f"{name}_{i}"] = (
                    _("Enter a whole number from 0 to 10.")
                    if raw
                    else _("Enter your pain (0-10), or fill in “same for all” above.")
                )
        chosen.append(
            {
                "date": date.fromisoformat(row["d"]),
                "duration_minutes": int(row["m"]),
                "surface": row["sf"],
                "notes": row["n"],
                "source": row["s"],
                "started_at": datetime.fromisoformat(row["t"]) if row["t"] else None,
                "distance_km": Decimal(row["k"]) if row["k"] else None,
                "was_duplicate": row["dup"],
                **values,
            }
        )
    return chosen, errors


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
        chosen, errors = confirm(request, rows)
        if not errors and not chosen:
            errors["include"] = _("Tick at least one walk to import.")
        if not errors:
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
            messages.success(
                request,
                ngettext(
                    "%(count)d walk imported. Your plan and charts include it now.",
                    "%(count)d walks imported. Your plan and charts include them now.",
                    len(saved),
                )
                % {"count": len(saved)},
            )
            return redirect("home")
        return _preview(request, payload, errors, zone)

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
                return _preview(request, payload, {}, zone)
    return render(request, "walks/import_upload.html", {"form": form})


def _preview(request, payload: dict, errors: dict, zone):
    rows = [_display(row, zone) for row in payload["rows"]]
    for i, row in enumerate(rows):
        row["i"] = i
        row["included"] = (
            bool(request.POST.get(f"include_{i}")) if "payload" in request.POST else not row["dup"]
        )
        for name in ("pain_before", "pain_after"):
            key = f"{name}_{i}"
            initial = row["pb"] if name == "pain_before" else row["pa"]
            row[name] = request.POST.get(key, "" if initial is None else initial)
            row[f"{name}_error"] = errors.get(key)
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
