"""Fitting paragraphs into frames: setting at a scale, filling column boxes, shrinking and growing."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace

from handbill.compose.content import Para
from handbill.model import Frame, Layout, Style
from handbill.text.paragraph import ParagraphSpec, SetParagraph, TextStyle, Typesetter
from handbill.text.script import language_script

# Where the baseline sits in a line's slot, as a fraction of the font size below the slot's middle.
BASELINE_BELOW_MIDDLE = 0.3


@dataclass(frozen=True)
class Box:
    """A column box: points from the trim's top-left, y down."""

    page: int
    x: float
    y: float
    width: float
    height: float
    rtl: bool
    frame: Frame


@dataclass(frozen=True)
class SetPara:
    """A paragraph set for a box width, with the style it was set in."""

    para: Para
    setting: SetParagraph
    style: Style
    indent: float
    space_after: float
    hang: float = 0.0  # a list item's label width: its lines after the first start under its text, not its label


@dataclass(frozen=True)
class LinePlacement:
    """Where one line of a set paragraph goes: its box and the top of its slot in the box."""

    box: Box
    top: float
    item: SetPara
    index: int


def frame_boxes(frame: Frame, page: int, page_width: float, rtl: bool) -> list[Box]:
    """The column boxes of a frame in reading order; a right-to-left page mirrors frame and columns."""
    x = page_width - frame.x - frame.width if rtl else frame.x
    n = frame.columns
    width = (frame.width - frame.gutter * (n - 1)) / n
    boxes = [Box(page, x + i * (width + frame.gutter), frame.y, width, frame.height, rtl, frame) for i in range(n)]
    return boxes[::-1] if rtl else boxes


def style_for(layout: Layout, name: str, lang: str, fallback: str = "body") -> Style:
    """The layout style for a paragraph, with its per-script override."""
    styles = layout.styles.get(name) or layout.styles.get(fallback) or next(iter(layout.styles.values()))
    return styles.for_script(language_script(lang))


def physical_align(align: str, page_rtl: bool) -> str:
    """A layout's start/end mapped through the page direction; justify and center unchanged."""
    if align == "start":
        return "right" if page_rtl else "left"
    if align == "end":
        return "left" if page_rtl else "right"
    return align


def set_paragraphs(setter: Typesetter, layout: Layout, paras: list[Para], scale: float, width: float,
                   page_rtl: bool, block: str) -> list[SetPara]:
    """Set each paragraph at scale times its style's size, for a column width."""
    result = []
    for para in paras:
        style = style_for(layout, para.style, para.lang)
        spec = paragraph_spec(setter, style, para, scale, page_rtl, block)
        indent = style.indent if para.indent else 0.0
        hang = _label_width(setter, spec, para, page_rtl)
        result.append(SetPara(para, typeset_cached(setter, spec, max(width - indent - hang, 1.0)), style, indent,
                              style.space_after * (spec.style.size / style.size), hang))
    return result


def _label_width(setter: Typesetter, spec: ParagraphSpec, para: Para, page_rtl: bool) -> float:
    """The width of a list item's label (``1.`` or the bullet and the space after it) when the item is set
    flush on the start side: its second and later lines then start under its text, a hanging indent as a
    list is set in print, not back under the number. 0 for other paragraphs and alignments (a centred or
    justified item keeps its lines whole).

    The item is set that much narrower and its first line, which holds the label, is moved back by it
    (compose/document.py), so the label stands out on the start side of the text's edge."""
    if not para.label or spec.align != ("right" if page_rtl else "left"):
        return 0.0
    return setter.natural_width(replace(spec, spans=para.spans[:1]))


def styled_size(style: Style, scale: float) -> float:
    """A style's size at a scale of its size, within its min_size and max_size (points, before optical size)."""
    return max(style.size * scale, style.min_size) if scale < 1 else min(style.size * scale, style.max_size)


