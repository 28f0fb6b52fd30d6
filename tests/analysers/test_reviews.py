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


@pytest.mark.parametrize(
    ("type_", "text"),
    [
        # A call, letter, email or text about a review is not the review.
        ("Telephone Call", "Tel call to dad re CIN review - no answer, voicemail left."),
        ("", "Tel call to dad re CIN review - no answer, voicemail left."),
        ("", "Phoned mum about the CIN review next week"),
        ("", "Letter to father with the date of the CIN review"),
        ("", "Email from SW re: TAC"),
        ("", "Text to mum reminding her of the TAC tomorrow"),
        ("", "Spoke to mum on the phone regarding the TAC meeting"),
        ("", "Mum rang to say she cannot attend the TAC"),
        ("Letter", "Invitation to RCPC sent to both parents"),
        ("", "Papers for the RCPC sent out"),
        ("", "Minutes of CIN review received"),
        ("", "Visit ahead of the CIN review"),
        ("CIN Visit", "Statutory visit. Discussed the forthcoming CIN review."),
        # A meeting still to come or not rebooked.
        ("", "RCPC still not held"),
        ("", "RCPC still not rebooked"),
        ("", "Review conference to be rebooked"),
        ("", "RCPC awaiting date"),
        ("", "CIN review not yet arranged - SW on leave"),
        ("", "TAC has yet to take place"),
        ("Meeting", "RCPC due 08/03 postponed - chair unavailable. New date to be set."),
        ("Home visit", "Alfie seen in cot, nappy heavy. Discuss at core group."),
        ("", "Concerns to be raised at next core group"),
        ("", "Will discuss at CIN review"),
        ("", "For discussion at TAC"),
        # The meeting that makes a plan is not a review of it.
        ("Meeting", "ICPC - HV attended. All three children subject to CP plans."),
        ("CIN Meeting", "Initial CIN meeting. CIN plan agreed."),
        ("", "Initial CAF meeting at school, FSP agreed"),
        ("Strategy discussion", "Strategy discussion: CIN review brought forward"),
    ],
)
def test_an_entry_about_a_review_or_a_review_to_come_is_not_one(type_: str, text: str) -> None:
    assert reviews.is_review(make_event(details=text, type=type_)) is None


@pytest.mark.parametrize(
    ("type_", "text"),
    [
        ("Core Group", "Core group held after the review conference. CP plan updated."),
        ("Core Group", "Core group. RCPC still not rebooked. Mum, Dean, SW2, HV."),
        ("", "Core group. RCPC still not rebooked."),
        ("", "Core group meeting following the RCPC"),
        ("Core Group", "RCPC still not rebooked. Mum, SW2 and HV present."),
        ("", "First core group since the review CP conference"),
    ],
)
def test_a_core_group_that_mentions_the_review_conference_is_a_core_group(
    type_: str, text: str
) -> None:
    assert reviews.is_review(make_event(details=text, type=type_)) == ("cp", "core group")


@pytest.mark.parametrize(
    ("type_", "text", "outcome", "kind"),
    [
        ("Meeting", "RCPC - HV report submitted, attended.", "Continue CP plan", "cp"),
        ("", "Review CP conference (late - was due 08/03). Plans continue.", "", "cp"),
        ("", "CIN review attended by DSL.", "", "cin"),
        ("", "Discussed at CIN review: mum's engagement", "", "cin"),
        ("", "Attendance 85%. Persistent lateness.", "Raised at CIN review", "cin"),
        ("Home visit", "CIN review held at home with mum, SW and HV", "", "cin"),
        ("Telephone", "CIN review held by phone (virtual)", "", "cin"),
        ("CIN Meeting", "Review of the CIN plan. Mum and SW attended.", "", "cin"),
    ],
)
def test_reviews_held_are_recognised_however_they_are_written(
    type_: str, text: str, outcome: str, kind: str
) -> None:
    found = reviews.is_review(make_event(details=text, type=type_, outcome=outcome))
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    ("type_", "text", "found"),
    [
        # Named only as a meeting, and in any case or spacing: no word of the others is needed.
        ("CIN meeting", "Held at school.", ("cin", "child in need review")),
        ("CAF MEETING", "Mum and school attended.", ("early_help", "CAF review")),
        ("", "FSP meeting at school.", ("early_help", "FSP review")),
        ("Meeting", "Early help meeting held at school.", ("early_help", "early help review")),
        ("", "Team  around the child meeting at school.", ("early_help", "TAC meeting")),
        ("Meeting", "TAC\nheld at school.", ("early_help", "TAC meeting")),
    ],
)
def test_a_review_named_only_as_a_meeting_is_recognised(
    type_: str, text: str, found: tuple[str, str]
) -> None:
    assert reviews.is_review(make_event(details=text, type=type_)) == found


