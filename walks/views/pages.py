"""Pages about walking itself, the same for everyone."""

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def tips(request):
    return render(request, "walks/tips.html")
