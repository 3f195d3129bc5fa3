"""The languages search analyses in their own way, and which analysis group an article's language falls into.

One table, read by the mappings (which analyzers exist), by the writer (which fields a document's text goes to)
and by the local node manager (which hunspell dictionaries to give the node). Kept free of the Elasticsearch
client so `broadsheet es ...` can read it without importing one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # ISO 639-1, the primary subtag of `Article.language` ("de" for "de-CH")
    analyzer: str  # the full build's built-in language analyzer (module analysis-common)
    stopwords: str  # the core `stop` filter's predefined list
    dictionary: str  # hunspell locale: the node reads config/hunspell/<dictionary>/*.aff and *.dic
    # Inflectional endings a query word may also match without (a light stemmer's, longest first): the search
    # also looks for words beginning with the rest, for the words a dictionary lacks (German and Dutch compounds
    # such as "Wahleinmischungen", which hunspell does not take apart) or stems to another word. None for
    # English, whose dictionary covers its few endings.
    endings: tuple[str, ...] = ()


LANGUAGES: tuple[Language, ...] = (
    Language("en", "english", "_english_", "en_US"),
    Language("de", "german", "_german_", "de_DE", ("ern", "em", "en", "er", "es", "e", "n", "s")),
    Language("fr", "french", "_french_", "fr_FR", ("es", "e", "s", "x")),
    Language("es", "spanish", "_spanish_", "es_ES", ("es", "os", "as", "a", "o", "e", "s")),
    Language("it", "italian", "_italian_", "it_IT", ("i", "e", "a", "o")),
    Language("nl", "dutch", "_dutch_", "nl_NL", ("en", "es", "e", "s")),
    Language("pt", "portuguese", "_portuguese_", "pt_PT", ("ões", "ães", "es", "os", "as", "a", "o", "e", "s")),
)
BY_CODE = {language.code: language for language in LANGUAGES}
# Every other language (and an unknown one) gets the plain standard analysis: words as written, lowercased.
OTHER = "other"
GROUPS: tuple[str, ...] = (*BY_CODE, OTHER)


def analysis_group(language: str | None) -> str:
    """ "de-CH" -> "de"; a language without its own analysis (or none) -> "other"."""
    primary = (language or "").strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in BY_CODE else OTHER
