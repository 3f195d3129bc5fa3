"""Hunspell dictionaries made fit for search (broadsheet/dictionaries.py), on small affix files written here in the
format of Debian's packages, and on the packages themselves when installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.dictionaries import (
    DEBIAN_PACKAGES,
    find_dictionary,
    install_dictionaries,
    rewrite_affixes,
    rewrite_words,
)
from store.languages import LANGUAGES, Language

# Shaped like en_US.aff: one derivational prefix (pro-) and a plural suffix; the word list stores "protest" as
# pro+test, which is what makes a speller's stemmer answer "test" for "protests".
ENGLISH_AFF = """SET UTF-8
TRY esianrtolcdugmphbyfvkw
PFX K Y 1
PFX K   0     pro         .
SFX S Y 2
SFX S   y     ies        [^aeiou]y
SFX S   0     s          [^sxzhy]
"""
ENGLISH_DIC = """3
test/KS
city/S
pro
"""
# Shaped like fr.aff (FLAG long): an elided article, which must stay a rule, next to a derivational prefix.
FRENCH_AFF = """SET UTF-8
FLAG long
PFX L' Y 2
PFX L' 0 l' [aeiouhé]
PFX L' 0 L' [aeiouhé]
PFX Re Y 1
PFX Re 0 re .
SFX S. Y 1
SFX S. 0 s .
"""
FRENCH_DIC = """1
élection/L'S.Re
"""


def test_a_derivational_prefix_becomes_a_root_with_the_suffixes_of_its_base() -> None:
    affixes_text, affixes = rewrite_affixes(ENGLISH_AFF)
    assert "PFX K" not in affixes_text
    assert "SFX S Y 2" in affixes_text and "SFX S   0     s          [^sxzhy]" in affixes_text
    words = rewrite_words(ENGLISH_DIC, affixes).splitlines()
    # The base keeps its suffixes but no longer takes the prefix; the prefixed word is a root with the suffixes.
    assert words == ["4", "test/KS", "protest/S", "city/S", "pro"]


def test_an_elided_article_stays_a_rule_and_long_flags_are_read_in_pairs() -> None:
    affixes_text, affixes = rewrite_affixes(FRENCH_AFF)
    assert "PFX L' Y 2" in affixes_text and "PFX L' 0 l' [aeiouhé]" in affixes_text
    assert "PFX Re" not in affixes_text
    words = rewrite_words(FRENCH_DIC, affixes).splitlines()
    assert words == ["2", "élection/L'S.Re", "reélection/L'S."]


def test_a_prefix_whose_condition_fails_makes_no_root() -> None:
    aff = "SET UTF-8\nPFX A Y 1\nPFX A 0 anti [^r]\n"
    _, affixes = rewrite_affixes(aff)
    assert rewrite_words("2\nrobo/A\nvirus/A\n", affixes).splitlines() == ["3", "robo/A", "virus/A", "antivirus"]


def test_installing_writes_each_language_under_its_locale_and_names_what_is_missing(tmp_path: Path) -> None:
    sources = tmp_path / "hunspell"
    sources.mkdir()
    (sources / "en_US.aff").write_text(ENGLISH_AFF, encoding="utf-8")
    (sources / "en_US.dic").write_text(ENGLISH_DIC, encoding="utf-8")
    target = tmp_path / "config" / "hunspell"
    dictionaries = install_dictionaries(target, sources=(sources,))
    assert dictionaries.installed == ("en_US",)
    assert set(dictionaries.missing) == {language.dictionary for language in LANGUAGES} - {"en_US"}
    assert sorted(path.name for path in (target / "en_US").iterdir()) == [
        ".source",
        "en_US.aff",
        "en_US.dic",
        "settings.yml",
    ]
    assert (target / "en_US" / "settings.yml").read_text() == "ignore_case: true\n"
    message = dictionaries.missing_message()
    assert message is not None and "hunspell-de-de" in message and "de_DE" in message
    # Unchanged sources are not rewritten at the next start.
    written = (target / "en_US" / "en_US.dic").stat().st_mtime_ns
    install_dictionaries(target, sources=(sources,))
    assert (target / "en_US" / "en_US.dic").stat().st_mtime_ns == written


def test_every_language_names_its_debian_package() -> None:
    assert {language.dictionary for language in LANGUAGES} == set(DEBIAN_PACKAGES)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_the_packaged_dictionaries_are_installed_here(language: Language) -> None:
    """.ci/run installs them; the local node (and so every store test) stems with them."""
    dictionary = language.dictionary
    assert find_dictionary(dictionary), f"apt-get install {DEBIAN_PACKAGES[dictionary]}"
