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
- ``Brief{Devanagari,Bengali,Tamil,Thai,Hebrew}-{Regular,Bold}.ttf``: the static Noto Sans
  Devanagari, Bengali, Tamil, Thai and Hebrew of Debian's ``fonts-noto-core`` 20201225-1, cut to
  their script's blocks (all letters, signs, digits and the marks shaping needs) and renamed
  "Brief <script>" because they are modified.
- ``BriefEmoji-Regular.ttf``: the static Noto Emoji 3.006 Regular (monochrome outlines) of npm
  ``@expo-google-fonts/noto-emoji@0.4.7``, every emoji kept, its space narrowed (see EMOJI_SPACE)
  and renamed "Brief Emoji".

Every cut keeps all GSUB/GPOS layout features (Indic conjuncts, matras, Hebrew points, emoji
ZWJ sequences and flags need them) and drops hinting, which does nothing in a PDF.

Usage (needs fontTools; each option rebuilds its own files, so one group can be rebuilt alone)::

    apt-get download fonts-noto-core && dpkg -x fonts-noto-core_20201225-1_all.deb noto-core
    npm pack @expo-google-fonts/noto-emoji@0.4.7 && tar xzf expo-google-fonts-noto-emoji-0.4.7.tgz
    python subset.py --noto-core noto-core/usr/share/fonts/truetype/noto \\
        --emoji package/400Regular/NotoEmoji_400Regular.ttf
    python subset.py --cjk SC.otf --hangul KR.otf --arabic ArabicVariable.ttf
    python subset.py --coverage   # coverage.json alone (each rebuild above rewrites it too)

The sources these files were cut from (SHA-256): ``fonts-noto-core_20201225-1_all.deb``
58f4f0bb6720f919f92096b3508e1412a0f1544424ade6c5b5bf1eb694dd64ba,
``expo-google-fonts-noto-emoji-0.4.7.tgz``
6a25fd5a4da5bb34bbc2d300531bbf32de86afd866e119314d7e358f61a6104d. The same sources give the same
bytes (the sources' dates are kept).

The older form ``python subset.py SC.otf KR.otf ArabicVariable.ttf`` still works. ``--check``
prints, for every vendored font, its size and its unicode-range as ``fonts.css`` should declare it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

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


def span(first: int, last: int) -> set[int]:
    return set(range(first, last + 1))


# Spaces, digits and ASCII punctuation inside a run of another script are shaped with that run's
# font: without them a space between two Arabic words draws a missing-glyph box.
COMMON = set(range(0x20, 0x7F)) | {0xA0, 0xB7, 0x2010, 0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D}

# What shaping any of the Brahmic and Hebrew scripts may ask for besides its own block: zero-width
# (non-)joiners and space, left-to-right/right-to-left marks, the ellipsis and the dotted circle
# HarfBuzz puts under a mark that has no base.
SHAPING = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2026, 0x25CC}
INDIC = SHAPING | {0x0951, 0x0952, 0x0964, 0x0965, 0x20B9}  # Vedic stress marks, dandas, rupee sign

SCRIPTS: dict[str, set[int]] = {
    # Devanagari, its Extended block, Vedic Extensions, Common Indic Number Forms.
    "Devanagari": span(0x0900, 0x097F) | span(0xA8E0, 0xA8FF) | span(0x1CD0, 0x1CFF) | span(0xA830, 0xA83F)
    | INDIC,
    "Bengali": span(0x0980, 0x09FF) | span(0x1CD0, 0x1CFF) | INDIC,
    "Tamil": span(0x0B80, 0x0BFF) | INDIC | {0x2074, 0x2082, 0x2083, 0x2084, 0x11301, 0x11303, 0x1133B, 0x1133C},
    "Thai": span(0x0E00, 0x0E7F) | SHAPING,
    # Hebrew and its presentation forms (the precomposed letters with points), the sheqel sign.
    "Hebrew": span(0x0590, 0x05FF) | span(0xFB1D, 0xFB4F) | SHAPING | {0x20AA},
}

