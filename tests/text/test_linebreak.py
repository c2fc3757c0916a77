"""Tests for handbill.text.linebreak: break opportunities, addresses, hyphenation points."""

from __future__ import annotations

import itertools

import pytest

from handbill.text.linebreak import address_spans, break_points, grapheme_boundaries, hyphenation_points, trim_end


def lines_at_breaks(text: str, lang: str = "en") -> list[str]:
    """The text cut at every break opportunity."""
    cuts = [0, *(p.position for p in break_points(text, lang))]
    return [text[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def test_breaks_come_after_spaces_and_at_the_end():
    assert lines_at_breaks("one two  three") == ["one ", "two  ", "three"]
    assert break_points("one")[-1].position == 3 and break_points("one")[-1].forced


def test_a_newline_forces_a_break():
    points = break_points("a\nb")
    assert points[0].position == 2 and points[0].forced


def test_no_break_before_a_no_break_space():
    assert lines_at_breaks("9\u00a0May 1945") == ["9\u00a0May ", "1945"]


def test_a_word_does_not_break_at_its_own_hyphen():
    """poppler and pdfium drop a hyphen that ends a line (they take it for a hyphenation hyphen), so
    ``eight-|hour`` would be copied back as ``eighthour``: a word's hyphen between letters is no break."""
    assert lines_at_breaks("eight-hour day") == ["eight-hour ", "day"]
    assert lines_at_breaks("వివేచన-అంతఃకరణ సంపన్నులగుటచే") == ["వివేచన-అంతఃకరణ ", "సంపన్నులగుటచే"]
    assert lines_at_breaks("a -b") == ["a ", "-b"]  # not after a hyphen that follows a space


def test_a_zero_width_space_allows_a_break():
    assert lines_at_breaks("a\u200bb") == ["a\u200b", "b"]


def test_web_addresses_break_only_after_double_slash_and_before_a_single_slash():
    text = "at https://example.org/may-day now"
    assert lines_at_breaks(text) == ["at ", "https://", "example.org", "/may-day ", "now"]


def test_email_addresses_do_not_break():
    assert lines_at_breaks("to info@example-mail.org).") == ["to ", "info@example-mail.org)."]


def test_address_spans_leave_out_trailing_punctuation():
    text = "read https://example.org/may-day (or info@example.org)."
    assert [text[a:b] for a, b in address_spans(text)] == ["https://example.org/may-day", "info@example.org"]


def test_thai_lao_khmer_and_burmese_break_between_dictionary_words():
    """ICU's dictionaries: no break inside a word (the Lao line broke as ມະນຸ|ດທຸກໆ with graphemes only)."""
    assert lines_at_breaks("มนุษย์ทั้งหลายเกิดมามีอิสระ", "th") == ["มนุษย์", "ทั้ง", "หลาย", "เกิด", "มา", "มี", "อิสระ"]
    lao = lines_at_breaks("ມະນຸດທຸກໆຄົນເກີດມາມີອິດສະຫຼະ", "lo")
    assert "ມະນຸ" not in lao and "ທຸກໆ" in lao and len(lao) >= 6  # syllables whole, ໆ with its word
    assert len(lines_at_breaks("មនុស្សទាំងអស់កើតមកមានសេរីភាព", "km")) >= 4
    assert len(lines_at_breaks("လူတိုင်းသည် တူညီ လွတ်လပ်သော", "my")) >= 4


def test_chinese_and_japanese_break_between_characters_with_kinsoku():
    text = "人人生而自由，在尊严和权利上一律平等。「他们」（赋有）理性和良心。"
    lines = lines_at_breaks(text, "zh")
    assert "".join(lines) == text and len(lines) > 20
    assert not any(line[0] in "。、，」）" for line in lines)  # closing punctuation never starts a line
    assert not any(line[-1] in "「（" for line in lines)  # opening punctuation never ends one
    japanese = lines_at_breaks("すべての人間は、生まれながらにして自由であり、", "ja")
    assert not any(line[0] in "、。" for line in japanese)


def test_korean_breaks_at_spaces():
    expected = ["모든 ", "인간은 ", "태어날 ", "때부터 ", "자유로우며"]
    assert lines_at_breaks("모든 인간은 태어날 때부터 자유로우며", "ko") == expected


def test_french_punctuation_stays_with_the_word_before():
    """LB13: a colon, semicolon, exclamation or question mark after a space is not a line's start."""
    lines = lines_at_breaks("La Méditerranée : nouveau bassin ! Oui ; non ? Oui", "fr")
    assert lines == ["La ", "Méditerranée : ", "nouveau ", "bassin ! ", "Oui ; ", "non ? ", "Oui"]


def test_ethiopic_breaks_after_the_word_space():
    text = "የሰው፡ልጅ፡ሁሉ፡ሲወለድ፡ነጻ።"
    lines = lines_at_breaks(text, "am")
    assert lines == ["የሰው፡", "ልጅ፡", "ሁሉ፡", "ሲወለድ፡", "ነጻ።"]


def test_tibetan_opening_mark_stays_with_the_text_after_it():
    lines = lines_at_breaks("༈ བོད་ཀྱི་སྐད་", "bo")
    assert lines[0] == "༈ བོད་" and "".join(lines) == "༈ བོད་ཀྱི་སྐད་"


def test_a_soft_hyphen_is_an_opportunity():
    assert lines_at_breaks("co\u00adoperation", "en") == ["co\u00ad", "operation"]


@pytest.mark.parametrize("cluster", ["👍🏽", "🇫🇷", "👩\u200d👩\u200d👧", "\u1100\u1161\u11a8", "e\u0301"])
def test_grapheme_clusters_keep_emoji_flags_and_jamo_whole(cluster: str):
    text = f"a{cluster}b"
    assert grapheme_boundaries(text) == [0, 1, 1 + len(cluster), len(text)]


def test_addresses_are_found_in_time_linear_in_a_run_without_spaces():
    """The e-mail expression used to retry from every character (quadratic); a scan from each '@'
    finds the same spans."""
    text = "x" * 50_000 + "@example.org " + "y@" * 20_000
    assert address_spans(text) == [(0, 50_000 + len("@example.org"))]


def test_trim_end_drops_trailing_spaces_and_newlines():
    assert trim_end("ab  \n", 0, 5) == 2
    assert trim_end("   ", 0, 3) == 0


@pytest.mark.parametrize(("word", "lang"), [("organisation", "en"), ("εργαζόμενοι", "el"),
                                            ("трудящиеся", "ru"), ("Solidarität", "de-AT")])
def test_latin_greek_and_cyrillic_words_hyphenate(word: str, lang: str):
    points = hyphenation_points(word, lang)
    assert points
    assert all(2 <= p <= len(word) - 3 for p in points)


@pytest.mark.parametrize(("word", "lang"), [("کارگرانسراسر", "fa"), ("الانتصارات", "ar"), ("הפשיזם", "he"),
                                            ("कार्यदिवस", "hi"), ("ժողովուրդներին", "ar"), ("მშრომელები", "he")])
def test_other_scripts_never_hyphenate(word: str, lang: str):
    assert hyphenation_points(word, lang) == []


# TeX's hyph-utf8 patterns, for languages pyphen has no dictionary for (Debian texlive-lang-european:
# tr, kmr; texlive-lang-other: hy, ka; scripts/install-system-deps installs both).
TEX_HYPHENATED = [("uluslararasılaştırılamayanlardan", "tr", "ulus-la-ra-ra-sı-laş-tı-rı-la-ma-yan-lar-dan"),
                  ("dayanışmanın", "tr", "da-ya-nış-ma-nın"),
                  ("իրավունքներով", "hy", None), ("ժողովուրդներին", "hy", None),
                  ("თავისუფალნი", "ka", "თა-ვი-სუ-ფალნი"), ("უფლებებით", "ka", "უფ-ლე-ბე-ბით"),
                  ("mirovahiyê", "kmr", "mi-ro-va-hiyê"), ("azadîxwaz", "kmr", "aza-dî-xwaz")]


@pytest.mark.parametrize(("word", "lang", "expected"), TEX_HYPHENATED)
def test_turkish_armenian_georgian_and_kurmanji_hyphenate_with_tex_patterns(word: str, lang: str,
                                                                            expected: str | None):
    from handbill.text.linebreak import has_hyphenation, tex_patterns

    if tex_patterns(lang) is None:
        pytest.skip(f"hyph-{lang}.pat.txt not installed (Debian texlive-lang-european/-other; "
                    "scripts/install-system-deps)")
    assert has_hyphenation(lang)
    points = hyphenation_points(word, lang)
    assert points and all(2 <= p <= len(word) - 3 for p in points)
    if expected is not None:
        assert "-".join(word[a:b] for a, b in itertools.pairwise([0, *points, len(word)])) == expected


def test_armenian_hyphen_is_its_own_where_the_font_has_it():
    from handbill.text.linebreak import ARMENIAN_HYPHEN, hyphen_char

    assert hyphen_char("Armn", lambda ch: True) == ARMENIAN_HYPHEN
    assert hyphen_char("Armn", lambda ch: False) == "-"
    assert hyphen_char("Latn", lambda ch: True) == "-"


def test_short_words_and_words_with_digits_do_not_hyphenate():
    assert hyphenation_points("peace", "en") == []
    assert hyphenation_points("organ1sation", "en") == []
    assert hyphenation_points("organisation", "xx") == []  # no dictionary for the language
    assert hyphenation_points("organisation", "az") == []  # neither pyphen nor TeX has Azerbaijani


def test_a_joiner_after_a_space_is_part_of_the_trailing_tail_but_one_after_a_letter_stays():
    from handbill.text.linebreak import trim_end

    assert trim_end("\u2067X \u200c", 0, 4) == 2  # found by hypothesis: the space was drawn inside an isolate
    assert trim_end("ള്\u200d ", 0, 4) == 3  # Malayalam chillu: the ZWJ belongs to its letter
    assert trim_end("\u200c", 0, 1) == 0
