"""A company with a quarter of history: health checks, action items, filings, alliance advice."""

import datetime
from dataclasses import dataclass

import pytest
import time_machine

# Every report test runs on this day: Q4 2026 is the current quarter, Q3 is last quarter.
TODAY = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=datetime.UTC)


def area(key, en, zh, score, deductions=(), applicable=True):
    return {
        "key": key,
        "title": {"en": en, "zh_hans": zh},
        "weight": 2,
        "score": score,
        "applicable": applicable,
        "answered": 3,
        "unanswered": 0,
        "deductions": list(deductions),
    }


AI_LICENCE_DEDUCTION = {
    "question_key": "ai_tool_licences",
    "question_text": {
        "en": "Under which kind of account do staff create AI content?",
        "zh_hans": "员工使用哪类账号制作AI内容？",
    },
    "answer_text": {"en": "Free or personal accounts only", "zh_hans": "只用免费或个人账号"},
    "points_lost": 36.0,
    "explanation": {
        "en": "AI content made under accounts not licensed for commercial use",
        "zh_hans": "AI内容出自未获商用许可的账号",
    },
    "unanswered": False,
    "source": "002",
}


def scores(overall, trademarks, ai, deductions=()):
    return {
        "overall": overall,
        "content_versions": {},
        "areas": [
            area("trademarks", "Trademarks", "商标", trademarks),
            area("ai_compliance", "AI content compliance", "AI内容合规", ai, deductions),
            area("patents", "Patents", "专利", 0, applicable=False),
        ],
    }


@dataclass
class History:
    company: object
    owner: object
    fix: object
    overdue: object
    done: object


@pytest.fixture(autouse=True)
def reports_root(settings, tmp_path):
    settings.REPORTS_ROOT = tmp_path / "reports"
    return settings.REPORTS_ROOT


@pytest.fixture
def fixed_today():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def history(personas, fixed_today):
    from ipguard.playbooks.models import AllianceProfile
    from ipguard.portfolio.models import Asset, Deadline, Filing
    from tests.factories import ActionItemFactory, AssessmentFactory

    company, owner = personas.company, personas.owner
    owner.full_name = "Wang Fang"
    owner.save(update_fields=["full_name"])
    AssessmentFactory(company=company, number=1, overall_score=40, scores=scores(40, 50, 30),
                      submitted_at=at(2026, 2, 10))  # fmt: skip
    AssessmentFactory(company=company, number=2, overall_score=61, scores=scores(61, 70, 45),
                      submitted_at=at(2026, 8, 15))  # fmt: skip
    AssessmentFactory(
        company=company,
        number=3,
        overall_score=68,
        scores=scores(68, 80, 45, [AI_LICENCE_DEDUCTION]),
        submitted_at=at(2026, 11, 10),
    )
    fix = ActionItemFactory(
        company=company,
        key="license_ai_tools",
        title={
            "en": "Move AI work onto licensed accounts",
            "zh_hans": "把AI工作转到已获许可的账号",
        },
        tier="urgent",
        owner=owner,
        due_date=datetime.date(2026, 12, 5),
    )
    overdue = ActionItemFactory(
        company=company,
        title={"en": "File the EU trademark", "zh_hans": "提交欧盟商标申请"},
        tier="strategic",
        owner=owner,
        due_date=datetime.date(2026, 10, 15),
    )
    done = ActionItemFactory(
        company=company,
        title={"en": "Register the Chinese mark", "zh_hans": "注册中国商标"},
        tier="urgent",
        status="done",
        completed_at=at(2026, 10, 20),
        due_date=datetime.date(2026, 10, 30),
    )
    ActionItemFactory(
        company=company,
        title={"en": "Done last quarter", "zh_hans": "上季度完成"},
        status="done",
        completed_at=at(2026, 9, 1),
        due_date=datetime.date(2026, 9, 30),
    )
    ActionItemFactory(
        company=company,
        title={"en": "Join a patent pool", "zh_hans": "加入专利池"},
        tier="long_term",
        due_date=datetime.date(2027, 6, 1),
    )
    mark = Asset.objects.create(company=company, right="trademark", name="SUNRISE")
    cn = Filing.objects.create(asset=mark, office="CN", status="registered", number="12345678")
    Filing.objects.create(asset=mark, office="US", status="pending", number="97123456")
    Deadline.objects.create(company=company, filing=cn, key="renewal", kind="renewal",
                            label="Renewal", due_date=datetime.date(2027, 3, 1))  # fmt: skip
    Deadline.objects.create(company=company, filing=cn, key="later", kind="renewal",
                            label="Later renewal", due_date=datetime.date(2028, 1, 5))  # fmt: skip
    Deadline.objects.create(company=company, filing=cn, key="done", kind="renewal",
                            label="Finished step", due_date=datetime.date(2027, 1, 5),
                            status="done")  # fmt: skip
    AllianceProfile.objects.create(
        company=company,
        facts={},
        recommendations=[
            {
                "option": "lot_network",
                "title": {"en": "LOT Network membership", "zh_hans": "加入LOT网络"},
                "verdict": "recommended",
                "reasons": [
                    {"en": "You were approached by a PAE.", "zh_hans": "曾被专利主张实体找上门。"}
                ],
            }
        ],
    )
    return History(company=company, owner=owner, fix=fix, overdue=overdue, done=done)
