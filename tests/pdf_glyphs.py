"""What a written PDF really draws: every glyph its content streams show, looked up in the font
program embedded in the file.

The text layer (ToUnicode) holds a character whether or not a font drew it, so it cannot tell a
real glyph from a box. Here each shown code is followed to the glyph the viewer paints: the
font's /Encoding (Identity-H, or the CMap WeasyPrint writes to send missing glyphs to CID 0),
/CIDToGIDMap (Identity) and the embedded FontFile2/FontFile3 program, loaded with fontTools,
which says whether the glyph is .notdef and whether it has an outline.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

_CIDCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s+(\d+)")
_CIDRANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s+(\d+)")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


@dataclass(frozen=True)
class DrawnGlyph:
    font: str  # BaseFont without its subset prefix, e.g. "Brief-Devanagari-Bold"
    gid: int  # the glyph painted (after /Encoding and /CIDToGIDMap)
    text: str  # its ToUnicode text ('' for the other glyphs of a multi-glyph cluster)
    notdef: bool  # glyph 0 / .notdef, or no such glyph in the program
    outline: bool  # the glyph has contours (a space has none)


@dataclass
class _Font:
    name: str
    program: TTFont | None
    encoding: dict[int, int] | None  # code -> CID; None: Identity-H
    to_unicode: dict[int, str]
    bytes_per_code: int = 2
    _cache: dict[int, tuple[bool, bool]] = field(default_factory=dict)

    def glyph(self, code: int) -> DrawnGlyph:
        cid = code if self.encoding is None else self.encoding.get(code, 0)
        gid = cid  # WeasyPrint writes /CIDToGIDMap /Identity (checked when loading)
        if gid not in self._cache:
            self._cache[gid] = self._inspect(gid)
        notdef, outline = self._cache[gid]
        return DrawnGlyph(self.name, gid, self.to_unicode.get(code, ""), notdef, outline)

    def _inspect(self, gid: int) -> tuple[bool, bool]:
        if self.program is None:  # a Type 3 (bitmap) font: drawn as images, not checked here
            return False, True
        order = self.program.getGlyphOrder()
        if gid == 0 or gid >= len(order) or order[gid] == ".notdef":
            return True, False
        glyph_set = self.program.getGlyphSet()
        pen = BoundsPen(glyph_set)
        glyph_set[order[gid]].draw(pen)
        return False, pen.bounds is not None


def drawn_glyphs(data: bytes) -> list[DrawnGlyph]:
    """Every glyph shown on every page of the PDF ``data``, in content-stream order."""
    reader = PdfReader(io.BytesIO(data))
    out: list[DrawnGlyph] = []
    fonts: dict[int, _Font] = {}
    for page in reader.pages:
        _walk(page.get_contents(), page["/Resources"], reader, fonts, out)
    return out


def _walk(content: Any, resources: Any, reader: PdfReader, fonts: dict[int, _Font],
          out: list[DrawnGlyph]) -> None:
    if content is None:
        return
    resources = resources.get_object() if resources is not None else {}
    font_resources = resources.get("/Font", {})
    current: _Font | None = None
    for operands, operator in _operations(content.get_data()):
        if operator == b"Tf":
            ref = font_resources[operands[0].decode()]
            key = ref.idnum if hasattr(ref, "idnum") else id(ref)
            if key not in fonts:
                fonts[key] = _load_font(ref.get_object())
            current = fonts[key]
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            assert current is not None, "text shown before a font was set"
            pieces = operands[0] if operator == b"TJ" else [operands[-1]]
            for piece in pieces:
                if isinstance(piece, _Hex):
                    step = current.bytes_per_code
                    for i in range(0, len(piece.raw) - step + 1, step):
                        out.append(current.glyph(int.from_bytes(piece.raw[i:i + step], "big")))
        elif operator == b"Do":
            xobject = resources.get("/XObject", {})[operands[0].decode()].get_object()
            if xobject.get("/Subtype") == "/Form":
                _walk(xobject, xobject.get("/Resources", resources), reader, fonts, out)


@dataclass(frozen=True)
class _Hex:
    raw: bytes


# Content-stream tokens, enough for what WeasyPrint writes (pypdf's own parser decodes hex
# strings as text and cannot give the shown bytes back reliably).
_TOKEN = re.compile(rb"""
    (?P<dict><<|>>)
  | <(?P<hex>[0-9A-Fa-f\s]*)>
  | \((?P<lit>(?:\\.|[^\\()])*)\)
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<open>\[) | (?P<close>\])
  | (?P<comment>%[^\r\n]*)
  | (?P<op>[A-Za-z'"*][A-Za-z0-9'"*]*)
  | (?P<space>\s+)
""", re.X)


def _operations(data: bytes) -> list[tuple[list[Any], bytes]]:
    ops: list[tuple[list[Any], bytes]] = []
    stack: list[list[Any]] = [[]]
    pos = 0
    while pos < len(data):
        match = _TOKEN.match(data, pos)
        assert match, f"cannot read the content stream at {data[pos:pos + 20]!r}"
        pos = match.end()
        kind = match.lastgroup
        value = match.group(kind)
        if kind in ("space", "comment"):
            continue
        if kind == "op":
            ops.append((stack[0], value))
            stack = [[]]
        elif kind == "hex":
            stack[-1].append(_Hex(bytes.fromhex(re.sub(rb"\s", b"", value).decode())))
        elif kind in ("open",) or value == b"<<":
            stack.append([])
        elif kind == "close" or value == b">>":
            inner = stack.pop()
            stack[-1].append(inner)
        elif kind == "name":
            stack[-1].append(value)
        else:
            stack[-1].append(value)
    return ops


def _load_font(font: Any) -> _Font:
    name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
    to_unicode: dict[int, str] = {}
    if "/ToUnicode" in font:
        for section in _sections(font["/ToUnicode"].get_object().get_data(), b"bfchar"):
            for code, text in _BFCHAR.findall(section):
                to_unicode[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be") if text else ""
    if font["/Subtype"] != "/Type0":
        return _Font(name, None, None, to_unicode, bytes_per_code=1)
    descendant = font["/DescendantFonts"][0].get_object()
    assert descendant.get("/CIDToGIDMap", "/Identity") == "/Identity", name
    descriptor = descendant["/FontDescriptor"].get_object()
    stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
    assert stream is not None, f"{name}: no embedded font program"
    program = TTFont(io.BytesIO(stream.get_object().get_data()))
    encoding_object = font.get("/Encoding")
    encoding = None
    if encoding_object is not None and encoding_object != "/Identity-H":
        cmap = encoding_object.get_object().get_data()
        encoding = {}
        for section in _sections(cmap, b"cidrange"):
            for first, last, cid in _CIDRANGE.findall(section):
                for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                    encoding[code] = int(cid) + offset
        for section in _sections(cmap, b"cidchar"):
            for code, cid in _CIDCHAR.findall(section):
                encoding[int(code, 16)] = int(cid)
    return _Font(name, program, encoding, to_unicode)


def _sections(cmap: bytes, kind: bytes) -> list[bytes]:
    """The bodies of the ``begin<kind>`` ... ``end<kind>`` blocks of a CMap."""
    return re.findall(rb"begin" + kind + rb"(.*?)end" + kind, cmap, flags=re.S)
