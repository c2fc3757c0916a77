"""Composing one job (leaflet x layout x language) into pages of placed lines and filled areas."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace
from typing import TypeVar

from handbill.compose.content import Para, block_paragraphs, leaflet_line, statement_paragraphs
from handbill.compose.fit import (
    Box,
    LinePlacement,
    baseline_in_slot,
    fit,
    frame_boxes,
    set_paragraphs,
    style_for,
)
from handbill.compose.glyphs import all_missing
from handbill.compose.images import PICTURE_BLOCKS, place_graphic
from handbill.compose.marks import print_settings, sheet_slugs
from handbill.compose.match import matched_scale
from handbill.compose.overflow import overflow_error
from handbill.compose.plan import Job, version_languages
from handbill.compose.stack import Stacked, shifts, stretched
from handbill.errors import HandbillError, MissingGlyphError, TextOverflowError
from handbill.frozen import FrozenMap
from handbill.load.dates import creation_time
from handbill.model import (
    ComposedDocument,
    ComposedPage,
    FilledRect,
    Frame,
    Layout,
    Notice,
    PlacedCode,
    PlacedImage,
    PlacedLine,
    TextTag,
)
from handbill.text.paragraph import Typesetter
from handbill.text.script import is_rtl_text


@dataclass
class _PageItems:
    rects: list[FilledRect | PlacedImage | PlacedCode]  # drawn under the text, in order
    lines: list[PlacedLine]


def compose(job: Job, setter: Typesetter) -> ComposedDocument:
    """Lay out every block of the job's layout; raise TextOverflowError for text that cannot fit.

    A layout with ``long_pages`` (the A4 flyer) sets the version on its ``pages`` when the statement
    fits them at its styles' sizes or larger (a short statement on one side), else on ``long_pages``
    (front and back).
    """
    try:
        return _compose_version(job, setter)
    except MissingGlyphError as exc:  # every character of the version that no font has, in one message
        raise all_missing(job, setter, exc) from None


def _compose_version(job: Job, setter: Typesetter) -> ComposedDocument:
    layout = job.layout
    if not layout.long_pages:
        return _compose(job, layout, setter)
    try:
        return _compose(job, layout, setter, shrink_flow=False)
    except TextOverflowError:
        return _compose(job, replace(layout, pages=layout.long_pages, long_pages=()), setter)


def _compose(job: Job, layout: Layout, setter: Typesetter, shrink_flow: bool = True) -> ComposedDocument:
    """The job composed on the layout's pages (or its long pages), the statement shrunk only if allowed."""
    leaflet, lang = job.leaflet, job.lang
    job = replace(job, layout=layout)
    rtl = layout.mirror_rtl and is_rtl_text(_version_text(job), lang)
    pages = [_new_page(layout) for _ in layout.pages]
    flow_boxes: list[Box] = []
    flow_rank = 0
    notices: list[Notice] = []
    left_out: dict[int, Notice] = {}  # by frame rank: a stretched frame set again replaces its first notice
    has_lead_frame = any(f.block == "lead" for p in layout.pages for f in p.frames)
    for page_index, template in enumerate(layout.pages):
        for frame_index, frame in enumerate(template.frames):
            rank = page_index * MAX_FRAMES_PER_PAGE + frame_index  # frames are read in the layout's order
            if frame.block == "statement":
                flow_rank = flow_rank if flow_boxes else rank
                flow_boxes.extend(frame_boxes(frame, page_index, layout.width, rtl))
            elif not frame.stack:
                _compose_frame(job, setter, frame, page_index, rank, rtl, pages, left_out)
        for members in _stack_members(job, setter, page_index, rtl, len(pages), left_out).values():
            _stretch(job, setter, members, page_index, rtl, len(pages), left_out)
            for (member, items), down in zip(members, shifts([m for m, _ in members]), strict=True):
                if member.frame.block == "rect":  # drawn where it lands: an edge moved onto the trim bleeds
                    moved = replace(member.frame, y=member.frame.y + down, height=member.used)
                    pages[page_index].rects.append(_rect(moved, layout.width, layout.height, layout.bleed, rtl))
                pages[page_index].rects.extend(_moved(r, down) for r in items.rects)
                pages[page_index].lines.extend(_moved(line, down) for line in items.lines)
    if flow_boxes:
        paras = statement_paragraphs(leaflet, lang, flow_boxes[0].frame.style, has_lead_frame)
        scale = _compose_flow(job, setter, flow_boxes, rtl, pages, has_lead_frame, flow_rank, shrink_flow)
        notices.extend(_shrunk(job, flow_boxes[0].frame, paras, scale))
    notices.extend(dict.fromkeys(left_out.values()))  # one notice per layout, however many frames
    created = creation_time(leaflet.date)
    settings = print_settings(job, setter)
    return ComposedDocument(
        pages=tuple(ComposedPage((*p.rects, *p.lines)) for p in pages),
        width=layout.width, height=layout.height, bleed=layout.bleed, crop_marks=layout.crop_marks,
        mark_offset=layout.mark_offset, mark_length=layout.mark_length,
        title=_title(job), lang=lang, subject=f"{leaflet.title} ({layout.name}, {lang})", created=created,
        registration_marks=settings.registration_marks, slug=settings.slug, safe_margin=settings.safe_margin,
        output=settings.output, name=settings.name, notices=tuple(notices),
        plate_labels=FrozenMap(settings.plate_labels), sheet_slugs=sheet_slugs(job, setter, len(pages)),
    )


