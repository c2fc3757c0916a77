"""handbill.languages: BCP 47 tags canonicalised, with script and direction from CLDR's likely subtags."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbill import languages


@pytest.mark.parametrize(("tag", "canonical"), [
    ("iw", "he"), ("per", "fa"), ("fas", "fa"), ("arb", "ar"), ("pbu", "ps"), ("ydd", "yi"), ("urd", "ur"),
    ("fa-IR", "fa-IR"), ("fa-ir", "fa-IR"), ("EN", "en"), ("prs", "fa-AF"), ("sr-Cyrl", "sr"), ("sr-Latn", "sr-Latn"),
    ("zh-Hans", "zh"), ("zh-Hant", "zh-Hant"), ("zh-TW", "zh-TW"), ("cmn", "zh"), ("kmr", "kmr"), ("ckb", "ckb"),
    ("pt-BR", "pt-BR"), ("pt-PT", "pt-PT"), ("zh-Hant-TW", "zh-TW"), ("sr-Cyrl-RS", "sr-RS"),
    ("ku-Arab", "ku-Arab"), ("tl", "fil"),
])
def test_tags_are_canonicalised(tag: str, canonical: str) -> None:
    assert languages.canonical(tag) == canonical


@pytest.mark.parametrize("tag", ["ar", "fa", "prs", "ps", "pbu", "ur", "urd", "ckb", "ks", "pnb", "bal", "ug",
                                 "sd", "he", "yi", "ydd", "dv", "syr", "nqo", "arb", "ku-Arab", "az-Arab"])
def test_right_to_left_languages(tag: str) -> None:
    assert languages.info(tag).rtl


@pytest.mark.parametrize(("tag", "script"), [
    ("en", "Latn"), ("kmr", "Latn"), ("ckb-Latn", "Latn"), ("sr", "Cyrl"), ("sr-Latn", "Latn"), ("zh", "Hans"),
    ("zh-Hant", "Hant"), ("zh-TW", "Hant"), ("ja", "Jpan"), ("ko", "Kore"), ("th", "Thai"), ("lo", "Laoo"),
    ("km", "Khmr"), ("my", "Mymr"), ("bo", "Tibt"), ("am", "Ethi"), ("ti", "Ethi"), ("pa", "Guru"),
    ("bn", "Beng"), ("ta", "Taml"), ("si", "Sinh"), ("hy", "Armn"), ("ka", "Geor"),
])
def test_script_from_likely_subtags(tag: str, script: str) -> None:
    language = languages.info(tag)
    assert language.script == script
    assert not language.rtl


def test_a_region_keeps_the_language_data():
    persian, iran = languages.info("fa"), languages.info("fa-IR")
    assert (iran.language, iran.script, iran.rtl) == (persian.language, persian.script, persian.rtl)


def test_letter_script_names_the_script_of_characters() -> None:
    assert languages.info("zh-Hant").letter_script == "Hani"
    assert languages.info("ja").letter_script == "Hani"
    assert languages.info("ko").letter_script == "Hang"
    assert languages.info("fa").letter_script == "Arab"


def test_harfbuzz_need_comes_from_the_letters() -> None:
    """Sorani, Pashto and Uyghur letters have no presentation forms; Persian and Arabic ones all do."""
    assert languages.needs_harfbuzz("ckb") and languages.needs_harfbuzz("ps") and languages.needs_harfbuzz("ug")
    assert not languages.needs_harfbuzz("fa") and not languages.needs_harfbuzz("ar")
    assert languages.needs_harfbuzz("th") and not languages.needs_harfbuzz("ru")


@pytest.mark.parametrize("tag", ["xx", "gr", "en-", "", "x-foo", "fa IR", "zz-Latn"])
def test_invalid_tags_raise(tag: str) -> None:
    with pytest.raises(languages.LanguageError):
        languages.info(tag)
    assert languages.problem(tag) is not None


# UDHR article 1, published translations: Japanese mixes Han and kana (here kana are most of the letters).
JAPANESE = ("すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"
            "人間は、理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。")
KOREAN = "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다."


@pytest.mark.parametrize(("tag", "text"), [("ja", JAPANESE), ("ja-JP", JAPANESE), ("ja", "カタカナ"),
                                           ("ja", "人間"), ("ko", KOREAN), ("ko", "人間")])
def test_japanese_and_korean_are_written_in_their_own_scripts(tag: str, text: str) -> None:
    """Normal Japanese (kanji and kana, mostly Hiragana) and Korean are not "written in another script"
    (the outside tester of issue 17 was told to write ja-Hira)."""
    from handbill.text.script import is_usual_script, written_script

    written = written_script(text)
    assert written is not None and is_usual_script(written, tag)


def test_check_gives_japanese_no_script_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The whole path: `handbill check` on a Japanese statement prints no script warning."""
    from conftest import write_leaflet
    from handbill.cli import main

    toml = ('title = "Test"\ndate = 2024-05-01\nlang = "ja"\nlayouts = ["a4-flyer"]\norganisation = "Test"\n'
            '[[slogans]]\nlang = "ja"\ntext = "すべての人間は自由"\n')
    folder = write_leaflet(tmp_path / "lf", toml, {"ja": f"# 世界人権宣言\n\n{JAPANESE}\n"})
    status = main(["check", str(folder)])
    out = capsys.readouterr()
    if "no font" in out.out + out.err:
        pytest.skip("no Japanese font installed")
    assert status == 0 and "0 warnings" in out.out
    assert "written in" not in out.out + out.err and "Hira" not in out.out + out.err


@pytest.mark.parametrize(("tag", "script", "written"), [("fa-AF", "Latn", "fa-Latn-AF"), ("ckb", "Latn", "ckb-Latn"),
                                                        ("ku-Arab", "Latn", "ku-Latn"), ("sr", "Latn", "sr-Latn")])
def test_a_script_is_written_into_the_tag_where_bcp47_puts_it(tag, script, written):
    """The code a script warning suggests: Dari in Latin letters is fa-Latn-AF, not fa-Latn (Persian)."""
    assert languages.with_script(tag, script) == written