def paragraph_spec(setter: Typesetter, style: Style, para: Para, scale: float, page_rtl: bool,
                   block: str) -> ParagraphSpec:
    """A paragraph to set at a scale of its style's size; a style sized by x-height sets each script at
    the size where it looks as large as Latin text at the style's size (text/optical.py)."""
    size = styled_size(style, scale)
    text_style = TextStyle(size, style.leading, style.bold, style.italic, style.tracking, style.uppercase,
                           style.hyphenate, style.max_gap)
    spec = ParagraphSpec(para.spans, para.lang, text_style, physical_align(style.align, page_rtl), block)
    if style.size_by == "x-height":
        spec = replace(spec, style=text_style.scaled(size * setter.optical_scale(spec)))
    return spec


_set_cache: weakref.WeakKeyDictionary[Typesetter, dict[tuple[ParagraphSpec, float], SetParagraph]] = (
    weakref.WeakKeyDictionary())
MAX_CACHED_SETTINGS = 20_000


def typeset_cached(setter: Typesetter, spec: ParagraphSpec, width: float) -> SetParagraph:
    """A paragraph set for a width, remembered per typesetter: fitting tries the same settings many
    times, and the versions of a leaflet share most of their paragraphs."""
    cache = _set_cache.setdefault(setter, {})
    key = (spec, round(width, 4))
    setting = cache.get(key)
    if setting is None:
        if len(cache) >= MAX_CACHED_SETTINGS:
            cache.clear()
        setting = cache[key] = setter.typeset(spec, width)
    return setting


MIN_LINES_AT_BREAK = 2  # widow and orphan control: lines of a paragraph kept together at a column break
# fewer lines than this stay in one column: four lines in two columns of two read badly, and two slogans side by
# side on one baseline, one of them right to left, are read by pdfium as one line in the wrong order
BALANCE_MIN_LINES = 8
KEEP_WITH_NEXT = ("lead",)  # paragraph styles that are headings (and subheadings): never last in a column