MAX_CONTINUATION_PAGES = 20  # pages overflow = "continue" may add (docs/limits.md, layouts/README.md)
MAX_FRAMES_PER_PAGE = 1000  # for ranking frames in reading order (layouts allow 200)


def _version_text(job: Job) -> str:
    """The text a version is written in (its statement, else its slogan): the page runs in its direction."""
    statement = job.leaflet.statements.get(job.lang)
    if statement is not None:
        return " ".join(block.text for block in statement.blocks)
    return " ".join(s.text for s in job.leaflet.slogans if s.lang == job.lang)


def _compose_frame(job: Job, setter: Typesetter, frame: Frame, page_index: int, rank: int, rtl: bool,
                   pages: list[_PageItems], left_out: dict[int, Notice] | None = None,
                   version_heights: dict[str, float] | None = None) -> float:
    """One frame that is not part of the statement's flow; returns the height its content takes (points):
    a rect's or a shown picture's frame height, a text block's lines, 0 when the frame stays empty. A
    list of slogans too long for its frame shows those that fit, with a warning put in ``left_out``.
    ``version_heights``: a stretched grow frame's box height in each version, for matching its size."""
    layout = job.layout
    if frame.block == "rect":
        pages[page_index].rects.append(_rect(frame, layout.width, layout.height, layout.bleed, rtl))
        return frame.height
    if frame.block in ("image", "qr", *PICTURE_BLOCKS):
        graphic = place_graphic(frame, job.leaflet, layout, rtl, rank)
        if graphic is None:  # a qr frame stays empty when the leaflet gives no url, a logo frame without logo
            return 0.0
        pages[page_index].rects.append(graphic)
        return frame.height
    paras = block_paragraphs(frame.block, frame.style, job.leaflet, job.lang)
    used: list[float] = []
    boxes = frame_boxes(frame, page_index, layout.width, rtl)
    try:
        _compose_block(job, setter, frame, paras, boxes, rtl, pages, split=False, rank=rank, used=used,
                       version_heights=version_heights)
    except TextOverflowError:
        if frame.block not in ("slogans", "band") or len(paras) < 2:
            raise
        # set as large as the shortened list fits, unmatched: the versions' lists differ
        listed = replace(frame, fit="shrink") if frame.fit == "grow" else frame
        shown = _slogans_that_fit(job, setter, listed, paras, boxes, rtl, len(pages))
        _compose_block(job, setter, listed, shown, boxes, rtl, pages, split=False, rank=rank, used=used)
        if left_out is not None:
            left_out[rank] = _left_out_notice(job, frame)
    return used[0] if used else 0.0


