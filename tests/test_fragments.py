"""Parts of pages rendered once per process and language (the menus, the
footer, the offline queue's words: the "fragments" cache in settings.py):
each page still shows its own active menu entry and the visitor's language."""

import re

from django.core.cache import caches
from django.test import Client


def active_links(html: str) -> list[str]:
    return re.findall(r'aria-current="page" href="([^"]+)"', html)


def test_each_page_marks_its_own_menu_entry(patient_client):
    assert active_links(patient_client.get("/tips/").content.decode()) == ["/tips/"]
    assert active_links(patient_client.get("/walks/").content.decode()) == ["/walks/"]
    assert active_links(patient_client.get("/walks/new/").content.decode()) == ["/walks/new/"]
    assert active_links(patient_client.get("/tips/").content.decode()) == ["/tips/"]
    assert caches["fragments"]._cache  # the menus came from the fragments cache


def test_a_language_change_changes_the_menus_and_the_footer(patient_client):
    english = patient_client.get("/tips/").content.decode()
    assert ">Dashboard</a>" in english and "seek emergency care now." in english
    assert 'data-discard="Discard"' in english
    patient_client.post("/i18n/setlang/", {"language": "hi", "next": "/"})
    hindi = patient_client.get("/tips/").content.decode()
    assert ">डैशबोर्ड</a>" in hindi and ">Dashboard</a>" not in hindi
    assert 'data-discard="हटा दें"' in hindi
    assert "seek emergency care now." not in hindi
    # a visitor who is not logged in sees no patient menu, in their language
    anonymous = Client().get("/tips/").content.decode()
    assert "डैशबोर्ड" not in anonymous and ">Dashboard</a>" not in anonymous
    assert 'href="/doctors/">Doctors</a>' in anonymous