# --- what starts and ends a plan -------------------------------------------------------


@pytest.mark.parametrize(
    ("type_", "text"),
    [
        ("Letter", "Letter sent to Mr Price inviting him to the ICPC."),
        ("", "Letter sent to father inviting him to the initial child protection conference"),
        ("Letter", "GP report for ICPC sent to CSC."),
        ("", "HV prepared report for the initial child protection conference"),
        ("", "Request for ICPC made by team manager"),
        ("", "ICPC date set for 19/06/2017"),
        ("", "Date set for ICPC: 19/06"),
        ("", "Email to mum about the ICPC on Monday"),
        ("", "Preparation for ICPC with mum"),
        ("", "Invite to ICPC sent to dad"),
        ("", "ICPC booked for 19/6"),
        ("", "Mum informed of ICPC outcome by phone"),
        ("Strategy Discussion", "Strategy discussion: ICPC to be convened"),
        ("", "Children not made subject to CP plans at ICPC"),
    ],
)
def test_only_the_conference_that_made_it_starts_a_child_protection_plan(
    type_: str, text: str
) -> None:
    assert reviews.plan_cues(make_event(details=text, type=type_)) == (set(), set())


@pytest.mark.parametrize(
    ("type_", "text"),
    [
        (
            "Initial Child Protection Conference",
            "ICPC. All three children made subject to CP plans.",
        ),
        ("", "ICPC held. Children subject to CP plans under category of neglect."),
        ("", "ICPC: all children subject to plans under category of neglect"),
        ("", "Initial child protection conference - HV attended"),
        ("", "ICPC - DSL attended."),
        ("", "Attended ICPC for Ruby"),
        ("", "CP plans agreed at conference"),
        ("", "Child placed on CP register under category of emotional abuse"),
    ],
)
def test_the_conference_that_made_the_plan_starts_it(type_: str, text: str) -> None:
    assert reviews.plan_cues(make_event(details=text, type=type_)) == (set(), {"cp"})


@pytest.mark.parametrize(
    "text",
    [
        "Review CP conference. CP plans ended; stepped down to a CIN plan.",
        "RCPC - DSL attended. CP plans ended, CIN plan.",
        "CP plan ended, CIN plan to continue",
        "Children no longer subject to CP plans; to continue as CIN",
        "Case stepped down to child in need",
        "De-registered at RCPC. CIN plan.",
    ],
)
def test_a_step_down_ends_the_child_protection_plan_and_starts_child_in_need(text: str) -> None:
    assert reviews.plan_cues(make_event(details=text)) == ({"cp"}, {"cin"})


@pytest.mark.parametrize(
    "text",
    [
        "EHW1 to consult TM re step-up",
        "Discussion re step down to CIN",
        "CP plan to end at next RCPC if progress",
        "Core group. CIN plan discussed as a step-down option.",
    ],
)
def test_a_step_spoken_of_is_not_taken(text: str) -> None:
    assert reviews.plan_cues(make_event(details=text)) == (set(), set())


def test_a_child_protection_plan_supersedes_child_in_need_until_the_step_down() -> None:
    events = [
        make_event("2016-09-05", "Initial CIN meeting held, CIN plan agreed"),
        make_event("2017-06-19", "ICPC: children made subject to CP plans"),
        make_event("2017-08-03", "Core group: CIN plan actions carried over"),  # still CP
        make_event("2018-09-24", "RCPC: CP plans ended, stepped down to CIN"),
        make_event("2019-02-25", "Final CIN review: CIN plan closed"),
    ]
    timeline = make_timeline(events, make_case(children=TWO_CHILDREN), as_of="2019-03-01")
    assert [(p.kind, p.start, p.end) for p in reviews.infer_plans(timeline)] == [
        ("cin", date(2016, 9, 5), date(2017, 6, 19)),
        ("cp", date(2017, 6, 19), date(2018, 9, 24)),
        ("cin", date(2018, 9, 24), date(2019, 2, 25)),
    ]


