"""Coach templates as a library: search path, the sandbox, export, the documented coach API."""

from __future__ import annotations

import dataclasses
import os
import re
import typing
from pathlib import Path

import pytest
from jinja2 import StrictUndefined

from briefgen import __version__, compose, language
from briefgen.errors import InputError, TemplateError, describe
from briefgen.pipeline import prepare, render_bytes
from briefgen.scoring.bar import BarVerdict
from briefgen.templating.check import context_names
from briefgen.templating.export import describe_themes, export_plan, export_theme
from briefgen.templating.loader import FolderLoader
from briefgen.templating.sandbox import MAX_OUTPUT, BoundedSandbox, LimitError
from briefgen.themes import packaged_themes, templates_root

from ..conftest import FIXTURES_DIR, REFERENCE, ROOT, normalise, pdf_pages

BESIDE = FIXTURES_DIR / "coach-beside"
GENERATOR = f"briefgen {__version__}"  # in the metadata, never on the page
FOOTER = "interview 3 December 2026"  # what the packaged footer of the reference says
DOCS = ROOT / "TEMPLATES.md"


def coach(tmp_path: Path, body: str, name: str = "brief.html") -> Path:
    """A coach folder whose ``name`` holds ``body`` on line 2 (line 1 is a comment)."""
    folder = tmp_path / "coach"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("{# hostile or broken on purpose #}\n" + body, encoding="utf-8")
    return folder


# --- the search path ---------------------------------------------------------------------------

def test_search_path_puts_the_coach_first_then_theme_base_and_root(tmp_path):
    root = templates_root()
    classic = packaged_themes()["classic"]
    assert classic.search_path(tmp_path) == [tmp_path, root / "classic", root / "base", root]
    assert classic.search_path() == [root / "classic", root / "base", root]


def test_a_coach_block_override_keeps_the_rest_and_super(tmp_path, reference):
    folder = coach(tmp_path, '{% extends "classic/brief.html" %}\n'
                             '{% block footer %}<p>Coached by ACME</p>{{ super() }}{% endblock %}')
    html = render_bytes(prepare(reference, templates=folder), "html").decode()
    assert "Coached by ACME" in html
    assert '<span class="for">' in html and FOOTER in html  # super() kept the packaged footer
    assert "Grounded answers for Alexa Q&amp;A" in html  # every other block untouched


def test_any_file_of_the_same_name_overrides_the_packaged_one(tmp_path, reference):
    folder = coach(tmp_path, "body { color: #123456; }", name="style.css")
    html = render_bytes(prepare(reference, templates=folder), "html").decode()
    assert "#123456" in html
    assert ".masthead" not in html  # the packaged style.css was replaced, not added to


def test_the_coach_folder_beside_the_yaml_is_picked_up_from_any_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    prepared = prepare(BESIDE / "brief.yaml")
    assert prepared.coach_dir == (BESIDE / "coach").resolve()
    text = normalise(pdf_pages(render_bytes(prepared, "pdf"))[0])
    assert "Prepared with Northwind Coaching" in text
    assert "Cheaper ticket triage" in text
    notes = render_bytes(prepared, "md").decode()
    assert notes.startswith("# Notes for Ana Costa (Northwind Coaching)")


def test_templates_option_wins_over_design_templates(tmp_path):
    folder = coach(tmp_path, '{% extends "base/brief.html" %}{% block footer %}OTHER COACH{% endblock %}')
    html = render_bytes(prepare(BESIDE / "brief.yaml", templates=folder), "html").decode()
    assert "OTHER COACH" in html and "Northwind" not in html


# --- design options ----------------------------------------------------------------------------

def brief_with_design(tmp_path: Path, design: str) -> Path:
    text = (BESIDE / "brief.yaml").read_text(encoding="utf-8").replace("design:\n  templates: coach/\n", "")
    path = tmp_path / "brief.yaml"
    path.write_text(text + "design:\n" + design, encoding="utf-8")
    return path


