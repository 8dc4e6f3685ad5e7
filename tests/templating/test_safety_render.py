"""Rendering is safe: hostile templates reach nothing and embed nothing; hostile text stays literal.

Templates are a coach's (untrusted); text is the candidate's (untrusted too: it may be pasted from
anywhere). Both are checked on real outputs: PDFs read back with pypdf and pypdfium2, HTML parsed
with html.parser, Markdown parsed with markdown-it-py.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from briefgen.errors import TemplateError
from briefgen.pipeline import prepare, render_bytes, render_pdf
from briefgen.templating.render import CONTENT_SECURITY_POLICY
from briefgen.themes import theme_names

from ..conftest import FIXTURES_DIR, REFERENCE, pdf_pages
from ..textcheck import squash

FIXTURES = FIXTURES_DIR
PASSWD_LINE = "root:x:0:0"


# --- helpers --------------------------------------------------------------------------------------

def hostile_coach(tmp_path: Path) -> Path:
    """A copy of the hostile coach folder with its own file URL filled in and a symlink out."""
    coach = tmp_path / "coach"
    shutil.copytree(FIXTURES / "hostile-coach", coach)
    template = coach / "brief.html"
    template.write_text(template.read_text().replace("__COACH__", coach.as_uri()))
    (coach / "escape.css").symlink_to("/etc/passwd")  # inside the folder, pointing outside
    return coach


def all_stream_data(data: bytes) -> bytes:
    """Every object of the PDF, streams decompressed, as one blob to search."""
    reader = PdfReader(io.BytesIO(data))
    chunks = [data]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # a free entry in the cross-reference table
            continue
        if isinstance(obj, StreamObject):
            chunks.append(obj.get_data())
        else:
            chunks.append(repr(obj).encode())
    return b"\n".join(chunks)


def assert_nothing_embedded(data: bytes) -> None:
    reader = PdfReader(io.BytesIO(data))
    assert not reader.attachments
    names = reader.trailer["/Root"].get("/Names", {})
    assert "/EmbeddedFiles" not in names
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            assert annot.get_object().get("/Subtype") != "/FileAttachment"
    blob = all_stream_data(data)
    for secret in (PASSWD_LINE, "COACH-PRIVATE-NOTES-7731", "COACH-STYLE-MARKER-5521"):
        assert secret.encode() not in blob, secret
    assert b"/EmbeddedFile" not in blob and b"/FileAttachment" not in blob


# --- hostile templates ----------------------------------------------------------------------------

REFUSED_URLS = ("file:///etc/passwd", "file:///etc/hostname", "http://example.invalid/theme.css",
                "http://example.invalid/import.css", "https://example.invalid/pixel.png",
                "ftp://example.invalid/x.png", "http://example.invalid/e.svg")


def test_hostile_template_reads_fetches_and_embeds_nothing(tmp_path, no_network):
    """A template that asks for local files, URLs and attachments is refused as a whole, naming
    each resource: a brief is never written without what its template asked for, and nothing
    was read, looked up or connected to on the way."""
    attempts, opened = no_network
    coach = hostile_coach(tmp_path)
    with pytest.raises(TemplateError) as raised:
        render_pdf(prepare(REFERENCE, templates=coach))
    error = raised.value
    assert error.template and Path(error.template).resolve() == coach / "brief.html"
    assert attempts == []  # no name looked up, no socket opened
    assert all(url.startswith("data:") for url in opened), opened  # refused before urllib
    for url in (*REFUSED_URLS, f"{coach.as_uri()}/notes.txt", f"{coach.as_uri()}/escape.css"):
        assert url in error.message, url
    assert PASSWD_LINE not in error.message  # refused, not read and then refused
    # The coach's own style sheet is a page resource: served (its @import works), never refused.
    assert f"{coach.as_uri()}/coach.css'" not in error.message


def test_a_packaged_theme_page_embeds_nothing(no_network):
    data = render_pdf(prepare(REFERENCE)).data
    assert len(pdf_pages(data)) == 1
    assert_nothing_embedded(data)


def test_hostile_template_html_is_refused_naming_what_it_loads(tmp_path, no_network):
    """The PDF of the hostile template is clean (above); its HTML would reach out, so it is refused."""
    coach = hostile_coach(tmp_path)
    with pytest.raises(TemplateError) as caught:
        render_bytes(prepare(REFERENCE, templates=coach), "html")
    message = str(caught.value)
    assert message.startswith("not allowed in a template")
    for part in ("'file:///etc/passwd' (<link href>)", "'http://example.invalid/theme.css'",
                 "'http://example.invalid/import.css' (<style>)", "<object>", "<embed>"):
        assert part in message, part


@pytest.mark.parametrize("theme", theme_names())
def test_html_output_is_self_contained(theme):
    html = render_bytes(prepare(REFERENCE, theme=theme), "html").decode()
    parsed = parse_html(html)
    tags = Counter(tag for tag, _ in parsed.starts)
    assert tags["script"] == tags["link"] == tags["img"] == tags["iframe"] == tags["object"] == 0
    for tag, attrs in parsed.starts:
        for name in ("src", "href", "data", "srcset", "poster", "action"):
            value = attrs.get(name, "")
            assert not value or value.startswith(("data:", "#")), (tag, name, value)
    style = "".join(parsed.style_text).lower()
    assert tags["style"] >= 1 and "@import" not in style
    # Fonts are omitted or inlined as data: URIs; nothing else may be referenced.
    assert "url(" not in style.replace("url(data:", "").replace("url(\"data:", "").replace(
        "url('data:", "")
    head = [tag for tag, _ in parsed.starts[:4]]
    assert head == ["html", "head", "meta", "meta"]  # the policy first, then the charset
    assert parsed.starts[2][1] == {"http-equiv": "Content-Security-Policy",
                                   "content": CONTENT_SECURITY_POLICY}
    assert parsed.starts[3][1] == {"charset": "utf-8"}


# --- hostile text -----------------------------------------------------------------------------------

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "onerror": "<img src=x onerror=alert(2)>",
    "close-style": "</style></title><b>bold</b><!--",
    "css-hide": "</style><style>*{display:none}",
    "css-url": "a{} body{background:url(http://x)}",
    "css-import": "@import 'http://x.invalid/y.css';",
    "jinja": "{{ 7*7 }} {% raw %}",
    "jinja-end": "{% endraw %}{{ config }}{# c #}",
    "md-link": "[link](http://x.invalid) **bold**",
    "md-heading": "# heading <b>b</b> `code` _em_",
    "md-entities": "1. item &amp; &#42;x&#42; ~~s~~",
    "md-paren-list": "1) item",
    "md-plus": "+ plus",
    "md-minus": "- minus | pipe",
    "md-setext": "===",
    "md-rule": "---",
    "md-stars": "***",
    "md-quote": "> quote",
    "md-image": "![img](http://x.invalid/a.png)",
    "md-autolink": "<http://x.invalid> \\*esc\\* \\",
    "bidi-marks": "\u200fRTL mark\u200e zero\u200bwidth",
    "bidi-override": "\u202eoverride\u202c \u2066isolate\u2069",
    "scripts": "李雷 مرحبا \ufeffbom \u00adsoft",
}
CLEAN = "Plainwords"
# Every free-text field of the contract (principles are a closed list, figures are parsed).
TEXT_FIELDS = [
    ("candidate", "name"), ("candidate", "headline"), ("candidate", "target_role"),
    ("candidate", "target_team"), ("candidate", "contact", 0), ("candidate", "contact", 1),
    ("summary",), ("projects", 0, "title"), ("projects", 0, "situation"),
    ("projects", 0, "task"), ("projects", 0, "actions", 0), ("projects", 0, "actions", 1),
    ("projects", 0, "technique"), ("projects", 0, "metric", "name"),
    ("projects", 0, "outcomes", 0, "metric"), ("projects", 0, "outcomes", 0, "per"),
    ("projects", 0, "outcomes", 0, "note"), ("projects", 0, "outcomes", 1, "per"),
    ("projects", 0, "outcomes", 1, "note"), ("projects", 0, "leadership", "story"),
]


def brief_with_text(tmp_path: Path, text: str, name: str) -> Path:
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["projects"] = [copy.deepcopy(data["projects"][0])]
    for path in TEXT_FIELDS:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = text
    target = tmp_path / f"{name}.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.style_text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.starts.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        (self.style_text if self._in_style else self.text).append(data)


def parse_html(html: str) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(html)
    parsed.close()
    return parsed


def html_shape(parsed: _Parsed) -> Counter:
    """Elements and attribute names: what markup the document has, whatever the text says."""
    shape: Counter = Counter()
    for tag, attrs in parsed.starts:
        shape[tag] += 1
        shape.update(f"{tag}[{name}]" for name in attrs)
    return shape


def markdown_tokens(text: str) -> list:
    tokens = []
    for token in MarkdownIt("commonmark").parse(text):
        tokens.append(token)
        tokens.extend(token.children or [])
    return tokens


def markdown_text(tokens: list) -> str:
    """The literal text a reader sees, inline run by inline run."""
    return "\n".join(t.content for t in tokens if t.type == "text")


def visible(text: str) -> str:
    """``text`` without format characters (bidi marks, zero-width, BOM, soft hyphen): the PDF has
    no glyph for them."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


