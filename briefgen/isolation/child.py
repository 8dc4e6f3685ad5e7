"""The child's side: wait for one job, apply the limits, render, answer, exit.

It answers with a small JSON header and the document's bytes, never with a pickle: a process
that ran a hostile template is not trusted to hand the parent objects to rebuild.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import select
import signal
import socket
import traceback
from typing import TYPE_CHECKING, Any

from ..errors import BriefgenError, FitError, TemplateError
from .limits import ResourceLimit, apply_limits, fired, limit_message, room_to_answer
from .protocol import Gone, receive_job, send_answer

if TYPE_CHECKING:
    from ..pdf.spec import PdfResult
    from ..renderer import RenderJob
    from .limits import Limits

Answer = tuple[dict[str, Any], bytes]


def child_main(sock: socket.socket, preload: bool) -> None:
    """The child: wait for one job, do it, answer, exit without unwinding into the parent's stack."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        if preload:
            from ..pdf.warm import warm
            from ..renderer import default_renderer

            # Import WeasyPrint now, then use the wait for the HTML to warm the default theme.
            warm(default_renderer().engine, lambda: _readable(sock))
        message = receive_job(sock)
        serve = _layout if message[0] == "layout" else _render
        send_answer(sock, *serve(*message[1:]))
    except (Gone, BrokenPipeError, ConnectionResetError):
        pass  # the parent gave up: nothing to answer
    except BaseException:  # noqa: BLE001 - reported to the parent, which shows it as a bug
        code = 1
        with contextlib.suppress(OSError):
            send_answer(sock, {"kind": "bug", "traceback": traceback.format_exc()}, b"")
    finally:
        # Never unwind into the parent's copy of the stack, flush its buffers or run its atexit.
        os._exit(code)


def _readable(sock: socket.socket) -> bool:
    """Whether the parent has sent something (the job) or gone."""
    return bool(select.select([sock], [], [], 0)[0])


def _layout(html: str, pdf_job: Any) -> Answer:
    """A packaged theme's HTML, laid out: no limits (the markup is ours), the usual answers."""
    from ..renderer import default_renderer

    try:
        return _done(default_renderer().engine.write_pdf(html, pdf_job))
    except BriefgenError as exc:
        return _error(exc)


def _render(job: RenderJob, limits: Limits) -> Answer:
    """A coach's render, templates and layout, under ``limits``."""
    from ..renderer import default_renderer
    from ..templating.environment import template_frame

    renderer = default_renderer()
    phase = "rendering the templates"
    try:
        apply_limits(limits, job.fmt)
        if job.fmt != "pdf":
            answer: Answer = ({"kind": "done"}, renderer.render(job))
        else:
            html = renderer.html_for_pdf(job)
            phase = "laying out the PDF"
            answer = _done(renderer.pdf(job, html))
        if what := fired():  # a limit whose exception some library swallowed: no result
            return ({"kind": "template", "message": limit_message(what, limits, job.fmt, phase),
                     "file": job.template, "line": None}, b"")
        return answer
    except BriefgenError as exc:
        return _error(exc)
    except (MemoryError, ResourceLimit) as exc:
        room_to_answer()
        what = "memory" if isinstance(exc, MemoryError) else str(exc)
        file, line = template_frame(exc)
        return ({"kind": "template", "message": limit_message(what, limits, job.fmt, phase),
                 "file": file or job.template, "line": line}, b"")


def _error(exc: BriefgenError) -> Answer:
    if isinstance(exc, FitError):
        return {"kind": "fit", "report": dataclasses.asdict(exc.report)}, b""
    if isinstance(exc, TemplateError):
        answer: dict[str, Any] = {"kind": "template", "message": exc.message, "file": exc.template,
                                  "line": exc.line}
        findings = getattr(exc, "findings", None)  # the HTML policy's, one per problem
        if findings:
            answer["findings"] = [dataclasses.asdict(f) for f in findings]
        return answer, b""
    return {"kind": "render", "message": exc.message}, b""


def _done(result: PdfResult) -> Answer:
    return ({"kind": "done", "pdf": {"fit": result.fit, "pages": result.pages,
                                     "layouts": result.layouts, "refused": list(result.refused),
                                     "undrawn": [dataclasses.asdict(u) for u in result.undrawn],
                                     "spread": result.spread, "left_out": list(result.left_out)}},
            result.data)
