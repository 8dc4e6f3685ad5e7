"""`briefgen check` and `render --with-check` through click's CliRunner (and a real terminal)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from briefgen.cli import cli
from briefgen.input.validate import load_brief
from briefgen.scoring.rules import score_brief

from ..conftest import ROOT, SAMPLES

ONE_PROJECT = SAMPLES / "one-project.yaml"  # below the Scale-and-Ship bar
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def score_of(path: Path) -> float:
    return score_brief(load_brief(path)[0]).score


@pytest.fixture
def loss_only(tmp_path: Path) -> Path:
    """A brief whose only project reports a loss curve and nothing else."""
    path = tmp_path / "loss-only.yaml"
    path.write_text(yaml.safe_dump({
        "candidate": {"name": "Sam Weak"},
        "projects": [{"title": "LoRA fine-tune", "technique": "LoRA",
                      "metric": {"name": "loss", "baseline": 0.45, "result": 0.32, "better": "lower"}}],
    }), encoding="utf-8")
    return path


def test_help_lists_check(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "check" in result.output
    result = runner.invoke(cli, ["check", "--help"])
    assert result.exit_code == 0
    for option in ("--json", "--min-score"):
        assert option in result.output


def test_reference_table(runner, reference):
    result = runner.invoke(cli, ["check", str(reference)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Priya Raman, readiness 100/100 (ready)" in out
    assert "technical /40" in out and "impact /40" in out and "leadership /20" in out
    assert "Grounded answers for Alexa Q&A" in out and "Faster in-app translation" in out
    assert out.count("meets the bar") == 2
    assert not ANSI.search(out)


def test_table_lists_the_fixes_with_the_points_lost(runner, loss_only):
    result = runner.invoke(cli, ["check", str(loss_only)])
    assert result.exit_code == 0  # --min-score defaults to 0
    out = " ".join(result.output.split())
    assert "error Only a loss figure" in out
    assert "(-26 impact)" in out
    assert "fix: Say what it changed for customers and the business: 'Cut loss from 0.45 to 0.32" in out
    assert "STAR-L stops before Leadership" in out


def test_json_for_one_file_is_one_object(runner, reference):
    result = runner.invoke(cli, ["check", "--json", str(reference)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["file"] == str(reference)
    assert doc["score"] >= 80
    assert doc["min_score"] == 0 and doc["passed"] is True
    assert [p["title"] for p in doc["projects"]] == ["Grounded answers for Alexa Q&A",
                                                     "Faster in-app translation"]
    first = doc["projects"][0]
    assert set(first["axes"]) == {"technical", "impact", "leadership"}
    assert first["scale"]["meets_bar"] is True
    assert first["scale"]["requests"] == 13_000_000
    assert first["scale"]["regression"] == 1.7
    assert first["scale"]["shortfall"] is None


def test_json_for_several_files_is_a_list_in_order(runner, reference, loss_only):
    files = [str(ONE_PROJECT), str(reference), str(loss_only)]
    result = runner.invoke(cli, ["check", "--json", *files])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.output)
    assert isinstance(docs, list)
    assert [d["file"] for d in docs] == files
    below = docs[0]["projects"][0]
    assert below["scale"]["meets_bar"] is False
    assert below["scale"]["shortfall"] == "7.6M requests short of 10M"
    weak = docs[2]["projects"][0]
    assert weak["axes"]["impact"] < 20
    assert weak["findings"][0] == {
        "severity": "error", "axis": "impact", "points": 26.0,
        "message": weak["findings"][0]["message"], "fix": weak["findings"][0]["fix"]}
    assert "loss" in weak["findings"][0]["message"]


def test_min_score_gates_the_exit_status(runner):
    score = score_of(ONE_PROJECT)
    assert 0 < score < 100
    below = runner.invoke(cli, ["check", str(ONE_PROJECT), "--min-score", str(score)])
    assert below.exit_code == 0, below.output
    above = runner.invoke(cli, ["check", str(ONE_PROJECT), "--min-score", str(score + 0.5)])
    assert above.exit_code == 1
    assert f"Below --min-score {score + 0.5:g}" in above.output
    as_json = runner.invoke(cli, ["check", "--json", str(ONE_PROJECT), "--min-score", "99"])
    assert as_json.exit_code == 1
    doc = json.loads(as_json.output)
    assert doc["passed"] is False and doc["min_score"] == 99


def test_min_score_applies_to_every_brief(runner, reference, loss_only):
    weak, strong = score_of(loss_only), score_of(reference)
    between = (weak + strong) / 2
    result = runner.invoke(cli, ["check", "--json", str(reference), str(loss_only),
                                 "--min-score", str(between)])
    assert result.exit_code == 1
    assert [d["passed"] for d in json.loads(result.output)] == [True, False]
    assert runner.invoke(cli, ["check", str(reference), "--min-score", str(between)]).exit_code == 0


def test_min_score_out_of_range_is_a_usage_error(runner, reference):
    result = runner.invoke(cli, ["check", str(reference), "--min-score", "101"])
    assert result.exit_code == 2


def test_several_files_in_the_table(runner, reference):
    result = runner.invoke(cli, ["check", str(reference), str(ONE_PROJECT)])
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    assert out.index(str(reference)) < out.index(str(ONE_PROJECT))
    assert "7.6M requests short of 10M" in out


def test_invalid_input_exits_1_with_the_located_message(runner, tmp_path, reference):
    bad = tmp_path / "bad.yaml"
    bad.write_text("candidate:\n  name: X\nprojects:\n  - title: T\n    metric:\n      name: m\n"
                   "      baseline: lots\n      result: 3%\n      better: lower\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:7:17: projects[0].metric.baseline" in result.output
    assert "Traceback" not in result.output
    several = runner.invoke(cli, ["check", "--json", str(reference), str(bad)])
    assert several.exit_code == 1
    assert f"{bad}:7:17" in several.output
    assert "nothing was scored" in several.output
    assert '"score"' not in several.output


def test_stdin(runner, reference):
    result = runner.invoke(cli, ["check", "--json", "-"], input=reference.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["file"] == "<stdin>"


# --- colour: only on a terminal, never with NO_COLOR --------------------------------------------

def test_no_colour_when_not_a_terminal_even_if_click_would_allow_it(runner, loss_only):
    result = runner.invoke(cli, ["check", str(loss_only)], color=True)
    assert result.exit_code == 0
    assert not ANSI.search(result.output)


def _run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run briefgen with its stdout on a real pseudo-terminal and return what it printed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", *args], stdout=slave,
                            stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_colour_on_a_terminal_and_never_with_no_color(loss_only):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _run_on_a_terminal(["check", str(loss_only)], env)
    assert "Only a loss figure" in coloured
    assert "\x1b[31m" in coloured  # the error is red
    plain = _run_on_a_terminal(["check", str(loss_only)], {**env, "NO_COLOR": "1"})
    assert "Only a loss figure" in plain
    assert not ANSI.search(plain)


# --- render --with-check -------------------------------------------------------------------------

def _markdown_text(text: str) -> str:
    """The rendered words: text of every inline token's children, markup and escapes gone."""
    tokens = MarkdownIt("commonmark").parse(text)
    return " ".join("".join(c.content for c in t.children or [] if c.type in ("text", "code_inline"))
                    for t in tokens if t.type == "inline")