def _slogans_that_fit(job: Job, setter: Typesetter, frame: Frame, paras: list[Para], boxes: list[Box], rtl: bool,
                      page_count: int) -> list[Para]:
    """The most of a slogan list (``slogans``, ``band``) that fits its frame: the version's own slogan and
    the others in the leaflet's order, as many as fit (issue 9: a leaflet in 46 languages lists 46
    slogans, more than any band holds, and failed in every version). Re-raises when not even the first fits."""
    own = [p for p in paras if p.lang == job.lang]
    others = [p for p in paras if p.lang != job.lang]

    def taken(count: int) -> list[Para]:
        keep = {id(p) for p in own + others[:count]}
        return [p for p in paras if id(p) in keep]

    def overflow(count: int) -> TextOverflowError | None:
        scratch = [_PageItems([], []) for _ in range(page_count)]
        try:
            _compose_block(job, setter, frame, taken(count), boxes, rtl, scratch, split=False)
        except TextOverflowError as error:
            return error
        return None

    def fits(count: int) -> bool:
        return overflow(count) is None

    low, high = (0 if own else 1), len(others) - 1  # the whole list did not fit
    error = overflow(low)
    if error is not None:
        raise error
    while low < high:  # the largest count that fits, by bisection: fits() is monotone in the count
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return taken(low)


def _left_out_notice(job: Job, frame: Frame) -> Notice:
    """The warning for a slogan list set without the slogans that did not fit (the same words for every
    version of the layout, so a build gives it once)."""
    what = "the flyer's list of slogans" if frame.block == "slogans" else "the band of other slogans"
    return Notice(f"not every slogan fits {what} in layout {job.layout.name}: each version shows its own and "
                  "as many others as fit, in the order of leaflet.toml", file=job.leaflet.folder / "leaflet.toml",
                  field="slogans", hint="put the slogans to show first in leaflet.toml, shorten them, or choose "
                                        "a layout with more room for them")


def _stack_members(job: Job, setter: Typesetter, page_index: int, rtl: bool,
                   page_count: int, left_out: dict[int, Notice] | None = None,
                   ) -> dict[str, list[tuple[Stacked, _PageItems]]]:
    """The stacked frames of a page, each set on a page of its own (to be moved to its place in the
    stack), by stack name, in the layout's order."""
    stacks: dict[str, list[tuple[Stacked, _PageItems]]] = {}
    for frame_index, frame in enumerate(job.layout.pages[page_index].frames):
        if frame.block == "statement" or not frame.stack:
            continue
        rank = page_index * MAX_FRAMES_PER_PAGE + frame_index
        own = [_PageItems([], []) for _ in range(page_count)]
        used = frame.height if frame.block == "rect" else _compose_frame(
            job, setter, replace(frame, valign="top"), page_index, rank, rtl, own, left_out)
        stacks.setdefault(frame.stack, []).append((Stacked(frame, used, rank), own[page_index]))
    return stacks


def _stretch(job: Job, setter: Typesetter, members: list[tuple[Stacked, _PageItems]], page_index: int, rtl: bool,
             page_count: int, left_out: dict[int, Notice]) -> None:
    """Frames with ``stretch`` in a stack set again in boxes grown into the stack's spare height. A grow
    frame (a hero) is matched across versions in each version's own stretched box (compose/match.py)."""
    heights = stretched([m for m, _ in members])
    for n, ((member, _), height) in enumerate(zip(members, heights, strict=True)):
        grow = member.frame.fit == "grow" and member.frame.block != "rect" and member.used > 0.01
        if height > member.frame.height + 0.01 or (grow and member.frame.stretch):
            frame = replace(member.frame, height=height, valign="top")
            if frame.block == "rect":
                members[n] = (Stacked(member.frame, height), _PageItems([], []))
                continue
            own = [_PageItems([], []) for _ in range(page_count)]
            rank = member.order
            left_out.pop(rank, None)
            boxes = _version_heights(job, setter, member, page_index, page_count) if grow else None
            used = _compose_frame(job, setter, frame, page_index, rank, rtl, own, left_out, boxes)
            members[n] = (Stacked(member.frame, used, rank), own[page_index])


