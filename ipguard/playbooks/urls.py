from django.urls import path

from ipguard.playbooks.views import advisor, questionnaire

app_name = "playbooks"

urlpatterns = [
    path("health-check/", questionnaire.questionnaire, name="questionnaire"),
    path(
        "health-check/area/<slug:area_key>/",
        questionnaire.questionnaire_area,
        name="questionnaire_area",
    ),
    path("health-check/review/", questionnaire.questionnaire_review, name="questionnaire_review"),
    path("health-check/submit/", questionnaire.questionnaire_submit, name="questionnaire_submit"),
    path("health-check/history/", questionnaire.assessment_history, name="assessment_history"),
    path(
        "health-check/<int:assessment_pk>/",
        questionnaire.assessment_result,
        name="assessment_result",
    ),
    path("alliances/", advisor.alliance_advisor, name="alliance_advisor"),
    path("incidents/", advisor.incident_list, name="incident_list"),
    path("incidents/start/<slug:playbook_key>/", advisor.incident_start, name="incident_start"),
    path("incidents/<int:incident_pk>/", advisor.incident_detail, name="incident_detail"),
]
