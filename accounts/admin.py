"""Accounts in the admin: Django's user admin, plus an action with which a
verified admin makes a one-time authenticator enrolment link for a staff
member or clinician (the admin itself already needs a second factor)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import enrolment

User = get_user_model()


class WalkWellUserAdmin(UserAdmin):
    actions = ["make_enrolment_link"]

    @admin.action(
        description=gettext_lazy("Make a one-time authenticator enrolment link"),
        permissions=["change"],
    )
    def make_enrolment_link(self, request, queryset):
        for user in queryset:
            if not enrolment.needs_second_factor(user):
                self.message_user(
                    request,
                    _("%(name)s is neither staff nor a clinician: no link made.")
                    % {"name": user.get_username()},
                    messages.WARNING,
                )
                continue
            url = enrolment.link_url(enrolment.make_link(user, made_by=request.user))
            self.message_user(
                request,
                _(
                    "Enrolment link for %(name)s (works once, for 24 hours; it is shown "
                    "only now, so pass it on safely): %(url)s"
                )
                % {"name": user.get_username(), "url": url},
                messages.SUCCESS,
            )


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, WalkWellUserAdmin)
