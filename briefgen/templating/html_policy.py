"""The HTML output reaches nothing: parse it as a browser does, refuse what fetches, write the tree.

A coach's template is untrusted, and the HTML brief is opened in a browser. Text tricks beat any
check that is not a real HTML parser (a ``>`` inside an attribute of ``<head>``, ``<!-->``,
``</script x>``, ``&#104;ttp:``), so the document is parsed as a browser parses it
(:mod:`briefgen.templating.html_tree`) and every check reads the tree. :func:`secure_html` then puts the
Content-Security-Policy first in ``<head>``, drops comments, writes *the checked tree* out and
reads that text back to prove it is the same tree: what was checked is what is written.

The policy is the second fence, not the first: it does not cover navigation (a refresh, a link),
``dns-prefetch``, or a browser that ignores it; so everything that could fetch is refused here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import tinycss2

from ..errors import TemplateError
from . import html_tree

if TYPE_CHECKING:
    from .assets import Assets

from .html_tree import HTML_NS, MATHML_NS, RAW_TEXT, SVG_NS, XLINK_NS, TreeLimitError, parse_html
from .html_urls import Finding, css_findings, is_relative, normalize, resource, scheme, srcset_urls

CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "font-src data:; base-uri 'none'; form-action 'none'")
MAX_SVG_USES = 100  # <use> elements in a document (each copies what it points at)

# Elements that only fetch or run something; a brief needs none of them.
_REFUSED = {
    "script": "runs code",  # the policy blocks it too, but code is how a page reaches anything
    "iframe": "loads another document",  # srcdoc would be a second document to check
    "frame": "loads another document",
    "frameset": "loads other documents",
    "object": "loads a plug-in or another document",
    "embed": "loads a plug-in or another document",
    "applet": "loads a plug-in",
    "portal": "loads and pre-renders another page",
    "base": "changes where every relative address points",
    # A browser with scripting on reads <noscript> as raw text and one with it off as markup, so
    # the same bytes are two documents: what this check saw need not be what a reader gets.
    "noscript": "is read one way with scripting on and another with it off",
    "plaintext": "swallows the rest of the document",
}
# Allowed, and checked like the rest: <template> (inert; a declarative shadow root renders only its
# checked content; tinyhtml5 reads it as ordinary markup, so what is written is what was read),
# inline SVG and MathML, <style> and style="" (their CSS is read below), forms (nothing to submit
# to: action is an address like any other and the policy says form-action 'none').
_FETCH_HINTS = {"dns-prefetch", "preconnect", "prefetch", "prerender", "preload", "modulepreload"}
# http-equiv values that fetch nothing (a second policy can only narrow ours, and a <meta> policy
# sends no reports); refresh navigates, set-cookie and link act like headers: refused.
_HTTP_EQUIV_OK = {"content-type", "content-security-policy", "content-language", "default-style",
                  "x-ua-compatible"}
# Attributes holding an address, on whatever element: unknown combinations are checked too.
_URL_ATTRIBUTES = {"src", "href", "action", "formaction", "data", "poster", "background", "cite",
                   "longdesc", "manifest", "icon", "codebase", "classid", "archive", "code",
                   "lowsrc", "dynsrc", "profile", "usemap", "attributionsrc",
                   f"{{{XLINK_NS}}}href", "{http://www.w3.org/XML/1998/namespace}base"}
_SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# A data: image, font or video loads nothing more (an SVG image fetches nothing), but a data: style
# sheet, manifest or form target is a document of its own that this check never reads.
_NO_DATA = {"action", "formaction", "manifest", "attributionsrc"}
_ICON_RELS = {"icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon"}
# A hyperlink fetches nothing until the reader clicks it, and the policy allows navigation anyway:
# a coach may link a portfolio or an e-mail address. Not file: or a relative path (the reader's
# own files), javascript: or data: (not a place to send a panel); never ping (a request per click).
_HYPERLINKS = {(HTML_NS, "a"), (HTML_NS, "area"), (SVG_NS, "a")}
_LINK_SCHEMES = {"http", "https", "mailto", "tel"}
_SVG_ANIMATIONS = {"animate", "set", "animateMotion", "animateTransform", "animateColor"}

_MARKUP = re.compile(r"<[A-Za-z/!?]")  # what starts a tag, end tag or comment in HTML text
_SHOWN = 12  # problems named in one error message (templates check lists them all)
_REFUSED_PREFIX = "not allowed in a template (the HTML brief must work offline and reach nothing): "


class HTMLPolicyError(TemplateError):
    """The HTML output broke the policy; ``findings`` lists every problem, in document order."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        parts = list(dict.fromkeys(f.message for f in findings if not f.where))
        loads = list(dict.fromkeys(f"{f.text!r} ({f.where})" for f in findings if f.where))
        if loads:  # one sentence for the addresses, which are most of what a hostile template has
            more = f" and {len(loads) - _SHOWN} more" if len(loads) > _SHOWN else ""
            parts.append(f"the HTML loads from outside the brief, so a browser would reach the "
                         f"network or read a local file (embed each as a data: URI or drop it): "
                         f"{', '.join(loads[:_SHOWN])}{more}")
            if any("for_pdf" in f.message for f in findings):
                parts[-1] += " (a relative one can be kept to the PDF with {% if for_pdf %})"
        super().__init__(_REFUSED_PREFIX + "; ".join(parts))


