"""`templates check`: prove a coach's folder renders every bundled brief, in every format, safely.

Two passes. The static pass compiles every file in the folder and reads its syntax tree, so a
problem on a branch no sample reaches (an undefined name, ``__class__``, an include of
``/etc/passwd``) is still found. The render pass runs the real pipeline (the reference brief and
every bundled sample, as PDF, HTML and Markdown) through the folder. Each problem is reported
once, as ``FILE:LINE: message``, with the renders it broke.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateSyntaxError, meta, nodes

from ..errors import BriefgenError, FitError, TemplateError
from ..input.design import Overrides, check_overrides
from ..input.reader import read_source
from ..pipeline import FORMATS, prepare, render_bytes
from ..themes import DEFAULT_THEME, packaged_themes, samples_root, templates_root
from .context import context_names
from .environment import new_environment
from .export import PARSER, folder_files
from .html_policy import HTMLPolicyError
from .loader import FolderLoader, TemplateAccessError, check_template_name
from .locate import locate
from .provenance import built_on, mixed_theme_warning


@dataclass
class TemplateProblem:
    """One problem in a coach's folder, and the renders (``sample.yaml pdf``) it broke."""

    message: str
    file: str | None = None  # relative to the folder checked, or "templates/..." when packaged
    line: int | None = None
    renders: list[str] = field(default_factory=list)

    def location(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}:{self.line}: " if self.line else f"{self.file}: "

    def format(self) -> str:
        where = f" (in {_summarise(self.renders)})" if self.renders else ""
        return f"{self.location()}{self.message}{where}"


@dataclass
class CheckReport:
    folder: Path
    briefs: list[Path]
    formats: tuple[str, ...]
    problems: list[TemplateProblem]
    renders: int  # renders attempted
    warnings: list[str] = field(default_factory=list)  # worth knowing, not failing the check

    @property
    def ok(self) -> bool:
        return not self.problems


CHECKS = "checks"  # samples/checks/: dense briefs, close to the one-page limit of their theme


def bundled_briefs() -> list[Path]:
    """The reference brief and every other bundled sample (the reference is one of the samples)."""
    return sorted(samples_root().glob("*.yaml"))


def dense_briefs() -> dict[str, Path]:
    """The packaged dense briefs, by the theme each is written for (its design.theme)."""
    found: dict[str, Path] = {}
    for path in sorted((samples_root() / CHECKS).glob("*.yaml")):
        data = read_source(path).data
        design = data.get("design") if isinstance(data, dict) else None
        name = design.get("theme") if isinstance(design, dict) else None
        found.setdefault(str(name or DEFAULT_THEME), path)
    return found


def dense_briefs_for(folder: Path, theme: str | None) -> list[tuple[Path, str]]:
    """(brief, theme) for the dense brief(s) a folder is checked with: the one of the theme it is
    checked in (``theme``, else the theme the folder is built on), or every one, each in its own
    theme, for a folder that works under any. A theme without its own borrows one as dense."""
    by_theme = dense_briefs()
    wanted = theme or built_on(folder)
    if wanted is None:
        return [(path, name) for name, path in by_theme.items()]
    if wanted in by_theme:
        return [(by_theme[wanted], wanted)]
    themes = packaged_themes()
    density = themes[wanted].density if wanted in themes else None
    for name, path in by_theme.items():
        if name in themes and themes[name].density == density:
            return [(path, wanted)]
    return []


def check_folder(folder: Path, *, theme: str | None = None, briefs: Iterable[Path] | None = None,
                 formats: Iterable[str] = FORMATS, page: str | None = None) -> CheckReport:
    """Check ``folder`` as a coach's templates; raises only when ``folder`` itself is unusable.
    ``theme`` and ``page`` replace each brief's own, as ``render --theme --page`` do.

    Without ``briefs``: the bundled samples, each in its own theme (or ``theme``), and the dense
    brief of the theme the folder is checked in (:func:`dense_briefs_for`)."""
    if not folder.is_dir():
        raise BriefgenError(f"{folder} is not a folder of templates")
    folder = folder.resolve()
    check_overrides(Overrides(theme=theme, templates=folder, page=page))
    jobs: list[tuple[Path, str | None]]
    if briefs is not None:
        jobs = [(brief, theme) for brief in briefs]
    else:
        jobs = [(brief, theme) for brief in bundled_briefs()]
        jobs += [(brief, name) for brief, name in dense_briefs_for(folder, theme)]
    fmts = tuple(formats)
    problems = _Collector(folder)
    static_problems(folder, problems, theme=theme or built_on(folder) or DEFAULT_THEME)
    renders = 0
    themes_used: dict[str, list[str]] = {}
    glyphs: dict[str, list[str]] = {}
    for brief, brief_theme in jobs:
        for fmt in fmts:
            renders += 1
            label = f"{brief.name} {fmt}"
            try:
                prepared = prepare(brief, Overrides(theme=brief_theme, templates=folder, page=page))
                names = themes_used.setdefault(prepared.design.theme.name, [])
                if brief.name not in names:
                    names.append(brief.name)
                found: list[str] = []
                render_bytes(prepared, fmt, warnings=found)
                for warning in found:  # a coach's own text no font draws, say
                    glyphs.setdefault(warning, []).append(label)
            except HTMLPolicyError as exc:  # the HTML would fetch or run something: each, located
                for finding in exc.findings:
                    problems.add(finding.message, *locate([folder], finding.text), label)
                continue
            except TemplateError as exc:
                problems.add(exc.message, exc.template, exc.line, label, runtime=True)
                continue
            except FitError as exc:
                problems.add(f"the PDF does not fit on one page: {exc}", None, None, label)
                continue
            except BriefgenError as exc:
                problems.add(exc.message, None, None, label)
                continue
    warnings = [f"{mixed} (for {_briefs(names)})" for name, names in sorted(themes_used.items())
                if (mixed := mixed_theme_warning(folder, name))]
    warnings += [f"{glyph} (in {', '.join(labels)})" for glyph, labels in glyphs.items()]
    ordered = sorted(problems.items, key=lambda p: (p.file is None, p.file or "", p.line or 0))
    return CheckReport(folder, [brief for brief, _ in jobs], fmts, ordered, renders, warnings)


