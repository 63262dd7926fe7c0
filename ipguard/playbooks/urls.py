from django.urls import path

from ipguard.playbooks.views import actions

app_name = "playbooks"

urlpatterns = [
    path("actions/", actions.action_list, name="action_list"),
    path("actions/new/", actions.action_create, name="action_create"),
    path("actions/<int:action_pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:action_pk>/edit/", actions.action_edit, name="action_edit"),
    path("actions/<int:action_pk>/status/", actions.action_status, name="action_status"),
    path("actions/<int:action_pk>/comments/", actions.action_comment, name="action_comment"),
]
