"""What ``handbill check`` reports: findings (how bad, about what, what to do), per version and in all,
as text for people and JSON for programs. check.py finds them; this module only holds and prints them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Finding:
    """One thing the preflight found: how bad, about what, and what to do."""

    severity: Severity
    topic: str
    message: str
    job: str = ""  # ``a3-poster.fa``; empty for the leaflet as a whole
    where: str = ""  # file and key path, if known
    hint: str = ""
    file: str = ""  # the same, typed: the source file concerned (leaflet.toml, statement.fa.md), if known
    field: str = ""  # the key path in it (``slogans[3].text``), if known
    line: int | None = None  # the 1-based line in it, if known


@dataclass
class JobCheck:
    """What one version uses: fonts, inks, the PDF/X version and the rendered size."""

    label: str
    layout: str
    lang: str
    pdfx: str = ""
    fonts: list[str] = field(default_factory=list)
    inks: list[str] = field(default_factory=list)
    pages: int = 0
    size: int = 0  # bytes of the rendered PDF
    condition: str = ""  # the printing condition the file targets (``FOGRA39``, ``Custom (...)``)
    ink_limit: float = 0.0  # that condition's (or the layout's) total ink limit, percent
    tac: float = 0.0  # the most ink on any spot of the rendered pages (Ghostscript), percent; 0: not measured
    profile: str = ""  # the embedded output profile's description (``PSO Coated v3``), if any
    overprint: str = ""  # what overprints: ``black text under 24 pt: 41 lines; rules under 1 mm: 2``, or "off"


@dataclass
class CheckReport:
    """The preflight of a leaflet: the versions checked and every finding."""

    leaflet: str
    jobs: list[JobCheck] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    strict: bool = False

    def count(self, severity: Severity) -> int:
        """How many findings of a severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    def exit_code(self) -> int:
        """1 when an error would make the print fail (or, strict, any warning); else 0."""
        if self.count("error") or (self.strict and self.count("warning")):
            return 1
        return 0

    @property
    def clean(self) -> bool:
        """No errors and no warnings."""
        return not self.count("error") and not self.count("warning")

    def to_text(self, quiet: bool = False) -> str:
        """A report for the terminal: each version with its fonts and inks, then its findings; ``quiet``
        (``-q``): only the errors and the closing line that counts warnings and notes."""
        if quiet:
            errors = [f for f in self.findings if f.severity == "error"]
            return "\n".join([*_finding_lines(errors, with_job=True), self._verdict()])
        lines = [f"handbill check: {self.leaflet}"]
        shared = self._shared_errors()
        for job in self.jobs:
            status = _worst([f for f in self.findings if f.job == job.label]) or "ok"
            pdfx = job.pdfx or "no PDF/X"
            lines.append(f"{status.upper():<8} {job.label}  ({pdfx}, {job.pages} page{'s' * (job.pages != 1)}, "
                         f"inks: {', '.join(job.inks) or 'none'})")
            if job.condition:
                measured = f", most ink {job.tac:.0f} %" if job.tac else ""
                lines.append(f"         condition: {job.condition}, ink limit {job.ink_limit:g} %{measured}")
                if job.profile:
                    lines.append(f"         profile: {job.profile}")
            if job.overprint:
                lines.append(f"         overprint: {job.overprint}")
            if job.fonts:
                lines.append(f"         fonts: {', '.join(job.fonts)}")
            lines.extend(_finding_lines((f for f in self.findings if f.job == job.label), shared=shared))
        general = [f for f in self.findings if not f.job or f.job not in {j.label for j in self.jobs}]
        if general:
            lines.append("leaflet:")
            lines.extend(_finding_lines(general, with_job=True))
        lines.append(self._verdict())
        return "\n".join(lines)

    def _shared_errors(self) -> dict[tuple[str, str, str, str], list[str]]:
        """The versions of each error that several versions have word for word (a flyer's slogan band)."""
        jobs: dict[tuple[str, str, str, str], list[str]] = {}
        for f in self.findings:
            if f.severity == "error" and f.job:
                jobs.setdefault((f.topic, f.message, f.where, f.hint), []).append(f.job)
        return {key: labels for key, labels in jobs.items() if len(labels) > 1}

    def _verdict(self) -> str:
        verdict = "clean" if self.clean else ("print would fail" if self.count("error") else "printable")
        return (f"{len(self.jobs)} checked: {self.count('error')} errors, {self.count('warning')} warnings, "
                f"{self.count('note')} notes: {verdict}")

    def to_json(self) -> str:
        """The report as JSON (stable key order), for scripts and CI."""
        data = {
            "leaflet": self.leaflet,
            "exit_code": self.exit_code(),
            "clean": self.clean,
            "counts": {s: self.count(s) for s in ("error", "warning", "note")},
            "jobs": [asdict(job) for job in self.jobs],
            "findings": [asdict(f) for f in self.findings],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)


def _worst(findings: list[Finding]) -> str:
    for severity in ("error", "warning"):
        if any(f.severity == severity for f in findings):
            return severity
    return ""


def _finding_lines(findings: Iterable[Finding], with_job: bool = False,
                   shared: dict[tuple[str, str, str, str], list[str]] | None = None) -> list[str]:
    """Each finding with its hint; an error that ``shared`` lists for several versions is given in full at
    the first of them (naming the others) and referred to at the others."""
    lines = []
    for f in findings:
        others = (shared or {}).get((f.topic, f.message, f.where, f.hint), [])
        if others and f.job != others[0]:
            lines.append(f"  {f.severity:<8} {f.topic:<12} the same as {others[0]} (above)")
            continue
        where = f"{f.where}: " if f.where else ""
        job = f"{f.job}: " if with_job and f.job else ""
        lines.append(f"  {f.severity:<8} {f.topic:<12} {job}{where}{f.message}")
        if f.hint:
            lines.append(f"  {'':<8} {'':<12} hint: {f.hint}")
        if others:
            lines.append(f"  {'':<8} {'':<12} the same for {len(others)} versions: {', '.join(others)}")
    return lines
