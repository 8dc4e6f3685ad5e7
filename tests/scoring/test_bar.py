"""The Scale-and-Ship bar, judged in one place: the verdict and the words it carries."""

from __future__ import annotations

import pytest

from briefgen.scoring.bar import judge

from ..language.test_language import HALLUCINATION, project, thresholds

VERDICTS = [
    pytest.param({"requests": "13M", "days": 14, "regression": "1.7%"}, {}, True, (), id="seed-13M"),
    pytest.param({"requests": "10M", "regression": "1.99%"}, {}, True, (), id="exact-10M-and-1.99"),
    pytest.param({"requests": "10,000,000", "regression": "0%"}, {}, True, (), id="10M-written-out"),
    pytest.param({"requests": "12M", "regression": "2%"}, {}, False,
                 ("regression of 2% sits exactly at the 2% limit (it must be below it)",),
                 id="regression-exactly-2-fails"),
    pytest.param({"requests": "12M", "regression": "2.4%"}, {}, False,
                 ("regression of 2.4% is 0.4 pp over the 2% limit",), id="regression-over"),
    pytest.param({"requests": "9,999,999", "regression": "1%"}, {}, False,
                 ("1 request short of 10M",), id="one-request-short"),
    pytest.param({"requests": "2.4M", "regression": "1.2%"}, {}, False,
                 ("7.6M requests short of 10M",), id="prototype"),
    pytest.param({"requests": "6.5M", "regression": "2.25%"}, {}, False,
                 ("3.5M requests short of 10M", "regression of 2.25% is 0.25 pp over the 2% limit"),
                 id="both-short"),
    pytest.param({"requests": "13M"}, {}, False, ("no regression rate given",), id="no-regression"),
    pytest.param({"regression": "1%"}, {}, False, ("no request count given",), id="no-requests"),
    pytest.param(None, {}, False, ("no request count or regression rate given",), id="no-scale"),
    pytest.param({"requests": "6M", "regression": "0.9%"},
                 {"min_requests": "5M", "max_regression": "1%"}, True, (), id="custom-bar-met"),
    pytest.param({"requests": "6M", "regression": "1%"},
                 {"min_requests": "5M", "max_regression": "1%"}, False,
                 ("regression of 1% sits exactly at the 1% limit (it must be below it)",),
                 id="custom-bar-edge"),
    pytest.param({"requests": "40M", "regression": "0.6%"},
                 {"min_requests": "50M", "max_regression": "0.5%"}, False,
                 ("10M requests short of 50M", "regression of 0.6% is 0.1 pp over the 0.5% limit"),
                 id="stricter-bar"),
]


@pytest.mark.parametrize(("scale", "bar", "meets", "shortfalls"), VERDICTS)
def test_the_bar(scale, bar, meets, shortfalls):
    p = project(HALLUCINATION, scale=scale) if scale is not None else project(HALLUCINATION)
    verdict = judge(p.scale, thresholds(**bar))
    assert verdict.meets_bar is meets
    assert verdict.shortfalls == shortfalls
    assert verdict.label == ("Meets the bar" if meets else "Below the bar")
    assert verdict.bar in verdict.sentence


def test_the_verdict_says_itself():
    shipped = project(HALLUCINATION, scale={"requests": "13M", "regression": "1.7%"})
    met = judge(shipped.scale, thresholds())
    assert met.sentence == ("Meets the Scale-and-Ship bar (at least 10M requests with under 2% "
                            "regression).")
    below = judge(project(HALLUCINATION, scale={"requests": "2.4M",
                                                                 "regression": "1.2%"}).scale,
                                   thresholds())
    assert below.sentence == ("Below the Scale-and-Ship bar (at least 10M requests with under 2% "
                              "regression): 7.6M requests short of 10M.")


def test_the_bar_text_is_the_thresholds_as_written():
    """One judge, one text: 1.999% stays 1.999% in the bar, the shortfall and the check."""
    p = project(HALLUCINATION, scale={"requests": "13M", "regression": "2.5%"})
    verdict = judge(p.scale, thresholds(max_regression="1.999%"))
    assert verdict.bar == "at least 10M requests with under 1.999% regression"
    assert verdict.shortfalls == ("regression of 2.5% is 0.501 pp over the 1.999% limit",)
    assert verdict.evidence == "13M requests with 2.5% regression"