# _version_heights per typesetter, by (leaflet, layout, screen, page, stack): every job of a layout asks for the
# same versions' stretched heights, so a process sets each version's stack for them once, not once per job
# (nor once per stretched frame of the stack: poster-type stretches two)
_STRETCHED: weakref.WeakKeyDictionary[Typesetter, dict[tuple[object, ...], dict[str, dict[int, float]]]] = \
    weakref.WeakKeyDictionary()
_STRETCHED_KEPT = 32  # per typesetter; a long-running server sees many edits of one leaflet


def _version_heights(job: Job, setter: Typesetter, member: Stacked, page_index: int,
                     page_count: int) -> dict[str, float]:
    """The height a stretched frame gets in each version of the job's layout (each version's own stack:
    its band, headline and hero leave different room), computed once per typesetter and leaflet."""
    kept = _STRETCHED.setdefault(setter, {})
    key = (job.leaflet, job.layout, job.screen, page_index, member.frame.stack)
    try:
        hash(key)
    except TypeError:  # a layout built in code with plain dicts in it: nothing to key by
        found = _all_stretched(job, setter, member.frame.stack, page_index, page_count)
    else:
        if key not in kept:
            if len(kept) >= _STRETCHED_KEPT:
                kept.clear()
            kept[key] = _all_stretched(job, setter, member.frame.stack, page_index, page_count)
        found = kept[key]
    return {lang: heights[member.order] for lang, heights in found.items() if member.order in heights}


def _all_stretched(job: Job, setter: Typesetter, stack: str, page_index: int,
                   page_count: int) -> dict[str, dict[int, float]]:
    """Per version that can be set: the height of each frame of a stack after stretching, by frame rank."""
    result = {}
    for lang in version_languages(job.leaflet, job.layout):
        version = replace(job, lang=lang)
        rtl = job.layout.mirror_rtl and is_rtl_text(_version_text(version), lang)
        try:
            members = _stack_members(version, setter, page_index, rtl, page_count)[stack]
        except HandbillError:
            continue  # fails in its own job
        mine = [m for m, _ in members]
        result[lang] = {m.order: h for m, h in zip(mine, stretched(mine), strict=True)}
    return result


_ItemT = TypeVar("_ItemT", FilledRect | PlacedImage | PlacedCode, PlacedLine)


def _moved(item: _ItemT, down: float) -> _ItemT:
    """An item moved ``down`` points on the page (PDF space runs up)."""
    return item if abs(down) < 1e-9 else replace(item, y=item.y - down)