@pytest.fixture(scope="module")
def clean_outputs(tmp_path_factory):
    prepared = prepare(brief_with_text(tmp_path_factory.mktemp("clean"), CLEAN, "clean"))
    return {fmt: render_bytes(prepared, fmt).decode("utf-8", "replace") if fmt != "pdf"
            else render_bytes(prepared, fmt) for fmt in ("pdf", "html", "md")}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_hostile_text_stays_literal_in_markdown(tmp_path, clean_outputs, payload):
    text = render_bytes(prepare(brief_with_text(tmp_path, payload, "hostile")), "md").decode()
    clean = markdown_tokens(clean_outputs["md"])
    hostile = markdown_tokens(text)
    shape = Counter(t.type for t in hostile if t.type != "text")
    # No link, image, HTML, emphasis, code, heading, list, quote or rule came from the text.
    assert shape == Counter(t.type for t in clean if t.type != "text")
    # And the text reads back exactly as written, once for every place the brief prints it.
    printed = markdown_text(clean).count(CLEAN)
    assert printed >= 10
    assert markdown_text(hostile).count(payload) == printed


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_hostile_text_stays_literal_in_html(tmp_path, clean_outputs, payload):
    html = render_bytes(prepare(brief_with_text(tmp_path, payload, "hostile")), "html").decode()
    clean, hostile = parse_html(clean_outputs["html"]), parse_html(html)
    assert html_shape(hostile) == html_shape(clean)  # no new elements or attributes
    printed = "".join(clean.text).count(CLEAN)
    assert printed >= 10
    # The page joins a paragraph's last two words with a no-break space (no one-word last line).
    assert "".join(hostile.text).replace("\u00a0", " ").count(payload) == printed
    assert "".join(hostile.style_text) == "".join(clean.style_text)  # the CSS is the theme's


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_hostile_text_stays_literal_in_pdf(tmp_path, clean_outputs, payload):
    prepared = prepare(brief_with_text(tmp_path, payload, "hostile"))
    result = render_pdf(prepared)
    assert result.refused == []  # text never turns into a resource to fetch
    pages = pdf_pages(result.data)
    assert len(pages) == 1
    clean_text = squash(pdf_pages(clean_outputs["pdf"])[0]).lower()
    printed = clean_text.count(CLEAN.lower())
    assert printed >= 10
    text = rtl_runs_sorted(squash(pages[0]).lower())
    needle = rtl_runs_sorted(squash(visible(payload)).lower())
    if "\u00ad" in payload and "-" not in needle:  # a soft hyphen a line breaks at is drawn as -
        text = text.replace("-", "")
    if "\u202e" in payload:  # an override reorders glyphs on the page: look for the pieces
        assert text.count("isolate") == printed
    elif text.count(needle) != printed:
        # Grown type may wrap a mixed-direction field over two lines, which pdfium reads back in
        # its own order: then every word of it is still there, literally, as often.
        words = [rtl_runs_sorted(squash(w).lower()) for w in visible(payload).split()]
        assert all(text.count(w) >= printed for w in words), (needle, text[:400])
    reader = PdfReader(io.BytesIO(result.data))
    assert reader.metadata.title == prepared.view.title  # metadata is literal too
    assert reader.metadata.author == payload


