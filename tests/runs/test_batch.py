"""Batch rendering: many briefs, a process pool, bad briefs reported and skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefgen.cli import cli
from briefgen.errors import BriefgenError
from briefgen.input.design import Overrides
from briefgen.runs.batch import Job, expand_inputs, plan, render_many

from ..conftest import SAMPLES, normalise, pdf_pages

BROKEN = "candidate:\n  name: Broken Brief\nprojects: 3\n"


def _batch_dir(tmp_path: Path) -> tuple[Path, list[Path]]:
    """Five briefs in a folder, the broken one in the middle of the sorted order."""
    folder = tmp_path / "briefs"
    folder.mkdir()
    good = []
    for i, sample in enumerate(["priya-raman", "one-project", "rlhf-research-scientist", "one-project"]):
        target = folder / f"{'ab'[i // 2]}{i}-{sample}.yaml"
        shutil.copy(SAMPLES / f"{sample}.yaml", target)
        good.append(target)
    (folder / "b-broken.yaml").write_text(BROKEN, encoding="utf-8")
    return folder, good


def _expected_output(out: Path, source: Path, ext: str) -> Path:
    return out / f"{source.stem}-brief.{ext}"


def test_batch_with_a_broken_brief_renders_the_others_and_names_it(runner, tmp_path):
    folder, good = _batch_dir(tmp_path)
    files = sorted(str(p) for p in folder.iterdir())
    assert Path(files[2]).name == "b-broken.yaml"  # really in the middle
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", *files, "--output", str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    for source in good:
        pages = pdf_pages(_expected_output(out, source, "pdf").read_bytes())
        assert len(pages) == 1
    assert "Priya Raman" in normalise(pdf_pages(_expected_output(out, good[0], "pdf").read_bytes())[0])
    assert not (out / "b-broken-brief.pdf").exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}-brief.pdf" for p in good)
    # The error is located, and the summary names the file that failed.
    assert "b-broken.yaml:3:11: projects:" in result.stderr
    assert "Rendered 4 of 5 briefs" in result.stderr
    assert "1 failed:" in result.stderr and "b-broken.yaml" in result.stderr.splitlines()[-1]
    for source in good:
        assert f"Wrote {_expected_output(out, source, 'pdf')}" in result.stdout


def test_batch_of_a_directory_in_markdown_with_one_job(runner, tmp_path):
    folder, good = _batch_dir(tmp_path)
    (folder / "b-broken.yaml").unlink()
    (folder / "notes.txt").write_text("not a brief", encoding="utf-8")
    out = tmp_path / "md"
    result = runner.invoke(cli, ["render", str(folder), "-f", "md", "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "Rendered 4 of 4 briefs" in result.stderr and "1 job," in result.stderr
    for source in good:
        text = _expected_output(out, source, "md").read_text(encoding="utf-8")
        tokens = MarkdownIt("commonmark").parse(text)
        assert tokens[0].type == "heading_open" and tokens[0].tag == "h1"


def test_batch_output_must_be_a_directory_not_stdout(runner, tmp_path):
    files = [str(SAMPLES / "priya-raman.yaml"), str(SAMPLES / "one-project.yaml")]
    result = runner.invoke(cli, ["render", *files, "-f", "md", "-o", "-"])
    assert result.exit_code == 2
    assert "directory" in result.output
    afile = tmp_path / "taken.txt"
    afile.write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["render", *files, "-f", "md", "-o", str(afile)])
    assert result.exit_code == 2
    assert afile.read_text(encoding="utf-8") == "x"


def test_jobs_must_be_positive(runner):
    result = runner.invoke(cli, ["render", str(SAMPLES / "priya-raman.yaml"), "--jobs", "0"])
    assert result.exit_code == 2


def test_single_file_keeps_its_behaviour_and_error(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(cli, ["render", str(bad), "-f", "md", "-o", str(tmp_path / "x.md")])
    assert result.exit_code == 1
    assert "bad.yaml:3:11: projects:" in result.stderr
    assert "Rendered" not in result.output  # no batch summary for one file
    assert not (tmp_path / "x.md").exists()


def test_expand_inputs_reads_directories_sorted_and_refuses_empty_ones(tmp_path):
    folder, good = _batch_dir(tmp_path)
    (folder / ".hidden.yaml").write_text(BROKEN, encoding="utf-8")
    extra = tmp_path / "extra.yml"
    shutil.copy(SAMPLES / "one-project.yaml", extra)
    found = expand_inputs([str(folder), str(extra)])
    assert found == sorted(str(p) for p in folder.iterdir() if not p.name.startswith(".")) + [str(extra)]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BriefgenError, match="no \\*.yaml briefs"):
        expand_inputs([str(empty)])


def test_plan_refuses_two_inputs_with_the_same_output(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(SAMPLES / "one-project.yaml", tmp_path / sub / "brief.yaml")
    with pytest.raises(BriefgenError, match="would both be written"):
        plan([str(tmp_path / "a" / "brief.yaml"), str(tmp_path / "b" / "brief.yaml")], "md",
             tmp_path / "out")


def test_render_many_in_a_pool_returns_every_outcome(tmp_path):
    folder, good = _batch_dir(tmp_path)
    jobs = plan(expand_inputs([str(folder)]), "html", tmp_path / "html")
    outcomes = list(render_many(jobs, workers=2))
    assert sorted(o.job.source for o in outcomes) == sorted(j.source for j in jobs)
    failed = [o for o in outcomes if not o.ok]
    assert [Path(o.job.source).name for o in failed] == ["b-broken.yaml"]
    assert not failed[0].bug and "projects" in (failed[0].error or "")
    for outcome in outcomes:
        if outcome.ok:
            html = outcome.job.target.read_text(encoding="utf-8")
            assert html.lstrip().lower().startswith("<!doctype html")


def test_a_bad_theme_fails_each_brief_without_stopping_the_batch(tmp_path):
    jobs = [Job(source=str(SAMPLES / name), target=tmp_path / f"{i}.md", fmt="md",
                overrides=Overrides(theme="nope"))
            for i, name in enumerate(["priya-raman.yaml", "one-project.yaml"])]
    outcomes = list(render_many(jobs, workers=1))
    assert [o.ok for o in outcomes] == [False, False]
    assert all("unknown theme 'nope'" in (o.error or "") for o in outcomes)


def test_single_file_into_an_existing_directory_gets_its_default_name(runner, tmp_path):
    source = str(SAMPLES / "one-project.yaml")
    result = runner.invoke(cli, ["render", source, "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "one-project-brief.md").read_text(encoding="utf-8").startswith("# ")
