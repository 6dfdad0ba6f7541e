"""The API's JSON parser: DRF's, refusing what would otherwise fail later.

JSON nested thousands of levels deep makes Python's decoder raise
RecursionError, and a lone surrogate ("\\ud800") decodes to a string that no
database can store (UnicodeEncodeError on save). Both are the client's
mistake, so both are a 400 with a JSON error, like any malformed body.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32  # the API's documents are two levels deep


def _check(value, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ParseError(_("The JSON is nested too deeply."))
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ParseError(_("The JSON holds text that is not valid Unicode.")) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key, depth + 1)
            _check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1)


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
        _check(data)
        return data
