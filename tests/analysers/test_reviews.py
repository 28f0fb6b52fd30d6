from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date

import pytest

from chronology.analysers import reviews
from chronology.analysers.base import merge_rules
from chronology.case import Plan, parse_case
from chronology.errors import CaseFileError
from chronology.model import Event, Finding, PartialDate
from tests.factories import make_case, make_event, make_timeline

RUBY = "Ruby Kerr"
SIBLING = "Sam Kerr"
TWO_CHILDREN = ((RUBY, "2009-06-14"), (SIBLING, "2010-02-01"))


def analyse(
    events: list[Event],
    plans: tuple[Plan, ...] = (),
    as_of: str | None = None,
    rules: dict[str, object] | None = None,
    duplicate_of: dict[str, str] | None = None,
    children: tuple[tuple[str, str], ...] = TWO_CHILDREN,
) -> tuple[list[Finding], dict[str, str]]:
    timeline = make_timeline(
        events, make_case(children=children, plans=plans), as_of=as_of, duplicate_of=duplicate_of
    )
    analysis = reviews.run(timeline, merge_rules(reviews.DEFAULT_RULES, rules or {}))
    flags = {flag.event_id: flag.reason for flag in analysis.flags if flag.name == "review"}
    return list(analysis.findings), flags


def overdue(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.kind == "review_overdue"]


def early_help(start: str, end: str | None = None, child: str | None = None) -> Plan:
    return Plan(
        "early_help", date.fromisoformat(start), date.fromisoformat(end) if end else None, child
    )


def cp(start: str, end: str | None = None, child: str | None = None) -> Plan:
    return Plan("cp", date.fromisoformat(start), date.fromisoformat(end) if end else None, child)


# --- recognising reviews -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("TAC meeting held at school", "early_help", "TAC meeting"),
        ("Team around the child meeting", "early_help", "TAC meeting"),
        ("TAF meeting, mum attended", "early_help", "TAF meeting"),
        ("CAF review", "early_help", "CAF review"),
        ("FSP review at children's centre", "early_help", "FSP review"),
        ("Early help review", "early_help", "early help review"),
        ("Review child protection conference", "cp", "child protection review conference"),
        ("RCPC held, next RCPC due 12/9", "cp", "child protection review conference"),
        ("CP review conference: plan to continue", "cp", "child protection review conference"),
        ("CIN review", "cin", "child in need review"),
        ("Child in need review meeting", "cin", "child in need review"),
        ("LAC review chaired by IRO", "lac", "looked-after review"),
        ("Looked after review", "lac", "looked-after review"),
        ("CLA review", "lac", "looked-after review"),
        ("IRO review", "lac", "looked-after review"),
        ("TAC meeting held, next TAC arranged for 12/3", "early_help", "TAC meeting"),
        ("Core group meeting", "cp", "core group"),
    ],
)
def test_review_meetings_are_recognised(text: str, kind: str, reason: str) -> None:
    assert reviews.is_review(make_event(details=text)) == (kind, reason)


@pytest.mark.parametrize(
    "text",
    [
        "Review of medication",
        "GP reviewed rash",
        "Reviewed by paediatrician",
        "Case reviewed by manager",
        "Review date set",
        "TAC meeting arranged for 12/3",
        "TAC planned",
        "TAC cancelled",
        "TAC meeting postponed as SW unwell",
        "Next review due 12/4/2012",
        "Next RCPC due 12/9",
        "Strategy discussion with police",
        "Invited to TAC meeting on 4/5",
        "RCPC postponed, to be held 3/4",
        "HV report for RCPC submitted",
    ],
)
def test_traps_are_not_reviews(text: str) -> None:
    assert reviews.is_review(make_event(details=text)) is None


def test_a_meeting_named_in_the_type_column_but_cancelled_in_the_details_is_not_a_review() -> None:
    cancelled = make_event(type="TAC meeting", details="Cancelled as mum unwell. Rebooked.")
    held = make_event(type="TAC meeting", details="Mum attended, dad did not. Next TAC due 12/3.")
    assert reviews.is_review(cancelled) is None
    assert reviews.is_review(held) == ("early_help", "TAC meeting")