_RTL_RUN = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+")


def rtl_runs_sorted(text: str) -> str:
    """``text`` with each run of Hebrew/Arabic letters sorted: pdfium returns a right-to-left run
    in an order of its own (the glyphs on the page are right, as the PNG shows), so only which
    letters are there can be compared."""
    return _RTL_RUN.sub(lambda m: "".join(sorted(m.group())), text)


# The escaper alone, wherever a coach's Markdown template may put a value: a value can start a
# line right under a paragraph (setext underline, lazy continuation), open the document, follow a
# list marker or a heading mark, or sit mid-line.
CONTEXTS = {
    "document-start": "{}\n",
    "under-a-paragraph": "Some words of the template\n{}\n",
    "list-item": "- {}\n",
    "heading": "## {}\n",
    "mid-line": "**Label:** {} and more\n",
    "quote": "> {}\n",
}


@pytest.mark.parametrize("context", CONTEXTS.values(), ids=CONTEXTS.keys())
@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_markdown_escape_keeps_text_literal_in_any_position(context, payload):
    from briefgen.templating.escaping import markdown_escape

    clean = markdown_tokens(context.format(CLEAN))
    hostile = markdown_tokens(context.format(markdown_escape(payload)))
    assert [t.type for t in hostile if t.type != "text"] == [t.type for t in clean if t.type != "text"]
    assert markdown_text(hostile).count(payload) == 1


