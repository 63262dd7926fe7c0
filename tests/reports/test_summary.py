"""The executive summary's choices, from snapshot data alone (no database)."""

from ipguard.reports.summary import changes_since_last_quarter, report_summary, things_to_do


def snapshot(**sections):
    return {
        "period": {"quarter": "2026-Q4", "as_of": "2026-11-20"},
        "sections": [{"key": key, "data": data} for key, data in sections.items()],
    }


def deadline(asset, state, last_day):
    return {"asset": asset, "state": state, "last_day": last_day, "label": "CN annuity"}


def action(title, tier, due_date):
    return {"title": {"en": title}, "tier": tier, "due_date": due_date}


def test_a_right_at_stake_comes_before_any_action_and_the_last_day_first():
    data = snapshot(
        lapsing={
            "deadlines": [
                deadline("lapsed", "lapsed", "2026-09-02"),
                deadline("grace", "grace", "2027-03-10"),
                deadline("today", "last_day", "2026-11-20"),
            ]
        },
        actions={"overdue": [action("late", "urgent", "2026-10-01")], "due_soon": []},
    )
    assert [thing.get("asset") for thing in things_to_do(data)] == ["today", "grace", "lapsed"]


def test_overdue_actions_then_those_due_within_thirty_days_urgent_first():
    data = snapshot(
        actions={
            "overdue": [
                action("late strategic", "strategic", "2026-10-01"),
                action("late urgent", "urgent", "2026-11-01"),
            ],
            "due_soon": [
                action("soon long-term", "long_term", "2026-11-25"),
                action("beyond the month", "urgent", "2026-12-21"),  # 31 days after as_of
                action("soon urgent", "urgent", "2026-12-20"),
            ],
        }
    )
    todo = things_to_do(data)
    assert [thing["title"]["en"] for thing in todo] == [
        "late urgent",
        "late strategic",
        "soon urgent",
    ]
    assert [thing["overdue"] for thing in todo] == [True, True, False]


def test_nothing_to_do_when_nothing_is_late_or_due_this_month():
    data = snapshot(actions={"overdue": [], "due_soon": [action("later", "urgent", "2027-01-30")]})
    assert things_to_do(data) == []


def test_changes_name_the_areas_that_moved_most_and_skip_unchanged_and_new_ones():
    health = {
        "overall": 68,
        "previous_overall": 61,
        "change": 7,
        "areas": [
            {"title": {"en": "Flat"}, "score": 50, "previous_score": 50, "applicable": True},
            {"title": {"en": "Down"}, "score": 40, "previous_score": 60, "applicable": True},
            {"title": {"en": "Up"}, "score": 80, "previous_score": 70, "applicable": True},
            {"title": {"en": "New"}, "score": 30, "previous_score": None, "applicable": True},
            {"title": {"en": "N/A"}, "score": 0, "previous_score": 90, "applicable": False},
        ],
    }
    changes = changes_since_last_quarter(
        snapshot(health=health, actions={"totals": {"done_this_quarter": 4}})
    )
    assert [(area["title"]["en"], area["change"]) for area in changes["area_movers"]] == [
        ("Down", -20),
        ("Up", 10),
    ]
    assert changes["change"] == 7 and changes["actions_done"] == 4
    assert changes["evidence_recorded"] == 0


def test_a_snapshot_without_sections_still_has_a_summary():
    summary = report_summary(snapshot())
    assert summary["todo"] == [] and summary["lapsing"] == [] and summary["risks"] == []
    assert summary["changes"]["change"] is None