def test_an_icpc_starts_a_plan_and_is_not_a_review_of_it() -> None:
    icpc = make_event(details="ICPC: children made subject to CP plans under neglect")
    assert reviews.is_review(icpc) is None
    assert reviews.plan_cues(icpc) == (set(), {"cp"})


# --- declared plans --------------------------------------------------------------------


def test_declared_plan_reviewed_on_time_gives_no_finding() -> None:
    events = [
        make_event("2011-11-10", "TAC meeting held at school"),
        make_event("2012-01-30", "TAC meeting"),
        make_event("2012-04-20", "CAF review"),
        make_event("2012-07-10", "TAF meeting"),
    ]
    findings, flags = analyse(events, (early_help("2011-09-26", "2012-08-31"),))
    assert findings == []
    assert set(flags) == {event.id for event in events}


def test_an_interval_longer_than_allowed_is_overdue_and_names_its_reviews() -> None:
    first = make_event("2011-11-21", "TAC meeting held", agency="School")
    second = make_event("2012-04-16", "TAC meeting held", agency="Health Visiting")
    findings, _ = analyse(
        [first, second], (early_help("2011-09-26", "2012-05-31"),), as_of="2013-04-29"
    )
    assert overdue(findings) == [
        Finding(
            kind="review_overdue",
            children=(RUBY, SIBLING),
            start=date(2011, 11, 21),
            end=date(2012, 4, 16),
            event_ids=(first.id, second.id),
            message=(
                "Early help plan: 147 days between reviews (2011-11-21 to 2012-04-16); allowed 84"
            ),
            agencies=("School", "Health Visiting"),
        )
    ]


@pytest.mark.parametrize(
    ("first_review", "second_review", "expected"),
    [
        # 99 days to the first review conference: over the 3 months allowed.
        (
            "2012-04-10",
            "2012-10-05",
            [
                "Child protection plan: 99 days from the plan's start to its first review "
                "(2012-01-02 to 2012-04-10); allowed 92"
            ],
        ),
        # 88 days then 199: the second interval is judged against 6 months.
        (
            "2012-03-30",
            "2012-10-15",
            [
                "Child protection plan: 199 days between reviews (2012-03-30 to 2012-10-15); "
                "allowed 183"
            ],
        ),
        # 88 then 178: both in time, though 178 would be late for a first review.
        ("2012-03-30", "2012-09-24", []),
    ],
)
def test_child_protection_first_interval_is_three_months_then_six(
    first_review: str, second_review: str, expected: list[str]
) -> None:
    events = [
        make_event("2012-01-02", "ICPC, made subject to CP plan"),
        make_event(first_review, "RCPC held"),
        make_event(second_review, "Review child protection conference"),
    ]
    findings, _ = analyse(events, (cp("2012-01-02", "2012-12-01"),))
    assert [finding.message for finding in overdue(findings)] == expected


def test_looked_after_reviews_use_each_timescale_in_turn_and_the_last_repeats() -> None:
    plan = Plan("lac", date(2012, 1, 2))
    events = [
        make_event("2012-02-06", "LAC review"),  # 35 days: over the 28 allowed
        make_event("2012-05-01", "LAC review"),  # 85: within 92
        make_event("2012-10-20", "LAC review"),  # 172: within 183
        make_event("2013-05-01", "LAC review"),  # 193: over 183 (the last value repeats)
    ]
    findings, _ = analyse(events, (plan,), as_of="2013-06-01")
    assert [(f.message.split(": ")[1].split(" (")[0], f.end) for f in overdue(findings)] == [
        ("35 days from the plan's start to its first review", date(2012, 2, 6)),
        ("193 days between reviews", date(2013, 5, 1)),
    ]


