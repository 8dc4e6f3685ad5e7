"""Pure sentence builders: numbers in, the sentence a strong candidate would say out.

Nothing here touches files, templates or the network; every function is deterministic so the
Markdown, HTML and PDF show the same words and tests can pin them. One module per kind of
sentence: ``change`` (how a metric moved), ``triad`` (baseline -> result -> outcome), ``scale``
(Scale-and-Ship evidence), ``story`` (STAR-L), ``pitch`` (bullet, script, contrast line), and
``words`` (the bits of English grammar they share), and ``numbers`` (every figure, formatted).
"""

from __future__ import annotations

from .change import MetricChange, metric_change, relative_change, spoken_change
from .english import technique_phrase
from .pitch import contrast_line, resume_bullet, spoken_script
from .scale import brief_evidence_line, brief_scale_line, scale_clauses, scale_sentence
from .story import STAR_LABELS, leadership_text, star_parts
from .triad import (
    cost_phrase,
    key_outcomes,
    outcome_clause,
    outcome_clause_parts,
    outcome_line,
    triad_for,
    triad_sentence,
)
from .words import (
    Clause,
    capitalise,
    clean_note,
    is_model_metric,
    join_clauses,
    principles_spoken,
    principles_written,
)

__all__ = [
    "STAR_LABELS",
    "Clause",
    "MetricChange",
    "brief_evidence_line",
    "brief_scale_line",
    "capitalise",
    "clean_note",
    "contrast_line",
    "cost_phrase",
    "is_model_metric",
    "join_clauses",
    "key_outcomes",
    "leadership_text",
    "metric_change",
    "outcome_clause",
    "outcome_clause_parts",
    "outcome_line",
    "principles_spoken",
    "principles_written",
    "relative_change",
    "resume_bullet",
    "scale_clauses",
    "scale_sentence",
    "spoken_change",
    "spoken_script",
    "star_parts",
    "technique_phrase",
    "triad_for",
    "triad_sentence",
]
