"""Figures at any magnitude the contract accepts go through every output and the check without
a crash, and no figure that is not zero is printed as one."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.errors import BriefgenError
from briefgen.pipeline import prepare, render_bytes
from briefgen.scoring.json_report import to_json
from briefgen.scoring.rules import score_brief

from ..conftest import pdf_text

MAGNITUDES = st.sampled_from([1e-12, 1e-10, 3.3e-7, 0.004, 0.5, 1, 7, 99.999, 1e3, 12.5e6, 1e12,
                              9.99e14, 1e15, 3.7e17, 1e18])
SIGNS = st.sampled_from([1, -1])


def written(value: float) -> str:
    """``value`` in plain digits, the way a brief writes a figure (1e18 -> 1000000000000000000)."""
    return format(Decimal(repr(float(value))), "f")


def brief(tmp_path: Path, baseline: float, result: float, change: float, money: float,
          requests: float, better: str) -> Path:
    data = {
        "candidate": {"name": "Extreme Figures"},
        "projects": [{
            "title": "A very large or very small effect",
            "technique": "knowledge distillation",
            "metric": {"name": "throughput", "baseline": written(baseline),
                       "result": written(result), "better": better},
            "outcomes": [{"metric": "queue length", "change": written(change)},
                         {"savings": f"${written(abs(money))}", "per": "quarter"}],
            "scale": {"requests": written(requests), "regression": "0.0000000001%"},
        }],
    }
    path = tmp_path / "extreme.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(baseline=MAGNITUDES, result=MAGNITUDES, change=MAGNITUDES, sign=SIGNS, money=MAGNITUDES,
       requests=MAGNITUDES, better=st.sampled_from(["higher", "lower"]))
def test_any_magnitude_renders_and_scores(tmp_path, baseline, result, change, sign, money, requests,
                                          better):
    path = brief(tmp_path, baseline, result, sign * change, money, requests, better)
    try:
        prepared = prepare(path)
    except BriefgenError as exc:  # refused as input: only ever a located, readable problem
        assert "extreme.yaml:" in str(exc)
        return
    for fmt in ("md", "html"):
        text = render_bytes(prepared, fmt).decode("utf-8")
        assert "Traceback" not in text
    notes = render_bytes(prepared, "md").decode("utf-8")
    # A figure that is not zero never reads as one ("from 0 to 3"): tiny ones keep two digits.
    assert not re.search(r"from -?0 to", notes) or baseline == 0
    report = to_json(score_brief(prepared.brief))
    assert 0 <= report["score"] <= 100


def test_the_extremes_lay_out_on_one_page(tmp_path):
    path = brief(tmp_path, 1e-10, 1e18, 1e18, 1e18, 1e18, "higher")
    data = render_bytes(prepare(path), "pdf")
    text = pdf_text(data)
    assert "1e-10" in text and "1e18" in text
