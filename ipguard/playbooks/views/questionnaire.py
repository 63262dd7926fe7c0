from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission, request_allows
from ipguard.accounts.tenancy import get_for_company
from ipguard.lib.fragments import cached_body
from ipguard.lib.i18n import pick
from ipguard.lib.text import join_sentences
from ipguard.playbooks import scoring, selectors
from ipguard.playbooks.content_store import current_content
from ipguard.playbooks.models import Assessment
from ipguard.playbooks.progress import (
    answer_rows,
    area_progress,
    changes_between,
    progress_totals,
)
from ipguard.playbooks.questionnaire_forms import AreaForm
from ipguard.playbooks.services import assessments as assessment_services
from ipguard.playbooks.services.assessments import scoring_answers


def _draft_or_latest(request):
    """Editors work on the draft (created on demand); viewers read the latest version."""
    draft = selectors.draft_assessment(request.company)
    if draft or not request_allows(request, Level.EDITOR):
        return draft or selectors.latest_submitted(request.company)
    return None


@permission(read=Level.VIEWER, write=Level.EDITOR)
def questionnaire(request):
    """Start or resume: go to the first area that still has unanswered questions."""
    content = current_content()
    assessment = _draft_or_latest(request)
    if assessment is None:
        if request.method != "POST":
            return render(
                request, "playbooks/questionnaire_start.html", _start_context(request, content)
            )
        assessment = assessment_services.assessment_start(
            company=request.company, user=request.user
        )
    progress = area_progress(content, scoring_answers(content, assessment.answers))
    for row in progress:
        if row["answered"] < row["visible"]:
            return redirect("playbooks:questionnaire_area", area_key=row["area"].key)
    if request.method == "POST" and assessment.number > 1:
        # A retake starts from the last answers; with nothing left open it lands on the review.
        messages.info(
            request,
            _(
                "Your answers from the last health check are filled in and every question is "
                "answered, so you start at the review. Change what is no longer true, then submit."
            ),
        )
    return redirect("playbooks:questionnaire_review")


def _start_context(request, content):
    """The start page counts the areas and, at most, the questions left to answer: every
    question of the content less those sign-up already answered (some are skipped later when
    they do not apply)."""
    answers = scoring_answers(content, assessment_services.signup_answers(request.company))
    prefilled = progress_totals(area_progress(content, answers))["answered"]
    questions = len(content.questions) - prefilled
    areas = len(content.areas)
    intro = [
        ngettext(
            "Up to %(counter)s short question in %(areas)s areas; questions that do not apply to "
            "you are skipped.",
            "Up to %(counter)s short questions in %(areas)s areas; questions that do not apply "
            "to you are skipped.",
            questions,
        )
        % {"counter": questions, "areas": areas},
        ngettext(
            "%(counter)s answer is already filled in from your sign-up.",
            "%(counter)s answers are already filled in from your sign-up.",
            prefilled,
        )
        % {"counter": prefilled}
        if prefilled
        else "",
        _(
            "Your answers are saved as you go, so you can stop and come back. At the end you get "
            "a score per area, the reasons behind it and a dated action plan."
        ),
    ]
    return {
        "areas": [pick(area.title) for area in content.areas],
        "area_count": areas,
        "question_count": questions,
        "prefilled": prefilled,
        "intro": join_sentences(intro),
    }


def _area_or_404(content, area_key):
    for area in content.areas:
        if area.key == area_key:
            return area
    raise Http404


@permission(read=Level.VIEWER, write=Level.EDITOR)
def questionnaire_area(request, area_key):
    content = current_content()
    area = _area_or_404(content, area_key)
    is_htmx = request.headers.get("HX-Request") == "true"
    if request.method == "POST":
        return _area_post(request, content, area, is_htmx)
    part = "form" if is_htmx else "body"
    # Answers, draft state and the register's prefill bump the company's data version
    # (ipguard/lib/fragments.py); the questions follow the content loaded, hence its fingerprint.
    body = cached_body(
        request,
        f"health-area-{part}-{content.fingerprint}",
        f"playbooks/_area_{part}.html",
        lambda request: _area_display_context(request, content, area),
        per_user=False,
    )
    if isinstance(body, HttpResponse):
        return body
    if is_htmx:
        return HttpResponse(body)
    return _area_page(request, area, body)


def _area_page(request, area, body, status=200):
    context = {"body": body, "area_title": pick(area.title, get_language())}
    return render(request, "playbooks/area.html", context, status=status)


def _area_display_context(request, content, area):
    """The area's questions with the stored answers, unanswered ones prefilled from the register."""
    assessment = _draft_or_latest(request)
    if assessment is None:
        return redirect("playbooks:questionnaire")
    read_only = _read_only(request, assessment)
    answers = scoring_answers(content, assessment.answers)
    visible = scoring.visible_questions(content, area.key, answers)
    prefilled = {} if read_only else _register_prefill(request, visible, assessment)
    form = AreaForm(
        questions=visible,
        answers={**assessment.answers, **prefilled},
        language=get_language(),
        read_only=read_only,
    )
    return _area_context(
        content, area, assessment, answers, form, read_only=read_only, prefilled=bool(prefilled)
    )