def static_problems(folder: Path, problems: _Collector, *, theme: str) -> None:
    """Compile every text file in ``folder`` and look for what the sandbox would refuse."""
    env = new_environment(packaged_themes()[theme].search_path(folder), markdown=False)
    assert isinstance(env.loader, FolderLoader)
    known = set(context_names()) | set(env.globals) | _assigned_names(env.loader.roots[:-1])
    for relative in folder_files(folder):
        path = folder / relative
        try:
            source = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # fonts, images: not templates
        name = relative.as_posix()
        try:
            env.compile(source, name, str(path))  # also finds unknown filters and tests
            tree = env.parse(source, name, str(path))
        except TemplateSyntaxError as exc:
            problems.add(f"syntax error: {exc.message}", str(path), exc.lineno)
            continue
        for loader_node in tree.find_all((nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
            node = typing.cast(nodes.Include, loader_node)  # all four carry .template
            for target in _constant_names(node.template):
                if target == name:
                    problems.add(f"{name} loads itself; to build on the packaged {name}, "
                                 f"extend it by its prefix, e.g. {{% extends \"{theme}/{name}\" %}}",
                                 str(path), node.lineno)
                try:
                    check_template_name(target)
                except TemplateAccessError as exc:
                    problems.add(f"not allowed in a template: {exc}", str(path), node.lineno)
        for expr in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
            attribute = _private_attribute(expr)
            if attribute:
                problems.add(f"not allowed in a template: {attribute!r} is private; templates may not "
                             "use names that start with '_'", str(path), expr.lineno)
        undeclared = meta.find_undeclared_variables(tree) - known
        for name_node in tree.find_all(nodes.Name):
            if name_node.ctx == "load" and name_node.name in undeclared:
                undeclared.discard(name_node.name)
                problems.add(f"undefined: {name_node.name!r} is not a variable templates receive "
                             "(see TEMPLATES.md)", str(path), name_node.lineno)


class _Collector:
    """Problems deduplicated by (file, line, message); a render's error on a line the static pass
    already reported is not repeated."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.items: list[TemplateProblem] = []
        self._index: dict[tuple[str | None, int | None, str], TemplateProblem] = {}

    def add(self, message: str, file: str | None, line: int | None, render: str | None = None, *,
            runtime: bool = False) -> None:
        shown = self._shown(file)
        if runtime and any(p.file == shown and p.line == line and not p.renders for p in self.items):
            return
        key = (shown, line, message)
        problem = self._index.get(key)
        if problem is None:
            problem = self._index[key] = TemplateProblem(message, shown, line)
            self.items.append(problem)
        if render and render not in problem.renders:
            problem.renders.append(render)

    def _shown(self, file: str | None) -> str | None:
        if not file:
            return file
        path = Path(file).resolve()
        if path.is_relative_to(self.folder):
            return path.relative_to(self.folder).as_posix()
        root = templates_root().resolve()
        if path.is_relative_to(root):
            return f"(packaged) {path.relative_to(root).as_posix()}"
        return file


def _assigned_names(folders: Iterable[Path]) -> set[str]:
    """Names set, imported or looped over anywhere on the search path: a block may use its own
    template's top-level imports, and a block overridden in a child (``project`` inside
    ``{% block project scoped %}``) its parent's loop variables."""
    names: set[str] = set()
    for folder in folders:
        for relative in folder_files(folder):
            try:
                tree = PARSER.parse((folder / relative).read_text(encoding="utf-8"))
            except (UnicodeDecodeError, OSError, TemplateSyntaxError):
                continue
            for node in tree.find_all((nodes.For, nodes.Assign, nodes.AssignBlock, nodes.Macro,
                                       nodes.Import, nodes.FromImport)):
                if isinstance(node, (nodes.Macro, nodes.Import)):
                    names.add(node.name if isinstance(node, nodes.Macro) else node.target)
                    continue
                if isinstance(node, nodes.FromImport):
                    names.update(n if isinstance(n, str) else n[1] for n in node.names)
                    continue
                target = typing.cast(nodes.Assign, node).target  # For and AssignBlock have it too
                targets = [target, *target.find_all(nodes.Name)]
                names.update(t.name for t in targets if isinstance(t, nodes.Name))
    return names


def _constant_names(node: nodes.Node) -> list[str]:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return [n.value for n in node.items if isinstance(n, nodes.Const) and isinstance(n.value, str)]
    return []


def _private_attribute(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Getattr):
        name = node.attr
    elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        name = node.arg.value
    elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args and isinstance(
            node.args[0], nodes.Const):
        name = node.args[0].value
    else:
        return None
    return name if isinstance(name, str) and name.startswith("_") else None


def _briefs(names: list[str]) -> str:
    return ", ".join(names) if len(names) <= 3 else f"{', '.join(names[:2])} and {len(names) - 2} more"


def _summarise(renders: list[str]) -> str:
    if len(renders) <= 3:
        return ", ".join(renders)
    return f"{', '.join(renders[:2])} and {len(renders) - 2} more renders"
