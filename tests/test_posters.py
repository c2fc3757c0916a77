"""The posters: every design in every seed language, with and without the group's logo, url and photo.

- posters use their height: no full-width blank band taller than about a tenth of the page (a dead gap
  between hero, headline, band and foot) and no blank rectangle over a quarter of the page, with the
  logo, QR code and photo and without them (their frames close up: compose/stack.py);
- the three designs (poster-type, poster-photo, poster-bold) build, pass `check` with no error and no
  warning of their own, are PDF/X-4 with every font embedded, and pdftotext gives back every slogan.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from blank import largest_blank, page_images, tallest_gap
from conftest import SEED, write_leaflet
from handbill.build import build, plan
from handbill.check import run_check
from handbill.compose import compose
from handbill.pipeline import Session
from handbill.render.draw import render_pdf
from logo_leaflet import draw_group_logo
from pdfcheck import fonts, need, pdftotext, run, squeeze
from test_build_seed import SLOGAN_LANGS, slogans

POSTERS = ["a3-poster", "a2-poster", "tabloid-poster", "poster-type", "poster-photo", "poster-bold"]
DESIGNS = ["poster-type", "poster-photo", "poster-bold"]
GAP = 0.10  # the tallest blank band across the page, as a fraction of its height
BLANK = 0.25
URL = "https://example.org/rally-2023-05-09"


def _photo(path: Path) -> None:
    """A photo-like picture for an A2 poster at 300 dpi (no binary committed): a sky gradient, a crowd of
    figures against it, film grain."""
    width, height = 5200, 3000
    sky = Image.linear_gradient("L").resize((width, height)).point(lambda v: 90 + v * 0.6)
    image = Image.merge("RGB", (sky, sky.point(lambda v: v * 0.9), sky.point(lambda v: v * 0.8)))
    draw = ImageDraw.Draw(image)
    for n in range(60):  # heads and shoulders, darker nearer the bottom
        x, y = (n * 977) % width, height // 2 + (n * 613) % (height // 2)
        grey = 30 + (n * 37) % 90
        draw.ellipse((x - 90, y - 260, x + 90, y - 80), fill=(grey, grey, grey))
        draw.rectangle((x - 200, y - 80, x + 200, height), fill=(grey + 20, grey, grey))
    grain = Image.effect_noise((width, height), 18).convert("RGB")
    Image.blend(image, grain, 0.08).save(path, quality=90, dpi=(300, 300))


def _leaflet(folder: Path, extras: bool) -> Path:
    """The seed's leaflet.toml (11 slogans, 16 signatories), with logo, url and photo when ``extras``."""
    toml = (SEED / "leaflet.toml").read_text(encoding="utf-8")
    toml = re.sub(r"(?m)^layouts = .*$", f"layouts = {DESIGNS!r}".replace("'", '"'), toml)
    if extras:
        toml = toml.replace("\n[[slogans]]", f'\nurl = "{URL}"\nlogo = "logo.png"\nphoto = "photo.jpg"\n\n'
                            "[[slogans]]", 1)
    folder = write_leaflet(folder, toml, {"en": (SEED / "statement.en.md").read_text(encoding="utf-8")})
    if extras:
        draw_group_logo(folder / "logo.png")
        _photo(folder / "photo.jpg")
    return folder


@pytest.fixture(scope="module")
def leaflets(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    root = tmp_path_factory.mktemp("posters")
    return {extras: _leaflet(root / f"extras-{extras}", extras) for extras in (True, False)}


@pytest.fixture(scope="module")
def session() -> Session:
    return Session.for_leaflet(SEED)


def _cases() -> list[object]:
    return [pytest.param(layout, lang, id=f"{layout}-{lang}")
            for layout in POSTERS for lang in ("en", "ar", "fa", "el", "hy", "kmr")]


@pytest.mark.slow
@pytest.mark.parametrize(("layout", "lang"), _cases())
def test_posters_use_their_height(layout: str, lang: str, leaflets, session: Session, tmp_path: Path) -> None:
    for extras, folder in leaflets.items():
        _, jobs, _ = plan(folder, layouts=[layout], langs=[lang])
        pdf = tmp_path / f"{layout}.{lang}.{extras}.pdf"
        pdf.write_bytes(render_pdf(compose(jobs[0], session.setter)))
        (page,) = page_images(pdf)
        what = "with logo, url and photo" if extras else "without logo, url or photo"
        assert tallest_gap(page) <= GAP, f"{layout}.{lang} {what}: a blank band of {tallest_gap(page):.3f}"
        assert largest_blank(page)[0] <= BLANK, f"{layout}.{lang} {what}: {largest_blank(page)}"


def _plain(text: str) -> str:
    """Letters without accents, case or spacing: a capitals hero ('DÜNYA', Greek without tonos) compares."""
    decomposed = unicodedata.normalize("NFD", squeeze(text).casefold().replace("ı", "i"))  # Turkish I/ı
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())


