"""Optional projects: left out of a full page, the last one first, and named; never silently."""

from __future__ import annotations

import yaml

from briefgen.cli import cli

from ..conftest import normalise, pdf_pages
from ..pdf.test_one_page import write_brief


def mark_optional(path, *numbers: int) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for n in numbers:
        data["projects"][n - 1]["optional"] = True
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def titles(path) -> list[str]:
    return [p["title"] for p in yaml.safe_load(path.read_text(encoding="utf-8"))["projects"]]


def test_optional_projects_are_left_out_last_first_and_named(tmp_path, runner):
    """Five projects overflow classic on Letter; without the last optional one (5) four still do,
    without the other (2) too, three fit."""
    brief = write_brief(tmp_path, 5)
    mark_optional(brief, 2, 5)
    names = titles(brief)
    out = tmp_path / "five.pdf"
    result = runner.invoke(cli, ["render", str(brief), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Warning: {brief}: left out optional project 5 ({names[4]}) to fit one page",
        f"Warning: {brief}: left out optional project 2 ({names[1]}) to fit one page",
    ]
    pages = pdf_pages(out.read_bytes())
    assert len(pages) == 1
    text = normalise(pages[0])
    for kept in (names[0], names[2], names[3]):
        assert kept in text
    for dropped in (names[1], names[4]):
        assert dropped not in text  # not hidden: absent from the text layer
    # Numbered as shown, and the brief's scale line counts only the projects on the page.
    assert "01" in text and "03" in text and "04" not in text
    assert "All 3 projects meet the Scale-and-Ship bar" in text


def test_a_brief_that_fits_keeps_its_optional_projects_and_says_nothing(tmp_path, runner):
    brief = write_brief(tmp_path, 2)
    mark_optional(brief, 2)
    out = tmp_path / "two.pdf"
    result = runner.invoke(cli, ["render", str(brief), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "left out" not in result.output
    assert titles(brief)[1] in normalise(pdf_pages(out.read_bytes())[0])


def test_a_brief_too_long_without_its_optional_projects_is_refused_and_says_so(tmp_path, runner):
    brief = write_brief(tmp_path, 6, extra_sentences=6)
    mark_optional(brief, 6)
    out = tmp_path / "six.pdf"
    result = runner.invoke(cli, ["render", str(brief), "-o", str(out)])
    assert result.exit_code == 1
    assert "does not fit on one page" in result.output
    assert f"That is with the optional project 6 ({titles(brief)[5]}) left out." in result.output
    assert not out.exists()


def test_a_batch_names_what_it_left_out_beside_each_brief(tmp_path, runner):
    folder = tmp_path / "briefs"
    folder.mkdir()
    brief = write_brief(folder, 4, name="four")
    mark_optional(brief, 4)
    write_brief(folder, 1, name="one")
    result = runner.invoke(cli, ["render", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    notices = [line for line in result.stderr.splitlines() if "left out" in line]
    assert notices == [f"Warning: {brief}: left out optional project 4 ({titles(brief)[3]}) to fit "
                       "one page"]


def test_the_markdown_notes_mark_optional_projects(tmp_path, runner):
    from markdown_it import MarkdownIt

    brief = write_brief(tmp_path, 3)
    mark_optional(brief, 3)
    result = runner.invoke(cli, ["render", str(brief), "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    tokens = MarkdownIt().parse(result.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"
                and t.tag == "h2"]
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    optional = [p for p in paragraphs if p.startswith("*Optional:*")]
    assert len(optional) == 1  # project 3 only
    section = result.stdout.split(f"## 3. {titles(brief)[2]}")[1]
    assert section.lstrip().startswith("*Optional:*")
    assert f"3. {titles(brief)[2]}" in headings
