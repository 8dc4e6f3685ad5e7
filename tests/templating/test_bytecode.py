"""The packaged templates are compiled once per version and reused by later processes; a coach's
templates never are."""

from __future__ import annotations

from briefgen.pipeline import prepare, render_job
from briefgen.templating.bytecode import PackagedTemplates
from briefgen.templating.environment import Environments

from ..conftest import REFERENCE


def entries() -> set[str]:
    folder = PackagedTemplates().folder
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_a_packaged_template_is_compiled_once_and_loaded_after(tmp_path):
    job = render_job(prepare(REFERENCE), "md")
    first = Environments().render("brief.md", job.context, job.design.search_path(), markdown=True)
    cached = entries()
    assert cached  # written by the first process that compiled it
    again = Environments().render("brief.md", job.context, job.design.search_path(), markdown=True)
    assert again == first and entries() == cached


def test_a_coach_template_is_never_cached(tmp_path):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "brief.md").write_text("coach {{ candidate.name }}\n", encoding="utf-8")
    job = render_job(prepare(REFERENCE, templates=coach), "md")
    before = entries()
    text = Environments().render("brief.md", job.context, job.design.search_path(), markdown=True)
    assert text == "coach Priya Raman\n"
    assert entries() == before


def test_a_damaged_entry_is_compiled_again(tmp_path):
    job = render_job(prepare(REFERENCE), "md")
    expected = Environments().render("brief.md", job.context, job.design.search_path(), markdown=True)
    for name in entries():
        (PackagedTemplates().folder / name).write_bytes(b"not bytecode")
    assert Environments().render("brief.md", job.context, job.design.search_path(),
                                 markdown=True) == expected