def test_an_unknown_theme_is_a_located_input_error_with_a_suggestion(tmp_path):
    path = brief_with_design(tmp_path, "  theme: clasic\n")
    with pytest.raises(InputError) as caught:
        prepare(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (len(path.read_text().splitlines()), "design.theme")
    assert "unknown theme 'clasic'" in problem.message
    assert "did you mean 'classic'?" in problem.hint


def test_a_missing_design_templates_folder_is_a_located_input_error(tmp_path):
    path = brief_with_design(tmp_path, "  templates: nowhere/\n")
    with pytest.raises(InputError) as caught:
        prepare(path)
    [problem] = caught.value.problems
    assert problem.path == "design.templates" and problem.line is not None
    assert str(tmp_path / "nowhere") in problem.hint


def test_theme_and_templates_options_are_checked(tmp_path, reference):
    with pytest.raises(InputError, match="--theme: unknown theme 'nope'.*themes are: .*classic"):
        prepare(reference, theme="nope")
    with pytest.raises(InputError, match="--templates: the folder .* does not exist"):
        prepare(reference, templates=tmp_path / "missing")


# --- the sandbox -------------------------------------------------------------------------------

HOSTILE = {
    "mro": ("{{ ''.__class__.__mro__ }}", "'__class__' of 'str' object is unsafe"),
    "attr filter": ("{{ ''|attr('__class__') }}", "'__class__' of 'str' object is unsafe"),
    "absolute include": ('{% include "/etc/passwd" %}', "never by an absolute path"),
    "dotdot include": ('{% include "../../etc/passwd" %}', "'..' may not be used"),
    "dynamic include": ('{% include "/etc/" ~ "passwd" %}', "never by an absolute path"),
    "absolute extends": ('{% extends "/etc/passwd" %}', "never by an absolute path"),
    "missing include": ('{% include "nothere.html" %}', "template 'nothere.html' not found (looked in"),
    "huge range": ("{% for i in range(10**9) %}{% endfor %}", "too large for a template"),
    "huge repeat": ("{{ 'x' * 10**9 }}", "builds more than"),
    "huge power": ("{{ 2 ** 100000 }}", "too large for a template"),
    "doubling": ("{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
                 "{% endfor %}", "builds more than"),
    "squaring": ("{% set ns = namespace(x=2) %}{% for i in range(50) %}{% set ns.x = ns.x * ns.x %}"
                 "{% endfor %}", "numbers this large"),
    "string loops": ("{% set s = 'x' * 10000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
                     "loops ran more than"),
    "wide format": ("{{ '%0999999999d' % 1 }}", "format width"),
    "wide str.format": ("{{ '{:>999999999}'.format(1) }}", "format width"),
    "huge center": ("{{ 'x'|center(10**8) }}", "too large for a template"),
    "huge ljust": ("{{ 'x'.ljust(10**8) }}", "too large for a template"),
    "join bomb": ("{% set l = ['x' * 1000] * 900 %}{{ l|join('y' * 100000) }}", "too much text"),
    "nested loops": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                     "loops ran more than"),
    "lipsum is gone": ("{{ lipsum(100000) }}", "'lipsum' is not a variable templates receive"),
    "undefined name": ("{{ candidate.nmae }}", "no field 'nmae' in candidate (did you mean 'name'?)"),
    "syntax error": ("{% if %}", "syntax error"),
    "plain python error": ("{{ 1 / 0 }}", "ZeroDivisionError"),
    "extends itself": ('{% extends "brief.html" %}', 'extend the packaged one by its prefix, e.g. '
                       '{% extends "classic/brief.html" %}'),
    "mutation": ("{{ projects.append(1) }}", "has no attribute 'append'"),  # read-only data
}


