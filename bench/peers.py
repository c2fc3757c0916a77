"""Equivalent sources for the peers: the seed's A4 flyer and A3 posters as Typst markup and as HTML + CSS.

The documents carry the same content as handbill's a4-flyer and a3-poster (slogans, headline,
organisation and date, lead lines, the statement in two columns with its quote, signatories) in the
same fonts, sizes and colours, so that the timings compare like with like.
"""

from __future__ import annotations

import html
from pathlib import Path

from handbill.load import load_leaflet
from handbill.model import Leaflet
from handbill.text.script import is_rtl_language

NOTO = "/usr/share/fonts/truetype/noto"
RED = "#d7141a"


def _typst_text(text: str) -> str:
    """Escape text for Typst markup."""
    out = text
    for ch in "\\#*_`$<>@[]=-+/~\"'":
        out = out.replace(ch, "\\" + ch)
    return out


def _lang_attr(lang: str) -> str:
    return f'lang: "{lang.split("-")[0][:3]}", dir: {"rtl" if is_rtl_language(lang) else "ltr"}'


def typst_flyer(leaflet: Leaflet, lang: str) -> str:
    """The A4 flyer as a Typst document."""
    statement = leaflet.statements[lang]
    slogans = "\n".join(
        f'#par[#text({_lang_attr(s.lang)}, weight: "bold", fill: white, size: 11pt)[{_typst_text(s.text)}]]'
        for s in leaflet.slogans)
    body = []
    for block in statement.blocks:
        text = _typst_text(block.text)
        if block.kind == "headline":
            continue
        if block.kind == "lead":
            body.append(f'#text(weight: "bold", size: 11.5pt)[{text}]\n')
        elif block.kind == "quote":
            body.append(f"#pad(left: 4mm)[#emph[{text}]]\n")
        else:
            body.append(f"{text}\n")
    signatories = "\n".join(f"- {_typst_text(s.label())}" for s in leaflet.signatories)
    headline = _typst_text(statement.headline.text if statement.headline else leaflet.title)
    return f'''#set page(paper: "a4", margin: 14mm, bleed: 3mm)
#set text(font: ("Noto Sans", "Noto Sans Arabic", "Noto Sans Armenian"), size: 9.5pt, lang: "{lang}")
#set par(justify: true, leading: 0.55em)
#block(fill: rgb("{RED}"), width: 100%, inset: 6mm)[#columns(2)[{slogans}]]
#text(size: 22pt, weight: "bold", fill: rgb("{RED}"))[{headline}]

#text(weight: "bold")[{_typst_text(leaflet.organisation)} \\ {_typst_text(leaflet.place_date)}]

#columns(2, gutter: 7mm)[
#set text(hyphenate: true)
{"".join(body)}
]
#columns(2)[#set text(size: 8.5pt)
{signatories}
]
'''


def typst_poster(leaflet: Leaflet, lang: str) -> str:
    """The A3 poster (hero slogan in lang) as a Typst document."""
    hero = leaflet.slogan(lang)
    band = "\n".join(f'#par[#text({_lang_attr(s.lang)})[{_typst_text(s.text)}]]'
                     for s in leaflet.slogans if s.lang != lang)
    signatories = "\n".join(f"{_typst_text(s.label())} \\" for s in leaflet.signatories)
    return f'''#set page(paper: "a3", margin: 20mm, bleed: 3mm)
#set text(font: ("Noto Sans", "Noto Sans Arabic", "Noto Sans Armenian"), weight: "bold")
#align(center)[
#text({_lang_attr(hero.lang)}, size: 60pt, fill: rgb("{RED}"))[{_typst_text(hero.text)}]
#v(12mm)
#text(size: 34pt, fill: rgb("{RED}"))[{_typst_text(leaflet.title)}]
#v(8mm)
#set text(size: 17pt)
{band}
#v(8mm)
#text(size: 14pt, fill: rgb("{RED}"))[{_typst_text(leaflet.organisation)} \\ {_typst_text(leaflet.place_date)}]
]
#columns(3)[#set text(size: 9pt, weight: "regular")
{signatories}
]
'''


