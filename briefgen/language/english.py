"""A candidate's own words made into sentences: first person, the infinitive of a task, articles
before a technique, a technique inside a sentence. Built on :mod:`~briefgen.language.lexicon`,
so they hold for any verb a candidate writes, not a closed list."""

from __future__ import annotations

import re
from typing import Literal

from .words import plain_word, sentence, strip_period, wordset

Form = Literal["gerund", "past", "base"]


# --- first person ---------------------------------------------------------------------------

# Openings that are participle phrases, not actions: "Based on the logs, ...", "Driven by ...".
_PARTICIPLE_OPENING = re.compile(
    r"^(?:based\s+on|compared\s+(?:to|with)|given|faced\s+with|\w+ed\s+by)\b", re.IGNORECASE)
# A clause of its own after a comma: "Seeing the logs, I ...", "After launch, we ...".
_OWN_SUBJECT = re.compile(r",\s+(?:I|we|the team|our team)\s", re.IGNORECASE)
_PREPOSITIONS = wordset("about at by for from in into of on to with")
# "Needed to cut ...", "Was asked to ...": the goal is the verb after "to".
_WANTED_TO = re.compile(
    r"^(?:(?:was|were)\s+)?(?:needed|had|wanted|aimed|asked|tasked|set\s+out|tried|planned|"
    r"expected|required|meant)\s+to\s+", re.IGNORECASE)
# A full sentence with its own verb: "Alexa needed it", "Answers were slow".
_FINITE = re.compile(r"\b(?:is|are|was|were|had|has|have|needed|must|should|would|could|will|can)\b",
                     re.IGNORECASE)
_DETERMINERS = wordset("""
a an the this that these those our my its their every each all both no some any more fewer less
""")


def _first_word(text: str) -> str:
    match = re.match(r"[A-Za-z][A-Za-z'-]*", text)
    return match.group(0) if match else ""




def _second_word(text: str) -> str:
    words = text.split()
    return words[1].lower().strip(",.;:") if len(words) > 1 else ""


def _opening_verb(text: str) -> tuple[str, str] | None:
    """(lemma, form) of the verb a subject-less line starts with: ('build', 'past') for 'Built a
    pipeline', ('deflect', 'base') for 'Deflect routine questions', ('cut', 'gerund') for 'Cutting
    costs'; None when the line starts otherwise ('LoRA adapters were merged', 'Alexa needed it')."""
    from . import lexicon

    word = _first_word(text)
    if not plain_word(word):
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
    if len(words) > 1 and plain_word(words[0]) and all(w == w.lower() for w in words[1:]):
        return text[0].lower() + text[1:]
    return text


# --- articles -------------------------------------------------------------------------------

# Head nouns of techniques that are counted ("a classifier", "a reward model"); names, plurals
# and mass nouns ("LoRA adapters", "knowledge distillation", "retrieval") take no article.
_COUNTABLE = wordset("""
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


