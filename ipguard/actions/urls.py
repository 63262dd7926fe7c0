from django.urls import path

from ipguard.actions import views

app_name = "actions"

urlpatterns = [
    path("", views.action_list, name="action_list"),
    path("new/", views.action_create, name="action_create"),
    path("<int:action_pk>/", views.action_detail, name="action_detail"),
    path("<int:action_pk>/edit/", views.action_edit, name="action_edit"),
    path("<int:action_pk>/status/", views.action_status, name="action_status"),
    path("<int:action_pk>/comments/", views.action_comment, name="action_comment"),
]