@pytest.mark.parametrize("context", CONTEXTS.values(), ids=CONTEXTS.keys())
@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_md_code_shows_briefgens_code_spans_and_keeps_the_rest_literal(context, payload):
    """A finding's text: briefgen's `key:` marks become code, the user's words (whose backticks
    scoring has made apostrophes) stay literal text wherever the template puts it."""
    from briefgen.templating.escaping import markdown_with_code

    words = payload.replace("`", "'")

    def finding(text: str) -> str:
        return context.format(markdown_with_code(f"Add `per:` (quarter, year) so '{text}' reads "
                                                 "`revenue: $3.4M` per year."))

    clean, hostile = markdown_tokens(finding(CLEAN)), markdown_tokens(finding(words))
    assert [t.type for t in hostile if t.type != "text"] == [t.type for t in clean if t.type != "text"]
    assert [t.content for t in hostile if t.type == "code_inline"] == ["per:", "revenue: $3.4M"]
    shown = "".join(t.content for t in hostile if t.type in ("text", "code_inline"))
    assert f" (quarter, year) so '{words}' reads " in shown  # spaces kept beside the code


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_md_code_on_any_text_makes_no_markup_but_code(payload):
    """Even on text with backticks of its own, a code span is the only markup it can make, and
    a code span shows its content literally."""
    from briefgen.templating.escaping import markdown_with_code

    for context in CONTEXTS.values():
        clean = {t.type for t in markdown_tokens(context.format(CLEAN))}
        made = {t.type for t in markdown_tokens(context.format(markdown_with_code(payload)))}
        assert made <= clean | {"code_inline"}, (context, made - clean)


def test_md_code_is_plain_escaped_text_in_html(tmp_path, reference):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.html").write_text(
        '{% extends "classic/brief.html" %}\n'
        '{% block footer %}<p class="x">{{ "a `b` <i>c</i>"|md_code }}</p>{% endblock %}\n',
        encoding="utf-8")
    html = render_bytes(prepare(reference, templates=coach), "html").decode()
    # The Markdown text, escaped for HTML like any value: no element comes of it.
    assert '<p class="x">a `b` \\&lt;i&gt;c\\&lt;/i&gt;</p>' in html


def test_markdown_escape_leaves_ordinary_text_readable():
    from briefgen.templating.escaping import markdown_escape

    text = "Cut p95 latency from 2.4 s to 1.1 s (-54%) for Q&A in-app, saving $1.2M per year."
    assert markdown_escape(text) == text


PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


@pytest.mark.parametrize("html", [
    f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<img src="{PIXEL}">',
    f'<!doctype html><!-- a coach note --><html><head><link rel="icon" href="{PIXEL}">',
    f'<!DOCTYPE html><img src="{PIXEL}"><head><title>t</title></head>',
    f'<img src="{PIXEL}"><p>no doctype, no head</p>',
    f'<html><body><img src="{PIXEL}"></body></html>',
    f'<!DOCTYPE html><html><head data-x="a>b"><img src="{PIXEL}">',
])
def test_content_security_policy_comes_before_anything_that_fetches(html):
    from briefgen.templating.html_policy import secure_html

    elements = parse_html(secure_html(html)).starts
    csp = [i for i, (tag, attrs) in enumerate(elements)
           if attrs.get("http-equiv") == "Content-Security-Policy"]
    fetching = [i for i, (_, attrs) in enumerate(elements) if {"src", "href"} & set(attrs)]
    assert csp == [2] and csp[0] < min(fetching)  # html, head, then the policy


def test_a_figure_and_its_unit_stay_on_one_line_in_html_only(tmp_path):
    """'2 s' must not break between the number and the unit in print; the notes keep a plain
    space (and user text that merely looks like markup is still escaped)."""
    from briefgen.templating.escaping import bind_units

    assert bind_units("by 2 s per request, 350 ms, 9 pp, 12 sessions") == (
        "by 2\u00a0s per request, 350\u00a0ms, 9\u00a0pp, 12 sessions")
    prepared = prepare(REFERENCE)
    html = render_bytes(prepared, "html").decode()
    assert "translation turnaround by 2&nbsp;s per request" in html  # as HTML serializers write it
    assert "by 2 s per request" in render_bytes(prepared, "md").decode()
