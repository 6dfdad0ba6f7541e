from django.urls import path

from outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("restart-plan/", views.restart, name="restart"),
    path("<slug:slug>/", views.answer, name="answer"),
    path("<slug:slug>/<int:pk>/", views.result, name="result"),
]