def test_render_with_check_adds_the_readiness_summary(runner, tmp_path):
    out = tmp_path / "notes.md"
    result = runner.invoke(cli, ["render", str(ONE_PROJECT), "-f", "md", "-o", str(out), "--with-check"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[-2:] == ["Readiness check", "To fix: 1. Faster query understanding"]
    plain = _markdown_text(text)
    score = score_of(ONE_PROJECT)
    assert f"Impact-First score: {score:g}/100" in plain
    assert "7.6M requests short of 10M" in plain
    assert "It served 2.4M requests with 1.2% regression" in plain


def test_fixes_in_the_notes_show_keys_as_code_and_the_users_words_as_text(runner, tmp_path):
    """`Add `per:` ...` reads as code in any CommonMark viewer; the user's own markup and
    backticks stay the words they wrote."""
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump({
        "candidate": {"name": "Sam *Star*"},
        "projects": [{"title": "The `fast` path [x](http://x.invalid)",
                      "technique": "`vLLM` with **int8**",
                      "metric": {"name": "p95 <b>latency</b>", "baseline": "350 ms",
                                 "result": "120 ms", "better": "lower"},
                      "outcomes": [{"savings": "$40K"}]}],
    }), encoding="utf-8")
    out = tmp_path / "notes.md"
    result = runner.invoke(cli, ["render", str(path), "-f", "md", "--with-check", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    section = text[text.index("## Readiness check"):]
    tokens = [c for t in MarkdownIt("commonmark").parse(section) for c in (t.children or [])]
    code = [t.content for t in tokens if t.type == "code_inline"]
    assert {"per:", "situation:", "task:", "scale:", "leadership:"} <= set(code), code
    assert not any(word in c for c in code for word in ("vLLM", "fast", "int8", "latency"))
    assert not {"link_open", "image", "html_inline"} & {t.type for t in tokens}
    # Emphasis only where the template puts it, never the user's **int8**; the title is printed
    # as written (its backticks too), since it is not part of a finding.
    emphasised = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type in ("strong_open", "em_open")]
    assert set(emphasised) == {"Impact-First score:", "Note:", "Principles covered:",
                               "Often asked, no story yet:",
                               "1. The `fast` path [x](http://x.invalid):",
                               "error:", "warning:", "Fix:"}, emphasised
    plain = _markdown_text(section)
    assert "'vLLM' with **int8**" in plain and "p95 <b>latency</b>" in plain
    assert "Add per: (quarter, year, month, request) so it reads '$40K per quarter'." in plain


def test_render_without_check_has_no_readiness_section(runner, tmp_path):
    out = tmp_path / "notes.md"
    result = runner.invoke(cli, ["render", str(ONE_PROJECT), "-f", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Readiness" not in out.read_text(encoding="utf-8")


def test_render_with_check_is_for_markdown_only(runner, tmp_path):
    result = runner.invoke(cli, ["render", str(ONE_PROJECT), "-o", str(tmp_path / "x.pdf"),
                                 "--with-check"])
    assert result.exit_code == 2
    assert "--format md" in result.output
    assert not (tmp_path / "x.pdf").exists()


# --- docs/check-json.md stays true ---------------------------------------------------------------

DOCS = ROOT / "docs" / "check-json.md"


def _keys(value: object) -> set[str]:
    keys: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            keys.add(key)
            keys |= _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            keys |= _keys(inner)
    return keys


def test_documented_example_matches_the_real_output(runner, monkeypatch):
    monkeypatch.chdir(DOCS.parent.parent)
    text = DOCS.read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))
    result = runner.invoke(cli, ["check", "--json", "samples/one-project.yaml"])
    assert result.exit_code == 0
    real = json.loads(result.output)
    # The example is abridged to one finding; everything else is the real output.
    assert example["projects"][0]["findings"][0] in real["projects"][0]["findings"]
    example["projects"][0]["findings"] = real["projects"][0]["findings"]
    assert example == real


def test_every_json_key_is_documented(runner, reference, loss_only):
    text = DOCS.read_text(encoding="utf-8")
    result = runner.invoke(cli, ["check", "--json", str(reference), str(loss_only)])
    keys = _keys(json.loads(result.output))
    assert {"score", "projects", "title", "axes", "scale", "meets_bar", "findings", "fix"} <= keys
    for key in keys:
        assert f"`{key}`" in text, key