def _area_post(request, content, area, is_htmx):
    assessment = _draft_or_latest(request)
    if assessment is None:
        return redirect("playbooks:questionnaire")
    if _read_only(request, assessment):
        raise PermissionDenied
    language = get_language()
    has_errors = _save_area_answers(request, content, area, assessment, language)
    if not has_errors and not is_htmx:
        if "leave" in request.POST:
            messages.info(request, _("Your answers are saved. Come back any time."))
            return redirect("core:dashboard")
        following = _next_area(content, area)
        if following is None:
            return redirect("playbooks:questionnaire_review")
        return redirect("playbooks:questionnaire_area", area_key=following.key)

    answers = scoring_answers(content, assessment.answers)
    visible = scoring.visible_questions(content, area.key, answers)
    # Re-render what was typed (with its errors), plus stored answers of newly shown questions.
    form = AreaForm(
        _posted_with_stored(request.POST, visible, assessment.answers),
        questions=visible,
        answers=assessment.answers,
        language=language,
    )
    form.is_valid()
    context = _area_context(
        content, area, assessment, answers, form, read_only=False, prefilled=False
    )
    if is_htmx:
        return render(request, "playbooks/_area_form.html", context)
    body = render_to_string("playbooks/_area_body.html", context, request)
    return _area_page(request, area, body, status=400)


def _read_only(request, assessment):
    return not (request_allows(request, Level.EDITOR) and assessment.is_draft)


def _area_context(content, area, assessment, answers, form, *, read_only, prefilled):
    progress = area_progress(content, answers)
    language = get_language()
    return {
        "area": area,
        "form": form,
        "assessment": assessment,
        "read_only": read_only,
        "area_title": pick(area.title, language),
        "area_intro": pick(area.intro, language),
        "progress": progress,
        "progress_percent": progress_totals(progress)["percent"],
        "next_area": _next_area(content, area),
        "previous_area": _previous_area(content, area),
        "prefilled": prefilled,
    }


def _register_prefill(request, visible, assessment) -> dict:
    """Unanswered questions on screen that the products register can answer (issue 17)."""
    from ipguard.products.selectors import health_check_prefill

    on_screen = {question.key for question in visible}
    return {
        key: value
        for key, value in health_check_prefill(request.company).items()
        if key in on_screen and assessment.answers.get(key) in (None, "", [])
    }


def _save_area_answers(request, content, area, assessment, language):
    """Save the valid answers of the questions that were on screen; True if some were invalid."""
    shown = set(request.POST.getlist("shown"))
    questions = [q for q in content.questions_for(area.key) if q.key in shown]
    posted = AreaForm(request.POST, questions=questions, answers={}, language=language)
    posted.is_valid()
    assessment_services.assessment_save_answers(
        assessment=assessment, answers=posted.valid_stored_answers(), user=request.user
    )
    return bool(posted.errors)


def _posted_with_stored(post, visible, stored):
    data = post.copy()
    shown = set(post.getlist("shown"))
    for question in visible:
        if question.key in shown or question.key not in stored:
            continue
        value = stored[question.key]
        if isinstance(value, list):
            data.setlist(question.key, [str(v) for v in value])
        else:
            data[question.key] = str(value)
    return data


def _next_area(content, area):
    areas = list(content.areas)
    index = [a.key for a in areas].index(area.key)
    return areas[index + 1] if index + 1 < len(areas) else None


def _previous_area(content, area):
    areas = list(content.areas)
    index = [a.key for a in areas].index(area.key)
    return areas[index - 1] if index > 0 else None


@permission(read=Level.VIEWER)
def questionnaire_review(request):
    content = current_content()
    assessment = _draft_or_latest(request)
    if assessment is None:
        return redirect("playbooks:questionnaire")
    answers = scoring_answers(content, assessment.answers)
    return render(
        request,
        "playbooks/review.html",
        {
            "assessment": assessment,
            "rows": answer_rows(content, answers, get_language()),
            "totals": progress_totals(area_progress(content, answers)),
            "can_submit": request_allows(request, Level.EDITOR) and assessment.is_draft,
        },
    )


@permission(write=Level.EDITOR)
def questionnaire_submit(request):
    draft = selectors.draft_assessment(request.company)
    if draft is None:
        messages.error(request, _("There is no health check in progress to submit."))
        return redirect("playbooks:questionnaire")
    try:
        assessment = assessment_services.assessment_submit(assessment=draft, user=request.user)
    except assessment_services.NothingToSubmit as error:
        messages.error(request, str(error))
        return redirect("playbooks:questionnaire_review")
    messages.success(request, _("Health check submitted. Here is your score and action plan."))
    return redirect(assessment)


@permission(read=Level.VIEWER)
def assessment_result(request, assessment_pk):
    assessment = get_for_company(
        request, Assessment.objects.filter(status=Assessment.Status.SUBMITTED), pk=assessment_pk
    )
    previous = (
        selectors.submitted_assessments(request.company)
        .filter(number__lt=assessment.number)
        .order_by("-number")
        .first()
    )
    content = current_content()
    return render(
        request,
        "playbooks/result.html",
        {
            "assessment": assessment,
            "previous": previous,
            "changes": changes_between(content, previous, assessment, get_language())
            if previous
            else None,
            "new_actions": assessment.created_actions.all(),
            "chart": selectors.score_chart(assessment),
        },
    )


@permission(read=Level.VIEWER)
def assessment_history(request):
    return render(
        request,
        "playbooks/history.html",
        {
            "assessments": selectors.submitted_assessments(request.company).order_by("-number"),
            "draft": selectors.draft_assessment(request.company),
            "start_url": reverse("playbooks:questionnaire"),
        },
    )
