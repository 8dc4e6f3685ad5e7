"""What the candidate says: a resume bullet, a first-person script, a 'Not ..., but ...' line.

All three are built from the same figures as the triad, so the resume, the rehearsal notes and
the PDF never disagree, and none of them turns a regression into a win.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..input.models import Metric, Project, Scale
from .change import MetricChange, metric_change, spoken_change
from .english import first_person, indefinite_article, technique_phrase, to_infinitive
from .numbers import format_count
from .scale import requests_phrase, scale_clauses
from .triad import (
    SETTINGS,
    at_the_cost,
    costs_of,
    key_outcomes,
    metric_phrase,
    outcome_clause,
    regression_phrase,
    split_costs,
)
from .words import Form, capitalise, conjugate, is_model_metric, join_clauses, principles_spoken, sentence

if TYPE_CHECKING:
    from ..scoring.bar import BarVerdict

OPEN_QUOTE, CLOSE_QUOTE = "\u2018", "\u2019"


def _where(scale: Scale | None, status: str | None = None) -> str:
    """' across 13M requests', ' in a 12M-request A/B test', ' in a 2.4M-request pilot', ' in an
    offline evaluation on 2.4M requests' ('' for shipped work without a request count)."""
    requests = scale.requests.value if scale is not None and scale.requests is not None else None
    if status == "offline":
        return SETTINGS["offline"] + (f" on {requests_phrase(requests)}" if requests else "")
    if status == "pilot":
        return f" in {_sized(requests)}-request pilot" if requests else SETTINGS["pilot"]
    if requests is None:
        return ""
    assert scale is not None
    if scale.ab_test:
        return f" in {_sized(requests)}-request A/B test"
    return f" across {requests_phrase(requests)}"


def _sized(requests: float) -> str:
    """'a 12M', 'an 800K', 'an 18M': the article for the figure as it is said."""
    figure = format_count(requests)
    return f"{indefinite_article(figure)} {figure}"


def _bare_score(metric: Metric, change: MetricChange) -> str:
    """The weak version of a result: 'BLEU 35', 'NPS +12%', 'manual review backlog at zero'."""
    if change.emphasis == "eliminated" and not change.result:
        return f"{metric.name} at zero"
    return f"{metric.name} {change.result or change.relative or change.delta}"


def _with(project: Project) -> str:
    return f" with {technique_phrase(project.technique)}" if project.technique else ""


def resume_bullet(project: Project) -> str:
    """One past-tense line, figures first: 'Cut hallucination rate from 12% to 3% (-75%) across
    13M requests with LoRA adapters, lowering repeat-call volume by 15% and saving $1.2M per
    quarter.' A bullet keeps at most two wins (always the money, if there is any) and every cost:
    a trade-off leads with the win ('Halved cost per request (-50%) across 13M requests, at the
    cost of 2 pp of accuracy (92% to 90%).')."""
    metric = project.metric
    change = metric_change(metric)
    wins, costs = split_costs(project.outcomes)
    wins = key_outcomes(wins)
    cost_texts = costs_of(metric, change, costs)
    where, technique = _where(project.scale, project.status), _with(project)
    if change.verdict == "worse":
        if wins:
            lead = capitalise(join_clauses([outcome_clause(o, "past") for o in wins]))
            return at_the_cost(f"{lead}{technique}{where}", cost_texts,
                               lead_is_one_phrase=len(wins) == 1 and not technique + where) + "."
        regressed = regression_phrase(metric, change, start=not project.technique)
        extra = f", with {join_clauses(cost_texts[1:])}" if cost_texts[1:] else ""
        if project.technique:
            return f"Applied {technique_phrase(project.technique)}{where}, but {regressed}{extra}."
        return capitalise(regressed) + f"{where}{extra}."
    head = capitalise(metric_phrase(metric, change, "past"))
    clauses = [outcome_clause(o) for o in wins]
    text = f"{head}{where}{technique}"
    if clauses:
        text += f", {join_clauses(clauses)}"
    return at_the_cost(text, cost_texts, lead_is_one_phrase=not (clauses or where or technique)) + "."


def contrast_line(project: Project) -> str:
    """DOMAIN.md point 5: "Not 'I used LoRA adapters', but 'I used LoRA adapters to cut ... and
    save $1.2M per quarter'." The weak version is the bare technique, or the bare score when no
    technique is named. A story whose only figure is a model metric (a loss, a perplexity, a bare
    benchmark score) has no strong version yet: the line asks for the business outcome instead of
    recommending the weak sentence. Empty for a regression with no win and for a score that did
    not move: there is no strong claim to make.
    """
    metric = project.metric
    change = metric_change(metric)
    wins, costs = split_costs(project.outcomes)
    wins = key_outcomes(wins)
    cost_texts = costs_of(metric, change, costs)
    technique = technique_phrase(project.technique) if project.technique else ""
    opener = f"I used {technique} to " if technique else "I "
    form: Form = "base" if technique else "past"
    if change.verdict == "unchanged" and not wins:
        return ""  # 'I held BLEU at 35' is no stronger than the bare score
    if change.verdict == "worse":
        if not wins:
            return ""
        strong = at_the_cost(opener + join_clauses([outcome_clause(o, form) for o in wins]),
                             cost_texts, lead_is_one_phrase=len(wins) == 1)
        weak = f"I used {technique}" if technique else _bare_score(metric, change)
        return f"Not {_quote(weak)}, but {_quote(strong)}."
    said = opener + _plain_phrase(metric, change, form)
    if not wins and is_model_metric(metric.name):
        # DOMAIN.md's weak answer itself: ask for what it changed, with the gap left visible.
        return (f"Not {_quote(said)} on its own, but what it changed for customers and the "
                f"business: {_quote(said + ', which <moved which product metric, by how much>')}.")
    if not technique and not wins and change.relative_only and not cost_texts:
        return ""  # 'I raised NPS by 12%' is the bare figure said in a sentence, no stronger
    weak = f"I used {technique}" if technique else _bare_score(metric, change)
    clauses = [_plain_phrase(metric, change, form)] + [outcome_clause(o, form) for o in wins]
    strong = at_the_cost(opener + join_clauses(clauses), cost_texts, lead_is_one_phrase=False)
    return f"Not {_quote(weak)}, but {_quote(strong)}."


