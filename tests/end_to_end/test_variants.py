"""One source, a brief per interview: each variant shows exactly its projects, in its order, with
its own target, in the PDF (read back), the HTML and the Markdown (parsed); `--variant all` writes
one file per variant; mistakes in a variant are located errors; check, watch, batch and the
`variants` command follow the variant."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefgen.cli import cli
from briefgen.runs.watch import Rendered, watch

from ..conftest import pdf_pages

FIXTURE = Path(__file__).parent.parent / "fixtures" / "variants.yaml"
TITLES = {
    "wake-word": "Far-field wake word for Echo",
    "rag-bedrock": "Retrieval for Bedrock knowledge bases",
    "cheaper-transcription": "Cheaper transcription",
    "search-ltr": "Learning to rank for retail search",
}
VARIANTS = {
    "alexa": (["wake-word", "cheaper-transcription"], "Applied Intelligence Engineer", "Alexa AI"),
    "bedrock": (["rag-bedrock", "cheaper-transcription", "search-ltr"],
                "Applied Intelligence Engineer", "AWS Bedrock"),
    "search": (["search-ltr", "rag-bedrock"], "Senior Applied Scientist", "Amazon Search"),
}


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    path = tmp_path / "mei.yaml"
    shutil.copy(FIXTURE, path)
    return path


def order(text: str) -> list[str]:
    """The project ids in the order their titles appear in ``text``; each title once at most."""
    found = [(text.find(title), pid) for pid, title in TITLES.items() if title in text]
    return [pid for _, pid in sorted(found)]


def headings(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens)
            if t.type == "heading_open" and t.tag == "h2"]


@pytest.mark.parametrize("name", VARIANTS)
def test_each_variant_has_exactly_its_projects_in_its_order_and_its_target(runner, brief, tmp_path,
                                                                           name):
    ids, role, team = VARIANTS[name]
    out = {}
    for fmt in ("pdf", "html", "md"):
        result = runner.invoke(cli, ["render", str(brief), "--variant", name, "-f", fmt,
                                     "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
        out[fmt] = tmp_path / f"mei-{name}-brief.{fmt}"
        assert out[fmt].exists()
    page = pdf_pages(out["pdf"].read_bytes())
    assert len(page) == 1
    assert order(page[0]) == ids and f"{role}, {team}" in page[0].replace("\n", " ")
    assert "variant" not in page[0].lower()  # the panel's page does not say it is one of several
    html = out["html"].read_text(encoding="utf-8")
    assert order(html) == ids and team in html
    notes = out["md"].read_text(encoding="utf-8")
    assert [h.split(". ", 1)[1] for h in headings(notes) if h[:1].isdigit()] == [TITLES[i] for i in ids]
    assert f"Variant `{name}`" in notes and f"{role}, {team}" in notes


def test_a_variant_changes_only_what_it_names(runner, brief, tmp_path):
    """bedrock's summary and accent are its own; search's bar is 50M requests, its 2% stays."""
    from briefgen.pipeline import prepare

    plain = prepare(brief)
    bedrock = prepare(brief, variant="bedrock")
    search = prepare(brief, variant="search")
    assert bedrock.brief.summary.startswith("I build retrieval") and bedrock.design.accent == "#232f3e"
    assert plain.brief.summary.startswith("I ship speech") and plain.design.accent == "#1f4e79"
    assert search.brief.summary == plain.brief.summary
    assert search.brief.thresholds.min_requests.value == 50_000_000
    assert search.brief.thresholds.max_regression.value == plain.brief.thresholds.max_regression.value
    assert bedrock.brief.candidate.headline == plain.brief.candidate.headline
    # 45M requests meet the brief's own 10M bar but not the search interview's 50M one.
    rag = [p for p in search.view.projects if p.title == TITLES["rag-bedrock"]][0]
    assert not rag.verdict.meets_bar
    assert all(p.verdict.meets_bar for p in bedrock.view.projects)


def test_without_variant_the_brief_renders_as_before(runner, brief, tmp_path):
    result = runner.invoke(cli, ["render", str(brief), "-f", "md", "-o", str(tmp_path / "b.md")])
    assert result.exit_code == 0
    notes = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert order(notes) == list(TITLES) and "Variant" not in notes


def test_variant_all_writes_one_file_per_variant(runner, brief, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", str(brief), "--variant", "all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"mei-{n}-brief.pdf" for n in sorted(VARIANTS)]
    for name, (ids, _, _) in VARIANTS.items():
        assert order(pdf_pages((out / f"mei-{name}-brief.pdf").read_bytes())[0]) == ids
    refused = runner.invoke(cli, ["render", str(brief), "--variant", "all", "-o", str(tmp_path / "x.pdf")])
    assert refused.exit_code == 2 and "one file per variant into a directory" in refused.output


def test_an_unknown_variant_names_the_ones_there_are(runner, brief, tmp_path):
    result = runner.invoke(cli, ["render", str(brief), "--variant", "bedrok", "-o", str(tmp_path)])
    assert result.exit_code == 1 and not list(tmp_path.glob("*.pdf"))
    assert "no such variant; this brief's are alexa, bedrock, search" in result.output
    assert "did you mean 'bedrock'?" in result.output
    plain = tmp_path / "plain.yaml"
    plain.write_text(brief.read_text(encoding="utf-8").split("variants:")[0], encoding="utf-8")
    none = runner.invoke(cli, ["render", str(plain), "--variant", "bedrock"])
    assert none.exit_code == 1 and "this brief has no variants" in none.output


BROKEN = [
    # (what replaces what in the fixture, the located message, its hint)
    ("projects: [rag-bedrock, cheaper-transcription, search-ltr]",
     "projects: [rag-bedrok, cheaper-transcription, search-ltr]",
     ":59:16: variants.bedrock.projects[0]: no project has the id 'rag-bedrok'",
     "did you mean 'rag-bedrock'?"),
    ("projects: [search-ltr, rag-bedrock]", "projects: [search-ltr, search-ltr]",
     ":64:28: variants.search.projects[1]: lists project 'search-ltr' twice", ""),
    ("    interview_date: 2026-12-08\n", "    interview_dat: 2026-12-08\n",
     ":53:5: variants.alexa.interview_dat: unknown key", "did you mean 'interview_date'?"),
    ("  - id: search-ltr\n", "  - id: wake-word\n",
     ":40:9: projects[3].id: the id 'wake-word' is already project 1's", ""),
    ("  bedrock:\n", "  Bedrock:\n",
     ":55:3: variants.Bedrock: a variant's name may contain only lowercase letters", "e.g. bedrock"),
    ("  search:\n", "  all:\n", ":61:3: variants.all: a variant may not be called 'all'",
     "`--variant all` renders every variant"),
    ("    design: {accent: \"#232f3e\"}", "    design: {theme: clasic}",
     ":60:21: variants.bedrock.design.theme: unknown theme 'clasic'", "did you mean 'classic'?"),
]


@pytest.mark.parametrize("old, new, message, hint", BROKEN, ids=lambda v: str(v)[:24])
def test_a_mistake_in_a_variant_is_a_located_error(runner, brief, old, new, message, hint):
    text = brief.read_text(encoding="utf-8")
    assert old in text
    brief.write_text(text.replace(old, new), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(brief)])
    assert result.exit_code == 1, result.output
    assert f"{brief}{message}" in result.output, result.output
    assert hint in result.output
    assert "Traceback" not in result.output


def test_validate_names_the_variants_and_variants_lists_them(runner, brief):
    ok = runner.invoke(cli, ["validate", str(brief)])
    assert ok.exit_code == 0 and ok.output.strip().endswith("; variants: alexa, bedrock, search")
    listed = runner.invoke(cli, ["variants", str(brief)])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("bedrock:"))
    assert "AWS Bedrock, interview 2026-12-10 -> output/mei-bedrock-brief.pdf" in lines[start]
    assert lines[start + 1:start + 4] == [
        "  1. Retrieval for Bedrock knowledge bases (rag-bedrock)",
        "  2. Cheaper transcription (cheaper-transcription)",  # the default id: a slug of the title
        "  3. Learning to rank for retail search (search-ltr)"]


def test_check_scores_the_variant(runner, brief):
    import json

    whole = json.loads(runner.invoke(cli, ["check", str(brief), "--json"]).output)
    search = runner.invoke(cli, ["check", str(brief), "--json", "--variant", "search"])
    doc = json.loads(search.output)
    assert [p["title"] for p in doc["projects"]] == [TITLES["search-ltr"], TITLES["rag-bedrock"]]
    assert len(whole["projects"]) == 4
    human = runner.invoke(cli, ["check", str(brief), "--variant", "search"])
    assert f"{brief} (variant search)" in human.output and "below the bar" in human.output


def test_watch_re_renders_the_selected_variant(brief, tmp_path):
    out = tmp_path / "alexa.md"
    stop = threading.Event()
    events = []
    for event in watch(brief, out, "md", variant="alexa", max_events=2, timeout=30, stop=stop,
                       interval=0.05, debounce=0.05):
        events.append(event)
        assert isinstance(event, Rendered), event
        notes = out.read_text(encoding="utf-8")
        assert order(notes) == ["wake-word", "cheaper-transcription"]
        if len(events) == 1:  # edit the variant's own target: the next render must show it
            text = brief.read_text(encoding="utf-8")
            brief.write_text(text.replace("target_team: Alexa AI", "target_team: Alexa Shopping"),
                             encoding="utf-8")
    assert len(events) == 2 and "Alexa Shopping" in out.read_text(encoding="utf-8")


def test_a_batch_over_a_folder_renders_every_variant(runner, brief, tmp_path):
    folder = brief.parent / "briefs"
    folder.mkdir()
    shutil.move(brief, folder / "mei.yaml")
    shutil.copy(Path(__file__).parent.parent.parent / "samples" / "one-project.yaml", folder)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", str(folder), "--variant", "all", "-f", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "mei-alexa-brief.md", "mei-bedrock-brief.md", "mei-search-brief.md", "one-project-brief.md"]
    named = runner.invoke(cli, ["render", str(folder), "--variant", "bedrock", "-f", "md",
                                "-o", str(tmp_path / "named")])
    assert named.exit_code == 0
    assert [p.name for p in (tmp_path / "named").iterdir()] == ["mei-bedrock-brief.md"]
    assert "Skipped" in named.stderr and "one-project.yaml: no variant 'bedrock'" in named.stderr


def test_the_installed_command_renders_a_variant(brief, tmp_path):
    exe = Path(sys.executable).with_name("briefgen")
    result = subprocess.run([str(exe), "render", str(brief), "--variant", "search", "-o",
                             str(tmp_path / "s.pdf")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert order(pdf_pages((tmp_path / "s.pdf").read_bytes())[0]) == ["search-ltr", "rag-bedrock"]


def test_the_starters_variant_example_works_once_uncommented(runner, tmp_path):
    assert runner.invoke(cli, ["init", str(tmp_path / "brief.yaml")]).exit_code == 0
    text = (tmp_path / "brief.yaml").read_text(encoding="utf-8")
    example = text[text.index("# variants:"):]
    assert "variants:" not in text.replace(example, "")  # the starter itself has none
    (tmp_path / "brief.yaml").write_text(
        text.replace(example, "\n".join(line.replace("# ", "", 1) for line in example.splitlines())),
        encoding="utf-8")
    listed = runner.invoke(cli, ["variants", str(tmp_path / "brief.yaml")])
    assert listed.exit_code == 0, listed.output
    assert "bedrock: " in listed.output and "AWS Bedrock" in listed.output
