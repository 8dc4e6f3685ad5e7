"""Which field of the brief a character no font draws came from, said as a located warning.

The PDF stage knows the characters it drew as empty boxes (:class:`~briefgen.pdf.spec.Undrawn`)
and the line each sits in, but not the brief: that stays with the parent process. This module
finds the field by looking for the character in the brief's own values, so the user reads
``brief.yaml:3: candidate.name: no font draws 'ᱚ' (Ol Chiki, U+1C5A; ...)`` and knows which line of
their file to look at, whatever template laid it out.

A warning, not an error: the page is still the candidate's, every other character is right, and
a name cannot be respelled to suit a font. But the user is always told (a box the panel sees and
the candidate does not is the quiet failure the check exists for), with the way to add a font.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..input.source import Path_, Source
    from .spec import Undrawn

EXTRA_FAMILY = "Brief Extra"  # in every theme's font stack, declared by no packaged sheet
FIX = (f'add a font that has it: put the font file in your template folder and declare it as '
       f'@font-face {{ font-family: "{EXTRA_FAMILY}"; src: url("fonts/YourFont.ttf") }} '
       f'(TEMPLATES.md, "Fonts for every script")')
_SHOWN = {"no font": "an empty box", "notdef": "an empty box", "blank": "nothing"}
_CONTEXT = 6  # characters either side of the character that must match a field's text


def glyph_warnings(undrawn: list[Undrawn], source: Source | None,
                   template_line: Callable[[str], str]) -> list[str]:
    """One warning per field (or for the template's own text, when no field holds the
    character: ``template_line(char)`` says where, as ``FILE:LINE``), naming each character no
    font draws there, in the order the page shows them."""
    if not undrawn:
        return []
    from ..input.source import dotted

    values = list(_strings(source.data, ())) if source is not None else []
    found: dict[str, dict[str, str]] = {}  # where -> character -> how it shows
    for item in undrawn:
        fields = _fields_for(item, values)
        if source is None or not fields:
            shown = item.text if len(item.text) <= 50 else item.text[:47] + "..."
            places = [f"{template_line(item.char)}: the template's own text ({shown!r})"]
        else:
            places = []
            for path in fields:
                line, _ = source.locate(path)
                places.append(f"{source.file}:{line}: {dotted(path)}" if line else
                              f"{source.file}: {dotted(path)}")
        for place in places:
            found.setdefault(place, {}).setdefault(item.char, _describe(item))
    return [f"{place}: no font draws {' or '.join(chars.values())}; {FIX}"
            for place, chars in found.items()]


def _describe(item: Undrawn) -> str:
    """``'ᱚ' (Ol Chiki, U+1C5A; the PDF shows an empty box)``."""
    return (f"{item.char!r} ({item.kind}, U+{ord(item.char):04X}; the PDF shows "
            f"{_SHOWN.get(item.reason, _SHOWN['no font'])})")


def _fields_for(item: Undrawn, values: list[tuple[Path_, str]]) -> list[Path_]:
    """The fields holding ``item.char``; of several, those whose text around it is the page's."""
    holding = [(path, text) for path, text in values if item.char in text]
    around = [item.text[max(0, i - _CONTEXT):i + _CONTEXT + 1].strip()
              for i, c in enumerate(item.text) if c == item.char]
    matching = [path for path, text in holding if any(a and a in text for a in around)]
    return matching or [path for path, _ in holding]


def _strings(node: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, index))
