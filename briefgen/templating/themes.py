"""The packaged themes as data: what each holds (files, blocks, parents) and how to export one.

Blocks are read with Jinja's own parser, so what ``briefgen templates list`` shows is exactly
what a coach's ``{% block %}`` can replace. An export copies a theme plus everything it reaches
through ``extends``/``include``/``import`` under the same names, so the exported folder renders
on its own and every file in it can be edited.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from ..errors import BriefgenError
from ..resources import templates_root, themes
from .environment import HTML_TEMPLATE, MARKDOWN_TEMPLATE, unknown_theme_message

BASE = "base"
ENTRY_TEMPLATES = (HTML_TEMPLATE, MARKDOWN_TEMPLATE)
PARSER = Environment(trim_blocks=True, lstrip_blocks=True)  # parsing only; nothing is rendered


@dataclass(frozen=True)
class TemplateFile:
    """One file of a theme, as the template engine sees it."""

    name: str  # path inside the theme folder, with '/' separators
    blocks: tuple[str, ...] = ()  # blocks defined (or redefined) in this file, in order
    extends: str | None = None  # the parent template's name, when it is a constant
    references: tuple[str, ...] = ()  # templates it extends, includes or imports
    error: str = ""  # why the file does not parse, for a file that should

    @property
    def is_template(self) -> bool:
        return bool(self.blocks or self.extends or self.references) or self.name in ENTRY_TEMPLATES


@dataclass(frozen=True)
class ThemeInfo:
    name: str
    folder: Path
    files: list[TemplateFile] = field(default_factory=list)

    @property
    def shared(self) -> bool:
        return self.name == BASE

    def blocks(self, name: str) -> tuple[str, ...]:
        return next((f.blocks for f in self.files if f.name == name), ())


def folder_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (hidden ones skipped), sorted, as paths relative to it."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found.append(relative)
    return found


def describe_file(folder: Path, relative: Path) -> TemplateFile:
    """Blocks, parent and references of one file; binary files are listed without them."""
    name = relative.as_posix()
    try:
        source = (folder / relative).read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return TemplateFile(name)
    try:
        tree = PARSER.parse(source, name=name, filename=str(folder / relative))
    except TemplateSyntaxError as exc:
        return TemplateFile(name, error=f"line {exc.lineno}: {exc.message}")
    blocks = tuple(dict.fromkeys(b.name for b in tree.find_all(nodes.Block)))
    parent = tree.find(nodes.Extends)
    extends = parent.template.value if parent and isinstance(parent.template, nodes.Const) else None
    references = tuple(r for r in meta.find_referenced_templates(tree) if r is not None)
    return TemplateFile(name, blocks=blocks, extends=extends, references=references)


def describe_folder(name: str, folder: Path) -> ThemeInfo:
    return ThemeInfo(name, folder, [describe_file(folder, f) for f in folder_files(folder)])


def describe_themes() -> list[ThemeInfo]:
    """Every packaged theme, then the shared ``base`` they fall back on."""
    root = templates_root()
    infos = [describe_folder(name, root / name) for name in themes()]
    if (root / BASE).is_dir():
        infos.append(describe_folder(BASE, root / BASE))
    return infos


def check_theme(theme: str) -> None:
    if theme not in themes():
        message, hint = unknown_theme_message(theme)
        raise BriefgenError(f"{message}; {hint}")


def packaged_file(theme: str, name: str) -> Path | None:
    """Where the packaged search path (theme, base, templates root) finds ``name``."""
    root = templates_root()
    for folder in (root / theme, root / BASE, root):
        candidate = folder / name
        if candidate.is_file() and candidate.resolve().is_relative_to(root.resolve()):
            return candidate
    return None


def inherited_blocks(theme: str, file: TemplateFile) -> tuple[str, ...]:
    """Blocks ``file`` gets from the templates it extends (and does not redefine), in page order."""
    found: list[str] = []
    seen: set[str] = set()
    parent = file.extends
    while parent and parent not in seen:
        seen.add(parent)
        source = packaged_file(theme, parent)
        if source is None:
            break
        described = describe_file(source.parent, Path(source.name))
        found = [b for b in described.blocks if b not in found] + found
        parent = described.extends
    return tuple(b for b in found if b not in file.blocks)


def export_plan(theme: str) -> dict[str, Path]:
    """Name in the export -> packaged file: the theme's files plus all they reach by name."""
    check_theme(theme)
    folder = templates_root() / theme
    plan = {f.as_posix(): folder / f for f in folder_files(folder)}
    pending = [n for n in ENTRY_TEMPLATES if packaged_file(theme, n)] + list(plan)
    seen: set[str] = set()
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        seen.add(name)
        source = plan.get(name) or packaged_file(theme, name)
        if source is None:
            continue  # a missing template is reported by `templates check`, not here
        plan.setdefault(name, source)
        described = describe_file(source.parent, Path(source.name))
        pending.extend(described.references)
    return dict(sorted(plan.items()))


def export_theme(dest: Path, theme: str = "classic", *, force: bool = False) -> list[Path]:
    """Copy ``theme`` (and what it extends or includes) into ``dest`` for editing.

    Refuses a non-empty ``dest`` unless ``force``; with ``force`` the exported files are
    overwritten and any other files in ``dest`` are left alone.
    """
    plan = export_plan(theme)
    if dest.exists() and not dest.is_dir():
        raise BriefgenError(f"{dest} is a file, not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not force:
        raise BriefgenError(f"{dest} is not empty; use --force to overwrite the exported files in it")
    written = []
    for name, source in plan.items():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written
