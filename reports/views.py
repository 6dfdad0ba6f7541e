"""The doctor-visit report: on screen, as a PDF, and through share links."""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from accounts.models import hash_token
from reports.forms import DisplayNameForm, PeriodForm, ShareForm
from reports.models import ReportSettings, ShareLink
from reports.report import default_period, report_for
from walks.clock import patient_today

SHARED_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
}
# Guessing tokens is hopeless (256 bits), but a flood of guesses still costs
# the server: each address may open 30 shared pages a minute.
SHARED_RATE = "30/m"
# A PDF of a long diary takes up to a second to draw: each patient, and each
# shared link, may have 6 a minute, so a burst cannot starve other pages.
PDF_RATE = "6/m"


def _link_key(group, request) -> str:
    return hash_token(request.resolver_match.kwargs["token"])


def _report_for(user, start, end, today):
    return report_for(user, start=start, end=end, today=today)


@login_required
@require_http_methods(["GET", "POST"])
def report(request):
    today = patient_today(request.user)
    settings_row = ReportSettings.objects.filter(user=request.user).first()
    name_form = DisplayNameForm(request.POST or None, instance=settings_row)
    if request.method == "POST" and name_form.is_valid():
        name_form.instance.user = request.user
        name_form.save()
        messages.success(request, _("The name on your report is saved."))
        return redirect(request.get_full_path())
    period = PeriodForm(request.GET, today=today, default=default_period(today))
    start, end = period.period
    report_data = _report_for(request.user, start, end, today)
    request.warnings = report_data.warnings_today  # the banner needs no second look
    context = {
        "report": report_data,
        "period_form": period,
        "name_form": name_form,
        "query": request.GET.urlencode(),
    }
    return render(request, "reports/report.html", context)


def _pdf(report) -> bytes:
    """The standalone report through WeasyPrint, with our print stylesheet
    and no fetching of anything else (no network, no files)."""
    # Imported here: WeasyPrint adds about 40 MB to a process, which only the
    # workers that draw a PDF need to carry (make bench: worker memory).
    import weasyprint

    html = render_to_string("reports/standalone.html", {"report": report, "pdf": True})

    def no_fetching(url, *args, **kwargs):
        raise ValueError(f"the report loads nothing from outside: {url}")

    css = weasyprint.CSS(filename=finders.find("css/report.css"))
    document = weasyprint.HTML(string=html, url_fetcher=no_fetching, base_url="/")
    return document.write_pdf(stylesheets=[css])


def _pdf_response(report, filename: str) -> HttpResponse:
    response = HttpResponse(_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@ratelimit(key="user", rate=PDF_RATE, block=True)
@require_GET
def report_pdf(request):
    today = patient_today(request.user)
    period = PeriodForm(request.GET, today=today, default=default_period(today))
    if not period.is_valid():
        errors = "; ".join(str(e) for errs in period.errors.values() for e in errs)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    start, end = period.period
    response = _pdf_response(_report_for(request.user, start, end, today), "walking-report.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


# --- Share links -------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def share(request):
    """GET lists the links; POST `days` makes one (shown once); POST
    `revoke=<id>` ends one of the patient's own links."""
    today = patient_today(request.user)
    links = ShareLink.objects.filter(user=request.user)
    form = ShareForm(request.POST or None)
    new_url = None
    if request.method == "POST" and "revoke" in request.POST:
        try:
            pk = int(request.POST["revoke"])
        except ValueError:
            raise Http404 from None
        ended = links.filter(pk=pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if not ended and not links.filter(pk=pk).exists():
            raise Http404
        messages.success(request, _("The link is revoked: it no longer opens your report."))
        return redirect("reports:share")
    if request.method == "POST" and form.is_valid():
        token = secrets.token_urlsafe(32)  # 256 random bits
        start, end = default_period(today)
        ShareLink.objects.create(
            user=request.user,
            token_hash=hash_token(token),
            label=form.cleaned_data["label"].strip(),
            start=start,
            end=end,
            expires_at=timezone.now() + timedelta(days=form.cleaned_data["days"]),
        )
        new_url = request.build_absolute_uri(f"/r/{token}/")
        messages.success(request, _("Your link is ready. Copy it now: it is shown only once."))
    now = timezone.now()
    context = {
        "form": form if new_url is None else ShareForm(),
        "new_url": new_url,
        "active": [link for link in links if link.revoked_at is None and link.expires_at > now],
        "ended": [link for link in links if link.revoked_at is not None or link.expires_at <= now],
    }
    response = render(request, "reports/share.html", context)
    response["Cache-Control"] = "private, no-store"  # the new link is on this page
    return response


def _open_link(token: str) -> ShareLink:
    """The live link for this token, or 404 (unknown, expired or revoked)."""
    wanted = hash_token(token)
    link = (
        ShareLink.objects.select_related("user")
        .filter(token_hash=wanted, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if link is None or not hmac.compare_digest(link.token_hash, wanted):
        raise Http404
    ShareLink.objects.filter(pk=link.pk).update(
        last_opened_at=timezone.now(), times_opened=F("times_opened") + 1
    )
    return link


def _shared(response: HttpResponse) -> HttpResponse:
    for header, value in SHARED_HEADERS.items():
        response[header] = value
    return response


def _shared_report(token: str):
    link = _open_link(token)
    today = patient_today(link.user)
    return _report_for(link.user, link.start, min(link.end, today), today)


@ratelimit(key="ip", rate=SHARED_RATE, block=True)
@require_GET
def shared_report(request, token):
    context = {"report": _shared_report(token), "pdf_url": f"/r/{token}/report.pdf"}
    return _shared(render(request, "reports/standalone.html", context))


@ratelimit(key="ip", rate=SHARED_RATE, block=True)
@ratelimit(key=_link_key, rate=PDF_RATE, block=True)
@require_GET
def shared_report_pdf(request, token):
    return _shared(_pdf_response(_shared_report(token), "walking-report.pdf"))


def rate_limited(request, exception):
    """Too many shared-report requests from one address (RATELIMIT_VIEW)."""
    return _shared(
        HttpResponse(
            _("Too many requests. Please wait a minute and try again."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    )