@pytest.mark.slow
def test_the_designs_build_in_every_seed_language_and_pass_check(leaflets, tmp_path: Path) -> None:
    folder = leaflets[True]
    report = build(folder, out_dir=tmp_path / "out")
    assert not report.failed, [str(r.error) for r in report.failed]
    pdfs = {p.name: p for p in report.written if p.suffix == ".pdf"}
    assert sorted(pdfs) == sorted(f"{d}.{lang}.pdf" for d in DESIGNS for lang in SLOGAN_LANGS)
    texts = slogans()
    for name, pdf in pdfs.items():
        assert "PDF subtype:    PDF/X-4" in run(need("pdfinfo"), str(pdf)), name
        assert all(f["emb"] == "yes" for f in fonts(pdf)), name
        extracted = _plain(pdftotext(pdf))
        for lang, text in texts.items():  # the hero and the band: every slogan is on every poster
            pieces = text.replace(":", " ").split() if lang in ("ar", "fa") else [text]
            for piece in pieces:
                assert _plain(piece) in extracted, f"{piece!r} not in pdftotext output of {name}"
    checked = run_check(folder, DESIGNS, ["en", "ar", "hy"])
    assert checked.exit_code() == 0
    own = [f for f in checked.findings if f.severity in ("error", "warning") and f.topic != "content"]
    assert not own, [f.message for f in own]


UDHR_HEROES = {  # UDHR article 1 openings (and one sentence more in Japanese) in the scripts of issue 9
    "zh": "人人生而自由，在尊严和权利上一律平等！", "ja": "すべての人間は、生まれながらにして自由である！",
    "th": "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกัน!", "en": "All human beings are born free and equal!",
    "ar": "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق!", "hi": "सभी मनुष्य जन्म से स्वतन्त्र हैं!",
    "he": "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם!",
}


def _heroes(folder: Path, layout: str, slogans: dict[str, str], session: Session) -> dict[str, list[str]]:
    """Each version's hero lines (text) on a leaflet with these slogans."""
    toml = (f'title = "Rights"\ndate = 2024-05-01\nlang = "en"\nlayouts = ["{layout}"]\norganisation = "Network"\n'
            + "".join(f'[[slogans]]\nlang = "{lang}"\ntext = "{text}"\n' for lang, text in slogans.items()))
    _, jobs, _ = plan(write_leaflet(folder, toml), [layout])
    heroes = {}
    for job in jobs:
        text = slogans[job.lang]
        lines = [item.line for page in compose(job, session.setter).pages for item in page.items
                 if getattr(item, "tag", None) is not None and item.tag.text == text and item.line.glyphs]
        assert "".join(text[line.start:line.end] for line in lines) == text
        heroes[job.lang] = [(text[line.start:line.end], line.width) for line in lines]
    return heroes


@pytest.mark.parametrize("layout", POSTERS)
def test_the_testers_chinese_hero_is_two_even_lines(layout: str, session: Session, tmp_path: Path) -> None:
    """Session 3's tester: a3-poster.zh set 人人生而自由！ as 人人生而自 / 由！, one character and its
    punctuation alone (the hero grown to its max_size, as it is when no other version is matched)."""
    heroes = _heroes(tmp_path / "zh", layout, {"zh": "人人生而自由！"}, session)
    assert [text for text, _ in heroes["zh"]] == ["人人生而", "自由！"]


@pytest.mark.parametrize("layout", ["a3-poster", "poster-type"])
def test_poster_heroes_break_into_balanced_lines(layout: str, session: Session, tmp_path: Path) -> None:
    """No hero ends in a short last line where an even breaking exists: in every script the last line is
    at least half the longest (here an even breaking exists for each)."""
    heroes = _heroes(tmp_path / "udhr", layout, UDHR_HEROES, session)
    assert sum(len(lines) > 1 for lines in heroes.values()) >= 4
    for lang, lines in heroes.items():
        widths = [width for _, width in lines]
        assert widths[-1] >= 0.5 * max(widths), (lang, lines)