def _compose_flow(job: Job, setter: Typesetter, boxes: list[Box], rtl: bool, pages: list[_PageItems],
                  has_lead_frame: bool, rank: int, shrink: bool = True) -> float:
    """The statement through its frames; with ``overflow = "continue"`` more pages are added as needed,
    each a copy of the last page that holds statement frames (its rects and statement frames only)."""
    layout, first = job.layout, boxes[0].frame
    paras = statement_paragraphs(job.leaflet, job.lang, first.style, has_lead_frame)
    if first.overflow != "continue":
        return _compose_block(job, setter, first, paras, boxes, rtl, pages, split=True, rank=rank, shrink=shrink)
    template = next(t for t in reversed(layout.pages) if any(f.block == "statement" for f in t.frames))
    for _ in range(MAX_CONTINUATION_PAGES):
        try:
            return _compose_block(job, setter, replace(first, fit="none"), paras, boxes, rtl, pages, split=True,
                                  rank=rank)
        except TextOverflowError:
            page = _new_page(layout)
            page.rects.extend(_rect(f, layout.width, layout.height, layout.bleed, rtl)
                              for f in template.frames if f.block == "rect")
            pages.append(page)
            for frame in template.frames:
                if frame.block == "statement":
                    boxes.extend(frame_boxes(frame, len(pages) - 1, layout.width, rtl))
    try:
        return _compose_block(job, setter, replace(first, fit="none"), paras, boxes, rtl, pages, split=True,
                              rank=rank)
    except TextOverflowError as exc:
        raise TextOverflowError(
            f"the statement needs more than the {MAX_CONTINUATION_PAGES} continuation pages a layout may add "
            f"(overflow = \"continue\"); after them: {exc.message}", file=exc.file, field=exc.field,
            hint="shorten the statement, or use a layout with more or larger statement frames") from None


SHRUNK_WARNING = 0.8  # a statement set below this fraction of its designed size (or at its minimum) is reported


def _shrunk(job: Job, frame: Frame, paras: list[Para], scale: float) -> list[Notice]:
    """A statement that fitted only far below its designed size: it prints, but smaller than the layout meant
    (slogans and headlines are sized to their frame by design, and are not reported)."""
    if frame.block != "statement" or scale >= 0.999 or not paras:
        return []
    styles = [style_for(job.layout, p.style, p.lang) for p in paras]
    at_floor = any(s.size * scale <= s.min_size + 0.05 and s.min_size < s.size for s in styles)
    if scale >= SHRUNK_WARNING and not at_floor:
        return []
    base = max(styles, key=lambda s: s.size)
    size = max(base.min_size, base.size * scale)
    how = "only at its smallest allowed size" if at_floor else "only much smaller than designed"
    return [Notice(f"the {frame.block} fits {how}: {size:.1f} pt instead of {base.size:g} pt", file=job.layout.path,
                   field=frame.key, hint="shorten the text, or choose a layout with more room for it (handbill "
                                         "layouts; a4-flyer has two sides)")]


def _new_page(layout: Layout) -> _PageItems:
    """An empty page, with the layout's background filling it to the bleed edge."""
    page = _PageItems([], [])
    if layout.background is not None:
        page.rects.append(FilledRect(-layout.bleed, -layout.bleed, layout.width + 2 * layout.bleed,
                                     layout.height + 2 * layout.bleed, layout.background))
    return page


def _title(job: Job) -> str:
    statement = job.leaflet.statements.get(job.lang)
    if statement is not None and statement.headline is not None:
        return statement.headline.text
    return leaflet_line(job.leaflet, "title", job.lang)[0]


def _rect(frame: Frame, width: float, height: float, bleed: float, rtl: bool) -> FilledRect:
    """A filled frame; an edge on the trim line is pushed out to the bleed edge."""
    x = width - frame.x - frame.width if rtl else frame.x
    left, right = x, x + frame.width
    top, bottom = frame.y, frame.y + frame.height
    eps = 0.5
    left = -bleed if left <= eps else left
    right = width + bleed if right >= width - eps else right
    top = -bleed if top <= eps else top
    bottom = height + bleed if bottom >= height - eps else bottom
    return FilledRect(left, height - bottom, right - left, bottom - top, frame.fill)  # type: ignore[arg-type]


