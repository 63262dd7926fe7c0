"""Alliance advisor profiles and incident playbooks: writes that turn advice into items."""

from dataclasses import asdict, is_dataclass

from django.db import transaction
from django.utils import timezone

from ipguard.actions.models import ActionItem
from ipguard.lib.fragments import company_data_changed
from ipguard.playbooks import alliance, selectors
from ipguard.playbooks.models import AllianceProfile, IncidentRun


def suggested_facts(company) -> dict:
    """Facts we can guess from the company profile and its latest health check."""
    facts = {"revenue_band": company.revenue_band, "patent_count": 0}
    latest = selectors.latest_submitted(company)
    if latest:
        facts.update(alliance.facts_from_answers(latest.answers))
    return facts


def _as_json(value):
    if is_dataclass(value):
        return {key: _as_json(item) for key, item in asdict(value).items()}
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_as_json(item) for item in value]
    return value


def alliance_profile_save(*, company, facts: dict, user) -> AllianceProfile:
    recommendations = alliance.recommend(alliance.AllianceFacts(**facts))
    profile, _ = AllianceProfile.objects.update_or_create(
        company=company,
        defaults={
            "facts": facts,
            "recommendations": _as_json(list(recommendations)),
            "updated_by": user,
        },
    )
    return profile


def incident_start(*, company, playbook, user, notes: str = "", opened_on=None) -> IncidentRun:
    from ipguard.playbooks.incidents import incident_steps

    opened_on = opened_on or timezone.localdate()
    with transaction.atomic():
        run = IncidentRun.objects.create(
            company=company,
            playbook_key=playbook.key,
            title=dict(playbook.title),
            notes=notes,
            opened_on=opened_on,
            opened_by=user,
        )
        ActionItem.objects.bulk_create(
            ActionItem(
                company=company,
                origin=ActionItem.Origin.INCIDENT,
                key=f"incident:{run.pk}:{step.key}",
                title=dict(step.title),
                why=dict(step.why or playbook.summary),
                steps={lang: list(items) for lang, items in step.steps.items()},
                source=step.source,
                tier=step.tier,
                owner=user,
                due_date=due,
                incident=run,
            )
            for step, due in incident_steps(playbook, opened_on)
        )
        company_data_changed(company.pk)  # bulk writes send no signals
    return run
