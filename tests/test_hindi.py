"""Hindi (issue 17): the catalogue is complete, every page, error, warning
and email reads in Hindi, the choice is kept, and the PDF draws Devanagari."""

import contextlib
import datetime
import re
import shutil
import subprocess
import sys
import zlib
from html import unescape
from pathlib import Path
from pprint import pformat

import polib
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Profile
from reminders.links import unsubscribe_token
from reminders.sending import send_due_reminders
from tests import import_samples as samples
from tests.factories import UserFactory
from tests.imports import run_queued_tasks

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [ROOT / "locale/hi/LC_MESSAGES/django.po", ROOT / "locale/hi/LC_MESSAGES/djangojs.po"]
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]|%%")

# Latin-script words that may stay in Hindi text: names, brands, file
# formats and units patients meet as they are (the listings' own data is
# removed separately).
ALLOWED = {
    "walk", "well", "api", "json", "csv", "gpx", "tcx", "pdf", "xml", "zip", "mb", "km", "utf",
    "apple", "health", "google", "fit", "takeout", "garmin", "strava", "export", "all", "data",
    "profile", "authenticator", "microsoft", "freeotp", "jpeg", "png", "webp", "qr", "otp",
    "uuid", "http", "https", "asia", "kolkata", "hiv", "email", "true", "false", "yyyy", "mm",
    "dd", "authorization", "bearer", "token", "code", "a4", "english",
    "duration_minutes", "pain_before", "pain_after", "the", "export.zip", "export.xml",
}  # fmt: skip


def entries(path: Path):
    return [e for e in polib.pofile(str(path)) if not e.obsolete]


# --- The catalogue ------------------------------------------------------------


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_every_message_is_translated_and_none_is_fuzzy(path):
    po = entries(path)
    assert len(po) > 5
    untranslated = [e.msgid for e in po if not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_translations_keep_every_placeholder_and_are_not_copies(path):
    for e in entries(path):
        pairs = (
            [(e.msgid, e.msgstr)]
            if not e.msgid_plural
            else [(e.msgid, e.msgstr_plural[0]), (e.msgid_plural, e.msgstr_plural[1])]
        )
        for english, hindi in pairs:
            if "python-format" in e.flags:
                wanted = sorted(set(PLACEHOLDER.findall(english)))
                assert sorted(set(PLACEHOLDER.findall(hindi))) == wanted, (english, hindi)
            # A sentence left in English is not a translation (names aside).
            words = re.findall(r"[a-z]+", english.lower())
            if len(english.split()) >= 3 and not set(words) <= ALLOWED:
                assert re.search("[\u0900-\u097f]", hindi), (english, hindi)


def test_the_catalogue_holds_every_marked_string(tmp_path):
    """Fails when a string marked for translation is not yet in the Hindi
    catalogue (makemessages was not run after a change)."""
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is missing: scripts/system-packages.sh messages installs it")
    copy = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", copy)
    ignored = ["--ignore=" + name for name in (".venv", "node_modules", "tests", "bench",
                                              "staticfiles", "test-artifacts")]  # fmt: skip
    common = [*ignored, "--no-location", "-l", "hi"]
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "1", "LOCALE_DIR": str(copy), "HOME": str(tmp_path)}
    for domain in ("django", "djangojs"):
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-d", domain, *common],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
        fresh = {e.msgid for e in entries(copy / f"hi/LC_MESSAGES/{domain}.po")}
        kept = {e.msgid for e in entries(ROOT / f"locale/hi/LC_MESSAGES/{domain}.po")}
        assert sorted(fresh - kept) == [], f"run makemessages: new strings in {domain}"


# --- Choosing the language -------------------------------------------------------


def test_english_is_the_default_and_accept_language_hi_gives_hindi(client, db):
    english = client.get("/tips/").content.decode()
    assert '<html lang="en-gb">' in english and "Walking tips" in english
    hindi = client.get("/tips/", HTTP_ACCEPT_LANGUAGE="hi-IN,hi;q=0.9,en;q=0.5")
    page = hindi.content.decode()
    assert '<html lang="hi">' in page
    assert "कमर दर्द के लिए चलने के सुझाव" in page
    assert hindi["Content-Language"] == "hi"


def test_the_switch_sets_the_language_and_keeps_it_on_the_profile(client, patient, password):
    page = client.get("/tips/").content.decode()
    # The switch offers Hindi, named in Hindi, as a POST form back to this page.
    assert 'action="/i18n/setlang/"' in page and 'value="hi" lang="hi"' in page
    client.post("/i18n/setlang/", {"language": "hi", "next": "/tips/"})
    assert "सुझाव" in client.get("/tips/").content.decode()

    client.force_login(patient)
    response = client.post("/i18n/setlang/", {"language": "hi", "next": "/plan/"})
    assert response.status_code == 302 and response["Location"] == "/plan/"
    assert Profile.objects.get(user=patient).language == "hi"
    # Another phone (no cookie, an English browser) still shows Hindi.
    client.cookies.clear()
    client.force_login(patient)
    assert '<html lang="hi">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Back to English.
    client.post("/i18n/setlang/", {"language": "en-gb", "next": "/"})
    assert Profile.objects.get(user=patient).language == "en-gb"
    assert '<html lang="en-gb">' in client.get("/").content.decode()