def test_a_gap_ending_at_the_plans_end_counts() -> None:
    last = make_event("2012-01-10", "CIN review")
    findings, _ = analyse(
        [make_event("2011-12-01", "CIN review"), last],
        (Plan("cin", date(2011, 11, 1), date(2012, 6, 1)),),
        as_of="2013-01-01",
    )
    assert [(f.start, f.end, f.event_ids, f.message) for f in overdue(findings)] == [
        (
            date(2012, 1, 10),
            date(2012, 6, 1),
            (last.id,),
            "Child in need plan: 143 days from the last review to the plan's end "
            "(2012-01-10 to 2012-06-01); allowed 84",
        )
    ]


def test_an_open_plan_is_judged_at_as_of_never_today() -> None:
    events = [make_event("2013-01-20", "TAC meeting"), make_event("2013-03-01", "TAC meeting")]
    plan = early_help("2013-01-01")
    in_time, _ = analyse(events, (plan,), as_of="2013-04-29")
    assert in_time == []  # 59 days since the last review: nothing runs on to 2026

    late, _ = analyse(events, (plan,), as_of="2013-06-30")
    assert [(f.start, f.end, f.message) for f in late] == [
        (
            date(2013, 3, 1),
            date(2013, 6, 30),
            "Early help plan: 121 days since the last review, with none by the as-of date "
            "(2013-03-01 to 2013-06-30); allowed 84",
        )
    ]


def test_a_plan_ending_after_as_of_is_judged_up_to_as_of() -> None:
    events = [make_event("2012-03-01", "CAF review")]
    findings, _ = analyse(events, (early_help("2012-01-15", "2014-01-01"),), as_of="2012-04-01")
    assert findings == []


def test_core_groups_are_flagged_but_neither_count_nor_restart_the_clock() -> None:
    core_groups = [
        make_event(day, "Core group meeting")
        for day in ("2012-02-10", "2012-03-20", "2012-04-25", "2012-06-01")
    ]
    review = make_event("2012-06-20", "RCPC held")
    findings, flags = analyse(
        [*core_groups, review], (cp("2012-01-02", "2012-07-01"),), as_of="2012-07-01"
    )
    assert [(f.start, f.end, f.event_ids) for f in overdue(findings)] == [
        (date(2012, 1, 2), date(2012, 6, 20), (review.id,))
    ]
    assert all(flags[event.id] == "core group" for event in core_groups)


def test_reviews_outside_the_plan_or_of_another_kind_do_not_count() -> None:
    events = [
        make_event("2011-12-01", "TAC meeting"),  # before the plan
        make_event("2012-02-01", "CIN review"),  # another kind of plan
        make_event("2012-05-01", "TAC meeting"),
    ]
    findings, _ = analyse(events, (early_help("2012-01-01", "2012-05-20"),))
    assert [(f.start, f.end) for f in overdue(findings)] == [(date(2012, 1, 1), date(2012, 5, 1))]


def test_a_duplicate_never_counts_twice() -> None:
    original = make_event("2012-03-01", "TAC meeting", agency="School")
    # The same meeting as another agency recorded it, two days later.
    duplicate = make_event("2012-03-03", "TAC meeting", agency="Health Visiting")
    findings, _ = analyse(
        [original, duplicate],
        (early_help("2012-01-01", "2012-08-01"),),
        as_of="2012-08-01",
        duplicate_of={duplicate.id: original.id},
    )
    assert [(f.event_ids, f.start) for f in overdue(findings)] == [
        ((original.id,), date(2012, 3, 1))
    ]


def test_a_partial_date_never_makes_a_gap_look_longer() -> None:
    april = replace(
        make_event("2012-04-01", "TAC meeting"),
        date=PartialDate(date(2012, 4, 1), date(2012, 4, 30), "month", "April 2012"),
    )
    findings, _ = analyse([april], (early_help("2012-01-20", "2012-07-20"),), as_of="2012-07-20")
    # Jan 20 to Apr 1 is 72 days (in time); Apr 30 to Jul 20 is 81 (in time).
    assert findings == []


# --- per child -------------------------------------------------------------------------