def test_a_child_protection_plan_for_one_child_ends_only_that_childs_child_in_need_plan() -> None:
    events = [
        make_event("2016-09-05", "CIN plan agreed"),
        make_event(
            "2017-06-19", "ICPC: made subject to CP plan", children=(RUBY,), children_named=True
        ),
    ]
    timeline = make_timeline(events, make_case(children=TWO_CHILDREN), as_of="2017-07-01")
    assert [(p.kind, p.child, p.start, p.end) for p in reviews.infer_plans(timeline)] == [
        ("cin", RUBY, date(2016, 9, 5), date(2017, 6, 19)),
        ("cin", SIBLING, date(2016, 9, 5), None),
        ("cp", RUBY, date(2017, 6, 19), None),
    ]


def test_a_plan_sentence_about_every_child_is_the_familys_though_the_entry_names_one() -> None:
    icpc = make_event(
        "2017-06-19",
        "ICPC. All three children made subject to CP plans (Ruby also physical abuse).",
        children=(RUBY,),
        children_named=True,
    )
    timeline = make_timeline([icpc], make_case(children=TWO_CHILDREN), as_of="2017-07-01")
    assert [(p.kind, p.child) for p in reviews.infer_plans(timeline)] == [("cp", None)]


def test_an_entry_naming_every_child_is_the_familys_plan() -> None:
    events = [
        make_event("2013-04-29", "CIN plan agreed", children=(RUBY, SIBLING), children_named=True),
        # A school records the review for its own pupil: it is the family's review.
        make_event("2013-07-15", "CIN review at school", children=(RUBY,), children_named=True),
    ]
    findings, _ = analyse(events, as_of="2013-09-01")
    assert overdue(findings) == []


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("C&F assessment (s.17), SW1 allocated", set()),
        ("Section 17 assessment started", set()),
        ("Section 17 plan agreed", {"cin"}),
    ],
)
def test_a_section_17_assessment_is_not_a_plan(text: str, starts: set[str]) -> None:
    assert reviews.plan_cues(make_event(details=text)) == (set(), starts)


def inferred_cin_cp_cin_events() -> list[Event]:
    """CIN -> ICPC -> RCPC late -> step down to CIN -> closed, with the entries that misled."""
    autumn = loosely_dated(
        make_event(
            "2016-09-01", "Attendance 85%.", outcome="Raised at CIN review", agency="School"
        ),
        "2016-09-01",
        "2016-12-31",
        "term",
    )
    return [
        make_event("2016-08-04", "Assessment completed. Recommendation: CIN plan."),
        make_event("2016-09-05", "Initial CIN meeting. CIN plan agreed.", type="CIN Meeting"),
        autumn,
        make_event("2016-11-21", "CIN review meeting. Plan continues.", type="CIN Review"),
        make_event("2017-04-03", "CIN review (late - SW on leave).", type="CIN Review"),
        make_event("2017-06-06", "GP report for ICPC sent to CSC.", type="Letter", agency="GP"),
        make_event("2017-06-08", "Letter sent to father inviting him to the ICPC.", type="Letter"),
        make_event("2017-06-19", "ICPC. Children made subject to CP plans under neglect."),
        make_event("2017-06-29", "First core group.", type="Core Group"),
        make_event("2017-09-11", "Review CP conference. Children remain subject to CP plans."),
        make_event("2017-09-12", "Core group held after the review conference.", type="Core Group"),
        make_event("2018-03-08", "RCPC postponed - chair unavailable. New date to be set."),
        make_event("2018-03-20", "Core group. RCPC still not rebooked.", type="Core Group"),
        make_event("2018-04-23", "Review CP conference (late - was due 08/03). Plans continue."),
        make_event("2018-07-17", "Alfie seen.", type="Home visit", outcome="Discuss at core group"),
        make_event("2018-09-24", "RCPC. CP plans ended; stepped down to a CIN plan."),
        make_event(
            "2018-11-27", "Tel call to dad re CIN review - no answer.", type="Telephone Call"
        ),
        make_event("2018-12-10", "CIN review. Plan continues.", type="CIN Review"),
        make_event(
            "2019-02-25", "Final CIN review: CIN plan closed, step down to universal services."
        ),
    ]


def test_an_inferred_cin_cp_cin_timeline_finds_only_the_late_reviews() -> None:
    events = inferred_cin_cp_cin_events()
    by_day = {event.date.start.isoformat(): event for event in events if event.date.start}
    findings, flags = analyse(events, as_of="2019-03-01")
    assert [(f.start, f.end, f.event_ids) for f in overdue(findings)] == [
        # 133 days: allowed 84. The term-dated school entry is named, not used.
        (
            date(2016, 11, 21),
            date(2017, 4, 3),
            (by_day["2016-11-21"].id, by_day["2017-04-03"].id, by_day["2016-09-01"].id),
        ),
        # 224 days between review conferences: allowed 183. Neither core group counts.
        (date(2017, 9, 11), date(2018, 4, 23), (by_day["2017-09-11"].id, by_day["2018-04-23"].id)),
    ]
    assert flags[by_day["2018-03-20"].id] == "core group"
    assert flags[by_day["2017-09-12"].id] == "core group"
    for not_a_meeting in ("2017-06-06", "2017-06-08", "2018-03-08", "2018-07-17", "2018-11-27"):
        assert by_day[not_a_meeting].id not in flags


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


