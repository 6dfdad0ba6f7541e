"""The client's address, for every per-address limit (API throttle, shared
report and PDF limits, login lockout).

`X-Forwarded-For` is written by whoever sends the request, so it is trusted
only as far as the deployment says proxies stand in front of the app
(`TRUSTED_PROXIES`, default 0: the connection's own address). With N proxies
the client is the N-th address from the right, the one the outermost proxy
saw; anything further left was sent by the client and is ignored.
"""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]