@pytest.mark.parametrize("body,expected", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_or_broken_template_is_a_clean_located_error(tmp_path, reference, body, expected):
    folder = coach(tmp_path, body)
    with pytest.raises(TemplateError) as caught:
        render_bytes(prepare(reference, templates=folder), "html")
    error = caught.value
    assert expected in str(error)
    assert error.template and Path(error.template).resolve() == folder / "brief.html"
    assert error.line == 2
    assert describe(error).startswith(f"Error: {error.template}:2: ")


def test_the_rendered_document_is_bounded(tmp_path, reference):
    folder = coach(tmp_path, "{% for i in range(100000) %}{{ 'y' * 100 }}{% endfor %}")
    with pytest.raises(TemplateError, match=f"passed {MAX_OUTPUT:,} characters") as caught:
        render_bytes(prepare(reference, templates=folder), "html")
    assert caught.value.template and caught.value.template.endswith("brief.html")


def test_a_render_is_bounded_in_time(tmp_path, monkeypatch):
    # Deterministic: with no time allowed at all, the first loop step past the check must stop.
    monkeypatch.setattr("briefgen.templating.sandbox.MAX_SECONDS", -1.0)
    (tmp_path / "t.html").write_text("{% for i in range(1000) %}{% endfor %}", encoding="utf-8")
    env = BoundedSandbox(loader=FolderLoader([tmp_path]), undefined=StrictUndefined)
    with pytest.raises(LimitError, match="ran for more than"):
        env.render_bounded(env.get_template("t.html"), {})


def test_a_link_out_of_the_template_folders_is_refused(tmp_path, reference):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    folder = coach(tmp_path, '{% include "leak.txt" %}')
    os.symlink(secret, folder / "leak.txt")
    with pytest.raises(TemplateError, match="links to a file outside the template folders"):
        render_bytes(prepare(reference, templates=folder), "html")


def test_markdown_templates_are_sandboxed_too(tmp_path, reference):
    folder = coach(tmp_path, '{% include "/etc/passwd" %}', name="brief.md")
    with pytest.raises(TemplateError, match="absolute path") as caught:
        render_bytes(prepare(reference, templates=folder), "md")
    assert caught.value.line == 2


def test_html_is_autoescaped_and_strict(tmp_path):
    env = BoundedSandbox(loader=FolderLoader([tmp_path]), undefined=StrictUndefined, autoescape=True)
    (tmp_path / "t.html").write_text("{{ x }}", encoding="utf-8")
    assert env.render_bounded(env.get_template("t.html"), {"x": "<script>"}) == "&lt;script&gt;"


def test_ordinary_template_features_still_work(tmp_path, reference):
    body = ('{% extends "classic/brief.html" %}{% block footer %}'
            '{{ "%s/%d"|format(candidate.name, projects|length) }} {{ "{} ok".format(theme) }} '
            '{{ range(3)|join(",") }} {{ (projects|map(attribute="title")|list)[0]|upper }} '
            '{{ "a-b"|replace("-", "+") }} {{ candidate.name|center(30)|trim }}{% endblock %}')
    html = render_bytes(prepare(reference, templates=coach(tmp_path, body)), "html").decode()
    assert "Priya Raman/2 classic ok 0,1,2 GROUNDED ANSWERS FOR ALEXA Q&amp;A a+b Priya Raman" in html


# --- themes: list and export -------------------------------------------------------------------

def test_blocks_are_read_with_jinjas_parser():
    base = next(t for t in describe_themes() if t.name == "base")
    env = BoundedSandbox(loader=FolderLoader([templates_root()]))
    for name in ("brief.html", "brief.md"):
        assert set(base.blocks(name)) == set(env.get_template(f"base/{name}").blocks)
    assert "classic" in [t.name for t in describe_themes()]


def test_export_copies_the_theme_and_what_it_reaches(tmp_path):
    plan = export_plan("classic")
    classic = templates_root() / "classic"
    for path in classic.rglob("*"):
        if path.is_file() and path.name != "theme.yaml":  # briefgen's, not the coach's
            assert plan[path.relative_to(classic).as_posix()] == path
    written = export_theme(tmp_path / "out", "classic")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in written) == sorted(plan)


def test_an_export_renders_on_its_own(tmp_path, reference):
    dest = tmp_path / "out"
    export_theme(dest, "classic")
    # Only the export on the search path: anything it still needed from the package would be missing.
    from briefgen.templating.context import template_context

    context = template_context(prepare(reference).view)
    for name, autoescape in (("brief.html", True), ("brief.md", False)):
        env = BoundedSandbox(loader=FolderLoader([dest]), undefined=StrictUndefined, autoescape=autoescape)
        assert "Priya Raman" in env.render_bounded(env.get_template(name), context)