def _compose_block(job: Job, setter: Typesetter, frame: Frame, paras: list[Para], boxes: list[Box], rtl: bool,
                   pages: list[_PageItems], split: bool, rank: int = 0, shrink: bool = True,
                   used: list[float] | None = None, version_heights: dict[str, float] | None = None) -> float:
    """Set one block into its boxes; returns the scale its type was set at (1 is the layout's size).
    Without ``shrink`` the type is never set below the layout's size (it may still grow). ``used``, if
    given, receives the height the lines take in the frame (points)."""
    if not paras:
        return 1.0
    layout = job.layout
    styles = [style_for(layout, p.style, p.lang) for p in paras]
    min_scale = min(s.min_size / s.size for s in styles) if shrink else 1.0
    max_scale = max(s.max_size / s.size for s in styles)
    if frame.max_scale:
        max_scale = min(max_scale, frame.max_scale)
    width = boxes[0].width

    def make(scale: float):
        return set_paragraphs(setter, layout, paras, scale, width, rtl, frame.block)

    matched = matched_scale(setter, job, frame, boxes, version_heights) if frame.fit == "grow" and not split else None
    if matched is None:
        placements, scale, left = fit(make, boxes, frame, min_scale, max_scale, split)
    else:  # as large as in the leaflet's other versions (compose/match.py), shrunk only if it must be,
        # its columns evened (a band of slogans in two columns filled the first and left the second empty)
        settled = replace(frame, fit="balance") if len(boxes) > 1 else replace(frame, fit="shrink")
        placements, scale, left = fit(lambda s: make(matched * s), boxes, settled,
                                      min_scale / matched, 1.0, split)
        scale *= matched
    if left > 0.01:
        smallest = min(max(s.min_size, s.size * scale) for s in styles)
        frames = sorted({b.frame.key for b in boxes})
        raise overflow_error(layout, frame.block, job.lang, job.leaflet.folder, paras, boxes,
                             ", ".join(frames), left, smallest)
    height = _emit(placements, boxes, frame, layout.height, pages, rank)
    if used is not None:
        used.append(height)
    return scale


def text_tag(block: str, para: Para, order: tuple[int, int]) -> TextTag:
    """A paragraph's role in the tagged PDF: the headline is the H1, a statement's subheadings H2s, its quotes
    block quotes, its list items and signatories list items (a bullet is the item's label), the rest paragraphs."""
    text = "".join(span.text for span in para.spans)
    if block == "headline":
        return TextTag(order, "H1", text=text)
    if para.style == "quote" and block == "statement":
        return TextTag(order, "BlockQuote", text=text)
    if para.heading and block == "statement":
        return TextTag(order, "H2", text=text)
    if block == "signatories":
        return TextTag(order, "LI", text=text)
    if para.style == "list" and block == "statement":
        return TextTag(order, "LI", para.label, text)
    return TextTag(order, "P", text=text)


def _emit(placements: list[LinePlacement], boxes: list[Box], frame: Frame, page_height: float,
          pages: list[_PageItems], rank: int = 0) -> float:
    """Place the lines on their pages; returns the height they take below the first box's top."""
    offset = 0.0  # vertical alignment, for single-box frames (placements may hold shortened copies of boxes)
    if frame.valign != "top" and len(boxes) == 1 and placements:
        last = placements[-1]
        used = last.top + last.item.setting.line_height
        free = max(0.0, boxes[0].height - used)
        offset = free / 2 if frame.valign == "middle" else free
    tags: dict[int, TextTag] = {}  # id of a set paragraph -> its tag, numbered in reading order
    for placement in placements:
        box, item = placement.box, placement.item
        tag = tags.get(id(item))
        if tag is None:
            tag = tags[id(item)] = text_tag(frame.block, item.para, (rank, len(tags)))
        setting = item.setting
        line = setting.lines[placement.index]
        if not line.ink:
            continue
        indent_x = 0.0 if box.rtl else item.indent
        if (placement.index > 0) != box.rtl:  # a list item's hanging indent (fit._label_width), on the start side
            indent_x += item.hang
        x = box.x + indent_x + setting.line_x(line)
        y_down = box.y + offset + placement.top + baseline_in_slot(setting.size, setting.leading)
        pages[box.page].lines.append(PlacedLine(x, page_height - y_down, line, item.style.color, setting.lang, tag))
    return max((p.top + p.item.setting.line_height for p in placements), default=0.0)
