from django import forms
from django.utils.translation import gettext_lazy as _

from outcomes.models import Questionnaire


class QuestionnaireForm(forms.Form):
    """One radio group per item: fields q1 ... qN, each an option's value."""

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        for item in questionnaire.items.all():
            self.fields[f"q{item.number}"] = forms.ChoiceField(
                label=f"{item.number}. {item.shown_text}",
                choices=[(o.value, o.shown_text) for o in item.options.all()],
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={
                    "required": _("Choose an answer to this question."),
                    "invalid_choice": _("Choose one of the answers shown."),
                },
            )

    def answers(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}
