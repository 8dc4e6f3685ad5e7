"""Leadership-principle coverage (DOMAIN.md point 9): which of Amazon's 16 the stories cover,
which often-asked ones none covers, and the principles a story shows without naming them.

An Amazon loop spreads the principles over its interviewers, each owning a few, so a candidate
needs a story for the often-asked ones, not the same two everywhere. The cues below only point at
words the candidate wrote ("dove into" -> Dive Deep); they never add a principle by themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..input.models import PRINCIPLES, Brief, Project

# The principles an applied-AI loop asks about most often (DOMAIN.md point 9), in its order.
OFTEN_ASKED: tuple[str, ...] = (
    "Customer Obsession",
    "Ownership",
    "Dive Deep",
    "Deliver Results",
    "Bias for Action",
    "Earn Trust",
    "Have Backbone; Disagree and Commit",
    "Are Right, A Lot",
)

# Words in a story that show a principle. Specific on purpose: a suggestion that does not fit is
# worse than none.
_CUES: dict[str, str] = {
    "Dive Deep": r"dove into|dived into|dug into|deep[- ]dive|root[- ]caus\w*|traced (?:it|the)|"
                 r"found (?:a|the) (?:bug|bias|cause|leak|regression)",
    "Customer Obsession": r"(?:customer|user)s?'? (?:complaints?|feedback|interviews?|research|pain)|"
                         r"on behalf of (?:customers|users)|worked backwards? from",
    "Ownership": r"took ownership|owned (?:the|it|its)|end[- ]to[- ]end|on[- ]call rotation",
    "Bias for Action": r"\bin (?:a|one|two|three|\d+) (?:days?|weeks?)\b|calculated risk|"
                       r"shipped (?:it )?early|within (?:a|one|two|\d+) (?:days?|weeks?)",
    "Earn Trust": r"earned (?:the|their) trust|transparen\w+|shared (?:the )?(?:results|failures|data) "
                  r"(?:openly|with)|admitted",
    "Have Backbone; Disagree and Commit": r"disagreed|pushed back|challenged (?:the|a|their)|"
                                          r"argued (?:for|against)|objected",
    "Are Right, A Lot": r"made the call|the data showed|proved (?:it|that|the)",
    "Deliver Results": r"delivered|on time|ahead of schedule|hit the (?:goal|target|deadline)",
    "Frugality": r"frugal\w*|smaller model|fewer gpus|same (?:fleet|budget|hardware)|"
                 r"without (?:growing|adding) (?:the )?(?:fleet|headcount|hardware|gpus)",
    "Invent and Simplify": r"simplif\w+|invented|replaced \w+(?: \w+)? with",
    "Hire and Develop the Best": r"mentored|coached|hired|onboarded (?:two|three|\d+|new)",
    "Learn and Be Curious": r"taught myself|learned (?:how|to)|curious|explored (?:the|a|new)",
    "Insist on the Highest Standards": r"raised the (?:quality )?bar|gated (?:every |the )?releases?|"
                                       r"quality bar",
    "Think Big": r"company[- ]wide|org[- ]wide|platform for|across (?:all|every) teams?",
    "Success and Scale Bring Broad Responsibility": r"\bsafety\b|legal|privacy|fairness|harm",
    "Strive to be Earth's Best Employer": r"well-?being|burnout|inclusive",
}
_CUE_PATTERNS = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _CUES.items()}
assert set(_CUES) == set(PRINCIPLES)


@dataclass(frozen=True)
class Coverage:
    """Which principles the brief's stories name, and which often-asked ones none names."""

    covered: tuple[str, ...]  # in the order of the 16
    missing: tuple[str, ...]  # of OFTEN_ASKED, in its order


@dataclass(frozen=True)
class Shown:
    """A principle a story's own words show without naming it."""

    principle: str
    words: str  # what the candidate wrote: "dove into"


def coverage(brief: Brief) -> Coverage:
    named = {name for p in brief.projects if p.leadership for name in p.leadership.principles}
    return Coverage(covered=tuple(name for name in PRINCIPLES if name in named),
                    missing=tuple(name for name in OFTEN_ASKED if name not in named))


def shown_but_not_named(project: Project) -> list[Shown]:
    """The principles ``project``'s story, actions and task show in so many words but do not
    name, in the order of the 16."""
    lead = project.leadership
    named = set(lead.principles) if lead else set()
    text = " ".join(t for t in [lead.story if lead else None, *project.actions, project.task] if t)
    found = []
    for name in PRINCIPLES:
        match = _CUE_PATTERNS[name].search(text)
        if match and name not in named:
            found.append(Shown(name, match.group(0)))
    return found