def test_a_childs_plan_counts_their_own_and_family_reviews_only() -> None:
    events = [
        make_event("2012-03-01", "CIN review", children=(RUBY, SIBLING)),  # the whole family
        make_event("2012-05-01", "CIN review", children=(SIBLING,), children_named=True),
        make_event("2012-07-01", "CIN review", children=(RUBY,), children_named=True),
    ]
    plans = (
        Plan("cin", date(2012, 1, 1), date(2012, 7, 15), RUBY),
        Plan("cin", date(2012, 1, 1), date(2012, 7, 15), SIBLING),
    )
    findings, _ = analyse(events, plans)
    # Sam's review on 1 May would have split Ruby's 122 days; it is not Ruby's.
    assert [(f.children, f.start, f.end) for f in overdue(findings)] == [
        ((RUBY,), date(2012, 3, 1), date(2012, 7, 1)),
    ]


def test_a_family_plan_gives_one_finding_for_the_children_born_by_then() -> None:
    findings, _ = analyse(
        [make_event("2012-06-01", "TAC meeting")],
        (early_help("2012-01-01", "2012-07-01"),),
        children=((RUBY, "2009-06-14"), (SIBLING, "2013-02-01")),
    )
    assert [f.children for f in overdue(findings)] == [(RUBY,)]


# --- inferred plans --------------------------------------------------------------------


def case_l_events() -> list[Event]:
    return [
        make_event("2011-09-26", "CAF initiated by HV, family support plan agreed"),
        make_event("2011-11-21", "TAC meeting held at school"),
        make_event("2012-04-16", "TAC meeting held"),
        make_event("2012-06-01", "TAC meeting arranged for 12/7"),
        make_event("2012-07-09", "TAC meeting"),
        make_event("2013-04-29", "Stepped up to children's social care. CIN plan agreed"),
        make_event("2013-06-10", "CIN review"),
    ]


def test_an_early_help_plan_is_inferred_from_caf_events_and_a_step_up_ends_it() -> None:
    events = case_l_events()
    timeline = make_timeline(events, make_case(children=TWO_CHILDREN), as_of="2013-07-01")
    assert reviews.infer_plans(timeline) == (
        Plan(
            "early_help",
            date(2011, 9, 26),
            date(2013, 4, 29),
            None,
            True,
            events[0].id,
            events[5].id,
        ),
        Plan("cin", date(2013, 4, 29), None, None, True, events[5].id, None),
    )


def test_inferred_plan_findings_include_its_start_and_end_events() -> None:
    events = case_l_events()
    findings, _ = analyse(events, as_of="2013-07-01")
    assert [(f.kind, f.start, f.end, f.event_ids) for f in findings] == [
        ("plan_drift", date(2011, 9, 26), date(2013, 4, 29), (events[0].id, events[5].id)),
        ("review_overdue", date(2011, 11, 21), date(2012, 4, 16), (events[1].id, events[2].id)),
        ("review_overdue", date(2012, 7, 9), date(2013, 4, 29), (events[4].id, events[5].id)),
    ]
    assert findings[0].message == (
        "Early help plan open for 581 days (2011-09-26 to 2013-04-29): "
        "more than 365 days without step up or step down"
    )


def test_declared_plans_replace_inference() -> None:
    events = case_l_events()
    findings, _ = analyse(events, (early_help("2012-04-01", "2012-08-01"),), as_of="2013-07-01")
    assert findings == []


def test_an_event_naming_children_gives_each_of_them_a_plan() -> None:
    events = [
        make_event(
            "2012-01-10", "ICPC: made subject to CP plan", children=(RUBY,), children_named=True
        ),
        make_event("2012-03-01", "Initial CAF completed"),  # the whole family
    ]
    timeline = make_timeline(events, make_case(children=TWO_CHILDREN), as_of="2012-04-01")
    assert [(p.kind, p.child, p.start) for p in reviews.infer_plans(timeline)] == [
        ("cp", RUBY, date(2012, 1, 10)),
        ("early_help", None, date(2012, 3, 1)),
    ]


def test_a_family_plan_ended_for_one_child_goes_on_for_the_others() -> None:
    events = [
        make_event("2012-01-10", "ICPC: children made subject to CP plans"),
        make_event("2012-07-01", "CP plan discontinued", children=(RUBY,), children_named=True),
        make_event("2012-12-01", "De-registered at RCPC"),
    ]
    timeline = make_timeline(events, make_case(children=TWO_CHILDREN), as_of="2013-01-01")
    assert [(p.child, p.start, p.end) for p in reviews.infer_plans(timeline)] == [
        (RUBY, date(2012, 1, 10), date(2012, 7, 1)),
        (SIBLING, date(2012, 1, 10), date(2012, 12, 1)),
    ]


