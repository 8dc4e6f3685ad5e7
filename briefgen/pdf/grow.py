"""Growing short content to use the page: larger type, then spare height spread out.

A brief that fits with height to spare grows (:func:`grow`): the type up to ``MAX_BODY_PT`` of
body text, in one layout guessed from the first one (two when the guess overshoots), then the
height still spare is shared out in units of ``--spread`` that the theme places between the parts
of each story and between projects, by one more layout (margins do not rewrap, so its height is
known before it is made; a second one when the template has more or fewer units than estimated).
When the type stops at its limit well short of the page (a brief of one or two short projects),
the spacing is laid out with it in the same layout (:func:`_at_ceiling`).

Pure arithmetic over what layouts say, like the shrinking search of
:mod:`~briefgen.pdf.fit`, and tested the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .fit import HEIGHT_MARGIN, MIN_GAIN, Layouts, Measure, Trial, interpolate

# Growing short content: body text up to about 11.5 pt (a designer's limit for a page read at arm's
# length), only when the page is less than GROW_BELOW full, and spare height spread only when it
# is more than SPREAD_ABOVE of the page.
MAX_BODY_PT = 11.5
GROW_BELOW = 0.97
SPREAD_ABOVE = 0.02  # below ~5 mm of air a layout more is not worth it
# The spare height is shared out in units of --spread, placed by the theme: between the parts of
# each story, under each band, two between projects (TEMPLATES.md). One unit is at most MAX_UNIT
# of the page, about two lines of body text: wider, a story falls apart into separate notes, and
# a hole between projects reads as a missing project. Spread evenly, the air reads as a more
# generous setting rather than as something left out.
MAX_UNIT = 0.02
# Growing costs at most this many layouts after the first (type and a retry, spacing and a retry
# when the template has more or fewer units than estimated):
GROW_LAYOUTS = 4


def largest_fit(body_pt: float) -> float:
    """The largest fit: the one that sets the body text at ``MAX_BODY_PT`` (never below 1)."""
    if body_pt <= 0:
        return 1.0
    return max(1.0, math.floor(MAX_BODY_PT / body_pt * 1000) / 1000)


def spread_units(story_parts: Sequence[int]) -> int:
    """How many units of ``--spread`` the packaged themes place in a brief whose projects' stories
    have ``story_parts`` parts: one between each two parts and one under each band, two between
    projects, and one above a project that is alone (it has no neighbour to part it from)."""
    if not story_parts:
        return 0
    return sum(story_parts) + 2 * (len(story_parts) - 1) + (1 if len(story_parts) == 1 else 0)


def grow(layouts: Layouts, available: float, ceiling: float, fitting: Trial, units: int) -> Trial:
    """A layout of short content that uses the page: ``fitting`` (one page at its fit) with larger
    type, up to ``ceiling``, then with the height still spare spread over about ``units`` units
    (:func:`spread`). Returns ``fitting`` itself when nothing better fits; never costs more than
    ``GROW_LAYOUTS`` layouts."""
    target = available * (1 - HEIGHT_MARGIN)
    start = layouts.count
    best = fitting
    probe: Trial | None = None  # a layout with spacing at the ceiling that overflowed
    if fitting.content_px <= 0 or fitting.content_px >= target * GROW_BELOW:
        return best
    wanted = grow_guess(fitting.fit, fitting.content_px, target, layouts.rewrap_share(fitting))
    guess = min(ceiling, wanted)
    if guess >= fitting.fit + MIN_GAIN:
        if wanted > ceiling:  # the type stops at its limit short of the page: spacing too, at once
            done, probe = _at_ceiling(layouts, available, fitting, guess, units)
            if done is not None:
                return done
        trial = layouts.layout(guess)
        if trial.fits:
            best = trial
        else:  # the prose rewrapped to more lines than the guess allowed: the law through both
            probe = None  # it was made at this fit, which is now left
            low = Measure(fitting.fit, fitting.content_px)
            fit = interpolate(low, Measure(guess, trial.flow_px or target * 1.01), target)
            fit = min(fit, guess - 0.001)
            if fit >= fitting.fit + MIN_GAIN:
                trial = layouts.layout(fit)
                best = trial if trial.fits else best
    return spread(layouts, available, best, units, probe=probe,
                  budget=GROW_LAYOUTS - (layouts.count - start))


def _at_ceiling(layouts: Layouts, available: float, fitting: Trial, ceiling: float,
                units: int) -> tuple[Trial | None, Trial | None]:
    """Type at ``ceiling`` and the spacing in one layout, saving the layout of the type alone.

    The height at the ceiling is predicted as if every line rewrapped (the square of the fit,
    more than text grows but for a paragraph gaining a line), so the spacing errs small; when it
    left more air than a layout is worth, one more shares it out over ``units`` (and, when the
    template has fewer, a third by the count the two measured: three layouts, as the type alone
    and :func:`spread` would have taken). Returns the
    layout to keep, or (None, the layout that overflowed) for :func:`spread` to count the units
    from, or (None, None) when the prediction leaves too little to spread."""
    target = available * (1 - HEIGHT_MARGIN)
    cap = available * MAX_UNIT
    predicted = fitting.content_px * (ceiling / fitting.fit) ** 2
    if units < 1 or target - predicted <= available * SPREAD_ABOVE:
        return None, None
    gap = _tenth(min((target - predicted) / units, cap))
    if gap <= 0:
        return None, None
    trial = layouts.layout(ceiling, spread=gap)
    if not trial.fits:
        return None, trial
    left = target - trial.content_px
    if gap >= cap - 0.1 or left <= available * SPREAD_ABOVE:
        return trial, None
    # Share the air left over the estimated units, erring low by a tenth of a unit; if the
    # template has fewer, the two layouts' difference counts them and one more shares it exactly.
    better = _tenth(min(gap + left / (units + 0.1), cap))
    retry = layouts.layout(ceiling, spread=better)
    if not retry.fits or better <= gap:
        return (retry if retry.fits else trial), None
    left = target - retry.content_px
    placed = (retry.content_px - trial.content_px) / (better - gap)
    if better >= cap - 0.1 or left <= available * SPREAD_ABOVE or placed < 0.5:
        return retry, None
    exact = _tenth(min(better + left / (placed + 0.1), cap))
    final = layouts.layout(ceiling, spread=exact) if exact > better else retry
    return (final if final.fits else retry), None


def spread(layouts: Layouts, available: float, fitting: Trial, units: int, *,
           probe: Trial | None = None, budget: int = 2) -> Trial:
    """``fitting`` laid out again with the height it leaves spare shared out in units of
    ``--spread`` (``fitting`` itself when that is too little to matter or does not fit), in at
    most ``budget`` layouts.

    ``units`` is how many the packaged themes place in this brief; a coach's template may place
    more or fewer. Margins do not rewrap, so the first layout tells how many there really are (its
    growth over one unit) and, when that was off, a second one shares the height out exactly.
    ``probe``: such a first layout, already made at ``fitting``'s fit (it overflowed)."""
    target = available * (1 - HEIGHT_MARGIN)
    spare = target - fitting.content_px
    if units < 1 or fitting.content_px <= 0 or spare <= available * SPREAD_ABOVE:
        return fitting
    cap = available * MAX_UNIT
    if probe is not None and probe.fit == fitting.fit and probe.spread > 0:
        trial, gap = probe, probe.spread
    else:
        gap = _tenth(min(spare / units, cap))
        if gap <= 0 or budget < 1:
            return fitting
        trial = layouts.layout(fitting.fit, spread=gap)
        budget -= 1
    grown = (trial.content_px if trial.fits else trial.flow_px) - fitting.content_px
    placed = grown / gap  # the units the template really has
    if placed < 0.5:
        return fitting  # the template does not use --spread: the air stays where it was
    if trial.fits and (gap >= cap - 0.1 or target - trial.content_px <= available * SPREAD_ABOVE):
        return trial
    # More units than estimated (it overflowed) or fewer (air is left): share out what is spare
    # by the measured count, erring low by a tenth of a unit. Measured on pages that overflowed,
    # the count errs low (margins at a page break are dropped, a line moved whole leaves a gap
    # the sum leaves out): count 15% and one unit more.
    counted = placed + 0.1 if trial.fits else placed * 1.15 + 1
    better = _tenth(min(spare / counted, cap))
    if (trial.fits and better <= gap) or budget < 1:
        return trial if trial.fits else fitting
    retry = layouts.layout(fitting.fit, spread=better)
    if retry.fits:
        return retry
    return trial if trial.fits else fitting


def _tenth(px: float) -> float:
    return math.floor(px * 10) / 10


def grow_guess(fit: float, content_px: float, target_px: float, rewrap: float) -> float:
    """The fit at which content ``content_px`` tall at ``fit`` should need ``target_px``, rounded
    down. Growing, prose gains lines as well as line height, so its share (``rewrap``) is counted
    as growing with the square of the fit in full (a paragraph's last line may already be
    full): the guess errs low."""
    ratio = target_px / content_px
    b = min(1.0, max(0.0, rewrap))
    a = 1 - b
    scale = (-a + math.sqrt(a * a + 4 * b * ratio)) / (2 * b) if b > 0 else ratio
    return math.floor(fit * scale * 1000) / 1000
