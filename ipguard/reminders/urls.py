from django.urls import path

from ipguard.reminders import views

app_name = "reminders"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("policy/", views.policy, name="policy"),
    path("log/", views.log, name="log"),
    path("act/<str:token>/", views.act, name="act"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
