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


def _wordset(text: str) -> frozenset[str]:
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
MEASURE_WORDS = _wordset("""
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
_CONNECTORS = _wordset("""
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
    if word.lower() in _CONNECTORS and _plain_word(word):
        note = note[0].lower() + note[1:]  # "Without growing ..." continues the sentence
    if note.startswith("(") or word.lower() in _CONNECTORS or note.startswith(("-", "–", "—", ",")):
        return " " + note if not note.startswith(",") else note
    return f" ({note})"


def clean_note(note: str | None) -> str:
    return strip_period(note) if note else ""


# --- first person ---------------------------------------------------------------------------

# Openings that are participle phrases, not actions: "Based on the logs, ...", "Driven by ...".
_PARTICIPLE_OPENING = re.compile(
    r"^(?:based\s+on|compared\s+(?:to|with)|given|faced\s+with|\w+ed\s+by)\b", re.IGNORECASE)
# A clause of its own after a comma: "Seeing the logs, I ...", "After launch, we ...".
_OWN_SUBJECT = re.compile(r",\s+(?:I|we|the team|our team)\s", re.IGNORECASE)
_PREPOSITIONS = _wordset("about at by for from in into of on to with")
# "Needed to cut ...", "Was asked to ...": the goal is the verb after "to".
_WANTED_TO = re.compile(
    r"^(?:(?:was|were)\s+)?(?:needed|had|wanted|aimed|asked|tasked|set\s+out|tried|planned|"
    r"expected|required|meant)\s+to\s+", re.IGNORECASE)
# A full sentence with its own verb: "Alexa needed it", "Answers were slow".
_FINITE = re.compile(r"\b(?:is|are|was|were|had|has|have|needed|must|should|would|could|will|can)\b",
                     re.IGNORECASE)
_DETERMINERS = _wordset("""
a an the this that these those our my its their every each all both no some any more fewer less
""")


def _first_word(text: str) -> str:
    match = re.match(r"[A-Za-z][A-Za-z'-]*", text)
    return match.group(0) if match else ""


def _plain_word(word: str) -> bool:
    """Capitalised only because it starts the sentence ('Built', not 'LoRA' or 'AWS'), or all in
    lower case ('built')."""
    return len(word) > 1 and word[1:] == word[1:].lower() and word[0].isalpha()


def _second_word(text: str) -> str:
    words = text.split()
    return words[1].lower().strip(",.;:") if len(words) > 1 else ""


def _opening_verb(text: str) -> tuple[str, str] | None:
    """(lemma, form) of the verb a subject-less line starts with: ('build', 'past') for 'Built a
    pipeline', ('deflect', 'base') for 'Deflect routine questions', ('cut', 'gerund') for 'Cutting
    costs'; None when the line starts otherwise ('LoRA adapters were merged', 'Alexa needed it')."""
    from . import lexicon

    word = _first_word(text)
    if not _plain_word(word):
        return None
    lower = word.lower()
    if (lemma := lexicon.lemma_of_past(lower)) is not None:
        return lemma, "past"
    if (lemma := lexicon.lemma_of_gerund(lower)) is not None:
        return lemma, "gerund"
    if lexicon.is_verb(lower):
        # "Search latency under 100 ms" is a noun phrase; "Ship the model" is an order.
        if lexicon.mostly_noun(lower) and _second_word(text) not in _DETERMINERS:
            return None
        return lower, "base"
    return None


def starts_with_past_verb(text: str) -> bool:
    found = _opening_verb(text)
    return found is not None and found[1] == "past"


def first_person(text: str) -> str:
    """An action or story line in the first person, for any English verb: 'Built a LoRA
    pipeline.' -> 'I built a LoRA pipeline.', 'Used LoRA adapters.' -> 'I used LoRA adapters.',
    'Deflect routine questions' -> 'I deflected routine questions.' Lines with a subject of their
    own ('The team shipped it.', 'Based on the logs, I ...') are kept as written."""
    from . import lexicon

    text = sentence(text)
    found = _opening_verb(text)
    if found is None or _PARTICIPLE_OPENING.match(text) or _OWN_SUBJECT.search(text):
        return text
    lemma, form = found
    word = _first_word(text)
    rest = text[len(word):]
    if form == "past":
        return f"I {word.lower()}{rest}"
    if form == "base" and _second_word(text) not in _PREPOSITIONS:
        return f"I {lexicon.past(lemma)}{rest}"
    return text  # a gerund ("Grounding answers ...") or "Support for 12 languages": a noun phrase


def to_infinitive(text: str) -> str | None:
    """A task as the verb phrase after "My task was to": 'Cut hallucinations ...' and 'Deflect
    routine questions' keep their verb, 'To cut ...', 'Needed to cut ...', 'Reduced ...' and
    'Cutting ...' give 'cut ...'. None when the task is not a verb phrase ('Alexa needed it')."""
    text = strip_period(" ".join(text.split()))
    text = re.sub(r"^to\s+", "", text, flags=re.IGNORECASE)
    if (wanted := _WANTED_TO.match(text)) is not None:
        text = text[wanted.end():]
    found = _opening_verb(text)
    if found is None:
        return None
    lemma, form = found
    word = _first_word(text)
    rest = text[len(word):]
    if form != "base" and _FINITE.search(rest):
        return None  # "Pricing was wrong": a sentence, not a goal
    if form == "base" and _second_word(text) in _PREPOSITIONS:
        return None  # "Support for 12 languages"
    return lemma + rest


def noun_phrase(text: str) -> str:
    """A technique inside a sentence: 'Knowledge distillation' -> 'knowledge distillation', while
    names ('LoRA adapters', 'Direct Preference Optimization') keep their capitals."""
    words = text.split()
    if len(words) > 1 and _plain_word(words[0]) and all(w == w.lower() for w in words[1:]):
        return text[0].lower() + text[1:]
    return text


# --- articles -------------------------------------------------------------------------------

# Head nouns of techniques that are counted ("a classifier", "a reward model"); names, plurals
# and mass nouns ("LoRA adapters", "knowledge distillation", "retrieval") take no article.
_COUNTABLE = _wordset("""
adapter agent algorithm api approach architecture assistant audit backbone baseline benchmark bot
cache canary cascade chatbot checkpoint classifier cluster component critic dashboard dataset
detector encoder decoder endpoint ensemble estimator experiment extractor fallback filter flag
forest framework funnel gate gateway graph guardrail harness head heuristic index judge kernel
layer lexicon loop method model module network optimizer parser pipeline planner plugin policy
pool predictor prompt proxy queue ranker reranker release retriever review rollout router rubric
rule sampler scheduler scheme scorer service sidecar simulator store strategy switch system
tagger technique template test tokenizer tool transformer tree trial variant verifier vocabulary
watermark workflow wrapper
""")
_SINGULAR_ENDINGS = ("ss", "us", "is", "ics", "sis")
_A_BEFORE_VOWEL = ("uni", "use", "usa", "usu", "uti", "ubi", "eu", "ewe", "one", "once", "ur")
_AN_BEFORE_H = ("hour", "honest", "honor", "honour", "heir")
_LETTER_AN = "AEFHILMNORSX"  # letters whose names start with a vowel sound: "an LLM", "an SVM"


def indefinite_article(word: str) -> str:
    """'a' or 'an' by sound: 'an LLM router', 'a LoRA adapter', 'a unified model', 'an 8-bit
    model', 'an 11% rise', 'a 1.5M-request test'."""
    token = word.lstrip("$€£¥₹+-‘'\"(")
    if not token:
        return "a"
    if token[0].isdigit():
        whole = re.match(r"\d[\d,]*", token)
        digits = whole.group(0) if whole else token
        lead = digits.split(",")[0]
        return "an" if lead.startswith("8") or lead in ("11", "18") else "a"
    letters = re.match(r"[A-Za-z]+", token)
    if letters is None:
        return "a"
    chunk = letters.group(0)
    capitals = re.match(r"[A-Z]{2,}", chunk)
    if capitals and not (len(chunk) > 2 and chunk[1].lower() in "aeiou"):
        # Said letter by letter ("LLM", "SVM", "XGBoost") unless it reads as a word ("RAG", "BERT").
        return "an" if chunk[0] in _LETTER_AN else "a"
    lower = chunk.lower()
    if lower.startswith(_AN_BEFORE_H):
        return "an"
    if lower.startswith(_A_BEFORE_VOWEL):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def _countable_singular(phrase: str) -> bool:
    words = phrase.split()
    head = re.sub(r"[^A-Za-z-]", "", words[-1]).split("-")[-1]
    if not head or head != head.lower():
        return False  # a name: "BERT", "Llama 3", "XGBoost"
    if head.endswith("s") and not head.endswith(_SINGULAR_ENDINGS):
        return False  # plural: "LoRA adapters"
    return head in _COUNTABLE or head.endswith(("er", "or")) and head not in ("transfer", "power")


def technique_phrase(technique: str) -> str:
    """A technique as the object of 'with' or 'used': 'LoRA adapters', 'knowledge distillation',
    'a fine-tuned BERT classifier', 'an LLM router', 'the team's reranker' (kept as written)."""
    phrase = noun_phrase(technique)
    first = phrase.split()[0].lower()
    if phrase.startswith("<") or first in _DETERMINERS or first.endswith("'s"):
        return phrase  # a placeholder, or an article or owner of its own
    if not _countable_singular(phrase):
        return phrase
    return f"{indefinite_article(phrase.split()[0])} {phrase}"


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