def test_the_switch_refuses_odd_values_and_outside_addresses(client, patient):
    client.force_login(patient)
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]
    assert Profile.objects.filter(user=patient, language="xx").count() == 0
    assert client.get("/i18n/setlang/").status_code == 405


def test_signing_up_in_hindi_keeps_hindi(client, db):
    client.post("/i18n/setlang/", {"language": "hi", "next": "/"})
    client.post(
        "/accounts/signup/",
        {"username": "asha", "email": "asha@example.com", "password1": "a-long-pass-1234",
         "password2": "a-long-pass-1234", "timezone": "Asia/Kolkata"},
    )  # fmt: skip
    assert Profile.objects.get(user__username="asha").language == "hi"


# --- Every page in Hindi ---------------------------------------------------------


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # Time zones are shown by their IANA names (Asia/Kolkata), which are data.
    html = re.sub(r'<select[^>]*name="timezone".*?</select>', " ", html, flags=re.S)
    # Attributes people read (labels for screen readers, placeholders, titles).
    said = " ".join(re.findall(r'(?:aria-label|placeholder|title|alt)="([^"]*)"', html))
    return unescape(re.sub(r"<[^>]+>", " ", html) + " " + said)


def english_left(text: str, data: list[str]) -> list[str]:
    """Runs of three or more English words, once names and data are taken out."""
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    found = []
    for run in re.findall(r"[A-Za-z][A-Za-z'’.\-]*(?:[ ,:;/()]+[A-Za-z][A-Za-z'’.\-]*){2,}", text):
        words = [w.lower().strip(".") for w in re.findall(r"[A-Za-z][A-Za-z'’.\-]*", run)]
        if sum(w not in ALLOWED for w in words) >= 2:
            found.append(run)
    return found


LABELS = re.compile(
    r"<(label|legend|button|th|h[1-6]|summary|caption|dt|option)\b[^>]*>(.*?)</\1>", re.S
)


def english_labels(html: str, data: list[str]) -> list[str]:
    """Single English words in labels, headings and buttons (a run of three
    words is not needed to leave a field called "Date")."""
    html = re.sub(r'<select[^>]*name="timezone".*?</select>', " ", html, flags=re.S)
    found = []
    for _tag, inner in LABELS.findall(html):
        text = unescape(re.sub(r"<[^>]+>", " ", inner))
        for value in sorted(data, key=len, reverse=True):
            text = text.replace(value, " ")
        found += [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text) if w.lower() not in ALLOWED]
    return found


def listing_data() -> list[str]:
    from doctors.models import Doctor, Language, Specialty

    data = ["Walk Well"]
    for d in Doctor.objects.all():
        data += [d.name, d.title, d.qualifications, d.city, d.clinic, d.address, d.opening_hours]
    data += [s.name for s in Specialty.objects.all()] + [
        lang.name for lang in Language.objects.all()
    ]
    return [value for value in data if value]


PUBLIC = ["/", "/tips/", "/doctors/", "/doctors/?q=xyzzy", "/doctors/dr-sandhya-chandel/",
          "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/",
          "/accounts/password_reset/done/", "/offline/", "/no-such-page/"]  # fmt: skip
PATIENT = ["/", "/walks/new/", "/checkins/new/", "/checks/new/", "/walks/", "/plan/",
           "/accounts/me/", "/accounts/health/", "/accounts/tokens/", "/accounts/reminders/",
           "/accounts/me/delete/", "/report/", "/report/share/", "/walks/import/", "/lessons/",
           "/lessons/why-walking-helps/", "/accounts/password_change/",
           "/warnings/seen/", "/questionnaires/", "/questionnaires/back-function/",
           "/questionnaires/outlook/", "/accounts/care-team/"]  # fmt: skip