def _css(size: str) -> str:
    return f'''@page {{ size: {size}; margin: 14mm; bleed: 3mm; }}
body {{ font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans Armenian"; font-size: 9.5pt; }}
.band {{ background: {RED}; color: white; columns: 2; padding: 6mm; font-weight: bold; }}
h1 {{ color: {RED}; font-size: 22pt; }}
.statement {{ columns: 2; column-gap: 7mm; text-align: justify; hyphens: auto; }}
blockquote {{ font-style: italic; margin-left: 4mm; }}
.signatories {{ columns: 2; font-size: 8.5pt; }}
.hero {{ color: {RED}; font-size: 60pt; text-align: center; font-weight: bold; }}
.poster h1 {{ font-size: 34pt; text-align: center; }}
.poster .slogans {{ font-size: 17pt; text-align: center; font-weight: bold; }}
'''


def _p(text: str, lang: str, tag: str = "p", cls: str = "") -> str:
    direction = "rtl" if is_rtl_language(lang) else "ltr"
    attr = f' class="{cls}"' if cls else ""
    return f'<{tag} lang="{lang}" dir="{direction}"{attr}>{html.escape(text)}</{tag}>'


def html_flyer(leaflet: Leaflet, lang: str) -> str:
    """The A4 flyer as HTML for WeasyPrint."""
    statement = leaflet.statements[lang]
    parts = [f"<style>{_css('A4')}</style>", '<div class="band">',
             *(_p(s.text, s.lang) for s in leaflet.slogans), "</div>"]
    parts.append(_p(statement.headline.text if statement.headline else leaflet.title, lang, "h1"))
    parts.append(f"<p><b>{html.escape(leaflet.organisation)}<br>{html.escape(leaflet.place_date)}</b></p>")
    parts.append('<div class="statement">')
    for block in statement.blocks:
        if block.kind == "lead":
            parts.append(_p(block.text, lang, "h3"))
        elif block.kind == "quote":
            parts.append(_p(block.text, lang, "blockquote"))
        elif block.kind != "headline":
            parts.append(_p(block.text, lang))
    parts.append('</div><div class="signatories">')
    parts.extend(_p(s.label(), leaflet.lang) for s in leaflet.signatories)
    parts.append("</div>")
    return f'<html lang="{lang}"><head><meta charset="utf-8"></head><body>{"".join(parts)}</body></html>'


def html_poster(leaflet: Leaflet, lang: str) -> str:
    """The A3 poster as HTML for WeasyPrint."""
    hero = leaflet.slogan(lang)
    parts = [f"<style>{_css('A3')}</style>", '<div class="poster">', _p(hero.text, hero.lang, "p", "hero"),
             _p(leaflet.title, leaflet.lang, "h1"), '<div class="slogans">',
             *(_p(s.text, s.lang) for s in leaflet.slogans if s.lang != lang), "</div>",
             f"<p>{html.escape(leaflet.organisation)}<br>{html.escape(leaflet.place_date)}</p>",
             '<div class="signatories">', *(_p(s.label(), leaflet.lang) for s in leaflet.signatories), "</div></div>"]
    return f'<html lang="{lang}"><head><meta charset="utf-8"></head><body>{"".join(parts)}</body></html>'


def write_sources(leaflet_dir: Path, out: Path) -> dict[str, Path]:
    """Write every peer source: ``typst/a4-flyer.en.typ``, ``html/a3-poster.fa.html``, ..."""
    leaflet = load_leaflet(leaflet_dir)
    files: dict[str, Path] = {}
    (out / "typst").mkdir(parents=True, exist_ok=True)
    (out / "html").mkdir(parents=True, exist_ok=True)
    for lang in leaflet.statements:
        files[f"typst/a4-flyer.{lang}"] = _write(out / "typst" / f"a4-flyer.{lang}.typ", typst_flyer(leaflet, lang))
        files[f"html/a4-flyer.{lang}"] = _write(out / "html" / f"a4-flyer.{lang}.html", html_flyer(leaflet, lang))
    for slogan in leaflet.slogans:
        files[f"typst/a3-poster.{slogan.lang}"] = _write(out / "typst" / f"a3-poster.{slogan.lang}.typ",
                                                         typst_poster(leaflet, slogan.lang))
        files[f"html/a3-poster.{slogan.lang}"] = _write(out / "html" / f"a3-poster.{slogan.lang}.html",
                                                        html_poster(leaflet, slogan.lang))
    return files


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
