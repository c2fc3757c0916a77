"""Benchmark: line breaking of long runs without spaces (issue 18), Latin, Thai and Chinese.

    python bench/breaking.py [--sizes 5000,10000,20000] [--width 400]

Sets one paragraph of N characters with no space in it (a Latin word, Thai text, Chinese text) as a
justified, hyphenated A4-flyer column, in a fresh process-level typesetter per run, and prints the
seconds per size and the growth from the smallest to the largest size against linear growth. The
Latin run is one word (hyphenation and emergency breaks), the Thai run is dictionary words without
spaces (ICU's opportunities), the Chinese run breaks between every two characters.

Fonts: the project's catalog, plus the installed Noto family of each script when the catalog has no
chain for it (fontconfig discovery fills that gap where it is available). Nothing here is a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from handbill.fonts.catalog import load_catalog  # noqa: E402
from handbill.text.paragraph import ParagraphSpec, Span, TextStyle, Typesetter  # noqa: E402

# Short real texts repeated to length (UDHR article 1, opening words).
SAMPLES = {
    "en": "internationalisation",
    "th": "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิ",
    "zh": "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。",
}
# Families for scripts the shipped catalog may have no chain for (bench only; the catalog is the user's).
EXTRA = {
    "Thai": ("Noto Sans Thai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    "Hani": ("Noto Sans CJK SC", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"),
}


def catalog_with_extras() -> Path:
    """The shipped catalog with a chain for each EXTRA script it lacks, written to a temporary file."""
    shipped = (ROOT / "fonts" / "catalog.toml").read_text(encoding="utf-8")
    families, scripts = [], []
    for script, (family, regular, bold) in EXTRA.items():
        if f"\n{script} = " in shipped or f'"{family}"' in shipped:
            continue
        families.append(f'[families."{family}"]\nregular = "{regular}"\nbold = "{bold}"\n')
        scripts.append(f'{script} = ["{family}"]\n')
    text = shipped.replace("[scripts]\n", "".join(families) + "\n[scripts]\n" + "".join(scripts), 1)
    folder = Path(tempfile.mkdtemp(prefix="handbill-bench-"))
    (folder / "catalog.toml").write_text(text, encoding="utf-8")
    return folder / "catalog.toml"


def time_one(lang: str, size: int, width: float, catalog_path: Path, repeat: int = 3) -> tuple[float, int]:
    """CPU seconds to set the run (the fastest of `repeat` fresh typesetters), and its number of lines."""
    sample = SAMPLES[lang]
    text = (sample * (size // len(sample) + 1))[:size]
    spec = ParagraphSpec((Span(text),), lang, TextStyle(size=10.0, hyphenate=True), "justify")
    best, count = float("inf"), 0
    for _ in range(repeat):
        setter = Typesetter(load_catalog(catalog_path))
        began = time.process_time()
        count = len(setter.typeset(spec, width).lines)
        best = min(best, time.process_time() - began)
    return best, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5000,10000,20000")
    parser.add_argument("--width", type=float, default=250.0, help="column width in points")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    catalog_path = catalog_with_extras()
    print(f"{'run':<6}" + "".join(f"{n:>10,}" for n in sizes) + f"{'growth':>10}{'linear':>8}  lines")
    for lang in SAMPLES:
        try:
            results = [time_one(lang, n, args.width, catalog_path) for n in sizes]
        except Exception as exc:  # a missing font: say so and go on with the other scripts
            print(f"{lang:<6} not set: {str(exc).splitlines()[0]}")
            continue
        seconds = [s for s, _ in results]
        growth = seconds[-1] / seconds[0] if seconds[0] else float("inf")
        print(f"{lang:<6}" + "".join(f"{s:>9.2f}s" for s in seconds)
              + f"{growth:>9.1f}x{sizes[-1] / sizes[0]:>7.1f}x  {results[-1][1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