def check_html(html: str) -> list[Finding]:
    """Every problem in ``html`` (empty when the document may be written as it is)."""
    try:
        return check_tree(parse_html(html))
    except TreeLimitError as exc:
        return [Finding(str(exc), "", "html")]


def secure_html(html: str, assets: Assets | None = None) -> str:
    """``html`` parsed, its relative resources carried inside it as ``data:`` URIs (``assets``:
    the template folders to find them in), checked, with the policy first in ``<head>`` and
    without comments, written back out. Raises :class:`HTMLPolicyError` (a
    :class:`TemplateError`) listing every problem, or :class:`AssetError` for a resource that
    cannot be carried."""
    try:
        tree = parse_html(html)
    except TreeLimitError as exc:
        raise HTMLPolicyError([Finding(str(exc), "", "html")]) from None
    unloadable = None
    if assets is not None:
        from .assets import AssetError

        try:
            assets.inline(tree)
        except AssetError as exc:
            unloadable = exc
    findings = check_tree(tree)
    if unloadable is not None:
        # What the policy refuses comes first: it is what a hostile template is about. The relative
        # addresses left (the one that failed, those after it) are the asset error's to explain.
        findings = [f for f in findings if not (f.where and is_relative(f.text))]
        if not findings:
            raise unloadable
    if findings:
        raise HTMLPolicyError(findings)
    _drop_comments(tree)
    _put_policy_first(tree)
    text = html_tree.serialize(tree)
    # A browser reads the text, not our tree: if the text reads back differently (markup built to
    # confuse parsers between namespaces, say) the check above proved nothing about it.
    if html_tree.shape(parse_html(text)) != html_tree.shape(tree):
        raise HTMLPolicyError([Finding(
            "the HTML does not read back as the same document once written out (markup that "
            "confuses HTML parsers); simplify the template's markup", "", "html")])
    head_end = text.index('<meta charset="utf-8">') + len('<meta charset="utf-8">')
    if len(text[:head_end].encode("utf-8")) > 1024:  # where browsers look for the encoding
        raise HTMLPolicyError([Finding(
            "the attributes of <html> and <head> are too long: the encoding declaration must come "
            "within the first 1024 bytes; move them into the <style> element", "", "head")])
    return text


def check_tree(root: ElementTree.Element) -> list[Finding]:
    """Every problem in a parsed document, in document order."""
    findings: list[Finding] = []
    uses: list[ElementTree.Element] = []
    ids: dict[str, ElementTree.Element] = {}
    for count, (element, depth) in enumerate(html_tree.walk(root), 1):
        too_many = count > html_tree.MAX_ELEMENTS  # the parser stops sooner; this is for any tree
        if too_many or depth > html_tree.MAX_DEPTH:
            return [*findings, Finding(html_tree.limit_message(too_many), "", "html")]
        if not isinstance(element.tag, str):
            continue  # a comment: dropped when written
        namespace, local = html_tree.split_name(element.tag)
        if "id" in element.attrib:
            ids.setdefault(element.attrib["id"], element)  # as getElementById: the first wins
        if (namespace, local) == (SVG_NS, "use"):
            uses.append(element)
        findings.extend(_element_findings(element, namespace, local))
    if len(uses) > MAX_SVG_USES:
        findings.append(Finding(f"the HTML has more than {MAX_SVG_USES} SVG <use> elements; "
                                f"{html_tree.PROTECTS}", "use", "svg:use"))
    for use in uses[:MAX_SVG_USES]:  # each copies what it points at: a <use> in that is exponential
        target = ids.get(_fragment(use)) if _fragment(use) else None
        if target is not None and any(e.tag == f"{{{SVG_NS}}}use" for e in target.iter()):
            findings.append(Finding(f"an SVG <use> points at #{_fragment(use)}, which holds a "
                                    f"<use>: nested <use> is not allowed; {html_tree.PROTECTS}",
                                    f"#{_fragment(use)}", "svg:use"))
    return findings


