"""How django-axes reads the username of a login attempt."""

# axes stores the attempted username in a 255-character column; PostgreSQL
# refuses longer values, and Django's login form does not cap the length
# before authenticating. Usernames are at most 150 characters anyway.
MAX_USERNAME = 150


def attempted_username(request, credentials=None) -> str | None:
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") if source else None
    if username is None:
        return None
    return str(username).replace("\x00", "")[:MAX_USERNAME]