# Noto Emoji's space is 1.27 em wide (its emoji advance). Pango gives a space the font of the
# character before it, so "⚠ warning" would get a gap four times a normal space; Source Sans 3's
# space is 0.2 em.
EMOJI_SPACE = 0.2


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
    font.recalcTimestamp = False  # keep the source's date: a rebuild gives the same bytes
    font.save(str(out))


def rename(font: TTFont, family: str, style: str) -> None:
    name = font["name"]
    ps = f"{family.replace(' ', '')}-{style}"
    for nid, value in ((1, family), (2, style), (4, f"{family} {style}"), (6, ps), (16, family), (17, style)):
        name.setName(value, nid, 3, 1, 0x409)


def rename_modified(font: TTFont, family: str, style: str) -> None:
    """A modified Noto font under its own name (OFL: a Modified Version should not pass for the
    original; Noto reserves no name). The copyright, licence and version records stay."""
    name = font["name"]
    original = source_name(font)
    name.removeNames(platformID=1)  # old Macintosh records would still say "Noto ..."
    for nid in (16, 17, 18, 21, 22, 25):  # typographic, WWS, variations names of the original
        name.removeNames(nameID=nid)
    rename(font, family, style)
    version = font["head"].fontRevision
    name.setName(f"{version:.3f};briefgen;{family.replace(' ', '')}-{style}", 3, 3, 1, 0x409)
    name.setName(f"Version {version:.3f}; subset of {original} by briefgen", 5, 3, 1, 0x409)


def source_name(font: TTFont) -> str:
    return str(font["name"].getDebugName(4) or font["name"].getDebugName(1))


def script_fonts(noto_core: Path) -> None:
    for script, codepoints in SCRIPTS.items():
        for style in ("Regular", "Bold"):
            font = TTFont(noto_core / f"NotoSans{script}-{style}.ttf")
            rename_modified(font, f"Brief {script}", style)
            cut(font, codepoints, HERE / f"Brief{script}-{style}.ttf")


def emoji_font(source: Path) -> None:
    font = TTFont(source)
    # Every emoji and its sequences (ZWJ, skin tones, flags, keycaps); not Google's private-use
    # code points, which no brief types.
    keep = {cp for cp in font.getBestCmap() if not (0xE000 <= cp <= 0xF8FF or cp >= 0xF0000)}
    width = round(EMOJI_SPACE * font["head"].unitsPerEm)
    cmap = font.getBestCmap()
    for cp in (0x20, 0xA0):
        if cp in cmap:
            _, lsb = font["hmtx"][cmap[cp]]
            font["hmtx"][cmap[cp]] = (width, lsb)
    rename_modified(font, "Brief Emoji", "Regular")
    cut(font, keep, HERE / "BriefEmoji-Regular.ttf")


def legacy_fonts(sc: str | None, kr: str | None, arabic: str | None) -> None:
    if sc:
        big5_trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
        hanzi = han(two_byte("gb2312", range(0xA1, 0xF8)) | two_byte("big5", range(0xA4, 0xC7), big5_trails)
                    | two_byte("euc_jp", range(0xA1, 0xD0)))
        cjk_extra = set(range(0x3000, 0x3100)) | set(range(0x31F0, 0x3200)) | set(range(0xFF00, 0xFFF0))
        cut(TTFont(sc), hanzi | cjk_extra, HERE / "NotoSansSC-Common.otf")
    if kr:
        hangul = {c for c in two_byte("euc_kr", range(0xB0, 0xC9)) if 0xAC00 <= c <= 0xD7A3}
        cut(TTFont(kr), hangul | set(range(0x3130, 0x3190)), HERE / "NotoSansKR-Common.otf")
    if arabic:
        from fontTools.varLib import instancer

        arabic_blocks = (set(range(0x0600, 0x0700)) | set(range(0x0750, 0x0780)) | set(range(0x08A0, 0x0900))
                         | set(range(0xFB50, 0xFE00)) | set(range(0xFE70, 0xFF00))
                         | {0x200C, 0x200D, 0x200E, 0x200F})
        for weight, style in ((400, "Regular"), (700, "Bold")):
            font = instancer.instantiateVariableFont(TTFont(arabic), {"wght": weight, "wdth": 100})
            rename(font, "Noto Sans Arabic", style)
            cut(font, arabic_blocks, HERE / f"NotoSansArabic-{style}.ttf")