def loosely_dated(event: Event, first: str, last: str, precision: str) -> Event:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return replace(event, date=PartialDate(start, end, precision, first))  # type: ignore[arg-type]


def test_a_week_dated_review_counts_and_never_makes_a_gap_look_longer() -> None:
    week = loosely_dated(
        make_event("2012-04-02", "TAC meeting"), "2012-04-02", "2012-04-08", "week"
    )
    findings, _ = analyse([week], (early_help("2012-01-20", "2012-07-01"),), as_of="2012-07-01")
    # Jan 20 to Apr 2 is 73 days (in time); Apr 8 to Jul 1 is 84 (in time).
    assert findings == []


@pytest.mark.parametrize(
    ("first", "last", "precision"),
    [("2012-04-01", "2012-04-30", "month"), ("2012-01-01", "2012-04-30", "term")],
)
def test_a_review_dated_to_a_month_or_term_cannot_show_a_plan_was_reviewed_in_time(
    first: str, last: str, precision: str
) -> None:
    # "Raised at TAC" in a school log dated "Spring term": it may have been any day of it,
    # so it neither closes the gap nor splits it in two short ones; the finding names it.
    loose = loosely_dated(make_event(first, "Raised at TAC meeting"), first, last, precision)
    findings, flags = analyse(
        [loose], (early_help("2012-01-20", "2012-07-20"),), as_of="2012-07-20"
    )
    assert flags == {loose.id: "TAC meeting"}
    assert [(f.start, f.end, f.event_ids) for f in overdue(findings)] == [
        (date(2012, 1, 20), date(2012, 7, 20), (loose.id,))
    ]
    assert overdue(findings)[0].message == (
        "Early help plan: 182 days from the plan's start to its end with no review "
        f"(2012-01-20 to 2012-07-20); allowed 84. A review dated only to a {precision} "
        f"({first} to {last}) may fall in this interval: too loose a date to show the plan "
        "was reviewed in time"
    )


def test_a_term_dated_review_does_not_split_a_gap_between_dated_reviews() -> None:
    # The shape of a school's "Autumn term: raised at CIN review" beside social care's dates.
    plan = Plan("cin", date(2016, 9, 5), date(2017, 6, 19))
    events = [
        loosely_dated(
            make_event("2016-09-01", "Raised at CIN review"), "2016-09-01", "2016-12-31", "term"
        ),
        make_event("2016-11-21", "CIN review meeting"),
        make_event("2017-04-03", "CIN review"),
    ]
    findings, _ = analyse(events, (plan,))
    assert [(f.start, f.end) for f in overdue(findings)] == [(date(2016, 11, 21), date(2017, 4, 3))]


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
        make_event("2012-01-10", "CIN plan agreed", children=(RUBY,), children_named=True),
        make_event("2012-03-01", "Initial CAF completed"),  # the whole family
    ]
    timeline = make_timeline(events, make_case(children=TWO_CHILDREN), as_of="2012-04-01")
    assert [(p.kind, p.child, p.start) for p in reviews.infer_plans(timeline)] == [
        ("cin", RUBY, date(2012, 1, 10)),
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


def test_a_review_counts_for_every_child_its_duplicate_names() -> None:
    kai, isla = "Kai Fenwick", "Isla Fenwick"
    case = make_case(children=((kai, "2014-09-01"), (isla, "2018-07-01")))
    plans = (
        Plan("lac", date(2020, 11, 23), child=kai),
        Plan("lac", date(2020, 11, 23), child=isla),
    )
    case = replace(case, plans=plans)
    school = make_event("2020-12-14", "LAC review", agency="School", children=(kai,))
    social_care = make_event("2020-12-14", "LAC review", agency="CSC", children=(kai, isla))
    timeline = make_timeline(
        [school, social_care], case, as_of="2021-01-10", duplicate_of={social_care.id: school.id}
    )
    overdue = [f for f in reviews.run(timeline, None).findings if f.kind == "review_overdue"]
    assert overdue == []