def test_proposed_or_refused_plans_start_nothing() -> None:
    events = [
        make_event("2012-01-10", "CAF offered, mother declined"),
        make_event("2012-02-10", "Consider CAF"),
        make_event("2012-03-10", "ICPC arranged for 12/4"),
        make_event("2012-03-20", "LA applied for care order"),
    ]
    timeline = make_timeline(events, make_case(), as_of="2013-01-01")
    assert reviews.infer_plans(timeline) == ()


def test_a_health_visitor_closing_their_own_case_does_not_end_a_caf() -> None:
    events = [
        make_event("2012-01-10", "CAF initiated"),
        make_event("2012-03-01", "Case closed to HV, transferred to school nurse"),
        make_event("2012-05-01", "Case closed", agency="Early Help Service"),
    ]
    timeline = make_timeline(events, make_case(), as_of="2013-01-01")
    assert [(p.start, p.end) for p in reviews.infer_plans(timeline)] == [
        (date(2012, 1, 10), date(2012, 5, 1))
    ]


# --- plan drift ------------------------------------------------------------------------


def test_early_help_open_over_a_year_at_as_of_is_drift() -> None:
    plan = early_help("2012-01-01")
    events = [make_event(day, "TAC meeting") for day in ("2012-03-01", "2012-05-20", "2012-08-10")]
    events += [make_event(day, "TAC meeting") for day in ("2012-11-01", "2013-01-20")]
    findings, _ = analyse(events, (plan,), as_of="2013-02-01")
    assert [(f.kind, f.end, f.message) for f in findings] == [
        (
            "plan_drift",
            date(2013, 2, 1),
            "Early help plan open for 397 days (2012-01-01 to 2013-02-01, still open): "
            "more than 365 days without step up or step down",
        )
    ]


def test_early_help_closed_within_a_year_is_not_drift() -> None:
    findings, _ = analyse(
        [make_event("2012-03-01", "TAC meeting"), make_event("2012-05-20", "TAC meeting")],
        (early_help("2012-01-01", "2012-07-01"),),
    )
    assert findings == []


# --- rules -----------------------------------------------------------------------------


def test_defaults_each_name_their_source() -> None:
    assert reviews.DEFAULT_RULES["review_days"].value == {
        "early_help": 84,
        "cin": 84,
        "cp": [92, 183],
        "lac": [28, 92, 183],
    }
    assert "Working Together" in reviews.DEFAULT_RULES["review_days"].source
    assert reviews.DEFAULT_RULES["plan_drift"].value == {"early_help_days": 365}


def test_case_toml_overrides_one_kind_and_keeps_the_others() -> None:
    case = parse_case(
        tomllib.loads(
            "[rules.review_days]\nearly_help = 150\ncp = [60, 120]\n"
            "[rules.plan_drift]\nearly_help_days = 600\n"
        )
    )
    rules = merge_rules(reviews.DEFAULT_RULES, case.rules)
    assert rules["review_days"] == {
        "early_help": 150,
        "cin": 84,
        "cp": [60, 120],
        "lac": [28, 92, 183],
    }

    events = case_l_events()
    findings, _ = analyse(events, as_of="2013-07-01", rules=dict(case.rules))
    assert [(f.kind, f.start) for f in findings] == [("review_overdue", date(2012, 7, 9))]


@pytest.mark.parametrize(
    "override",
    [{"cp": "three months"}, {"cp": []}, {"cp": [92, 0]}, {"early-help": 84}, {"cin": True}],
)
def test_a_bad_review_days_value_is_a_case_file_error(override: dict[str, object]) -> None:
    with pytest.raises(CaseFileError, match="review_days"):
        analyse([make_event("2012-01-01", "TAC meeting")], rules={"review_days": override})