def ranges(codepoints: set[int]) -> list[tuple[int, int]]:
    """``codepoints`` as sorted closed ranges."""
    out: list[tuple[int, int]] = []
    for cp in sorted(codepoints):
        if out and cp == out[-1][1] + 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


def unicode_range(path: Path, gap: int = 0) -> str:
    """The CSS ``unicode-range`` of a font file: its cmap, without ASCII (the first family has
    it), in ranges that may bridge up to ``gap`` code points the font lacks."""
    cps = {cp for cp in TTFont(path).getBestCmap() if cp > 0x7E}
    merged: list[tuple[int, int]] = []
    for first, last in ranges(cps):
        if merged and first - merged[-1][1] - 1 <= gap:
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in merged)


def beyond_first_family() -> dict[str, list[tuple[int, int]]]:
    """Each fallback file's code points that not every Brief Sans (Source Sans 3) face has, as
    ranges: the only characters a fallback can draw in a stack led by Brief Sans, so briefgen
    registers a fallback only for a document holding one of them (``briefgen/pdf/faces.py``)."""
    first: set[int] | None = None
    for path in sorted(HERE.glob("SourceSans3-*.otf")):
        cmap = set(TTFont(path).getBestCmap())
        first = cmap if first is None else first & cmap
    assert first is not None
    out = {}
    for path in sorted(HERE.glob("*.[ot]tf")):
        if path.name.startswith("SourceSans3-"):
            continue
        spans: list[tuple[int, int]] = []
        for lo, hi in ranges({cp for cp in TTFont(path).getBestCmap() if cp >= 0x20} - first):
            # Bridge a short gap Brief Sans has nothing in (a hanzi the subset left out): the list
            # may claim more than the font draws, never less, and stays short.
            if spans and lo - spans[-1][1] <= 64 and not any(spans[-1][1] < cp < lo for cp in first):
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
        out[path.name] = spans
    return out


def write_coverage() -> None:
    data = beyond_first_family()
    text = "{\n" + ",\n".join(f'  "{name}": {json.dumps([list(r) for r in spans])}'
                               for name, spans in data.items()) + "\n}\n"
    (HERE / "coverage.json").write_text(text, encoding="utf-8")


def check() -> None:
    total = 0
    for path in sorted(HERE.glob("*.[ot]tf")):
        size = path.stat().st_size
        total += size
        print(f"{path.name:34} {size / 1024:8.1f} KiB")
        if path.name.startswith("Brief"):
            print(f"    unicode-range: {unicode_range(path)}")
    print(f"{'total':34} {total / 1024:8.1f} KiB")


def main(argv: list[str]) -> None:
    if len(argv) == 3 and not any(a.startswith("-") for a in argv):  # the original form
        legacy_fonts(*argv)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cjk", help="NotoSansSC-Regular.otf (pylopdf-fonts-zh-cn)")
    parser.add_argument("--hangul", help="NotoSansKR-Regular.otf (pylopdf-fonts-ko)")
    parser.add_argument("--arabic", help="the Noto Sans Arabic variable TTF (pylopdf-fonts-ar)")
    parser.add_argument("--noto-core", type=Path, help="the folder of fonts-noto-core's TTFs")
    parser.add_argument("--emoji", type=Path, help="NotoEmoji_400Regular.ttf (@expo-google-fonts/noto-emoji)")
    parser.add_argument("--check", action="store_true", help="print sizes and unicode-ranges")
    parser.add_argument("--coverage", action="store_true",
                        help="write coverage.json (each fallback's characters beyond Brief Sans)")
    args = parser.parse_args(argv)
    legacy_fonts(args.cjk, args.hangul, args.arabic)
    if args.noto_core:
        script_fonts(args.noto_core)
    if args.emoji:
        emoji_font(args.emoji)
    if args.coverage or any((args.cjk, args.hangul, args.arabic, args.noto_core, args.emoji)):
        write_coverage()  # a rebuilt font changes what it covers
    if args.check or not any((args.cjk, args.hangul, args.arabic, args.noto_core, args.emoji,
                              args.coverage)):
        check()


if __name__ == "__main__":
    main(sys.argv[1:])
