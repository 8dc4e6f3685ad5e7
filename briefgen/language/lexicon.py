"""English verbs for any text a candidate writes: which words are verbs, and their forms.

The verbs are WordNet 3.0's (about 8,700, with the verbs of ML work it predates), generated into
``verbs.txt`` by ``tools/make_lexicon.py`` and read once, the first time a sentence needs them.
Regular forms follow the spelling rules (use -> used, apply -> applied, ship -> shipped, panic ->
panicked, make -> making); the irregular verbs are a closed class of English, listed here.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

# The irregular verbs of English (base -> simple past), with their prefixed forms found by rule
# (rebuild -> rebuilt, oversee -> oversaw). "lie" is left out: lay or lied depends on the sense.
_IRREGULAR = """
arise:arose awake:awoke be:was bear:bore beat:beat become:became begin:began bend:bent bet:bet
bid:bid bind:bound bite:bit bleed:bled blow:blew break:broke breed:bred bring:brought
broadcast:broadcast build:built burst:burst buy:bought cast:cast catch:caught choose:chose
cling:clung come:came cost:cost creep:crept cut:cut deal:dealt dig:dug do:did draw:drew
drink:drank drive:drove eat:ate fall:fell feed:fed feel:felt fight:fought find:found flee:fled
fling:flung fly:flew forbid:forbade forecast:forecast forget:forgot forgive:forgave freeze:froze
get:got give:gave go:went grind:ground grow:grew hang:hung have:had hear:heard hide:hid hit:hit
hold:held hurt:hurt keep:kept know:knew lay:laid lead:led leave:left lend:lent let:let light:lit
lose:lost make:made mean:meant meet:met pay:paid put:put quit:quit read:read ride:rode ring:rang
rise:rose run:ran say:said see:saw seek:sought sell:sold send:sent set:set shake:shook shed:shed
shine:shone shoot:shot shrink:shrank shut:shut sing:sang sink:sank sit:sat sleep:slept slide:slid
sling:slung slit:slit speak:spoke speed:sped spend:spent spin:spun spit:spat split:split
spread:spread spring:sprang stand:stood steal:stole stick:stuck sting:stung stride:strode
strike:struck string:strung strive:strove swear:swore sweep:swept swim:swam swing:swung take:took
teach:taught tear:tore tell:told think:thought throw:threw thrust:thrust tread:trod
undergo:underwent understand:understood undertake:undertook upset:upset wake:woke wear:wore
weave:wove weep:wept win:won wind:wound withdraw:withdrew withhold:withheld withstand:withstood
wring:wrung write:wrote
"""
IRREGULAR_PAST: dict[str, str] = {base: past for base, _, past in
                                  (pair.partition(":") for pair in _IRREGULAR.split())}
# Other simple pasts people write: American "dove", and the British -t forms.
_OTHER_PAST = {"dove": "dive", "learnt": "learn", "burnt": "burn", "dreamt": "dream",
               "leapt": "leap", "spelt": "spell", "spoilt": "spoil", "knelt": "kneel",
               "lit": "light"}
_PAST_LEMMA = {past: lemma for lemma, past in IRREGULAR_PAST.items() if past != "was"} | _OTHER_PAST
_PREFIXES = ("re", "pre", "co", "de", "un", "mis", "over", "under", "out", "fore", "up", "down",
             "back", "auto", "cross", "self", "fine-", "re-", "pre-", "co-", "de-", "un-", "mis-",
             "over-", "under-", "out-", "cross-", "self-", "auto-")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


@functools.cache
def _verbs() -> dict[str, str]:
    """verb -> its flags in verbs.txt ('n' mostly a noun, 'd' doubles, 'k' takes a k)."""
    text = Path(__file__).with_name("verbs.txt").read_text(encoding="utf-8")
    # One comprehension over 8,750 lines: read on every run that writes a story, so it counts.
    return {word: flags for word, _, flags in (line.partition(" ") for line in text.splitlines()
                                               if line and line[0] != "#")}


def _split_prefix(word: str) -> tuple[str, str]:
    """('re', 'build') for 'rebuild' when 'build' is a verb and 'rebuild' is not listed apart."""
    for prefix in _PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 2 and (rest in _verbs() or rest in IRREGULAR_PAST):
            return prefix, rest
    return "", word


def is_verb(word: str) -> bool:
    """Whether ``word`` (lower case, base form) is an English verb."""
    return word in _verbs() or word in IRREGULAR_PAST or bool(_split_prefix(word)[0])


def mostly_noun(word: str) -> bool:
    """A verb that is more often a noun ("model", "search" is not: "cost", "pilot" are)."""
    return "n" in _verbs().get(word, _verbs().get(_split_prefix(word)[1], ""))


def _stem(lemma: str) -> str:
    """The lemma as -ed and -ing attach to it: ship -> shipp, panic -> panick."""
    prefix, core = _split_prefix(lemma) if lemma not in _verbs() else ("", lemma)
    flags = _verbs().get(core, "")
    if "d" in flags:
        return prefix + core + core[-1]
    if "k" in flags:
        return prefix + core + "k"
    return lemma


def past(lemma: str) -> str:
    """'build' -> 'built', 'rebuild' -> 'rebuilt', 'deflect' -> 'deflected', 'apply' -> 'applied'."""
    if lemma in IRREGULAR_PAST:
        return IRREGULAR_PAST[lemma]
    prefix, core = _split_prefix(lemma)
    if prefix and core in IRREGULAR_PAST:
        return prefix + IRREGULAR_PAST[core]  # rebuild, oversee, undergo, mislead
    if lemma.endswith("e"):
        return lemma + "d"
    if _CONSONANT_Y.search(lemma):
        return lemma[:-1] + "ied"
    return _stem(lemma) + "ed"


def gerund(lemma: str) -> str:
    """'make' -> 'making', 'ship' -> 'shipping', 'tie' -> 'tying', 'see' -> 'seeing'."""
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "oe", "ye")) and lemma != "be":
        return lemma[:-1] + "ing"
    return _stem(lemma) + "ing"


def lemma_of_past(word: str) -> str | None:
    """The verb whose simple past ``word`` is ('used' -> 'use', 'shipped' -> 'ship', 'built' ->
    'build'); None when it is not one ('need', 'speed', 'hundred', 'written')."""
    if word in _PAST_LEMMA:
        return _PAST_LEMMA[word]
    for prefix in _PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and rest in _PAST_LEMMA:
            return prefix + _PAST_LEMMA[rest]
    if not word.endswith("ed") or len(word) < 4:
        return None
    candidates = [word[:-1], word[:-2]]  # us-ed -> use, add-ed -> add
    if word.endswith("ied"):
        candidates.insert(0, word[:-3] + "y")  # applied -> apply
    if len(word) > 4 and word[-3] == word[-4]:
        candidates.insert(0, word[:-3])  # shipped -> ship
    if word.endswith("cked"):
        candidates.insert(0, word[:-3])  # panicked -> panic
    known = next((c for c in candidates if is_verb(c) and past(c) == word), None)
    if known is not None or len(word) <= 5:
        return known
    # A verb newer than the list ("prototyped", "upskilled"): the usual shape of a regular past.
    return word[:-1] if re.search(r"(?:[^aeiou][aeiou][bcdfgkmnprstvz]|at|iz|is|ur|yp|ag)ed$", word) \
        else word[:-2]


def lemma_of_gerund(word: str) -> str | None:
    """'making' -> 'make', 'cutting' -> 'cut', 'routing' -> 'route', 'tying' -> 'tie'."""
    if not word.endswith("ing") or len(word) < 5:
        return None
    body = word[:-3]
    candidates = [body + "e", body]
    if len(body) > 2 and body[-1] == body[-2]:
        candidates.insert(0, body[:-1])  # cutting -> cut
    if body.endswith("y"):
        candidates.append(body[:-1] + "ie")  # tying -> tie
    if body.endswith("ck"):
        candidates.insert(0, body[:-1])  # panicking -> panic
    return next((c for c in candidates if is_verb(c) and gerund(c) == word), None)