def _element_findings(element: ElementTree.Element, namespace: str, local: str) -> Iterator[Finding]:
    tag = _display(namespace, local)
    if local in _REFUSED:
        yield Finding(f"<{tag}> {_REFUSED[local]}", f"<{local}>", tag)
        return
    if local == "meta" and "http-equiv" in element.attrib:
        equiv = "".join(element.get("http-equiv", "").split()).lower()
        if equiv not in _HTTP_EQUIV_OK:
            what = "sends the reader elsewhere" if equiv == "refresh" else "acts like a header"
            yield Finding(f'<meta http-equiv="{equiv}"> {what}', f'<meta http-equiv="{equiv}">', tag)
    if local == "link":
        hints = _FETCH_HINTS & set(element.get("rel", "").lower().split())
        for hint in sorted(hints):
            yield Finding(f'<link rel="{hint}"> fetches ahead of use', f'<link rel="{hint}">', tag)
    if namespace == SVG_NS and local in _SVG_ANIMATIONS and element.get(
            "attributeName", "").strip().lower() in {"href", "xlink:href"}:
        yield Finding(f"<{tag}> animates an address, which cannot be checked", f"<{local}>", tag)
    if namespace == HTML_NS and local in RAW_TEXT and _MARKUP.search(element.text or ""):
        # Written as is, so a parser that disagrees about where this element sits (inside an SVG,
        # say) would read it as markup: the one place the written text is not escaped.
        yield Finding(f"<{tag}> contains '<' (write it as \\3C in CSS): its text is written as is, "
                      "and another parser could read it as markup", f"<{local}>", tag)
    hyperlink = (namespace, local) in _HYPERLINKS
    for key, value in element.items():
        name = key.replace(f"{{{XLINK_NS}}}", "xlink:")
        where = f"<{tag} {name}>"
        if key in _SRCSET_ATTRIBUTES:
            for url in srcset_urls(value):
                yield from resource(url, where, tag)
        elif key == "ping" and value.strip():
            yield Finding(f"{where} sends a request when the link is clicked", value, tag)
        elif key in {"href", f"{{{XLINK_NS}}}href"} and hyperlink:
            url = normalize(value)
            if url and not url.startswith("#") and scheme(url) not in _LINK_SCHEMES:
                yield Finding(f"{where} links to {url!r}: a link may go to http:, https:, mailto: "
                              "or tel: addresses or a #fragment of the brief", url, tag)
        elif key in {"href", f"{{{XLINK_NS}}}href"} and local == "use":
            if not normalize(value).startswith("#"):  # another document's <use> escapes the limits
                yield Finding(f"{where} may only point inside the brief (#id), not at "
                              f"{normalize(value)!r}", value, tag)
        elif key in _URL_ATTRIBUTES:
            rels = set(element.get("rel", "").lower().split())
            data_ok = key not in _NO_DATA and (local != "link" or (bool(rels) and rels <= _ICON_RELS))
            yield from resource(value, where, tag, data_ok=data_ok)
        elif key == "style" or namespace in {SVG_NS, MATHML_NS}:  # SVG: fill="url(...)" and kin
            where = f'the style attribute of <{tag}>' if key == "style" else where
            values = tinycss2.parse_component_value_list(value, skip_comments=True)
            yield from css_findings(values, where, tag)
    if local == "style":
        tokens = tinycss2.parse_component_value_list(element.text or "", skip_comments=True)
        yield from css_findings(tokens, f"<{tag}>", tag)


def _fragment(use: ElementTree.Element) -> str:
    url = normalize(use.get("href") or use.get(f"{{{XLINK_NS}}}href") or "")
    return url[1:] if url.startswith("#") else ""


def _display(namespace: str, local: str) -> str:
    return {SVG_NS: f"svg:{local}", MATHML_NS: f"math:{local}"}.get(namespace, local)


def _drop_comments(root: ElementTree.Element) -> None:
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str):
                html_tree.remove(parent, child)


def _put_policy_first(root: ElementTree.Element) -> None:
    """The policy, then the encoding, as the first children of ``<head>``: a policy governs only
    what follows it. The file is written as UTF-8, so the template's own declarations go."""
    head = root.find(f"{{{HTML_NS}}}head")
    assert head is not None  # the parser always creates one
    for parent in list(root.iter()):
        for child in list(parent):
            equiv = "".join(child.get("http-equiv", "").split()).lower()
            if child.tag == f"{{{HTML_NS}}}meta" and ("charset" in child.attrib or equiv == "content-type"
                                                      or child.get("content") == CONTENT_SECURITY_POLICY):
                html_tree.remove(parent, child)  # and ours, when briefgen wrote the document
    policy = ElementTree.Element(f"{{{HTML_NS}}}meta", {"http-equiv": "Content-Security-Policy",
                                                        "content": CONTENT_SECURITY_POLICY})
    charset = ElementTree.Element(f"{{{HTML_NS}}}meta", {"charset": "utf-8"})
    head.insert(0, charset)
    head.insert(0, policy)
    charset.tail, head.text = head.text, None  # the head's leading text now follows the two
