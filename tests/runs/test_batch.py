"""Batch rendering: many briefs, a process pool, bad briefs reported and skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.errors import BriefgenError
from briefgen.input.design import Overrides
from briefgen.runs.batch import Job, expand_inputs, plan, render_many

from ..conftest import SAMPLES

BROKEN = "candidate:\n  name: Broken Brief\nprojects: 3\n"


def batch_dir(tmp_path: Path) -> tuple[Path, list[Path]]:
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


def expected_output(out: Path, source: Path, ext: str) -> Path:
    return out / f"{source.stem}-brief.{ext}"


def test_expand_inputs_reads_directories_sorted_and_refuses_empty_ones(tmp_path):
    folder, good = batch_dir(tmp_path)
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
    folder, good = batch_dir(tmp_path)
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
