"""handbill.languages: BCP 47 tags canonicalised, with script and direction from CLDR's likely subtags."""

from __future__ import annotations

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
