"""What a process keeps between renders stays bounded, however long a batch or --watch runs."""

from __future__ import annotations

from briefgen.pipeline import prepare, render_job
from briefgen.templating.context import template_context
from briefgen.templating.environment import MAX_ENVIRONMENTS, Environments
from briefgen.themes import packaged_themes

from ..conftest import REFERENCE


def test_environments_are_dropped_least_recently_used(tmp_path):
    environments = Environments()
    context = template_context(prepare(REFERENCE).view)
    classic = packaged_themes()["classic"]
    for i in range(MAX_ENVIRONMENTS * 3):
        folder = tmp_path / f"coach{i}"
        folder.mkdir()
        (folder / "brief.md").write_text(f"{i} {{{{ candidate.name }}}}\n", encoding="utf-8")
        text = environments.render("brief.md", context, classic.search_path(folder), markdown=True)
        assert text == f"{i} Priya Raman\n"
        assert len(environments) <= MAX_ENVIRONMENTS


def test_the_sandbox_keeps_no_sizes_between_renders():
    environments = Environments()
    job = render_job(prepare(REFERENCE), "md", readiness=True)
    search = job.design.search_path()
    for _ in range(3):
        environments.render("brief.md", job.context, search, markdown=True)
        assert environments.get(search, markdown=True).cached_sizes == 0
