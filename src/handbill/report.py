"""Terminal output of a build: a progress bar on a terminal, a plain log otherwise, and a summary table."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from handbill.compose import Skip
from handbill.pipeline import JobOutcome


class Progress:
    """Reports finished jobs: a bar redrawn in place on a terminal, one line per job in a pipe or log.

    Progress goes to stderr; it is off with --quiet. NO_COLOR is honoured (the bar uses no colour).
    """

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.total = 0
        self.done = 0
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.interactive = self.stream.isatty() and os.environ.get("TERM") != "dumb"
        self.color = self.interactive and "NO_COLOR" not in os.environ

    def start(self, total: int) -> None:
        """Called once the number of jobs is known."""
        self.total = total

    def __call__(self, outcome: JobOutcome) -> None:
        self.done += 1
        if self.quiet or self.total == 0:
            return
        status = "ok" if outcome.ok else "FAILED"
        if self.interactive:
            width = 30
            filled = round(width * self.done / self.total)
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {outcome.label:<24.24} {status:<6}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {outcome.label} {status} ({outcome.seconds:.2f} s)\n")
        self.stream.flush()


def summary_table(outcomes: list[JobOutcome], skipped: list[Skip], unicode: bool = True) -> str:
    """A layout x language grid: written, skipped or failed, followed by the reasons."""
    marks = ("✓", "·", "✗") if unicode else ("W", "-", "X")
    langs = list(dict.fromkeys([*(o.lang for o in outcomes), *(s.lang for s in skipped)]))
    layouts = list(dict.fromkeys([*(o.layout for o in outcomes), *(s.layout for s in skipped)]))
    cell: dict[tuple[str, str], str] = {}
    for skip in skipped:
        cell[skip.layout, skip.lang] = marks[1]
    for outcome in outcomes:
        cell[outcome.layout, outcome.lang] = marks[0] if outcome.ok else marks[2]
    name_width = max([len("layout"), *(len(name) for name in layouts)])
    col = max([3, *(len(lang) for lang in langs)]) + 1
    lines = ["layout".ljust(name_width) + "".join(lang.rjust(col) for lang in langs)]
    for layout in layouts:
        lines.append(layout.ljust(name_width) + "".join(cell.get((layout, lang), " ").rjust(col) for lang in langs))
    lines.append(f"{marks[0]} written  {marks[1]} skipped  {marks[2]} failed")
    for outcome in outcomes:
        lines.extend(f"written  {path}" for path in outcome.paths)
    for skip in skipped:
        lines.append(f"skipped  {skip.layout}.{skip.lang}: {skip.reason}")
    failures: dict[str, list[str]] = {}  # the same error for several versions (a flyer's slogan band): once
    for outcome in outcomes:
        if not outcome.ok:
            failures.setdefault(str(outcome.error), []).append(outcome.label)
    for error, labels in failures.items():
        which = labels[0] if len(labels) == 1 else f"{', '.join(labels)} ({len(labels)} versions)"
        lines.append(f"failed   {which}: {error}")
    written = sum(1 for o in outcomes if o.ok)
    failed = len(outcomes) - written
    lines.append(f"{written} written, {len(skipped)} skipped, {failed} failed")
    return "\n".join(lines)


def stream_can_encode(stream: TextIO, text: str) -> bool:
    """True if the stream's encoding can write text (to choose ✓ or W)."""
    try:
        text.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
