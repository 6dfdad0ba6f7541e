"""Personal access tokens (`Authorization: Bearer <token>`), scopes, throttles."""

from __future__ import annotations

import hmac

from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from accounts.addresses import client_ip
from accounts.models import AccessToken, hash_token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send 'Authorization: Bearer <token>'."))
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        wanted = hash_token(token)
        row = (
            AccessToken.objects.select_related("user")
            .filter(token_hash=wanted, revoked_at__isnull=True)
            .first()
        )
        if row is None or not hmac.compare_digest(row.token_hash, wanted) or not row.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has been revoked."))
        AccessToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        return row.user, row

    def authenticate_header(self, request):
        return self.keyword


class TokenScope(permissions.BasePermission):
    """A read token may only read; session log-ins and write tokens may write."""

    message = _("This token can only read. Make a token with write access to change data.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, AccessToken) or token.scope == AccessToken.Scope.WRITE


class PerTokenThrottle(throttling.SimpleRateThrottle):
    """Requests per token (or per logged-in patient when using the session)."""

    scope = "token"
    cache = caches["limits"]  # shared by every worker (settings.CACHES)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, AccessToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class PerAddressThrottle(throttling.SimpleRateThrottle):
    """Requests per client address, whoever is asking."""

    scope = "address"
    cache = caches["limits"]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class BearerScheme(OpenApiAuthenticationExtension):
    """How the schema describes the tokens."""

    target_class = "accounts.api_auth.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal access token."}
