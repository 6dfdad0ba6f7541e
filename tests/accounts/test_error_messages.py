"""Form errors are said once, in words that fit the page."""

import pytest

pytestmark = pytest.mark.django_db

WRONG = "Please enter a correct username and password."


def test_a_failed_login_says_so_once(client, patient):
    body = client.post("/accounts/login/", {"username": "alice", "password": "nope"}).content
    body = body.decode()
    assert body.count(WRONG) == 1
    assert "Nothing has been saved yet" not in body and "form-error-summary" not in body


def test_an_empty_login_marks_the_fields_without_talking_of_saving(client, db):
    body = client.post("/accounts/login/", {"username": "", "password": ""}).content.decode()
    assert "Please correct the 2 fields marked below." in body
    assert "Nothing has been saved yet" not in body


def test_a_diary_form_still_says_nothing_was_saved(patient_client):
    body = patient_client.post("/walks/new/", {"duration_minutes": "x"}).content.decode()
    assert "Nothing has been saved yet." in body and body.count('id="form-error-summary"') == 1
