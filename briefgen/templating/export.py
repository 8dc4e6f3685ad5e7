"""What each packaged theme holds (files, blocks, parents), and exporting one for a coach to edit.

Blocks are read with Jinja's own parser, so what ``briefgen templates list`` shows is exactly
what a coach's ``{% block %}`` can replace. An export copies a theme plus everything it reaches
through ``extends``/``include``/``import`` under the same names, so the exported folder renders
on its own and every file in it can be edited.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from ..errors import BriefgenError
from ..output import write_atomic
from ..themes import BASE, THEME_FILE, templates_root, theme_names, unknown_theme
from .environment import HTML_TEMPLATE, MARKDOWN_TEMPLATE

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
    infos = [describe_folder(name, root / name) for name in theme_names()]
    if (root / BASE).is_dir():
        infos.append(describe_folder(BASE, root / BASE))
    return infos


def check_theme(theme: str) -> None:
    if theme not in theme_names():
        message, hint = unknown_theme(theme)
        raise BriefgenError(f"--theme: {message} ({hint})")


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
    # theme.yaml describes the packaged theme to briefgen; a coach's folder has no use for it.
    plan = {f.as_posix(): folder / f for f in folder_files(folder) if f.as_posix() != THEME_FILE}
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
    replaced and any other files in ``dest`` are left alone. A file is replaced, never written
    through: a symbolic link at an exported name is replaced by the file, not followed out of the
    folder, and a sub-folder that links out of ``dest`` is refused.
    """
    plan = export_plan(theme)
    try:
        if dest.exists() and not dest.is_dir():
            raise BriefgenError(f"{dest} is a file, not a folder")
        if dest.is_dir() and any(dest.iterdir()) and not force:
            raise BriefgenError(f"{dest} is not empty; use --force to overwrite the exported "
                                "files in it")
        dest.mkdir(parents=True, exist_ok=True)
        root = dest.resolve(strict=True)
    except OSError as exc:
        raise BriefgenError(f"cannot export into {dest}: {exc.strerror or exc}") from None
    written = []
    for name, source in plan.items():
        target = dest / name
        _make_folder(target.parent, root, dest)
        if target.is_dir() and not target.is_symlink():
            raise BriefgenError(f"{target} is a folder; the export needs a file there")
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise BriefgenError(f"{target} is not a regular file; the export will not replace it")
        write_atomic(target, source.read_bytes())  # renames over a link: never writes through it
        written.append(target)
    return written


def _make_folder(folder: Path, root: Path, dest: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        inside = folder.resolve(strict=True).is_relative_to(root)
    except OSError as exc:
        raise BriefgenError(f"cannot export into {folder}: {exc.strerror or exc}") from None
    if not inside:
        raise BriefgenError(f"{folder} links out of {dest}; the export writes only inside it")
