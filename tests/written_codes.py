"""A leaflet whose files write language codes the loader canonicalises or renames (``prs`` -> ``fa-AF``,
``iw`` -> ``he``, ``fa`` beside ``fa-IR``), with real published text: the serve tests' leaflet for
matching panes, versions and problems by one key."""

from __future__ import annotations

from pathlib import Path

# The Universal Declaration of Human Rights, article 1 (the UN's published Dari/Persian and Hebrew texts).
DARI = ("تمام افراد بشر آزاد به دنیا می‌آیند و از لحاظ حیثیت و حقوق با هم برابرند. همه دارای عقل و وجدان "
        "هستند و باید نسبت به یکدیگر با روح برادری رفتار کنند.")
HEBREW = ("כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם. כולם חוננו בתבונה ובמצפון, לפיכך חובה "
          "עליהם לנהוג איש ברעהו ברוח של אחוה.")
ENGLISH = ("All human beings are born free and equal in dignity and rights. They are endowed with reason and "
           "conscience and should act towards one another in a spirit of brotherhood.")
SLOGAN = "تمام افراد بشر آزاد به دنیا می‌آیند"


def mixed_leaflet(folder: Path, layouts: str = '["a4-flyer", "a3-poster"]') -> Path:
    """A leaflet whose files write 'prs', 'iw', and both 'fa' (a slogan) and 'fa-IR' (a statement)."""
    folder.mkdir()
    (folder / "leaflet.toml").write_text(f'''title = "Universal Declaration of Human Rights"
date = 2026-12-10
lang = "en"
layouts = {layouts}

[translations.prs]
title = "اعلامیه جهانی حقوق بشر"

[[slogans]]
lang = "en"
text = "All human beings are born free and equal"

[[slogans]]
lang = "prs"
text = "{SLOGAN}"

[[slogans]]
lang = "fa"
text = "{SLOGAN}"
''', encoding="utf-8")
    for code, headline, text in (("en", "Universal Declaration of Human Rights", ENGLISH),
                                 ("prs", "اعلامیه جهانی حقوق بشر", DARI), ("fa-IR", "اعلامیهٔ جهانی حقوق بشر", DARI),
                                 ("iw", "ההכרזה לכל באי עולם בדבר זכויות האדם", HEBREW)):
        (folder / f"statement.{code}.md").write_text(f"# {headline}\n\n{text}\n", encoding="utf-8")
    return folder
