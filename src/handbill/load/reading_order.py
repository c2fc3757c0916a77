"""A layout's statement columns checked for the order poppler will read them in (a warning, not an error).

poppler (pdftotext, and the copy of most PDF viewers on Linux) groups lines into blocks only while their
baselines are less than 1.5 font sizes apart, and reads two columns of several blocks each, whose
blocks start or end level with each other, as a table: row by row across the columns. A statement
frame of two or more columns whose styles set lines, or paragraphs, 1.5 font sizes apart or more is
copied out of order; ``handbill check`` says so when the layout is read. The rule and the cases it
comes from: layouts/README.md, "Text in columns that copies out in order".
"""

from __future__ import annotations

from handbill.model import Layout, Style

POPPLER_LINE_SPACING = 1.5  # TextOutputDev.cc: maxLineSpacingDelta, baseline distance in font sizes
STATEMENT_STYLES = ("quote", "list")  # set inside the statement frame beside the frame's own style


def column_order_warnings(layout: Layout) -> list[str]:
    """One warning per style (and script) of a multi-column statement frame that poppler reads out of order."""
    names: dict[str, int] = {}
    for page in (*layout.pages, *layout.long_pages):
        for frame in page.frames:
            if frame.block == "statement" and frame.columns > 1:
                for name in (frame.style, *STATEMENT_STYLES):
                    names[name] = max(names.get(name, 0), frame.columns)
    warnings = []
    for name, columns in names.items():
        styles = layout.styles.get(name)
        if styles is None:
            continue
        found = [(script, problem) for script, style in (("", styles.base), *sorted(styles.scripts.items()))
                 if (problem := _spacing_problem(style))]
        if not found:
            continue
        script, problem = found[0]
        which = f"style '{name}'" + (f" for {script}" if script else "")
        also = f" (and for {', '.join(s for s, _ in found[1:])})" if found[1:] else ""
        warnings.append(f"{which} sets {problem} font sizes apart{also}, so in {columns} "
                        "columns pdftotext reads the statement out of order (line by line or paragraph by "
                        "paragraph across the columns): keep leading, and leading + space_after / size, under "
                        f"{POPPLER_LINE_SPACING} (layouts/README.md)")
    return warnings


def _spacing_problem(style: Style) -> str:
    """``lines 1.50`` or ``paragraphs 1.97`` when one of the two pitches reaches poppler's limit; else empty."""
    if style.leading >= POPPLER_LINE_SPACING:
        return f"lines {style.leading:.2f}"
    paragraphs = style.leading + style.space_after / style.size if style.size > 0 else style.leading
    return f"paragraphs {paragraphs:.2f}" if paragraphs >= POPPLER_LINE_SPACING else ""
