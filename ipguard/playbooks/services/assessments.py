"""The questionnaire's writes: start or resume a draft, save answers, submit a version."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.actions.models import OPEN_ACTION_STATUSES, ActionComment, ActionItem, ActionStatus
from ipguard.audit.services import audit_record, field_changes
from ipguard.lib.fragments import company_data_changed
from ipguard.playbooks import scoring
from ipguard.playbooks.content_store import current_content
from ipguard.playbooks.models import Assessment
from ipguard.playbooks.score_records import health_score_record


class NothingToSubmit(Exception):
    """A submission needs at least one answer."""


# Sign-up's export markets (accounts.choices.Market) as the profile question's choices.
SIGNUP_MARKETS = {
    "US": "us",
    "EU": "eu",
    "GB": "uk",
    "JP": "jp",
    "KR": "kr",
    "SEA": "southeast_asia",
    "OTHER": "other",
}


def signup_answers(company) -> dict:
    """What the company told us at sign-up, as answers, so the health check does not ask again.

    Revenue bands share their codes with the profile question; markets are mapped above.
    """
    answers = {}
    markets = [SIGNUP_MARKETS[m] for m in company.export_markets or [] if m in SIGNUP_MARKETS]
    if markets:
        answers["export_markets"] = markets
    if company.revenue_band:
        answers["revenue_band"] = company.revenue_band
    return answers


def assessment_start(*, company, user) -> Assessment:
    """The company's open draft, or a new one that starts from the last submitted answers."""
    draft = Assessment.objects.filter(company=company, status=Assessment.Status.DRAFT).first()
    if draft:
        return draft
    last = (
        Assessment.objects.filter(company=company, status=Assessment.Status.SUBMITTED)
        .order_by("-number")
        .first()
    )
    number = (Assessment.objects.filter(company=company).aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                company=company,
                number=number,
                answers=dict(last.answers) if last else signup_answers(company),
                started_by=user,
            )
    except IntegrityError:
        # Two people pressed "start" at once: the other request's draft wins.
        return Assessment.objects.get(company=company, status=Assessment.Status.DRAFT)


def assessment_save_answers(*, assessment: Assessment, answers: dict, user=None) -> Assessment:
    """Merge answers into the draft. Answers to questions now hidden are kept, not deleted."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not locked.is_draft:
            raise ValueError("submitted assessments cannot change")
        merged = dict(locked.answers)
        for key, value in answers.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        changes = field_changes(locked.answers, merged)
        changes.update(
            {key: [value, None] for key, value in locked.answers.items() if key not in merged}
        )
        locked.answers = merged
        locked.save(update_fields=["answers", "updated_at"])
        if changes:
            audit_record(
                company=locked.company,
                actor=user,
                code="answers.saved",
                obj=locked,
                changes=changes,
            )
    assessment.answers = locked.answers
    return assessment


def assessment_submit(*, assessment: Assessment, user, today: date | None = None) -> Assessment:
    """Score the draft, store the version and bring the action plan in line with the answers."""
    today = today or timezone.localdate()
    content = current_content()
    if not assessment.answers:
        raise NothingToSubmit(_("Answer at least one question before you submit."))
    health = scoring.score_all(content, scoring_answers(content, assessment.answers))
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not assessment.is_draft:
            return assessment
        assessment.scores = health_score_record(content, health, assessment.answers)
        assessment.overall_score = assessment.scores["overall"]
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_by = user
        assessment.submitted_at = timezone.now()
        assessment.save()
        _sync_actions(assessment=assessment, content=content, user=user, today=today)
        audit_record(
            company=assessment.company,
            actor=user,
            code="assessment.submitted",
            obj=assessment,
            changes={"overall_score": [None, assessment.overall_score]},
        )
    return assessment


def scoring_answers(content, stored: dict) -> dict:
    """Stored JSON answers as the scoring module expects them (dates as date objects)."""
    answers = {}
    for key, value in stored.items():
        question = content.question(key) if content.has_question(key) else None
        if question is None:
            continue
        if question.kind == "date" and isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                continue
        answers[key] = value
    return answers


def _sync_actions(*, assessment, content, user, today):
    """Create items for newly triggered templates; close open ones whose cause has gone."""
    answers = scoring_answers(content, assessment.answers)
    # Ranked by risk; only the riskiest few stay urgent (scoring.URGENT_LIMIT).
    triggered = {t.template.key: t for t in scoring.action_plan(content, answers, today=today)}
    open_items = {
        item.key: item
        for item in ActionItem.objects.filter(
            company=assessment.company,
            origin=ActionItem.Origin.ASSESSMENT,
            status__in=OPEN_ACTION_STATUSES,
        )
    }
    new_items = []
    for key, trigger in triggered.items():
        if key in open_items:
            continue
        template = trigger.template
        new_items.append(
            ActionItem(
                company=assessment.company,
                origin=ActionItem.Origin.ASSESSMENT,
                key=key,
                title=dict(template.title),
                why=dict(template.why),
                steps={lang: list(steps) for lang, steps in template.steps.items()},
                source=template.source,
                tier=trigger.tier,
                owner=user,
                due_date=scoring.due_date_for(trigger.tier, today, trigger.due_in_days),
                assessment=assessment,
            )
        )
    ActionItem.objects.bulk_create(new_items)
    company_data_changed(assessment.company_id)  # bulk writes send no signals
    gone = [item for key, item in open_items.items() if key not in triggered]
    for item in gone:
        item.status = ActionStatus.DONE
        item.completed_at = timezone.now()
        item.save(update_fields=["status", "completed_at"])
        ActionComment.objects.create(
            action=item,
            is_system=True,
            code="closed_by_health_check",
            params={"number": assessment.number},
        )
