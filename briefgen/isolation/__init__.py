"""Render work in a child process: bounded by the operating system when the templates are a
coach's, and started early to overlap the PDF engine's import when they are ours.

A coach's template folder is untrusted. The sandbox bounds what a template does inside Jinja, but
one C-level operation (laying out a 40,000-row table, an SVG of nested ``<use>``, decoding a huge
image) never returns to its checks. So whenever a coach's folder takes part, the whole render
(templates, and for a PDF the layout) runs in a forked child that limits itself before it starts
(:mod:`~briefgen.isolation.limits`): address space, CPU seconds, a wall clock (the parent kills
it), and the size of its answer. Past a limit the user gets one line naming the template, and
nothing is written. The child answers in JSON and bytes, never pickle
(:mod:`~briefgen.isolation.protocol`).

The same child serves the packaged themes' PDFs for speed: :func:`start` forks it at the start of
``briefgen render``, it imports WeasyPrint while the parent validates the brief, then lays out
the HTML the parent sends (:meth:`Child.layout`).
"""

from .limits import Limits
from .parent import Child, available, render_bounded, start

__all__ = ["Child", "Limits", "available", "render_bounded", "start"]