def place(items: list[SetPara], boxes: list[Box], split: bool) -> tuple[list[LinePlacement], float]:
    """Fill boxes in order; returns placements and the height of what did not fit (0 if all fits).

    With split, a paragraph may continue in the next box (statement flow), keeping at least
    MIN_LINES_AT_BREAK lines on each side of the break (no orphan at a column's foot, no widow at its
    head) and a heading with the first lines of the paragraph after it; otherwise it moves whole.
    A box too short for those rules gets what fits, so that text is never lost to them.
    """
    placements: list[LinePlacement] = []
    box_index, cursor = 0, 0.0
    for n, item in enumerate(items):
        height = item.setting.line_height
        lines = len(item.setting.lines)
        if not split:  # a whole paragraph goes to the first box with room for it; taller than every box: left over
            while box_index < len(boxes) and cursor + lines * height > boxes[box_index].height + 0.01:
                box_index, cursor = box_index + 1, 0.0
        index = 0
        while index < lines:
            while box_index < len(boxes) and cursor + height > boxes[box_index].height + 0.01:
                box_index, cursor = box_index + 1, 0.0
            if box_index >= len(boxes):
                left = (lines - index) * height + sum(len(i.setting.lines) * i.setting.line_height
                                                      for i in items[n + 1:])
                return placements, left
            take = lines - index
            if split:
                room = int((boxes[box_index].height + 0.01 - cursor) // height)
                take = _lines_here(item, items[n + 1] if n + 1 < len(items) else None, index, room,
                                   boxes[box_index].height + 0.01 - cursor, at_top=cursor == 0)
                if take == 0:
                    box_index, cursor = box_index + 1, 0.0
                    continue
            for line in range(index, index + take):
                placements.append(LinePlacement(boxes[box_index], cursor, item, line))
                cursor += height
            index += take
        cursor += item.space_after
    return placements, 0.0


def _lines_here(item: SetPara, after: SetPara | None, index: int, room: int, space: float, at_top: bool) -> int:
    """How many of a paragraph's lines from ``index`` on to put in a box with room for ``room`` lines.

    0 moves the paragraph on to the next box; a box's top takes what fits whatever the rules say.
    """
    lines = len(item.setting.lines)
    rest = lines - index
    if rest <= room:
        if after is not None and (item.para.style in KEEP_WITH_NEXT or item.para.heading) and not at_top and index == 0:
            needed = rest * item.setting.line_height + item.space_after
            needed += min(len(after.setting.lines), MIN_LINES_AT_BREAK) * after.setting.line_height
            if needed > space:
                return 0  # a heading goes with the start of the paragraph it heads
        return rest
    take = room
    if rest - take < MIN_LINES_AT_BREAK:
        take = rest - MIN_LINES_AT_BREAK  # leave at least two lines for the next column's head
    if index == 0 and take < MIN_LINES_AT_BREAK:
        take = 0  # no single first line at a column's foot
    if take <= 0:
        return room if at_top else 0
    return take


def fit(make: Callable[[float], list[SetPara]], boxes: list[Box], frame: Frame, min_scale: float,
        max_scale: float, split: bool) -> tuple[list[LinePlacement], float, float]:
    """Find the scale to set a block at: 1 if it fits, smaller (shrink, balance) or larger (grow, and
    balance when a style's max_size allows) as the frame allows; with ``balance``, and ``grow`` in
    several columns, the columns are then made as even as the paragraphs allow. Type never grows so
    large that a word must be cut to fit a line.

    Returns placements, the scale used, and the height left over (0 when everything fits).
    """
    made: dict[float, list[SetPara]] = {}

    def attempt(scale: float, within: list[Box] = boxes) -> tuple[list[LinePlacement], float]:
        items = made.get(scale)
        if items is None:
            items = made[scale] = make(scale)
        placements, left = place(items, within, split)
        if not left and frame.max_lines and any(len(i.setting.lines) > frame.max_lines for i in items):
            left = sum(max(0, len(i.setting.lines) - frame.max_lines) * i.setting.line_height for i in items)
        if not left and frame.fit == "grow" and scale > min_scale and any(i.setting.cut_words for i in items):
            left = max(i.setting.line_height for i in items)  # a poster line cuts no word: smaller type
        return placements, left

    placements, left = attempt(1.0)
    scale = 1.0
    if not left and frame.fit in ("grow", "balance") and max_scale > 1.0:
        low, high, best = 1.0, max_scale, placements
        for _ in range(12):
            middle = (low + high) / 2
            trial, trial_left = attempt(middle)
            if trial_left:
                high = middle
            else:
                low, best = middle, trial
        if frame.fit == "grow" and len(boxes) == 1:
            return best, low, 0.0
        placements, scale = best, low
    if left and frame.fit in ("shrink", "grow", "balance"):
        while left and scale > min_scale:
            scale = max(min_scale, scale * 0.96)
            placements, left = attempt(scale)
    if not left and frame.fit in ("balance", "grow") and len(boxes) > 1 and placements:
        # a block's columns are made even; a flow (statement) evens the columns of the frame it ends in.
        # A block that grows in several columns is evened too: at its largest size a poster's band of
        # slogans fitted in the first column and left the second one empty
        which = set(range(len(boxes)))
        if split:
            last = placements[-1].box
            which = {i for i, box in enumerate(boxes) if box.page == last.page and box.frame is last.frame}
        if len(which) > 1 and sum(1 for p in placements if p.box in {boxes[i] for i in which}) >= BALANCE_MIN_LINES:
            placements = _balanced(lambda within: attempt(scale, within), boxes, placements, which)
    return placements, scale, left


def _balanced(attempt: Callable[[list[Box]], tuple[list[LinePlacement], float]], boxes: list[Box],
              placements: list[LinePlacement], which: set[int]) -> list[LinePlacement]:
    """The placements with the shortest height for the boxes in ``which`` that still holds everything.

    Boxes after the last of ``which`` are left out while searching, so that balancing never pushes the
    text on into later frames (a short statement stays on the front page).
    """
    low, high, best = 0.0, max(boxes[i].height for i in which), placements
    last = max(which)
    for _ in range(14):
        middle = (low + high) / 2
        trial, left = attempt([replace(box, height=middle) if i in which else box
                               for i, box in enumerate(boxes[:last + 1])])
        if left:
            low = middle
        else:
            high, best = middle, trial
    return best


def baseline_in_slot(size: float, leading: float) -> float:
    """Distance from a line slot's top to its baseline."""
    return size * leading / 2 + size * BASELINE_BELOW_MIDDLE