def test_every_page_reads_in_hindi(client, hindi_patient):
    data = listing_data()
    client.post("/i18n/setlang/", {"language": "hi", "next": "/"})
    pages = {f"anonymous {url}": client.get(url) for url in PUBLIC}
    client.force_login(hindi_patient)
    pages |= {url: client.get(url) for url in PATIENT}
    walk = hindi_patient.walks.first()
    pages["edit"] = client.get(f"/walks/{walk.pk}/edit/")
    pages["delete"] = client.get(f"/walks/{walk.pk}/delete/")
    for slug, answers in (
        ("back-function", {f"q{n}": "no" for n in range(1, 25)}),
        ("outlook", {**{f"q{n}": "agree" for n in range(1, 9)}, "q9": "extremely"}),
    ):
        done = client.post(f"/questionnaires/{slug}/", answers)
        pages[f"{slug} result"] = client.get(done["Location"])
    pages["questionnaire error"] = client.post("/questionnaires/back-function/", {"q1": "yes"})
    export = samples.apple_xml([samples.workout("Walking", "2026-11-02 08:00:00 +0530", "25")])
    job = client.post("/walks/import/", {"file": SimpleUploadedFile("export.xml", export)})
    pages["import progress"] = client.get(job["Location"])
    run_queued_tasks()
    pages["import preview"] = client.get(job["Location"])
    assert 'name="payload"' in pages["import preview"].content.decode()
    failed = client.post("/walks/import/", {"file": SimpleUploadedFile("a.txt", b"words")})
    run_queued_tasks()
    pages["import failed"] = client.get(failed["Location"])
    made = client.post("/report/share/", {"days": "7"}).content.decode()
    pages["share made"] = client.get("/report/share/")
    shared = re.search(r"(/r/[\w-]+/)", made).group(1)
    token = unsubscribe_token(Profile.objects.get(user=hindi_patient))
    client.logout()
    client.post("/i18n/setlang/", {"language": "hi", "next": "/"})
    pages["shared report"] = client.get(shared)  # as the doctor, reading Hindi
    pages["unsubscribe"] = client.get(f"/accounts/reminders/unsubscribe/{token}/")
    leftovers = {}
    for name, response in pages.items():
        assert response.status_code in (200, 404), name
        html = response.content.decode()
        assert '<html lang="hi">' in html, name
        found = english_left(visible_text(html), data) + english_labels(html, [*data, "asha"])
        if found:
            leftovers[name] = found
    assert leftovers == {}, pformat(leftovers, width=120)
    dashboard = pages["/"].content.decode()
    # The emergency warning, in Hindi, with the number to call.
    assert "अभी इमरजेंसी इलाज लें" in dashboard and "112" in dashboard
    assert "आज ही डॉक्टर को दिखाएँ" in dashboard


def test_errors_beside_fields_are_in_hindi(client, hindi_patient):
    client.force_login(hindi_patient)
    bad = {"date": "2999-01-01", "duration_minutes": "400", "pain_before": "11", "pain_after": ""}
    page = client.post("/walks/new/", bad).content.decode()
    assert "तारीख़ आगे की नहीं हो सकती।" in page
    assert english_left(visible_text(page), listing_data()) == []
    login = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert english_left(visible_text(login.content.decode()), []) == []


def test_dates_and_numbers_are_localised(client, hindi_patient):
    client.force_login(hindi_patient)
    history = client.get("/walks/").content.decode()
    today = timezone.localdate()
    with translation.override("hi"):
        shown = date_format(today, "D j M Y")
    assert re.search("[\u0900-\u097f]", shown)  # Hindi day and month names
    assert shown in history
    assert today.strftime("%b") not in visible_text(history)  # no English month
    # The report's charts too (drawn as SVG on the server).
    report = visible_text(client.get("/report/").content.decode())
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", report)


def test_the_api_explains_refusals_in_hindi(client, hindi_patient):
    client.force_login(hindi_patient)
    response = client.post(
        "/api/v1/walks/",
        {"date": "2999-01-01", "duration_minutes": 20, "pain_before": 3, "pain_after": 3},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="hi",
    )
    assert response.status_code == 400
    assert "तारीख़" in str(response.json())


def test_the_reminder_email_is_in_the_patients_language(hindi_patient, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    english = UserFactory(username="ravi")
    for user in (hindi_patient, english):
        Profile.objects.update_or_create(
            user=user,
            defaults={"reminders_enabled": True, "reminder_time": datetime.time(8, 0),
                      "timezone": "Asia/Kolkata"},
        )  # fmt: skip
    hindi_patient.walks.all().delete()
    hindi_patient.checkins.all().delete()
    now = timezone.now().replace(hour=12, minute=0)  # 17:30 in India
    assert send_due_reminders(now) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    hindi = by_address[hindi_patient.email]
    assert hindi.subject == "आज चलने का समय"
    assert "आज का चलना दर्ज करें" in hindi.body
    body = re.sub(r"https?://\S+", " ", hindi.body)
    assert english_left(body, [hindi_patient.username]) == []
    html = hindi.alternatives[0][0]
    assert '<html lang="hi">' in html and "आज का चलना दर्ज करें" in html
    assert by_address[english.email].subject == "Time for today's walk"


def test_the_pdf_draws_devanagari(client, hindi_patient):
    client.force_login(hindi_patient)
    response = client.get("/report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # WeasyPrint embeds (a subset of) each font it used: a Devanagari one.
    streams = [response.content]
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", response.content, re.S):
        with contextlib.suppress(zlib.error):
            streams.append(zlib.decompress(raw))
    fonts = re.findall(rb"/FontName\s*/[A-Z]{6}\+([^/\s]+)", b"\n".join(streams))
    assert any(b"Devanagari" in font for font in fonts), fonts
    report = client.get("/report/").content.decode()
    assert "चलने और कमर दर्द की रिपोर्ट" in report


def test_the_password_reset_email_is_in_hindi(client, hindi_patient, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post("/i18n/setlang/", {"language": "hi", "next": "/"})
    client.post("/accounts/password_reset/", {"email": hindi_patient.email})
    (message,) = mail.outbox
    assert "पासवर्ड" in message.subject
    body = re.sub(r"https?://\S+", " ", message.body)
    assert "नया पासवर्ड चुनें" in body
    assert english_left(body, [hindi_patient.username, "testserver"]) == []
