"""The patient's data as a FHIR R4 Bundle (type collection): walks and pain
scores as Observations, questionnaire answers as QuestionnaireResponses with
their Questionnaires. Plain dictionaries built here (the tests parse every
export with the fhir.resources package, which is a test tool, not a runtime
dependency)."""

from __future__ import annotations

import uuid

from django.db.models import Prefetch
from django.utils import timezone

from accounts.site import absolute
from outcomes import selectors
from outcomes.models import Item, Questionnaire
from walks.models import CheckIn, Walk

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
EXERCISE_DURATION = {"system": LOINC, "code": "55411-3", "display": "Exercise duration"}
PAIN_SEVERITY = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
NAMESPACE = uuid.UUID("6f1c3d2e-8b4a-4f0e-9c57-2a1d0b7e5f31")  # this app's own


def _urn(*parts) -> str:
    """A stable id for one exported thing (the same walk, the same URN)."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(str(p) for p in parts))}"


def _when(day, started_at=None) -> str:
    return started_at.isoformat() if started_at else day.isoformat()


def _observation(subject: str, code: dict, category: str, when: str, value: dict, note=None):
    resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": CATEGORY, "code": category}]}],
        "code": {"coding": [code], "text": code["display"]},
        "subject": {"reference": subject},
        "effectiveDateTime": when,
        **value,
    }
    if note:
        resource["note"] = [{"text": note}]
    return resource


def _pain(value: int) -> dict:
    return {"valueQuantity": {"value": value, "unit": "score", "system": UCUM, "code": "{score}"}}


def questionnaire_url(slug: str) -> str:
    return absolute(f"/questionnaires/{slug}/")


def _questionnaire(q: Questionnaire) -> dict:
    return {
        "resourceType": "Questionnaire",
        "url": questionnaire_url(q.slug),
        "name": q.slug.replace("-", "_"),
        "title": q.title,
        "status": "active",
        "item": [
            {
                "linkId": f"q{item.number}",
                "text": item.text,
                "type": "choice",
                "required": True,
                "answerOption": [
                    {"valueCoding": {"code": o.value, "display": o.text}}
                    for o in item.options.all()
                ],
            }
            for item in q.items.all()
        ],
    }


def bundle(user) -> dict:
    subject = _urn("patient", user.pk)
    entries = [
        {"fullUrl": subject, "resource": {"resourceType": "Patient", "active": True}},
    ]

    def add(key, resource):
        entries.append({"fullUrl": _urn(*key), "resource": resource})

    for walk in Walk.objects.filter(user=user).order_by("date", "id"):
        when = _when(walk.date, walk.started_at)
        add(("walk", walk.pk), _observation(
            subject, EXERCISE_DURATION, "activity", when,
            {"valueQuantity": {"value": walk.duration_minutes, "unit": "min", "system": UCUM,
                               "code": "min"}},
        ))  # fmt: skip
        add(("walk", walk.pk, "before"), _observation(
            subject, PAIN_SEVERITY, "survey", when, _pain(walk.pain_before), "before the walk"
        ))  # fmt: skip
        add(("walk", walk.pk, "after"), _observation(
            subject, PAIN_SEVERITY, "survey", when, _pain(walk.pain_after), "after the walk"
        ))  # fmt: skip
    for checkin in CheckIn.objects.filter(user=user).order_by("date", "id"):
        add(("checkin", checkin.pk), _observation(
            subject, PAIN_SEVERITY, "survey", checkin.date.isoformat(), _pain(checkin.pain),
            "a check-in without a walk",
        ))  # fmt: skip

    responses = selectors.responses(user, with_answers=True)
    used = {r.questionnaire_id for r in responses}
    questionnaires = Questionnaire.objects.filter(pk__in=used).prefetch_related(
        Prefetch("items", Item.objects.prefetch_related("options"))
    )
    options = {}
    for q in questionnaires:
        add(("questionnaire", q.slug), _questionnaire(q))
        for item in q.items.all():
            for o in item.options.all():
                options[(item.pk, o.value)] = o.text
    for r in responses:
        add(("response", r.pk), {
            "resourceType": "QuestionnaireResponse",
            "questionnaire": questionnaire_url(r.questionnaire.slug),
            "status": "completed",
            "subject": {"reference": subject},
            "authored": r.answered_on.isoformat(),
            "item": [
                {"linkId": f"q{a.item.number}", "text": a.item.text, "answer": [
                    {"valueCoding": {"code": a.value,
                                     "display": options.get((a.item_id, a.value), a.value)}}
                ]}
                for a in r.answers.all()
            ],
        })  # fmt: skip
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": entries,
    }
