"""Sizes matched across a leaflet's versions: a ``grow`` frame (a poster's hero) looks equally large in
every language of the leaflet, as large as the frame allows.

Each version's text is grown as far as the frame (and the style's max_size) allows; the versions are then
set at one optical height (x-height, or letter body for Arabic: text/optical.py), the largest that all of
them reach. A version that cannot reach MATCH_FLOOR of the median stays at the largest size it fits and
does not pull the others down: one long slogan makes its own poster smaller, not every poster. Every
version is computed from all of the leaflet's versions of the layout, so a poster comes out the same
whether it is built alone (``--lang ar``) or with the others.
"""

from __future__ import annotations

import statistics
import weakref
from collections.abc import Callable, Mapping
from dataclasses import replace

from handbill.compose.content import Para, block_paragraphs
from handbill.compose.fit import Box, SetPara, fit, paragraph_spec, set_paragraphs, style_for
from handbill.compose.plan import Job, version_languages
from handbill.errors import HandbillError
from handbill.model import Frame
from handbill.text.paragraph import Typesetter

MATCH_FLOOR = 0.85  # a version reaching less than this of the median height is set on its own, smaller


def block_height(setter: Typesetter, job: Job, paras: list[Para], scale: float, block: str) -> float:
    """The optical height (points) of a block's largest paragraph set at a scale of its styles' sizes."""
    heights = []
    for para in paras:
        style = style_for(job.layout, para.style, para.lang)
        heights.append(setter.optical_height(paragraph_spec(setter, style, para, scale, False, block)))
    return max(heights, default=0.0)


def _largest(setter: Typesetter, job: Job, frame: Frame, boxes: list[Box], paras: list[Para]) -> float | None:
    """The largest scale at which a version's block fits the frame; None when it fits at no allowed size."""
    styles = [style_for(job.layout, p.style, p.lang) for p in paras]
    min_scale = min(s.min_size / s.size for s in styles)
    max_scale = max(s.max_size / s.size for s in styles)

    def make(scale: float) -> list[SetPara]:
        return set_paragraphs(setter, job.layout, paras, scale, boxes[0].width, False, frame.block)

    _, scale, left = fit(make, boxes, frame, min_scale, max_scale, split=False)
    return None if left > 0.01 else scale


# version_heights per typesetter, by (leaflet, layout, screen, frame, boxes, stretched heights): every job of a
# layout asks for the same versions' heights, so a process computes them once, not once per job (46 versions
# of the published UDHR: 3.7 s of each of their 138 jobs went here)
_HEIGHTS: weakref.WeakKeyDictionary[Typesetter, dict[tuple[object, ...], dict[str, tuple[float, float]]]] = \
    weakref.WeakKeyDictionary()
_HEIGHTS_KEPT = 32  # per typesetter; a long-running server sees many edits of one leaflet


def version_heights(setter: Typesetter, job: Job, frame: Frame, boxes: list[Box],
                    stretched: Mapping[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Per version language of the job's layout: (largest scale that fits, optical height there); with
    ``stretched``, each version in boxes as tall as its own stretched frame (compose/stack.py)."""
    kept = _HEIGHTS.setdefault(setter, {})
    key = _key(job, frame, boxes, stretched)
    try:
        hash(key)
    except TypeError:  # a layout built in code with plain dicts in it: nothing to key by
        return _version_heights(setter, job, frame, boxes, stretched)
    if key not in kept:
        if len(kept) >= _HEIGHTS_KEPT:
            kept.clear()
        kept[key] = _version_heights(setter, job, frame, boxes, stretched)
    return dict(kept[key])


def _key(job: Job, frame: Frame, boxes: list[Box], stretched: Mapping[str, float] | None) -> tuple[object, ...]:
    """What the versions' heights depend on. A stretched frame's own height and its boxes' heights differ
    from version to version and are not used (each version's box height comes from ``stretched``), so
    every job of the layout finds the same entry; the stretched heights themselves are part of the key."""
    if stretched is None:
        return (job.leaflet, job.layout, job.screen, frame, tuple((b.width, b.height) for b in boxes), None)
    return (job.leaflet, job.layout, job.screen, replace(frame, y=0.0, height=0.0),
            tuple(b.width for b in boxes), tuple(sorted(stretched.items())))


def _version_heights(setter: Typesetter, job: Job, frame: Frame, boxes: list[Box],
                     stretched: Mapping[str, float] | None) -> dict[str, tuple[float, float]]:
    result = {}
    for lang in version_languages(job.leaflet, job.layout):
        own = boxes
        if stretched is not None:
            if lang not in stretched:
                continue  # cannot be set: fails in its own job
            own = [replace(box, height=stretched[lang]) for box in boxes]
        paras = block_paragraphs(frame.block, frame.style, job.leaflet, lang)
        if not paras:
            continue
        other = Job(job.leaflet, job.layout, lang, job.screen)
        try:
            scale = _largest(setter, other, frame, own, paras)
            if scale is not None:
                result[lang] = (scale, block_height(setter, other, paras, scale, frame.block))
        except HandbillError:
            continue  # a version that cannot be set (a missing glyph) fails in its own job, not in this one
    return result


def matched_target(heights: list[float]) -> float:
    """The common optical height: the smallest height among versions that reach MATCH_FLOOR of the median."""
    median = statistics.median(heights)
    return min(h for h in heights if h >= MATCH_FLOOR * median)


def matched_scale(setter: Typesetter, job: Job, frame: Frame, boxes: list[Box],
                  stretched: Mapping[str, float] | None = None) -> float | None:
    """The scale to set the job's grow frame at so that it looks as large as in the leaflet's other versions;
    None when there is nothing to match (one version, or this one fits nowhere). ``stretched``: the frame's
    box height in each version when it is stretched in a stack, each version different."""
    found = version_heights(setter, job, frame, boxes, stretched)
    if len(found) < 2 or job.lang not in found:
        return None
    target = matched_target([h for _, h in found.values()])
    scale, height = found[job.lang]
    if height <= target:
        return scale
    paras = block_paragraphs(frame.block, frame.style, job.leaflet, job.lang)
    low = min(s.min_size / s.size for s in (style_for(job.layout, p.style, p.lang) for p in paras))
    return _scale_for(lambda s: block_height(setter, job, paras, s, frame.block), target, low, scale)


def _scale_for(height_at: Callable[[float], float], target: float, low: float, high: float) -> float:
    """The largest scale in [low, high] whose height is at most ``target`` (heights rise with the scale)."""
    for _ in range(40):
        middle = (low + high) / 2
        if height_at(middle) <= target:
            low = middle
        else:
            high = middle
    return low
