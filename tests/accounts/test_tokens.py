"""At most ten API tokens in use per account (issue 24)."""

import pytest

from accounts.models import AccessToken

pytestmark = pytest.mark.django_db


def test_an_eleventh_token_is_refused_until_one_is_revoked(patient_client, patient):
    for i in range(10):
        assert (
            'id="new-token"'
            in patient_client.post(
                "/accounts/tokens/", {"name": f"watch {i}", "scope": "write"}
            ).content.decode()
        )
    page = patient_client.post("/accounts/tokens/", {"name": "one more", "scope": "write"})
    text = page.content.decode()
    assert 'id="new-token"' not in text and "the most allowed. Revoke one first." in text
    assert AccessToken.objects.filter(user=patient).count() == 10
    patient_client.post("/accounts/tokens/", {"revoke": AccessToken.objects.first().pk})
    again = patient_client.post("/accounts/tokens/", {"name": "one more", "scope": "write"})
    assert 'id="new-token"' in again.content.decode()
