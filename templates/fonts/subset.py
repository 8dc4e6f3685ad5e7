"""Rebuild the vendored fallback fonts in this folder (run by hand; briefgen never runs it).

Source Sans 3 is copied unmodified from the npm package ``source-sans@3.52.0`` (OTF folder): its
licence reserves the name "Source", so it is never subset or renamed here.
The fallbacks are subsets of Noto fonts (OFL, no reserved names) so the repository stays small:

- ``NotoSansSC-Common.otf``: PyPI ``pylopdf-fonts-zh-cn==0.1.1`` NotoSansSC-Regular.otf cut to
  the hanzi of GB 2312, Big5 level 1 and JIS X 0208 level 1 (9,237 characters, simplified and
  traditional), kana and CJK punctuation.
- ``NotoSansKR-Common.otf``: PyPI ``pylopdf-fonts-ko==0.1.1`` cut to the 2,350 Hangul syllables
  of KS X 1001 plus compatibility jamo.
- ``NotoSansArabic-{Regular,Bold}.ttf``: PyPI ``pylopdf-fonts-ar==0.1.1`` variable font,
  instanced at wght 400/700, wdth 100, cut to the Arabic blocks.

Usage: ``python subset.py SC.otf KR.otf ArabicVariable.ttf`` (needs fontTools).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

HERE = Path(__file__).resolve().parent


def two_byte(codec: str, leads: range, trails: list[int] | range = range(0xA1, 0xFF)) -> set[int]:
    """The characters a legacy double-byte character set can encode (a list of common ones)."""
    out: set[int] = set()
    for a in leads:
        for b in trails:
            try:
                ch = bytes([a, b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                out.add(ord(ch))
    return out


def han(chars: set[int]) -> set[int]:
    return {c for c in chars if 0x4E00 <= c <= 0x9FFF}


# Spaces, digits and ASCII punctuation inside a run of another script are shaped with that run's
# font: without them a space between two Arabic words draws a missing-glyph box.
COMMON = set(range(0x20, 0x7F)) | {0xA0, 0xB7, 0x2010, 0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D}


def cut(font: TTFont, codepoints: set[int], out: Path) -> None:
    codepoints = codepoints | COMMON
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.hinting = False  # hints do nothing in a PDF and cost bytes
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    font.save(str(out))


def rename(font: TTFont, family: str, style: str) -> None:
    name = font["name"]
    ps = f"{family.replace(' ', '')}-{style}"
    for nid, value in ((1, family), (2, style), (4, f"{family} {style}"), (6, ps), (16, family), (17, style)):
        name.setName(value, nid, 3, 1, 0x409)


def main(sc: str, kr: str, arabic: str) -> None:
    big5_trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    hanzi = han(two_byte("gb2312", range(0xA1, 0xF8)) | two_byte("big5", range(0xA4, 0xC7), big5_trails)
                | two_byte("euc_jp", range(0xA1, 0xD0)))
    cjk_extra = set(range(0x3000, 0x3100)) | set(range(0x31F0, 0x3200)) | set(range(0xFF00, 0xFFF0))
    cut(TTFont(sc), hanzi | cjk_extra, HERE / "NotoSansSC-Common.otf")
    hangul = {c for c in two_byte("euc_kr", range(0xB0, 0xC9)) if 0xAC00 <= c <= 0xD7A3}
    cut(TTFont(kr), hangul | set(range(0x3130, 0x3190)), HERE / "NotoSansKR-Common.otf")
    arabic_blocks = (set(range(0x0600, 0x0700)) | set(range(0x0750, 0x0780)) | set(range(0x08A0, 0x0900))
                     | set(range(0xFB50, 0xFE00)) | set(range(0xFE70, 0xFF00)) | {0x200C, 0x200D, 0x200E, 0x200F})
    for weight, style in ((400, "Regular"), (700, "Bold")):
        font = instancer.instantiateVariableFont(TTFont(arabic), {"wght": weight, "wdth": 100})
        rename(font, "Noto Sans Arabic", style)
        cut(font, arabic_blocks, HERE / f"NotoSansArabic-{style}.ttf")


if __name__ == "__main__":
    main(*sys.argv[1:4])
