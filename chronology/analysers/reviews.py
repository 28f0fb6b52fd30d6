"""Gaps in review: each plan (early help, CIN, CP, LAC) and the reviews that kept it alive.

A plan comes from case.toml or, when the case declares none, is inferred from
the events that start and end it (a CAF initiated, a step-up, an ICPC, a child
becoming looked after...). Each review meeting is flagged `review`; each
interval between reviews longer than the timescale for that kind of plan is a
`review_overdue` finding, and an early-help plan open over a year is
`plan_drift` (Case L finding 1).

What an entry is comes from its heading (the type column, else the opening
words of the details): a call "re" the CIN review, a letter inviting a father
to the ICPC, a core group that mentions the review conference are a call, a
letter and a core group. A CP plan starts at the conference that made it, never
at its invitations or reports; it supersedes the CIN plan, which a step down
starts again.

Dates are judged so that a gap is never made to look longer than it surely
was: a review dated to a day or a week closes the gap before it on its first
possible day and opens the gap after it on its last; an inferred plan starts
on the last possible day of its start event and ends on the first possible day
of its end event. A review dated only to a month, a term or a year cannot show
a plan was reviewed in time: it bounds no gap and is named in the findings of
the gaps it may fall in. Open plans are judged up to timeline.as_of, never today.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from chronology.analysers.base import LetterFinder, Rule, Timeline, merge_rules
from chronology.case import PLAN_KINDS, Case, Plan
from chronology.errors import CaseFileError
from chronology.model import Analysis, Event, Finding, Flag

NAME = "reviews"
DESCRIPTION = (
    "Plans (early help, CIN, CP, LAC) and their reviews: flags review meetings, "
    "finds intervals between reviews longer than the timescale and early help open too long"
)


# ---------------------------------------------------------------------------
# The timescales: ONE table, each with its source. Days allowed between
# reviews, as one number for every interval or a list (the first interval,
# then each one after; the last value repeats). Calendar days throughout:
# statutory "20 working days" is taken as 28 calendar days (four weeks without
# bank holidays), and months as their longest run (3 months = 92 days,
# 6 months = 183), so a review on the last lawful day is never reported.
# Core groups (CP: at least every 6 weeks, 42 days; Working Together) are not
# in this table on purpose: they are not reviews of the plan, so they neither
# count as one nor restart the review clock.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Timescale:
    days: int | tuple[int, ...]
    source: str


REVIEW_TIMESCALES: dict[str, Timescale] = {
    "early_help": Timescale(
        84,
        "Local early help procedures (CAF / FSP / TAF): reviews every 6 to 12 weeks; "
        "12 weeks (84 days) at most",
    ),
    "cin": Timescale(
        84,
        "Working Together 2018/2023 and local procedures: child in need plans commonly "
        "reviewed every 12 weeks (84 days)",
    ),
    "cp": Timescale(
        (92, 183),
        "Working Together 2018 (ch. 1) / 2023 (ch. 4): first review conference within "
        "3 months of the initial conference (92 days), then every 6 months (183 days)",
    ),
    "lac": Timescale(
        (28, 92, 183),
        "Care Planning, Placement and Case Review (England) Regulations 2010 reg 33 and the "
        "IRO Handbook: first review within 20 working days (28 calendar days), the second "
        "within 3 months (92 days), then every 6 months (183 days)",
    ),
}

# A review dated more loosely than this (a month, a term, a year) is flagged but
# does not bound a gap: it cannot show the plan was reviewed in time, and its
# first and last days would split one gap into two short ones. It is named in
# the finding of each gap it may fall in. A week ("w/c 14th Nov") is close
# enough: it closes the gap before it on its first day, opens the next on its last.
MAX_REVIEW_DATE_SPAN_DAYS = 6

EARLY_HELP_DRIFT_DAYS = 365
EARLY_HELP_DRIFT_SOURCE = (
    "Case L serious case review (Norfolk 2014), finding 1: a CAF open over a year without "
    "challenge; early help open longer than 12 months should step up or step down"
)

DEFAULT_RULES: dict[str, Rule] = {
    "review_days": Rule(
        {
            kind: list(scale.days) if isinstance(scale.days, tuple) else scale.days
            for kind, scale in REVIEW_TIMESCALES.items()
        },
        source="; ".join(f"{kind}: {scale.source}" for kind, scale in REVIEW_TIMESCALES.items()),
    ),
    "plan_drift": Rule({"early_help_days": EARLY_HELP_DRIFT_DAYS}, source=EARLY_HELP_DRIFT_SOURCE),
}

PLAN_LABELS: dict[str, str] = {
    "early_help": "Early help plan",
    "cin": "Child in need plan",
    "cp": "Child protection plan",
    "lac": "Looked-after child's care plan",
}


# ---------------------------------------------------------------------------
# Vocabulary. Patterns are matched case-insensitively, one sentence at a time.
# ---------------------------------------------------------------------------

CORE_GROUP = "core group"

# (plan kind, reason shown to reviewers, pattern). Plan reviews come before the
# core group so that an entry recording both counts as a review.
REVIEW_VOCABULARY: tuple[tuple[str, str, str], ...] = (
    (
        "cp",
        "child protection review conference",
        r"\bRCPC\b|\breview\s+(?:child\s+protection|CP)\s+(?:case\s+)?conference"
        r"|\b(?:child\s+protection|CP)\s+review\s+conference|\breview\s+conference"
        r"|\b(?:child\s+protection|CP)\s+(?:plan\s+)?review\b"
        r"|\breview\s+of\s+(?:the\s+)?(?:child\s+protection|CP)\s+plan",
    ),
    (
        "cin",
        "child in need review",
        r"\bCIN\s+(?:plan\s+)?(?:review|meeting|mtg)\b"
        r"|\bchild\s+in\s+need\s+(?:plan\s+)?(?:review|meeting)"
        r"|\breview\s+of\s+(?:the\s+)?(?:CIN|child\s+in\s+need)\s+plan",
    ),
    (
        "lac",
        "looked-after review",
        r"\b(?:LAC|CLA)\s+review|\blooked[- ]after\s+(?:child(?:ren)?(?:'s)?\s+)?review"
        r"|\bIRO\s+review|\breview\s+chaired\s+by\s+(?:the\s+)?IRO\b|\bstatutory\s+review",
    ),
    (
        "early_help",
        "TAC meeting",
        r"\bTAC\s*(?:meeting|mtg|review)|\b(?:attended|held|chaired)\s+(?:an?\s+|the\s+)?TAC\b"
        r"|\bTAC\s+(?:held|took\s+place)|\bteam\s+around\s+the\s+child\b"
        # An entry headed "TAC" is the meeting itself: "TAC.", "TAC at school", "TAC - ...".
        r"|^\s*TAC\s*(?:[.:;,\-–]|at\b|$)",
    ),
    (
        "early_help",
        "TAF meeting",
        r"\bTAF\s*(?:meeting|mtg|review)|\b(?:attended|held|chaired)\s+(?:an?\s+|the\s+)?TAF\b"
        r"|\bTAF\s+(?:held|took\s+place)|\bteam\s+around\s+the\s+family\s+(?:meeting|review)"
        r"|^\s*TAF\s*(?:[.:;,\-–]|at\b|$)",
    ),
    (
        "early_help",
        "CAF review",
        r"\bCAF\s*(?:review|meeting|mtg)\b|\breview\s+of\s+(?:the\s+)?CAF\b",
    ),
    (
        "early_help",
        "FSP review",
        r"\b(?:FSP|family\s+support\s+plan)\s*(?:review|meeting)\b"
        r"|\breview\s+of\s+(?:the\s+)?(?:FSP|family\s+support\s+plan)",
    ),
    (
        "early_help",
        "early help review",
        r"\bearly\s+help\s+(?:plan\s+)?(?:review|meeting)\b|\bEH[AP]?\s+review\b"
        r"|\breview\s+of\s+(?:the\s+)?early\s+help\s+plan",
    ),
    ("cp", CORE_GROUP, r"\bcore[- ]?group"),
)

# A meeting that did not happen. Strong words rule it out anywhere in the
# sentence (and, when the meeting is named in the type column, in the first
# sentence of details, outcome or attendance: the type is a heading).
NOT_HELD_STRONG = (
    r"\bcancel|\bpostpon|\bdeferred\b|\badjourned\b|\bnot\s+held\b|\bdid\s+not\s+(?:take\s+place|go\s+ahead)"
    r"|\bdidn'?t\s+(?:take\s+place|go\s+ahead)|\bnot\s+(?:quorate|take\s+place)"
    # "still not rebooked", "not yet held", "has not taken place", "no date set"
    r"|\bnot\s+(?:yet\s+|been\s+|still\s+)*(?:re-?)?(?:booked|held|arranged|convened|scheduled|set"
    r"|organised|organized|taken\s+place)\b|\byet\s+to\s+(?:be\s+|take\s+place)"
    r"|\bawaiting\s+(?:a\s+|the\s+)?(?:new\s+)?date|\bno\s+(?:new\s+)?date\s+(?:yet|set|given)"
)
# Words of a meeting still to come: they rule it out unless the sentence also
# says one took place ("TAC held, next TAC arranged for 12/3" is a review).
# "was due" is a meeting held late ("RCPC (late - was due 08/03)"), not one to come.
NOT_HELD_FUTURE = (
    r"\barranged\b|\bre-?arranged\b|\bplanned\b|(?<!was\s)(?<!were\s)\bdue\b(?!\s+to\b)|\boverdue\b"
    r"|\bnext\b|\bscheduled\b|\bbooked\b|\bre-?book|\bre-?schedul|\bawaiting\b"
    r"|\bto\s+be\s+(?:re-?)?(?:held|convened|arranged|booked|set|scheduled|discussed|raised"
    r"|shared|considered|taken|brought)\b|\bwill\s+be\b|\bwill\s+(?:discuss|raise|attend)\b"
    r"|\binvit|\brequest|\bset\s+for\b|\breport\s+(?:for|to)\b|\bprepar|\bfor\s+discussion\b"
    # An instruction for a meeting to come: "Discuss at core group", "raise at next TAC".
    r"|\b(?:discuss|raise|bring|take|share|add)\b(?:\s+\S+){0,4}?\s+(?:at|to|in|with)\b"
)
HELD = r"\btook\s+place\b|\battended\b|\bchaired\b|\bminutes\b|(?<!be\s)(?<!not\s)\bheld\b"

# A meeting named as the object of something else is not that meeting: a call
# "re" the CIN review, a letter "inviting him to" the ICPC, a report "for" the
# conference, a core group "after" the review conference. The cue must come
# just before the meeting's name (a few determiners apart), so "Following the
# RCPC, CP plan ended" still ends the plan.
REFERENCE_BEFORE = (
    r"(?:\bre\b|\bregarding|\babout|\bconcerning|\bfor|\bin\s+relation\s+to|\bahead\s+of"
    r"|\bprior\s+to|\bbefore|\bafter|\bfollowing|\bsince|\buntil|\binvit\w*(?:\s+\w+)?\s+to"
    r"|\b(?:date|time|venue|agenda|papers?|minutes|notes|reports?)\s+(?:of|from|to))"
    r"[\s:]+(?:(?:the|a|an|his|her|their|its|this|next|initial|first|second|forthcoming|upcoming"
    r"|planned|last|previous|recent|\w+'s)\s+){0,2}$"
)

# What an entry IS, read from its heading: the type column when it names an
# activity, else the opening words of the details. An entry that is a call, a
# letter, a visit or a core group stays that, whatever meeting it mentions
# ("Core group. RCPC still not rebooked", "Tel call to dad re CIN review").
# The reviews above are entry kinds too; these are the others: (name, pattern,
# whether a review can be held within it). A review held by phone or at a home
# visit counts only where a sentence says it was held ("CIN review held by
# phone"); the meetings that make a plan and strategy discussions never do.
HEADING_WORDS = 4
INITIAL_MEETINGS = ("initial conference", "initial meeting")
OTHER_ENTRY_KINDS: tuple[tuple[str, str, bool], ...] = (
    (
        "initial conference",
        r"\bICPC\b|\binitial\s+(?:child\s+protection|CP)\s+(?:case\s+)?conference",
        False,
    ),
    (
        # The meeting that makes a plan starts it; it is not a review of it.
        "initial meeting",
        r"\binitial\s+(?:CIN|child\s+in\s+need|CAF|TAC|TAF|FSP|early\s+help)\b(?:\s+\w+){0,2}?"
        r"\s*(?:meeting|mtg)|\b(?:CIN|CAF|TAC|TAF)\s+initial\s+(?:meeting|mtg)",
        False,
    ),
    ("strategy discussion", r"\bstrategy\s+(?:discussion|meeting|mtg|call)", False),
    (
        "call or letter",
        r"\b(?:tel(?:ephone)?|phone)\b|\b(?:tele)?phoned\b|\bcall(?:ed|s)?\b|\brang\b|\bletters?\b"
        r"|\be-?mail(?:ed|s)?\b|\btext(?:ed|s)?\b|\bSMS\b|\bvoice\s*mail|\bmessages?\b"
        r"|\bcorrespondence\b",
        True,
    ),
    ("visit", r"\bvisit(?:ed|s)?\b", True),
    ("report", r"\breports?\b", True),
)

# (plan kind, pattern) that starts a plan; blockers below keep a plan that is
# only proposed, offered or refused from starting one.
PLAN_START_VOCABULARY: tuple[tuple[str, str], ...] = (
    (
        "early_help",
        r"\bCAF\b(?:\s+\w+){0,2}?\s+(?:initiated|opened|started|completed|commenced|undertaken"
        r"|agreed|signed|begun)\b"
        r"|\b(?:initiated|opened|started|completed|commenced|undertook|began)\s+(?:an?\s+|the\s+)?"
        r"(?:\w+\s+)?CAF\b|\binitial\s+CAF\b",
    ),
    (
        "early_help",
        r"\b(?:FSP|family\s+support\s+plan)\b(?:\s+\w+){0,2}?\s+(?:started|opened|agreed|initiated"
        r"|commenced|signed|in\s+place)",
    ),
    ("early_help", r"\bTAF\b|\bteam\s+around\s+the\s+family\b"),
    (
        "early_help",
        r"\bearly\s+help\s+(?:assessment|plan|episode|case)\b(?:\s+\w+){0,2}?\s+(?:started|opened"
        r"|initiated|completed|agreed|commenced|in\s+place)|\bEHA\s+(?:opened|started|initiated"
        r"|completed)",
    ),
    (
        "early_help",
        r"\bstep(?:ped|s)?[- ]?down\b(?:\s+\S+){0,4}?\s+to\s+(?:an?\s+)?"
        r"(?:early\s+help|EH|CAF|FSP|TAF)\b",
    ),
    (
        "cin",
        # A section 17 assessment is not a plan; a section 17 plan is.
        r"\b(?:CIN|child\s+in\s+need)\s+plans?\b|\b(?:section|s\.?)\s*17\s+(?:CIN\s+)?plan"
        # "to continue as CIN", "remain open as child in need" (after a CP plan ends)
        r"|\b(?:continu|remain|open|kept)\w*\s+(?:open\s+)?(?:as|on|under|at)\s+(?:an?\s+)?"
        r"(?:CIN|child\s+in\s+need)\b",
    ),
    (
        "cin",
        r"\bstep(?:ped|s)?[- ]?(?:up|down)\b(?:\s+\S+){0,4}?\s+to\s+(?:an?\s+)?"
        r"(?:CIN|child\s+in\s+need)\b",
    ),
    (
        "cp",
        # The decision, whoever records it; the conference alone is CONFERENCE_STARTS.
        r"\bsubject\s+to\s+(?:an?\s+)?(?:CP|child\s+protection)\s+plans?|\bmade\s+subject\b"
        r"|\bsubject\s+to\s+(?:\w+\s+)?plans?\s+under\b|\bunder\s+(?:the\s+)?categor(?:y|ies)\s+of\b"
        r"|\b(?:placed|put)\s+on\s+(?:an?\s+|the\s+)?(?:CP|child\s+protection)\s+(?:plan|register)"
        r"|\b(?:CP|child\s+protection)\s+plans?\s+(?:\w+\s+)?(?:agreed|started|commenced|made"
        r"|put\s+in\s+place|in\s+place)"
        r"|\bstep(?:ped|s)?[- ]?up\b(?:\s+\S+){0,4}?\s+to\s+(?:an?\s+)?(?:CP|child\s+protection)\b",
    ),
    (
        "lac",
        r"\bbecame\s+(?:looked[- ]after|LAC|CLA)\b|\baccommodated\s+(?:under|by|via)\s+"
        r"(?:section|s\.?)\s*20\b|\b(?:section|s\.?)\s*20\b|\bcare\s+order\b|\bICO\b"
        r"|\bplaced\s+(?:in|with)\s+(?:local\s+authority\s+)?foster",
    ),
)
# The meeting that makes a plan starts it only when the entry is that meeting,
# held: "ICPC.", "ICPC - DSL attended", "Initial CIN meeting held". An
# invitation, a letter, a report for, a request for or a date set for it is
# not the meeting (CONFERENCE_PAPERWORK, REFERENCE_BEFORE).
CONFERENCE_STARTS: tuple[tuple[str, str], ...] = (
    ("cp", OTHER_ENTRY_KINDS[0][1]),  # the initial conference
    ("cin", r"\binitial\s+(?:CIN|child\s+in\s+need)\s+(?:plan\s+)?(?:meeting|mtg)"),
)
CONFERENCE_PAPERWORK = (
    r"\binvit|\breports?\b|\bletters?\b|\bprepar|\brequest|\bdate\b|\bpapers?\b|\bagenda\b"
    r"|\bvenue\b|\boutcome\b"
)
# A start that did not happen: strong words rule it out; words of something
# only proposed rule it out unless the sentence also says it was done.
START_STRONG = (
    NOT_HELD_STRONG
    + r"|\bnot\s+(?:yet\s+|been\s+)?(?:initiated|opened|started|completed|agreed|progressed)"
)
START_PROPOSED = (
    r"\bdeclin|\brefus|\boffered\b|\bconsider|\brecommend|\bsuggest|\bdiscuss|\bto\s+be\b"
    r"|\bwill\s+be\b|\bplanned\b|\barranged\b|\bdue\b(?!\s+to\b)|\bnext\b|\brequest"
    r"|\bscheduled\b|\bbooked\b|\bappropriate\b|\bwould\b|\binvit|\bprepar"
    r"|\bdate\s+(?:set|agreed|fixed|confirmed|given)|\bset\s+for\b"
)
START_DONE = (
    r"(?<!be\s)\b(?:held|took\s+place|attended|chaired|agreed|initiated|opened|started|completed"
    r"|commenced|made|became|placed|granted|accommodated|signed|undertaken)\b"
)
START_BLOCKERS_BY_KIND: dict[str, str] = {
    "cp": r"\bnot\s+(?:be\s+|been\s+)?(?:made\s+)?subject|\bno\s+(?:CP|child\s+protection)\s+plan"
    r"|\bplan\s+not\s+(?:required|needed)",
    "lac": r"\bappl(?:y|ied|ication)|\bseek|\bsought\b",
}

# (plan kinds, pattern) that end a plan.
PLAN_END_VOCABULARY: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("early_help",),
        r"\b(?:CAF|FSP|TAF|EHA|family\s+support\s+plan|early\s+help(?:\s+(?:plan|assessment|case"
        r"|episode))?)\b(?:\s+\w+){0,2}?\s+(?:closed|ended|ceased)\b|\bclosed\s+(?:to|by)\s+early\s+help",
    ),
    # Any step up from early help ends it (a CIN or CP start may follow).
    (
        ("early_help",),
        r"\bstep(?:ped|s)?[- ]?up\b|\bescalat\w*\s+to\s+(?:children'?s\s+)?(?:social\s+care|CSC"
        r"|social\s+services)",
    ),
    (
        ("cin",),
        r"\b(?:CIN|child\s+in\s+need)\s+(?:plans?\s+)?(?:\w+\s+)?(?:closed|ended|ceased"
        r"|discontinued)\b",
    ),
    (
        ("cp",),
        r"\bde-?registered\b|\b(?:CP|child\s+protection)\s+plans?\s+(?:\w+\s+)?(?:ended|discontinued"
        r"|removed|ceased|closed)\b|\bno\s+longer\s+(?:subject|on\s+(?:a\s+)?(?:CP|child\s+protection))"
        r"|\bremoved\s+from\s+(?:the\s+|a\s+)?(?:CP|child\s+protection)",
    ),
    (
        ("lac",),
        r"\bceased\s+to\s+be\s+(?:looked[- ]after|LAC|CLA)\b|\bno\s+longer\s+(?:looked[- ]after"
        r"|LAC|CLA)\b|\bcare\s+order\s+(?:was\s+)?discharged|\bdischarged\s+from\s+care",
    ),
)
# A plan of a higher kind replaces the lower ones for the same child: children
# made subject to CP plans are no longer on CIN plans (Working Together: the CP
# plan supersedes the CIN plan; so does a care plan), and a lower plan does not
# start while a higher one is open ("CIN plan" said at a core group is not a new
# plan). A step down ends the higher plan first, so the lower one starts again.
# A CIN start does not end early help: a section 17 assessment often runs
# beside it; the step up ends it.
SUPERSEDES: dict[str, tuple[str, ...]] = {
    "cp": ("early_help", "cin"),
    "lac": ("early_help", "cin"),
}
# A plan sentence about every child ("All three children made subject to CP
# plans; Alfie also physical abuse") is the family's plan, whichever child the
# entry was attributed to for naming one.
EVERY_CHILD = (
    r"\ball\s+(?:(?:the|of\s+the|\w+)\s+)?(?:children|siblings|kids)\b|\bboth\s+(?:the\s+)?"
    r"(?:children|siblings|kids)\b|\beach\s+(?:of\s+the\s+)?(?:child|children|sibling)\b"
    r"|\bthe\s+(?:children|siblings)\b(?!['’])"
)
# A step down ends the plans above where the family is stepped down to.
STEP_DOWN = r"\bstep(?:ped|s)?[- ]?down\b"
STEP_DOWN_TARGETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\buniversal", ("early_help", "cin", "cp")),
    (r"\bearly\s+help\b|\bEH\b|\bCAF\b|\bFSP\b|\bTAF\b", ("cin", "cp")),
    (r"\bCIN\b|\bchild\s+in\s+need\b", ("cp",)),
)
STEP_DOWN_DEFAULT = ("cin", "cp")
# A closure that names no plan ("case closed", "NFA and closed", "plan ended"):
# it ends the plans its sentence names, else the plans its agency runs, else
# none (a health visitor closing their own case does not end a CAF).
GENERIC_CLOSURE = (
    r"\b(?:case|file|plan|episode|involvement)\s+(?:\w+\s+)?closed\b|\bclosed\s+(?:to|by|the\s+case)\b"
    r"|\bNFA\b[^.;]{0,20}\bclosed?\b|\bplan\s+ended\b"
)
END_STRONG = (
    r"\bnot\s+(?:be\s+|being\s+|yet\s+|been\s+)?(?:closed|ended|de-?registered|stepped|discharged)"
    r"|\bremains?\s+open|\bkept\s+open|\bstay\w*\s+open"
)
END_PROPOSED = (
    r"\bto\s+be\b|\bwill\b|\bconsider|\bdiscuss|\bpropos|\brecommend|\bplanned\b"
    r"|\bdue\b(?!\s+to\b)|\bnext\b|\bif\b|\bwould\b|\bcould\b"
)
END_DONE = (
    r"(?<!be\s)\b(?:closed|ended|ceased|discontinued|de-?registered|stepped|discharged|removed)\b"
)
KIND_WORDS: dict[str, str] = {
    "early_help": r"\b(?:CAF|FSP|TAF|TAC|EHA|early\s+help|family\s+support\s+plan)\b",
    "cin": r"\b(?:CIN|child\s+in\s+need)\b",
    "cp": r"\b(?:CP|child\s+protection|ICPC|RCPC)\b",
    "lac": r"\b(?:LAC|CLA|looked[- ]after|care\s+order)\b",
}
SOCIAL_CARE_WORDS = r"\bCSC\b|\bsocial\s+care\b|\bsocial\s+services\b|\bchildren'?s\s+services\b"
SOCIAL_CARE_KINDS = ("cin", "cp")
AGENCY_PLAN_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (SOCIAL_CARE_WORDS + r"|\bsocial\s+work", SOCIAL_CARE_KINDS),
    (r"\bearly\s+help\b|\bfamily\s+support\b|\bchildren'?s\s+cent(?:re|er)", ("early_help",)),
)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_REVIEWS = tuple((kind, reason, _compile(pattern)) for kind, reason, pattern in REVIEW_VOCABULARY)
_OTHER_ENTRY_KINDS = tuple((name, _compile(pattern)) for name, pattern, _ in OTHER_ENTRY_KINDS)
_HOSTS_REVIEWS = frozenset(name for name, _, hosts in OTHER_ENTRY_KINDS if hosts)
_REFERENCE_BEFORE = _compile(REFERENCE_BEFORE)
_CONFERENCE_STARTS = tuple((kind, _compile(pattern)) for kind, pattern in CONFERENCE_STARTS)
_CONFERENCE_PAPERWORK = _compile(CONFERENCE_PAPERWORK)
_EVERY_CHILD = _compile(EVERY_CHILD)
_SUPERSEDED_BY = {
    lower: tuple(higher for higher, lowers in SUPERSEDES.items() if lower in lowers)
    for lower in PLAN_KINDS
}
_NOT_HELD_STRONG = _compile(NOT_HELD_STRONG)
_NOT_HELD_FUTURE = _compile(NOT_HELD_FUTURE)
_HELD = _compile(HELD)
_STARTS = tuple((kind, _compile(pattern)) for kind, pattern in PLAN_START_VOCABULARY)
_START_STRONG = _compile(START_STRONG)
_START_PROPOSED = _compile(START_PROPOSED)
_START_DONE = _compile(START_DONE)
_END_STRONG = _compile(END_STRONG)
_END_PROPOSED = _compile(END_PROPOSED)
_END_DONE = _compile(END_DONE)
_START_BLOCKERS_BY_KIND = {kind: _compile(p) for kind, p in START_BLOCKERS_BY_KIND.items()}
_ENDS = tuple((kinds, _compile(pattern)) for kinds, pattern in PLAN_END_VOCABULARY)
_STEP_DOWN = _compile(STEP_DOWN)
_STEP_DOWN_TARGETS = tuple((_compile(p), kinds) for p, kinds in STEP_DOWN_TARGETS)
_GENERIC_CLOSURE = _compile(GENERIC_CLOSURE)
_KIND_WORDS = {kind: _compile(p) for kind, p in KIND_WORDS.items()}
_SOCIAL_CARE_WORDS = _compile(SOCIAL_CARE_WORDS)
_AGENCY_PLAN_KINDS = tuple((_compile(p), kinds) for p, kinds in AGENCY_PLAN_KINDS)
# For each pattern of REVIEW_VOCABULARY, in the same order: the letters one of which every
# match of it holds, in lower case, a space standing for any run of whitespace (`\s+`) or
# for the start of the text (`^\s*TAC`). Most entries hold none of them, and one pass over
# the text for all of them at once (a LetterFinder) settles those before any pattern runs;
# the others run only the patterns whose letters they hold. Written from the patterns
# alternative by alternative, so that none is left out ("tac" alone would be in every
# "contact"); tests/analysers/test_letter_gates.py checks them on every string of the tests.
REVIEW_LETTERS: tuple[tuple[str, ...], ...] = (
    (
        *("rcpc", "review conference", "review child protection", "review cp"),
        *("protection review", "protection plan review", "cp review", "cp plan review"),
        *("review of child protection", "review of the child protection", "review of cp"),
        "review of the cp",
    ),
    (
        *("cin review", "cin meeting", "cin mtg", "cin plan"),
        *("child in need review", "child in need meeting", "child in need plan"),
        *("review of cin", "review of the cin", "review of child in need"),
        "review of the child in need",
    ),
    (
        *("lac review", "cla review", "iro review", "review chaired by", "statutory review"),
        *("after review", "after child review", "after children review"),
        *("after child's review", "after children's review"),
    ),
    (
        *("tacmeeting", "tac meeting", "tacmtg", "tac mtg", "tacreview", "tac review"),
        *(" tac", "tac held", "tac took place", "team around the child"),
    ),
    (
        *("tafmeeting", "taf meeting", "tafmtg", "taf mtg", "tafreview", "taf review"),
        *(" taf", "taf held", "taf took place", "team around the family"),
    ),
    ("caf",),
    ("fsp", "family support plan"),
    (
        *("early help review", "early help meeting", "early help plan"),
        *("eh review", "eha review", "ehp review"),
    ),
    ("coregroup", "core-group", "core group"),
)
# The same for OTHER_ENTRY_KINDS, in their order.
OTHER_ENTRY_LETTERS: tuple[tuple[str, ...], ...] = (
    ("icpc", "initial child protection", "initial cp"),
    ("initial",),
    ("strategy",),
    ("tel", "phone", "call", "rang", "letter", "mail", "text", "sms", "message", "correspondence"),
    ("visit",),
    ("report",),
)
# Every kind of entry a heading may name, in rank order, the reviews first: (name, plan kind
# of a review or core group else None, pattern).
_ENTRY_KINDS: tuple[tuple[str, str | None, re.Pattern[str]], ...] = (
    *((reason, kind, pattern) for kind, reason, pattern in _REVIEWS),
    *((name, None, pattern) for name, pattern in _OTHER_ENTRY_KINDS),
)
_REVIEW_LETTER_SETS = tuple(
    frozenset(letters) for _, letters in zip(_REVIEWS, REVIEW_LETTERS, strict=True)
)
_ENTRY_LETTER_SETS = _REVIEW_LETTER_SETS + tuple(
    frozenset(letters) for _, letters in zip(_OTHER_ENTRY_KINDS, OTHER_ENTRY_LETTERS, strict=True)
)
_REVIEW_LETTER_FINDER = LetterFinder(letter for letters in REVIEW_LETTERS for letter in letters)
_ENTRY_LETTER_FINDER = LetterFinder(
    letter for letters in (*REVIEW_LETTERS, *OTHER_ENTRY_LETTERS) for letter in letters
)
# One pass over the whole text first: most entries give no plan cue.
_ANY_PLAN_CUE = _compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            *(pattern for _, pattern in PLAN_START_VOCABULARY),
            *(pattern for _, pattern in CONFERENCE_STARTS),
            *(pattern for _, pattern in PLAN_END_VOCABULARY),
            STEP_DOWN,
            GENERIC_CLOSURE,
        )
    )
)
# Letters one of which every match of _ANY_PLAN_CUE holds, written as REVIEW_LETTERS are,
# alternative by alternative of the patterns it joins: most entries hold none, and are not
# searched with its hundred alternatives. ("eha " and "17 " keep the space the patterns
# require after them, which "behaviour" and "17/03" lack.)
PLAN_CUE_LETTERS = (
    # plans named: "CAF initiated", "CIN plan", "care order", "ICPC", "EHA closed"
    *("caf", "fsp", "family support plan", "taf", "team around the family", "early help"),
    *("eha ", "cin", "child in need", "cp", "child protection", "care order", "icpc", "ico"),
    # and what is done with them: "made subject", "under the category of", "became looked
    # after", "section 20", "s17 plan", "placed with foster carers", "initial ... meeting",
    # steps up and down, escalations, de-registrations and closures
    *("subject", "categor", "became", "accommodated", "section", "s20", "s.20", "s 20"),
    *("s. 20", "17 ", "foster", "initial", "step", "escalat", "registered", "ceased"),
    *("no longer", "discharged", "close", "plan ended"),
)
_PLAN_CUE_FINDER = LetterFinder(PLAN_CUE_LETTERS)
# Where one sentence ends and the next begins: whitespace after . ! or ?, and runs of ; and
# line breaks (as `(?<=[.!?])\s+|[;\n]+` says). Written to open with the one character every
# break opens with, which re then skips to instead of trying each: twice as fast.
_SENTENCE_BREAK = re.compile(r"[\s;](?:(?<=[.!?]\s)\s*|(?<=[;\n])[;\n]*)")
_WORD = re.compile(r"\S+")


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_BREAK.split(text) if part.strip()]


def _first_sentence(text: str) -> str:
    """The first of _sentences(text), or "" when it has none, without splitting the rest."""
    while text:
        first, *rest = _SENTENCE_BREAK.split(text, maxsplit=1)
        if first.strip():
            return first.strip()
        # The rest splits as it would in the whole text: at its start a break's look-behind
        # would see the end of this break (whitespace, ";" or a newline), never [.!?].
        text = rest[0] if rest else ""
    return ""


# ---------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------


def _happened(
    sentence: str, strong: re.Pattern[str], proposed: re.Pattern[str], done: re.Pattern[str]
) -> bool:
    """False when the sentence rules it out, or only proposes it without saying it was done."""
    if strong.search(sentence):
        return False
    return not (proposed.search(sentence) and not done.search(sentence))


# Cached: a heading is most often the type column, a few dozen texts met again and again,
# and the patterns of meetings to come are slow to search.
@functools.lru_cache(maxsize=1024)
def _held(sentence: str) -> bool:
    return _happened(sentence, _NOT_HELD_STRONG, _NOT_HELD_FUTURE, _HELD)


def _named_itself(pattern: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """The first match naming the thing itself, not as the object of a call, letter or report."""
    for match in pattern.finditer(sentence):
        if not _REFERENCE_BEFORE.search(sentence[: match.start()]):
            return match
    return None


def _opening_length(sentence: str, words: int = HEADING_WORDS) -> int:
    """Where the first `words` words of a sentence end: a heading opens its entry."""
    found = list(itertools.islice(_WORD.finditer(sentence), words))
    return found[-1].end() if found else 0


def _entry_kind(heading: str, opening_only: bool) -> tuple[str, str | None] | None:
    """(what the heading names, its plan kind for a review or core group) or None.

    The earliest name wins: "RCPC - HV report submitted" is the conference.
    """
    limit = _opening_length(heading) if opening_only else len(heading)
    named: list[tuple[int, int, str, str | None]] = []
    for rank in _kinds_possible(heading):
        name, kind, pattern = _ENTRY_KINDS[rank]
        match = _named_itself(pattern, heading)
        if match and match.start() < limit:
            named.append((match.start(), rank, name, kind))
    if not named:
        return None
    _, _, name, plan_kind = min(named)
    return name, plan_kind


def _heading(event: Event) -> tuple[str, str | None, str] | None:
    """What the entry is: (name, plan kind or None, the heading text), or None if it does not say.

    The type column is the heading when it names anything; else the opening of the
    details. The details only refine the type to say the meeting was the initial one
    (type "CIN meeting", details "Initial CIN meeting"), which makes a plan, not reviews it.
    """
    from_type = _entry_kind(event.type, opening_only=False) if event.type else None
    if from_type is not None and from_type[1] is None:
        return (*from_type, event.type)  # a call, a letter, a visit: the details do not change it
    first_details = _first_sentence(event.details)
    from_details = _entry_kind(first_details, opening_only=True)
    if from_type is not None:
        if from_details is not None and from_details[0] in INITIAL_MEETINGS:
            return (*from_details, first_details)
        return (*from_type, event.type)
    if from_details is not None:
        return (*from_details, first_details)
    return None


def _heading_held(event: Event, heading: str, pattern: re.Pattern[str]) -> bool:
    """True when neither the heading nor the first sentence of a field says the meeting was off.

    A first sentence about another meeting ("RCPC still not rebooked" in a core
    group) says nothing of this one.
    """
    if not _held(heading):
        return False
    for field in (event.details, event.outcome, event.attendance):
        first = _first_sentence(field)
        if first == heading or not _NOT_HELD_STRONG.search(first):
            continue
        if pattern.search(first) or _entry_kind(first, opening_only=False) is None:
            return False
    return True


def _reviews_possible(text: str) -> Sequence[int]:
    """Where in REVIEW_VOCABULARY are the patterns whose letters `text` holds: the others
    cannot match it. Most texts hold none."""
    held = _REVIEW_LETTER_FINDER.held(text)
    return _ranks_holding(frozenset(held), _REVIEW_LETTER_SETS) if held else ()


def _kinds_possible(text: str) -> Sequence[int]:
    """The same for every kind of entry, in _ENTRY_KINDS."""
    held = _ENTRY_LETTER_FINDER.held(text)
    return _ranks_holding(frozenset(held), _ENTRY_LETTER_SETS) if held else ()


@functools.lru_cache(maxsize=1024)
def _ranks_holding(
    letters: frozenset[str], letter_sets: tuple[frozenset[str], ...]
) -> tuple[int, ...]:
    """Where in `letter_sets` are those one of whose letters is among `letters`. Texts hold
    few sets of letters ("tac meeting", "caf"...), each met again and again: worked out once."""
    return tuple(rank for rank, own in enumerate(letter_sets) if not own.isdisjoint(letters))


def is_review(event: Event) -> tuple[str, str] | None:
    """(plan kind, reason) when the event records a review meeting that took place, else None.

    A core group gives ("cp", "core group"): flagged for visibility, never counted as a review.
    An entry that is something else (a call, a letter, a visit, a core group, the initial
    conference) is not a review, whatever meeting it mentions.
    """
    texts = (event.type, event.details, event.outcome)
    # Most entries hold the letters of no review: settled by one pass over all their text.
    ranks = _reviews_possible(" ".join(filter(None, texts)))
    if not any(_REVIEWS[rank][2].search(text) for rank in ranks for text in texts):
        return None
    heading = _heading(event)
    must_say_held = False
    if heading is not None:
        name, kind, text = heading
        if kind is not None:
            pattern = next(p for k, reason, p in _REVIEWS if (k, reason) == (kind, name))
            return (kind, name) if _heading_held(event, text, pattern) else None
        if name not in _HOSTS_REVIEWS:
            return None
        must_say_held = True
    found: list[tuple[int, str, str]] = []
    for text in (event.details, event.outcome):
        for sentence in _sentences(text):
            if must_say_held and not _HELD.search(sentence):
                continue
            for rank in _reviews_possible(sentence):
                kind, reason, pattern = _REVIEWS[rank]
                if _named_itself(pattern, sentence) and _held(sentence):
                    found.append((rank, kind, reason))
    if not found:
        return None
    _, kind, reason = min(found)
    return kind, reason


def _counts_as_plan_review(found: tuple[str, str] | None) -> bool:
    return found is not None and found[1] != CORE_GROUP


# ---------------------------------------------------------------------------
# Plan inference
# ---------------------------------------------------------------------------


def _end_kinds(sentence: str, agency: str) -> set[str]:
    if not _happened(sentence, _END_STRONG, _END_PROPOSED, _END_DONE):
        return set()
    kinds: set[str] = set()
    for plan_kinds, pattern in _ENDS:
        if _named_itself(pattern, sentence):
            kinds.update(plan_kinds)
    if _named_itself(_STEP_DOWN, sentence):
        target = next(
            (plan_kinds for pattern, plan_kinds in _STEP_DOWN_TARGETS if pattern.search(sentence)),
            STEP_DOWN_DEFAULT,
        )
        kinds.update(target)
    if not kinds and _GENERIC_CLOSURE.search(sentence):
        kinds.update(kind for kind, words in _KIND_WORDS.items() if words.search(sentence))
        if _SOCIAL_CARE_WORDS.search(sentence):
            kinds.update(SOCIAL_CARE_KINDS)
        if not kinds:
            for pattern, plan_kinds in _AGENCY_PLAN_KINDS:
                if pattern.search(agency):
                    kinds.update(plan_kinds)
                    break
    return kinds


def _start_kinds(sentence: str) -> set[str]:
    if not _happened(sentence, _START_STRONG, _START_PROPOSED, _START_DONE):
        return set()
    kinds = set()
    for kind, pattern in _STARTS:
        blocker = _START_BLOCKERS_BY_KIND.get(kind)
        if _named_itself(pattern, sentence) and not (blocker and blocker.search(sentence)):
            kinds.add(kind)
    for kind, pattern in _CONFERENCE_STARTS:
        blocker = _START_BLOCKERS_BY_KIND.get(kind)
        if blocker and blocker.search(sentence):
            continue
        if _conference_held(pattern, sentence):
            kinds.add(kind)
    return kinds


def _conference_held(pattern: re.Pattern[str], sentence: str) -> bool:
    """True when the sentence records the plan-making meeting itself.

    It says the meeting was held, or opens with it ("ICPC.", "ICPC - DSL
    attended") and is not about its paperwork.
    """
    match = _named_itself(pattern, sentence)
    if match is None:
        return False
    if _HELD.search(sentence):
        return True
    opens_with_it = match.start() < _opening_length(sentence, words=1)
    return opens_with_it and not _CONFERENCE_PAPERWORK.search(sentence)


def plan_cues(event: Event) -> tuple[set[str], set[str]]:
    """(kinds of plan the event ends, kinds it starts); a sentence ending a kind never starts it."""
    ends: set[str] = set()
    starts: set[str] = set()
    fields = " ".join(filter(None, (event.type, event.details, event.outcome)))
    if not _PLAN_CUE_FINDER.held(fields):
        return ends, starts
    text = event.text
    if not _ANY_PLAN_CUE.search(text):
        return ends, starts
    for sentence in _sentences(text):
        ended = _end_kinds(sentence, event.agency)
        ends |= ended
        starts |= _start_kinds(sentence) - ended
    return ends, starts


def _cues_for_every_child(event: Event) -> bool:
    """A sentence giving a plan cue speaks of every child."""
    return any(
        _EVERY_CHILD.search(sentence) and any(_start_kinds(sentence) | _end_kinds(sentence, ""))
        for sentence in _sentences(event.text)
    )


@dataclass(frozen=True)
class _OpenPlan:
    start: date
    start_event_id: str


def infer_plans(timeline: Timeline) -> tuple[Plan, ...]:
    """The plans the events show, for a case that declares none.

    An event naming children gives the plan to each of them; an event for the
    whole family gives it to every child (child None). A plan with no end runs
    to timeline.as_of. A higher plan ends the lower ones it supersedes (SUPERSEDES)
    and keeps them from starting while it is open.
    """
    case_children = [child.name for child in timeline.case.children]
    open_plans: dict[tuple[str, str | None], _OpenPlan] = {}
    plans: list[Plan] = []

    def close(kind: str, child: str | None, when: date, event_id: str) -> None:
        opened = open_plans.pop((kind, child))
        plans.append(
            Plan(
                kind,
                opened.start,
                max(when, opened.start),
                child,
                True,
                opened.start_event_id,
                event_id,
            )
        )

    def end(kind: str, named: Sequence[str], when: date, event_id: str) -> None:
        for key in [key for key in open_plans if key[0] == kind]:
            child = key[1]
            if not named or child in named:
                close(kind, child, when, event_id)
            elif child is None:
                # The family's plan ends for the children named; the others stay on it.
                opened = open_plans.pop(key)
                for ended_child in named:
                    open_plans[(kind, ended_child)] = opened
                    close(kind, ended_child, when, event_id)
                for other in case_children:
                    if other not in named:
                        open_plans[(kind, other)] = opened

    def superseded(kind: str, child: str | None) -> bool:
        higher = _SUPERSEDED_BY[kind]
        if child is None:
            return any(key[0] in higher for key in open_plans)
        return any((h, child) in open_plans or (h, None) in open_plans for h in higher)

    for event in timeline.originals:
        first_day, last_day = event.date.start, event.date.last_day
        if first_day is None or last_day is None or first_day > timeline.as_of:
            continue
        ends, starts = plan_cues(event)
        # An entry naming every child of the case, or a plan sentence about all of them,
        # is the family's plan: a review a school records for its own pupil then counts.
        every_child = bool(case_children) and set(case_children) <= set(event.children)
        family = (
            not event.children_named
            or every_child
            or (bool(ends or starts) and _cues_for_every_child(event))
        )
        named = () if family else event.children
        for kind in sorted(ends):
            end(kind, named, first_day, event.id)
        # Higher plans first, so that a CP plan started here keeps a CIN cue from starting.
        for kind in sorted(starts, key=PLAN_KINDS.index, reverse=True):
            if (kind, None) in open_plans:
                continue
            opened = _OpenPlan(last_day, event.id)
            if not named and not superseded(kind, None):
                if any(key[0] == kind for key in open_plans):
                    children = list(event.children or case_children)
                else:
                    children = []
                    open_plans[(kind, None)] = opened
            else:
                children = [
                    child
                    for child in (named or event.children or case_children)
                    if not superseded(kind, child)
                ]
                if not children:
                    continue
            for child in children:
                open_plans.setdefault((kind, child), opened)
            for lower in SUPERSEDES.get(kind, ()):
                end(lower, children, first_day, event.id)  # no children: the family's plan
    for (kind, still_open_for), opened in open_plans.items():
        plans.append(
            Plan(kind, opened.start, None, still_open_for, True, opened.start_event_id, None)
        )
    return tuple(sorted(plans, key=lambda p: (p.start, PLAN_KINDS.index(p.kind), p.child or "")))


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def _positive_days(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def review_days(rules: Mapping[str, Any]) -> dict[str, tuple[int, ...]]:
    """The timescales in force, each a tuple whose last value repeats; a bad value is an error."""
    table = rules.get("review_days")
    if not isinstance(table, Mapping):
        raise CaseFileError("case.toml: [rules.review_days] must be a table of plan kinds")
    days: dict[str, tuple[int, ...]] = {}
    for kind, value in table.items():
        if kind not in PLAN_KINDS:
            raise CaseFileError(
                f"case.toml: unknown plan kind {kind!r} in [rules.review_days]",
                hint="expected one of: " + ", ".join(PLAN_KINDS),
            )
        values = tuple(value) if isinstance(value, list | tuple) else (value,)
        if not values or not all(_positive_days(v) for v in values):
            raise CaseFileError(
                f"case.toml: rules.review_days.{kind} must be a number of days or a list of them",
                hint="for example cp = [92, 183]: the first interval, then each one after",
            )
        days[kind] = values
    return days


def _drift_days(rules: Mapping[str, Any]) -> int:
    value = rules.get("plan_drift", {}).get("early_help_days")
    if not _positive_days(value):
        raise CaseFileError("case.toml: rules.plan_drift.early_help_days must be a number of days")
    return int(value)


def _allowed(days: Sequence[int], interval: int) -> int:
    return days[min(interval, len(days) - 1)]


# ---------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    """One end of an interval: where it starts (its last possible day) or ends (its first)."""

    first_day: date
    last_day: date
    event_id: str | None
    what: str  # "start", "review", "end", "as_of"


def _plan_reviews(plan: Plan, reviews: Sequence[Event], until: date) -> list[Event]:
    """The reviews of `plan`'s kind whose dates meet it; `reviews` are dated and in date order."""
    last = bisect.bisect_right(reviews, until, key=_review_day)
    matched = []
    for event in reviews[:last]:
        if (event.date.last_day or date.min) < plan.start:
            continue
        if plan.child is not None and event.children_named and plan.child not in event.children:
            continue
        matched.append(event)
    return matched


def _loosely_dated(event: Event) -> bool:
    first, last = event.date.start, event.date.last_day
    return first is None or last is None or (last - first).days > MAX_REVIEW_DATE_SPAN_DAYS


def _loose_note(loose: Sequence[Event]) -> str:
    spans = "; ".join(f"to a {event.date.precision} ({_span_text(event)})" for event in loose)
    which = "A review dated only" if len(loose) == 1 else "Reviews dated only"
    return (
        f". {which} {spans} may fall in this interval: "
        "too loose a date to show the plan was reviewed in time"
    )


def _span_text(event: Event) -> str:
    first, last = event.date.start, event.date.last_day
    assert first is not None and last is not None
    return f"{first.isoformat()} to {last.isoformat()}"


def _review_day(event: Event) -> date:
    return event.date.start or date.min


_GAP_WORDS: dict[tuple[str, str], str] = {
    ("start", "review"): "from the plan's start to its first review",
    ("review", "review"): "between reviews",
    ("review", "end"): "from the last review to the plan's end",
    ("start", "end"): "from the plan's start to its end with no review",
    ("review", "as_of"): "since the last review, with none by the as-of date",
    ("start", "as_of"): "since the plan's start, with no review by the as-of date",
}


def _children_concerned(
    plan: Plan, timeline: Timeline, until: date, events: Iterable[Event]
) -> tuple[str, ...]:
    if plan.child is not None:
        return (plan.child,)
    born = tuple(
        child.name for child in timeline.case.children if child.born is None or child.born <= until
    )
    if born:
        return born
    return tuple(sorted({child for event in events for child in event.children}))


def _agencies(events: Iterable[Event]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(event.agency for event in events if event.agency))


def _review_findings(
    plan: Plan, timeline: Timeline, reviews: Sequence[Event], days: Sequence[int]
) -> list[Finding]:
    ends_in_view = plan.end is not None and plan.end <= timeline.as_of
    until = plan.end if ends_in_view and plan.end is not None else timeline.as_of
    matched = _plan_reviews(plan, reviews, until)
    by_id = {event.id: event for event in matched}
    loose = [event for event in matched if _loosely_dated(event)]
    loose_ids = {event.id for event in loose}
    points = [_Point(plan.start, plan.start, plan.start_event_id, "start")]
    for event in matched:
        if event.id in loose_ids or (event.date.start or date.min) < plan.start:
            continue
        first, last = event.date.start, event.date.last_day
        assert first is not None and last is not None  # _plan_reviews keeps dated events only
        if points[-1].what == "review" and points[-1].last_day == first:
            continue  # two records of one day's review are one review
        points.append(_Point(first, last, event.id, "review"))
    points.append(_Point(until, until, plan.end_event_id, "end" if ends_in_view else "as_of"))

    findings = []
    label = PLAN_LABELS[plan.kind]
    for interval, (before, after) in enumerate(itertools.pairwise(points)):
        gap = (after.first_day - before.last_day).days
        allowed = _allowed(days, interval)
        if gap <= allowed:
            continue
        inside = [
            event
            for event in loose
            if (event.date.start or date.max) < after.first_day
            and (event.date.last_day or date.min) > before.last_day
        ]
        event_ids = tuple(p.event_id for p in (before, after) if p.event_id is not None)
        bounding = [by_id[i] for i in event_ids if i in by_id]
        event_ids += tuple(event.id for event in inside)
        words = _GAP_WORDS[(before.what, after.what)]
        findings.append(
            Finding(
                kind="review_overdue",
                children=_children_concerned(plan, timeline, after.first_day, bounding),
                start=before.last_day,
                end=after.first_day,
                event_ids=event_ids,
                message=(
                    f"{label}: {gap} days {words} ({before.last_day.isoformat()} to "
                    f"{after.first_day.isoformat()}); allowed {allowed}"
                    + (_loose_note(inside) if inside else "")
                ),
                agencies=_agencies(bounding),
            )
        )
    return findings


def _drift_finding(plan: Plan, timeline: Timeline, limit: int) -> Finding | None:
    if plan.kind != "early_help":
        return None
    until = min(plan.end, timeline.as_of) if plan.end is not None else timeline.as_of
    days_open = (until - plan.start).days
    if days_open <= limit:
        return None
    event_ids = tuple(
        i for i in (plan.start_event_id, plan.end_event_id if plan.end == until else None) if i
    )
    return Finding(
        kind="plan_drift",
        children=_children_concerned(plan, timeline, until, ()),
        start=plan.start,
        end=until,
        event_ids=event_ids,
        message=(
            f"{PLAN_LABELS[plan.kind]} open for {days_open} days ({plan.start.isoformat()} to "
            f"{until.isoformat()}{'' if plan.end == until else ', still open'}): "
            f"more than {limit} days without step up or step down"
        ),
    )


def read(events: Sequence[Event], case: Case) -> list[tuple[str, str] | None]:
    """Each event's review kind and reason (is_review), or None, in order. Each entry is
    read on its own, so a build may read parts of a timeline apart."""
    read_before: dict[tuple[str, ...], tuple[str, str] | None] = {}
    found: list[tuple[str, str] | None] = []
    for event in events:
        # As is_review starts: most entries hold the letters of no review, and are settled
        # by this one pass over their text before anything else is made for them.
        fields = " ".join(filter(None, (event.type, event.details, event.outcome)))
        if not _reviews_possible(fields):
            found.append(None)
            continue
        key = (event.type, event.details, event.outcome, event.attendance)
        if key not in read_before:  # agencies repeat their wording: read each entry once
            read_before[key] = is_review(event)
        found.append(read_before[key])
    return found


def run(
    timeline: Timeline,
    rules: Mapping[str, Any] | None = None,
    readings: Sequence[tuple[str, str] | None] | None = None,
) -> Analysis:
    """Flag review meetings; find overdue reviews and early help drift.

    `rules` are the values in force (merge_rules of DEFAULT_RULES and case.toml);
    None takes them from timeline.case.rules. `readings` are read(timeline.events) when the
    build has read them already.
    """
    values = merge_rules(DEFAULT_RULES, timeline.case.rules if rules is None else rules)
    days = review_days(values)
    drift_limit = _drift_days(values)
    if readings is None:
        readings = read(timeline.events, timeline.case)

    flags: list[Flag] = []
    reviews_by_kind: dict[str, dict[str, Event]] = {kind: {} for kind in PLAN_KINDS}
    flagged = [
        (event, found)
        for event, found in zip(timeline.events, readings, strict=True)
        if found is not None
    ]
    # The loop below looks up the original of each duplicate review, and "" for the others.
    # A dict of the events with those ids alone gives each the event a dict of every event
    # gives (the last with its id): at 100,000 events, 789 ids in 0.008 s against 0.019 s.
    looked_up = {timeline.duplicate_of.get(event.id, "") for event, _ in flagged}
    by_id = {event.id: event for event in timeline.events if event.id in looked_up}
    for event, found in flagged:
        kind, reason = found
        flags.append(Flag(event.id, "review", reason))
        # A duplicate counts once, as its original: the original may not say "review"
        # ("TAC." in a school log) while another agency's copy does.
        counted = by_id.get(timeline.duplicate_of.get(event.id, ""), event)
        if counted is not event:
            # The review concerns every child either record names: a school's copy may
            # name only its pupil, social care's the whole family.
            earlier = reviews_by_kind[kind].get(counted.id, counted)
            children = tuple(dict.fromkeys((*earlier.children, *event.children)))
            counted = replace(earlier, children=children)
        if _counts_as_plan_review(found) and counted.date.start:
            reviews_by_kind[kind][counted.id] = counted

    sorted_reviews = {
        kind: sorted(found.values(), key=_review_day) for kind, found in reviews_by_kind.items()
    }
    plans = timeline.case.plans or infer_plans(timeline)
    findings: list[Finding] = []
    for plan in plans:
        if plan.start > timeline.as_of:
            continue
        if plan.kind in days:
            findings += _review_findings(plan, timeline, sorted_reviews[plan.kind], days[plan.kind])
        drift = _drift_finding(plan, timeline, drift_limit)
        if drift is not None:
            findings.append(drift)
    findings.sort(key=lambda f: (f.start or date.min, f.kind, f.children))
    return Analysis(flags=tuple(flags), findings=tuple(findings))
