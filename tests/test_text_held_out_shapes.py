"""Text dumps in the shapes issue 9 names as failure classes on held-out pages, in more than one language:
screen-reader labels before a caption, a byline with its role under the headline, and a short article cut by a
topics or most-read block. Written as known defects (strict xfails) first; each has since been fixed."""

from __future__ import annotations

import pytest

from transforms import Source
from transforms.model import Caption
from transforms.text import extract_text_dump

SOURCE = Source(uri="dump.txt", format="text", sha256="0" * 64)
HEADLINE = "Council votes to close the old library after a year of debate"
STORY = [
    "The council voted on Tuesday to close the old library, ending a debate that had run for most of the year.",
    "Supporters of the library had gathered more than 4,000 signatures asking the council to keep it open.",
    "The building will be sold next spring, and the proceeds will go toward a new branch near the station.",
    "The mayor said the decision had not been easy, but that the money had been missing for years.",
]
SCHLAGZEILE = "Gemeinderat beschließt: Die Bibliothek am Marktplatz schließt"
GESCHICHTE = [
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Bibliothek am Marktplatz zu schließen.",
    "Die Unterstützer der Bibliothek hatten mehr als 4000 Unterschriften gesammelt, um sie offen zu halten.",
    "Das Gebäude soll im nächsten Frühjahr verkauft werden, der Erlös geht an eine neue Filiale am Bahnhof.",
    "Die Bürgermeisterin sagte, die Entscheidung sei ihr nicht leicht gefallen, aber das Geld fehle seit Jahren.",
]


def dump(*lines: str) -> str:
    return "\n".join(lines)


def test_screen_reader_labels_before_a_caption_make_a_caption_not_body() -> None:
    text = dump(
        "Home", "News", HEADLINE, "By Jane Roe", STORY[0],
        "Image source, Harbour Photo Agency", "Image caption, The library opened in 1902 and became a landmark",
        *STORY[1:], "© The Crier",
    )  # fmt: skip
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.captions == (
        Caption(text="The library opened in 1902 and became a landmark", credit="Harbour Photo Agency", media="photo"),
    )
    assert article.paragraphs == tuple(STORY)


@pytest.mark.parametrize(
    "byline",
    [["Jane Roe", "Local government reporter"], ["Jane Roe, Local government reporter"], ["By Jane Roe", "Reporter"]],
)
def test_a_byline_and_its_role_under_the_headline_are_not_the_title(byline: list[str]) -> None:
    article = extract_text_dump(dump("Home", "News", HEADLINE, *byline, *STORY, "© The Crier"), SOURCE, frozenset())
    assert (article.title, article.byline) == (HEADLINE, ("Jane Roe",))


@pytest.mark.parametrize("byline", ["Von Anna Berger, Lokalredakteurin", "Anna Berger, Lokalredakteurin"])
def test_a_german_byline_with_a_compound_role_after_a_comma_is_the_name(byline: str) -> None:
    lines = ("Startseite", "Lokales", SCHLAGZEILE, byline, *GESCHICHTE, "Impressum")
    article = extract_text_dump(dump(*lines), SOURCE, frozenset())
    assert (article.title, article.byline) == (SCHLAGZEILE, ("Anna Berger",))


MOST_READ = ["Most read", "Mayor resigns after budget row", "Storm closes coastal road", "Local team wins the cup"]


def test_a_most_read_block_after_two_paragraphs_keeps_what_follows() -> None:
    lines = ("Home", "News", HEADLINE, "By Jane Roe", *STORY[:2], *MOST_READ, *STORY[2:], "© The Crier")
    assert extract_text_dump(dump(*lines), SOURCE, frozenset()).paragraphs == tuple(STORY)


@pytest.mark.parametrize(
    ("head", "story", "topics"),
    [
        ((HEADLINE, "By Jane Roe"), STORY, ["Topics", "Libraries", "City council", "Local government"]),
        ((SCHLAGZEILE, "Von Anna Berger"), GESCHICHTE, ["Themen", "Gemeinderat", "Bibliothek", "Haushalt"]),
    ],
    ids=["en", "de"],
)
def test_a_topics_block_after_the_first_paragraph_keeps_the_paragraph_before_it(
    head: tuple[str, str], story: list[str], topics: list[str]
) -> None:
    lines = ("Home", "News", *head, story[0], *topics, *story[1:], "© The Crier")
    assert extract_text_dump(dump(*lines), SOURCE, frozenset()).paragraphs == tuple(story)
