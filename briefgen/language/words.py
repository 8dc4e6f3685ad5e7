"""Small pieces of English grammar the sentence builders share.

Only what the generated sentences need: verb forms for the clauses briefgen writes, joining
clauses, turning a user's subject-less line ("Used LoRA adapters ...") into first person and a
task into "My task was to ..." for any English verb (:mod:`.lexicon`), the article before a
technique, and naming leadership principles without ambiguity (several contain "and", one a
comma, one a semicolon).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Form = Literal["gerund", "past", "base"]


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())

# lemma -> (gerund, past). A closed list: every verb a generated clause can start with (the
# user's own verbs go through :mod:`.lexicon`).
VERBS: dict[str, tuple[str, str]] = {
    "add": ("adding", "added"),
    "double": ("doubling", "doubled"),
    "eliminate": ("eliminating", "eliminated"),
    "halve": ("halving", "halved"),
    "quadruple": ("quadrupling", "quadrupled"),
    "see": ("seeing", "saw"),
    "triple": ("tripling", "tripled"),
    "avoid": ("avoiding", "avoided"),
    "cost": ("costing", "cost"),
    "cut": ("cutting", "cut"),
    "earn": ("earning", "earned"),
    "free": ("freeing", "freed"),
    "free up": ("freeing up", "freed up"),
    "generate": ("generating", "generated"),
    "hold": ("holding", "held"),
    "lose": ("losing", "lost"),
    "lower": ("lowering", "lowered"),
    "raise": ("raising", "raised"),
    "reclaim": ("reclaiming", "reclaimed"),
    "recoup": ("recouping", "recouped"),
    "recover": ("recovering", "recovered"),
    "release": ("releasing", "released"),
    "save": ("saving", "saved"),
    "unlock": ("unlocking", "unlocked"),
}

# A note such as "of GPU capacity unlocked" names the verb the money really goes with.
PARTICIPLES: dict[str, str] = {past: lemma for lemma, (_, past) in VERBS.items()
                               if lemma not in ("cost", "cut", "hold", "lose", "lower", "raise", "add",
                                                "double", "eliminate", "halve", "quadruple", "see",
                                                "triple")}


def conjugate(lemma: str, form: Form) -> str:
    if form == "base":
        return lemma
    gerund, past = VERBS[lemma]
    return gerund if form == "gerund" else past


@dataclass(frozen=True)
class Clause:
    """A verb phrase whose verb can be put in any form: 'saving $1.2M per quarter'."""

    verb: str  # a key of VERBS
    rest: str

    def render(self, form: Form = "gerund") -> str:
        return f"{conjugate(self.verb, form)} {self.rest}"


def join_clauses(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' (the house style of the triad sentence: no serial comma)."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """``text`` as a finished sentence: trimmed, with closing punctuation."""
    text = " ".join(text.split())
    if not text:
        return ""
    if text[-1] in ".!?…" or text.endswith((".)", ".\"", ".'", ".’", ".”")):
        return text
    return text + "."


def strip_period(text: str) -> str:
    text = " ".join(text.split())
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


# --- metric names ---------------------------------------------------------------------------


def metric_subject(name: str, *, start: bool) -> str:
    """A metric name as the subject of a sentence: 'The hallucination rate', 'BLEU', 'p95 latency'
    gets an article so that a sentence never starts with a lower-case letter."""
    first = name.split()[0] if name.split() else name
    if _is_acronym(first) or first[:1].isupper():
        return name
    return ("The " if start else "the ") + name


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


# Last words that make a metric a measure ("raising NPS by 5") rather than a countable thing
# ("adding 1.5M daily users served").
MEASURE_WORDS = wordset("""
accuracy backlog bill budget capacity ceiling churn cost costs count coverage csat engagement
error errors f1 index latency level load margin nps number precision quality rate ratio recall
retention revenue satisfaction score share size speed spend throughput time total traffic
turnaround uptime usage utilisation utilization value volume wer bleu rouge auc
""")


# Metrics a panel reads as academic when they are the only evidence: a loss, a perplexity, a bare
# benchmark score (DOMAIN.md point 5).
MODEL_METRIC = re.compile(
    r"\b(loss|perplexity|ppl|cross[- ]?entropy|log[- ]?likelihood|bleu|rouge(?:-\w+)?|meteor|chrf|"
    r"bertscore|accuracy|f1|f-1|f1[- ]score|exact[- ]match|mmlu|benchmark|eval(?:uation)? score)\b",
    re.IGNORECASE)


def is_model_metric(name: str) -> bool:
    """'validation loss', 'BLEU', 'MMLU accuracy': a model metric, not a product one."""
    return MODEL_METRIC.search(name) is not None


def is_measure(name: str) -> bool:
    words = re.findall(r"[A-Za-z0-9]+", name.lower())
    return bool(words) and words[-1] in MEASURE_WORDS


# --- per ------------------------------------------------------------------------------------

_PER_SYNONYMS = {
    "annum": "year", "yr": "year", "annually": "year", "yearly": "year", "annual": "year",
    "quarterly": "quarter", "qtr": "quarter", "q": "quarter",
    "monthly": "month", "mo": "month", "weekly": "week", "wk": "week", "daily": "day",
    "hourly": "hour", "hr": "hour",
}
_PER_ADJECTIVES = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly",
                   "year": "annual", "hour": "hourly"}


def normalise_per(per: str | None) -> str:
    """'per year', 'a year', 'annually', 'yr' -> 'year'; anything else is kept as written."""
    if not per:
        return ""
    text = strip_period(per)
    text = re.sub(r"^(?:(?:per|an?|each|every)\s+|/\s*)", "", text, flags=re.IGNORECASE)
    return _PER_SYNONYMS.get(text.lower(), text)


def per_adjective(per: str) -> str:
    """'week' -> 'weekly' (for 'lowering weekly escalations by 40%'); '' when there is none."""
    return _PER_ADJECTIVES.get(per.lower(), "")


# --- notes ----------------------------------------------------------------------------------

# Hedges qualify the amount itself: note "about" -> "saving about $1.2M".
_HEDGES = {
    "about": "about", "around": "around", "approximately": "approximately", "approx": "about",
    "approx.": "about", "roughly": "roughly", "~": "about", "nearly": "nearly", "almost": "almost",
    "over": "over", "more than": "more than", "at least": "at least", "up to": "up to",
    "estimated": "an estimated", "est.": "an estimated", "est": "an estimated",
    "an estimated": "an estimated", "projected": "a projected", "a projected": "a projected",
}
# Words a note can start with and still continue the sentence ("... without growing the fleet").
_CONNECTORS = wordset("""
across after as at because before between by compared despite due during for from in including
into of on over since so than thanks through to under until versus via vs when while with within
without which
""")


def split_hedge(note: str) -> tuple[str, str]:
    """('about ', '') when the whole note is a hedge, else ('', note)."""
    hedge = _HEDGES.get(note.strip().lower())
    return (hedge + " ", "") if hedge else ("", note)


def note_tail(note: str) -> str:
    """A note as the end of a clause: ' without growing the GPU fleet', or ' (internal estimate)'
    when it does not read as a continuation."""
    if not note:
        return ""
    word = note.split()[0]
    if word.lower() in _CONNECTORS and plain_word(word):
        note = note[0].lower() + note[1:]  # "Without growing ..." continues the sentence
    if note.startswith("(") or word.lower() in _CONNECTORS or note.startswith(("-", "–", "—", ",")):
        return " " + note if not note.startswith(",") else note
    return f" ({note})"


def clean_note(note: str | None) -> str:
    return strip_period(note) if note else ""


# --- leadership principles ------------------------------------------------------------------


def principles_written(names: list[str]) -> str:
    """'Frugality · Invent and Simplify': a separator no principle's name contains."""
    return " · ".join(names)


def principle_name(name: str) -> str:
    """A principle inside a sentence: quoted when its own words would run into the sentence's
    ('‘Are Right, A Lot’', '‘Invent and Simplify’'), as written otherwise ('Dive Deep')."""
    if "," in name or ";" in name or " and " in name:
        return f"\u2018{name}\u2019"
    return name


def principles_spoken(names: list[str]) -> str:
    """'Dive Deep and Deliver Results', 'Frugality and ‘Invent and Simplify’', 'Customer
    Obsession and ‘Are Right, A Lot’': names that hold a comma or an 'and' are quoted, so that
    a list of them reads as the names it holds."""
    return join_clauses([principle_name(n) for n in names])


def plain_word(word: str) -> bool:
    """Capitalised only because it starts the sentence ('Built', not 'LoRA' or 'AWS'), or all in
    lower case ('built')."""
    return len(word) > 1 and word[1:] == word[1:].lower() and word[0].isalpha()