def _quote(text: str) -> str:
    return f"{OPEN_QUOTE}{text}{CLOSE_QUOTE}"


_SPOKEN_OPENINGS = (("A/B-tested on", "We A/B-tested it on"), ("validated", "We validated it"),
                    ("piloted", "We piloted it"), ("evaluated offline", "We evaluated it offline"))


def _spoken_scale(scale: Scale | None, verdict: BarVerdict) -> list[str]:
    """'It served 13M requests over 14 days with 1.7% regression, holding a 99.9% SLA. That
    clears the Scale-and-Ship bar of ...' ([] without evidence: there is nothing to say)."""
    main, sla = scale_clauses(scale, verdict.status)
    # The same evidence as the brief's scale line, given a speaker: "It served ...", "We
    # A/B-tested it on ...", "We piloted it on ...", "It held a 99.9% SLA".
    for clause, spoken in _SPOKEN_OPENINGS:
        if main.startswith(clause):
            main = spoken + main[len(clause):]
            break
    else:
        main = f"It {main}" if main else ""
    if sla:
        main = f"{main}, {sla}" if main else "It held" + sla[len("holding"):]
    if not main:
        return []
    if verdict.meets_bar:
        judged = f"That clears the Scale-and-Ship bar of {verdict.bar}."
    else:
        judged = (f"That is still below the bar of {verdict.bar}: "
                  f"{'; '.join(verdict.shortfalls)}.")
    return [main + ".", judged]


def spoken_script(project: Project, verdict: BarVerdict) -> str:
    """A first-person answer to rehearse aloud, in STAR-L order, built only from the facts given
    and the project's Scale-and-Ship ``verdict``. A trade-off leads with the win and names the
    cost plainly."""
    metric = project.metric
    change = metric_change(metric)
    wins, costs = split_costs(project.outcomes)
    lines: list[str] = []
    if project.situation:
        lines.append(sentence(project.situation))
    if project.task:
        goal = to_infinitive(project.task)
        lines.append(f"My task was to {goal}." if goal else f"My task: {sentence(project.task)}")
    actions = [first_person(a) for a in project.actions if a.strip()]
    lines.extend(actions)
    technique = technique_phrase(project.technique) if project.technique else ""

    won = join_clauses([outcome_clause(o, "past") for o in wins])
    if change.verdict == "worse" and wins:
        # The win first ("That halved cost per request."), then what it cost.
        if actions:
            lines.append(f"That {won}.")
        elif technique:
            lines.append(f"I used {technique} and {won}.")
        else:
            lines.append(f"I {won}.")
    elif change.verdict == "worse":
        how = spoken_change(change)
        regressed = capitalise(regression_phrase(metric, change, start=True, emphasis=False))
        lines.append(f"{regressed}{f', {how}' if how else ''}.")
    else:
        how = spoken_change(change)
        how_text = f", {how}" if how else ""
        phrase = _plain_phrase(metric, change)
        if actions:
            lines.append(f"That {_past(phrase)}{how_text}.")
        elif technique:
            lines.append(f"I used {technique} to {phrase}{how_text}.")
        else:
            lines.append(f"I {_past(phrase)}{how_text}.")
        if wins:
            lead = "In business terms, that" if change.verdict == "better" else "In business terms, it"
            lines.append(f"{lead} {won}.")
    spoken_costs = costs_of(metric, change, costs, spoken=True)
    if change.verdict == "worse" and not wins:
        spoken_costs = spoken_costs[1:]  # the regression is already said
        if spoken_costs:
            lines.append(f"It also came with {join_clauses(spoken_costs)}.")
    elif spoken_costs:
        lines.append(f"The cost was {join_clauses(spoken_costs)}.")
    lines.extend(_spoken_scale(project.scale, verdict))

    lead_part = project.leadership
    if lead_part is not None and (lead_part.principles or lead_part.story):
        story = first_person(lead_part.story) if lead_part.story else ""
        if lead_part.principles:
            tie = f"This shows {principles_spoken(list(lead_part.principles))}"
            lines.append(f"{tie}: {story}" if story else f"{tie}.")
        else:
            lines.append(story)
    return " ".join(line for line in lines if line)


def _plain_phrase(metric: Metric, change: MetricChange, form: Form = "base") -> str:
    """The improvement without the bracketed figure, for sentences said aloud."""
    return metric_phrase(metric, change, form, emphasis=False)


def _past(phrase: str) -> str:
    verb, _, rest = phrase.partition(" ")
    return f"{conjugate(verb, 'past')} {rest}"
