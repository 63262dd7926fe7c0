from django.urls import path

from ipguard.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("language/", views.language_switch, name="language_switch"),
    path("health/", views.health, name="health"),
]
