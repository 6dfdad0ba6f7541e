"""The diary, newest first."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from walks import presenters, selectors


@require_GET
@login_required
def history(request):
    """Walks and check-ins together, newest first, 25 to a page."""
    page = selectors.history_page(
        request.user, older=request.GET.get("older"), newer=request.GET.get("newer")
    )
    return render(
        request, "walks/history.html", {"page": page, "rows": presenters.history_rows(page.rows)}
    )