def test_export_refuses_a_non_empty_folder_without_force(tmp_path):
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(Exception, match="not empty; use --force"):
        export_theme(dest, "classic")
    export_theme(dest, "classic", force=True)
    assert (dest / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (dest / "brief.html").is_file()
    with pytest.raises(Exception, match="unknown theme 'clasic'.*did you mean 'classic'"):
        export_theme(tmp_path / "other", "clasic")


def test_export_edit_one_block_render_and_find_the_change_in_the_pdf(tmp_path, reference):
    dest = tmp_path / "out"
    export_theme(dest, "classic")
    skeleton = dest / "base" / "brief.html"
    text = skeleton.read_text(encoding="utf-8")
    footer = re.search(r"{% block footer %}.*?{% endblock %}", text, re.S)
    assert footer, "the exported skeleton has a footer block"
    skeleton.write_text(text.replace(footer.group(0), "{% block footer %}<footer class=\"footer\">"
                                     "Prepared for {{ candidate.name }} by Ridge Coaching</footer>"
                                     "{% endblock %}"), encoding="utf-8")
    pages = pdf_pages(render_bytes(prepare(reference, templates=dest), "pdf"))
    assert len(pages) == 1
    page = normalise(pages[0])
    assert "Prepared for Priya Raman by Ridge Coaching" in page
    assert FOOTER not in page and GENERATOR not in page
    assert "Grounded answers for Alexa Q&A" in page


# --- TEMPLATES.md: the coach API, kept current by these tests ----------------------------------

def documented_example() -> str:
    match = re.search(r"<!-- example: coach/brief.html.*?-->\n```jinja\n(.*?)```", DOCS.read_text(), re.S)
    assert match, "TEMPLATES.md holds the worked example"
    return match.group(1)


def test_the_worked_example_renders_with_logo_wording_and_extra_section(tmp_path, reference):
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "brief.html").write_text(documented_example(), encoding="utf-8")
    pages = pdf_pages(render_bytes(prepare(reference, templates=folder), "pdf"))
    assert len(pages) == 1
    page = normalise(pages[0])
    assert "ACME INTERVIEW COACHING" in page  # logo text in the header
    shouted = page.upper()  # badges and labels are uppercased by the theme's CSS
    assert "READY TO DEFEND" in shouted and "METHOD LORA ADAPTERS" in shouted  # changed wording
    assert "MEETS THE BAR" not in shouted and "TECHNIQUE" not in shouted
    assert "Why hallucination rate, and what next?" in page  # the extra section
    assert "Dive Deep" in page and FOOTER in page  # the rest is packaged
    assert GENERATOR not in page  # the candidate's document names no tool


def _documented_fields() -> list[tuple[str, type]]:
    """(prefix, dataclass) for every object a template receives; new fields must be documented."""
    return [("", compose.BriefView), ("candidate.", compose.CandidateView),
            ("project.", compose.ProjectView), ("project.change.", language.MetricChange),
            ("project.verdict.", BarVerdict), ("figure.", compose.Figure),
            ("part.", compose.StoryPart)]


@pytest.mark.parametrize("prefix,cls", _documented_fields(), ids=lambda x: getattr(x, "__name__", x))
def test_templates_md_documents_every_field(prefix, cls):
    text = DOCS.read_text(encoding="utf-8")
    missing = [f.name for f in dataclasses.fields(cls) if f"| `{prefix}{f.name}` |" not in text]
    assert not missing, f"document these in TEMPLATES.md: {', '.join(prefix + m for m in missing)}"


def test_templates_md_documents_every_nested_object_type():
    documented = {cls for _, cls in _documented_fields()}
    for cls in list(documented):
        for f in dataclasses.fields(cls):
            for inner in typing.get_args(typing.get_type_hints(cls)[f.name]) or (
                    typing.get_type_hints(cls)[f.name],):
                if dataclasses.is_dataclass(inner):
                    assert inner in documented, f"{cls.__name__}.{f.name}: document {inner.__name__}"


def test_templates_md_documents_every_block_and_the_context_extras():
    text = DOCS.read_text(encoding="utf-8")
    base = next(t for t in describe_themes() if t.name == "base")
    for f in base.files:
        for block in f.blocks:
            assert f"| `{block}` |" in text, f"document block {block!r} of base/{f.name} in TEMPLATES.md"
    for name in context_names():  # the view's fields and what the render stage adds
        assert f"| `{name}` |" in text, f"document the template variable {name!r} in TEMPLATES.md"


def test_the_cached_environment_sees_an_override_added_and_edited_later(tmp_path):
    """Environments are built once per process; a coach's new or edited file still shows at the
    next render (what `render --watch` relies on)."""
    import os

    from briefgen.pipeline import prepare, render_bytes

    coach = tmp_path / "coach"
    coach.mkdir()

    def render_markdown(view: object, coach_dir: Path) -> str:
        return render_bytes(prepare(REFERENCE, templates=coach_dir), "md").decode("utf-8")

    view = None
    assert render_markdown(view, coach_dir=coach).startswith("# Priya Raman")
    override = coach / "brief.md"
    override.write_text("Hello {{ candidate.name }}\n", encoding="utf-8")
    assert render_markdown(view, coach_dir=coach) == "Hello Priya Raman\n"
    override.write_text("Bye {{ candidate.name }}\n", encoding="utf-8")
    later = override.stat().st_mtime + 5
    os.utime(override, (later, later))  # a coarse file system clock must not hide the edit
    assert render_markdown(view, coach_dir=coach) == "Bye Priya Raman\n"
