from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lessons import selectors
from lessons.models import Lesson, LessonDone
from walks.clock import patient_today


@login_required
def lesson_list(request):
    lessons, week = selectors.lessons_for(request.user, patient_today(request.user))
    return render(request, "lessons/list.html", {"lessons": lessons, "week": week})


@login_required
@require_http_methods(["GET", "POST"])
def lesson_detail(request, slug):
    lesson = get_object_or_404(Lesson, slug=slug)
    today = patient_today(request.user)
    week = selectors.plan_week(request.user, today)
    if not selectors.is_open(lesson, week=week, early=selectors.opened_early(request.user, today)):
        messages.info(
            request,
            _("That lesson opens in week %(week)d of your plan.") % {"week": lesson.week},
        )
        return redirect("lessons:list")
    if request.method == "POST" and "done" in request.POST:
        LessonDone.objects.get_or_create(user=request.user, lesson=lesson)
        messages.success(request, _("Lesson marked as done."))
        return redirect("lessons:detail", slug=lesson.slug)
    done = LessonDone.objects.filter(user=request.user, lesson=lesson).exists()
    return render(request, "lessons/detail.html", {"lesson": lesson, "done": done})
