"""The questionnaire pages: what is due, answering one, its result, and the
plan restart a recurrence offers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doctors.models import Specialty
from outcomes import fhir, instruments, selectors, services
from outcomes.forms import QuestionnaireForm
from walks.clock import patient_today
from walks.services import progress
from walks.views import exports


def _facts(user):
    today = patient_today(user)
    result = progress.patient_progress(user, today=today, daily_days=1)
    return today, result, selectors.schedule_facts(user, result.progress)


@login_required
def questionnaire_list(request):
    today, _result, facts = _facts(request.user)
    scores = selectors.scores(request.user)
    titles = selectors.questionnaires_by_slug()
    rows = []
    for slug in instruments.SLUGS:
        when = instruments.due_on(slug, facts)
        rows.append(
            {
                "slug": slug,
                "questionnaire": titles.get(slug),
                "due": when is not None and when <= today,
                "next": when if when is not None and when > today else None,
                "responses": list(reversed(scores.by_slug.get(slug, []))),
            }
        )
    return render(
        request,
        "outcomes/list.html",
        {
            "rows": rows,
            "change": scores.back_function_change,
            "days_to_recurrence": scores.days_to_first_recurrence,
            "goal_met_on": facts.goal_met_on,
        },
    )


@login_required
def answer(request, slug):
    questionnaire = selectors.questionnaire(slug)
    if questionnaire is None:
        raise Http404
    today, result, facts = _facts(request.user)
    if slug == instruments.RECURRENCE and facts.goal_met_on is None:
        messages.info(
            request, _("This questionnaire opens four weeks after you first reach the goal.")
        )
        return redirect("outcomes:list")
    form = QuestionnaireForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        saved = services.save_response(
            user=request.user,
            questionnaire=questionnaire,
            answers=form.answers(),
            today=today,
            goal_met_on=facts.goal_met_on,
        )
        return redirect("outcomes:result", slug=slug, pk=saved.pk)
    return render(request, "outcomes/answer.html", {"questionnaire": questionnaire, "form": form})


def physiotherapy_link() -> str:
    """The directory, filtered to physiotherapists when that specialty is listed."""
    found = (
        Specialty.objects.filter(slug__in=("physiotherapist", "physiotherapy")).first()
        or Specialty.objects.filter(name__icontains="physio").first()
    )
    url = reverse("doctors:list")
    return f"{url}?specialty={found.slug}" if found else url


@login_required
def result(request, slug, pk):
    response = selectors.response(request.user, pk)
    if response is None or response.questionnaire.slug != slug:
        raise Http404
    context = {"response": response, "questionnaire": response.questionnaire}
    if slug == instruments.BACK_FUNCTION:
        scores = selectors.scores(request.user, until=response.answered_on)
        first = scores.first(slug)
        context.update(
            first=first if first.pk != response.pk else None,
            change=response.score - first.score,
            better=response.score < first.score,
            meaningful=instruments.meaningful_change(first.score, response.score),
            maximum=instruments.BACK_FUNCTION_MAX,
        )
    elif slug == instruments.OUTLOOK:
        context["directory_url"] = physiotherapy_link()
    else:
        latest = selectors.scores(request.user).latest(slug)
        context["can_restart"] = response.recurrence and latest.pk == response.pk
    return render(request, "outcomes/result.html", context)


@login_required
@require_POST
def restart(request):
    """One button after a recurrence: the plan starts again today at 10 minutes."""
    latest = selectors.scores(request.user).latest(instruments.RECURRENCE)
    if latest is None or not latest.recurrence:
        raise Http404
    services.restart_plan(user=request.user, today=patient_today(request.user))
    messages.success(
        request,
        _("Your plan starts again today at 10 minutes, and builds up week by week as before."),
    )
    return redirect("home")


@login_required
def export_fhir(request):
    """The patient's data as a FHIR R4 Bundle, downloaded as a file."""
    response = JsonResponse(fhir.bundle(request.user), content_type="application/fhir+json")
    response["Content-Disposition"] = 'attachment; filename="my-walk-well-data.fhir.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def export_json(request):
    """Everything the app holds about the patient, as one JSON document: the
    diary (walks.views.exports) and every questionnaire answered."""
    data = exports.export_data(request.user)
    data["questionnaires"] = [
        {
            "questionnaire": r.questionnaire.slug,
            "answered_on": r.answered_on,
            "score": r.score,
            "subscale": r.subscale,
            "band": r.band,
            "recurrence": r.recurrence,
            "answers": {f"q{a.item.number}": a.value for a in r.answers.all()},
        }
        for r in selectors.responses(request.user, with_answers=True)
    ]
    return exports.json_download(data)
