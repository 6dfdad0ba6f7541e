"""Hindi spells each month one way in every date format, on the pages and in
the PDF (Django's own catalogue has three spellings of December)."""

import datetime
import io

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import translation
from pypdf import PdfReader

from backpain.month_names import HINDI
from tests.factories import WalkFactory

MISSPELT = ("दिसमबर", "सितमबर", "नवमबर", "दिस्", "दिसम्बर", "नवम्बर", "सितम्बर", "जनवरी.")


@pytest.mark.parametrize("month", range(1, 13))
def test_every_format_gives_the_one_spelling(month):
    day = datetime.date(2026, month, 4)
    with translation.override("hi"):
        shown = {fmt: date_filter(day, fmt) for fmt in ("F", "M", "N", "E", "b")}
    assert set(shown.values()) == {HINDI[month - 1]}, shown


def test_pages_and_the_pdf_use_it(client, patient, today):
    days = [today - datetime.timedelta(days=n) for n in range(0, 330, 9)]
    for day in days:
        WalkFactory(user=patient, date=day)
    client.force_login(patient)
    client.post("/i18n/setlang/", {"language": "hi", "next": "/"})
    pages = [client.get(path).content.decode() for path in ("/", "/walks/", "/report/", "/plan/")]
    start = (today - datetime.timedelta(days=330)).isoformat()
    report = client.get("/report/", {"from": start, "to": today.isoformat()}).content.decode()
    pdf = client.get("/report.pdf", {"from": start, "to": today.isoformat()})
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for body in (*pages, report, text):
        assert not [word for word in MISSPELT if word in body]
    months = {HINDI[d.month - 1] for d in days}
    assert len(months) >= 10 and all(m in report for m in months)
