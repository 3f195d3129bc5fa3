"""The headline of a text dump: kickers over it or on its line, bylines the byline reader cannot parse, captions'
credits and notices that push it below the body's first line. Synthetic text only (no dev data)."""

from __future__ import annotations

import pytest

from transforms import Source
from transforms.text import extract_text_dump
from transforms.text.extract import title_evidence
from transforms.text.header import sentence_with_credit

SOURCE = Source(uri="unit.txt", format="text", sha256="0" * 64)
BODY = [
    "The council voted on Tuesday to close the old library, ending a debate that had run for most of the year.",
    "Supporters of the library had gathered more than 4,000 signatures asking the council to keep it open.",
    "He declined to comment on the vote or on what would happen to the books that the library still holds.",
    "The building will be sold next spring, and the proceeds will go toward a new branch near the station.",
]
HEADLINE = "Council closes the old library after a year of debate"


def _title(*head: str) -> str | None:
    dump = "\n".join(["Home", "News", "Sport", *head, *BODY, "© 2024 The Crier"])
    return extract_text_dump(dump, SOURCE, frozenset()).title


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_a_kicker_before_a_spaced_dash_is_no_part_of_the_headline(dash: str) -> None:
    assert _title(f"Library row {dash} {HEADLINE}", "By Jane Roe", "March 3, 2024") == HEADLINE


def test_a_dash_inside_a_long_headline_is_kept() -> None:
    """A dash after more than a kicker's few words, or after punctuation, is the headline's own."""
    headline = "Your old library card could be worth money now - here is how to check yours"
    assert _title(headline, "By Jane Roe", "March 3, 2024") == headline


def _evidence(*head: str) -> dict[str, dict[str, float]]:
    dump = "\n".join(["Home", "News", "Sport", *head, *BODY, "© 2024 The Crier"])
    return dict(title_evidence(dump, frozenset()))


def test_the_headline_under_its_kicker_over_the_byline() -> None:
    """A kicker of a few words right over the headline is no headline with its dek below: where a headline sits
    (nearest above the byline, a longer line under a shorter one being its dek) points at the headline."""
    head = ("Old library to close as the council votes on its future", "The library row", HEADLINE)
    evidence = _evidence(*head, "By Jane Roe", "March 3, 2024")
    assert (evidence[HEADLINE]["positional"], evidence["The library row"]["positional"]) == (1.0, 0.0)
    assert (evidence[HEADLINE]["under_kicker"], evidence["The library row"]["under_kicker"]) == (1.0, 0.0)
    assert (evidence[HEADLINE]["over_headline"], evidence["The library row"]["over_headline"]) == (0.0, 1.0)
    assert _title(*head, "By Jane Roe", "March 3, 2024") == HEADLINE


def test_a_byline_the_reader_cannot_parse_is_not_where_the_headline_sits() -> None:
    evidence = _evidence(HEADLINE, "By the-crier , jr", "March 3, 2024")
    assert evidence["By the-crier , jr"] == {**evidence["By the-crier , jr"], "byline_like": 1.0, "positional": 0.0}
    assert evidence[HEADLINE]["positional"] == 1.0
    assert _title(HEADLINE, "By the-crier , jr", "March 3, 2024") == HEADLINE


def test_a_compound_ending_in_an_abbreviation_is_no_caption_credit() -> None:
    headline = "Ministers dodge questions at the debate on revising the Japan-U.S. Pact"
    assert sentence_with_credit(headline) is None
    assert _title(headline, "By Jane Roe", "March 3, 2024") == headline


def test_a_caption_with_its_credit_after_a_full_stop_is_still_one() -> None:
    caption = sentence_with_credit("Protesters gather in front of the town hall in Madrid. EFE")
    assert caption is not None and caption.credit == "EFE"


def test_the_headline_under_a_notice_taken_for_the_first_paragraph() -> None:
    """A disclaimer over the story is read as the body's first paragraph; the headline and the byline sit below it,
    and the headline is the title, not a paragraph, while the lead stays in the body."""
    notice = (
        "A note on links: every product here is chosen by the editors on their own. If you buy through a link, "
        "we may earn a small commission, which never changes what we write."
    )
    lead = "The library that served the town for ninety years will close its doors for good at the end of the month."
    headline = 'Council closes the old library: "We could not keep it open any longer"'  # a quote: read as prose
    dump = "\n".join(["Home", notice, "Cover story", headline, lead, "By Jane Roe", "March 3, 2024", *BODY])
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert article.title == headline
    assert headline not in article.paragraphs
    assert lead in article.paragraphs and all(paragraph in article.paragraphs for paragraph in BODY)


def test_a_headline_whose_line_opens_with_its_kicker_s_colon_is_joined_to_the_kicker() -> None:
    """The copy broke the line between a kicker and the colon after it: the headline is the two, as shown."""
    assert _title("Library row", ": Council closes the old library", "By Jane Roe", "March 3, 2024") == (
        "Library row: Council closes the old library"
    )


def test_a_headline_under_its_kicker_keeps_the_dash_inside_it() -> None:
    """A headline has one kicker: under a kicker's line, a spaced dash after a few words is the headline's own."""
    headline = "Council closes library – while the town debates what comes next"
    head = ("Old library to close as the council votes on its future", "The library row –", headline)
    evidence = _evidence(*head, "By Jane Roe", "March 3, 2024")
    assert "while the town debates what comes next" not in evidence
    assert _title(*head, "By Jane Roe", "March 3, 2024") != "while the town debates what comes next"


def test_a_numbered_breadcrumb_trail_names_the_page() -> None:
    """The trail's last item is the page's own name (as the site titles it, kicker and colon included), taken over
    the shorter headline the page sets in large type below it."""
    named = f"Library row: {HEADLINE}"
    crumbs = ("1. Home", ">", "2. Town", ">", "3. Council", ">", f"4. {named}")
    assert _title(*crumbs, "Garden tools for sale", HEADLINE, "By Jane Roe", "March 3, 2024") == named
    assert list(_evidence(*crumbs, HEADLINE, "By Jane Roe", "March 3, 2024")) == [named]


def test_a_ranked_list_of_stories_is_no_breadcrumb_trail() -> None:
    """Items of several words before the last are other stories' headlines: no section labels, no trail."""
    ranked = ("1. Bridge repairs will close the river road", "2. A new mayor takes office in the town hall")
    evidence = _evidence(*ranked, "3. School bus routes change next week", HEADLINE, "By Jane Roe", "March 3, 2024")
    assert "School bus routes change next week" not in evidence
    assert HEADLINE in evidence


def test_the_head_starts_under_a_breadcrumb_trail() -> None:
    """A trail ending in a label ("Current article") names nothing, but the lines above it (an audio player's
    title, a menu) are not the story's headline."""
    player = "Morning bulletin on the budget talks"
    crumbs = ("1. News", "2. Town", "3. Current article")
    assert _title(player, *crumbs, HEADLINE, "By Jane Roe", "March 3, 2024") == HEADLINE
    assert player not in _evidence(player, *crumbs, HEADLINE, "By Jane Roe", "March 3, 2024")


def test_a_breadcrumb_name_takes_the_kicker_glued_to_the_headline_below() -> None:
    """The trail names the story without its kicker; the copy glued the kicker to the headline below (no colon,
    no line break): the kicker ends where the name begins, and is set off by a colon as a site's titles do."""
    crumbs = ("1. Home", "2. Town", f"3. {HEADLINE}")
    assert _title(*crumbs, f"Library row {HEADLINE}", "By Jane Roe", "March 3, 2024") == f"Library row: {HEADLINE}"
    long_prefix = f"After many months of heated debate {HEADLINE}"
    assert _title(*crumbs, long_prefix, "By Jane Roe", "March 3, 2024") == HEADLINE


def _blocks(*blocks: tuple[str, ...]) -> str:
    """A dump whose blocks are set apart by blank lines, the body's paragraphs after them."""
    return "\n\n".join(["\n".join(block) for block in blocks] + BODY)


MENU = ("Home", "News", "Sport", "Weather", "Opinion")


def test_a_short_headline_set_apart_under_a_menu_is_no_menu_item() -> None:
    """A blank line ends the menu: the short headline under it continues its run of short lines only across that
    line, so it stays a candidate."""
    dump = _blocks(MENU, ("Library closes its doors",), ("By Jane Roe", "March 3, 2024"))
    assert extract_text_dump(dump, SOURCE, frozenset()).title == "Library closes its doors"


def test_a_kicker_set_apart_under_a_menu_is_a_kicker() -> None:
    dump = _blocks(MENU, ("Inside Town Hall",), (HEADLINE,), ("By Jane Roe", "March 3, 2024"))
    evidence = dict(title_evidence(dump, frozenset()))
    assert (evidence["Inside Town Hall"]["over_headline"], evidence[HEADLINE]["under_kicker"]) == (1.0, 1.0)
    assert extract_text_dump(dump, SOURCE, frozenset()).title == HEADLINE


def test_a_menu_s_own_block_stays_chrome() -> None:
    dump = _blocks((*MENU, "Harbour Festival Dates"), (HEADLINE,), ("By Jane Roe", "March 3, 2024"))
    assert "Harbour Festival Dates" not in dict(title_evidence(dump, frozenset()))


def test_a_dek_as_long_as_the_headline_and_without_its_full_stop_is_the_dek() -> None:
    """Headline, then a standfirst at least as long: with the same number of words and no full stop, the line
    under the headline is still its dek, not the headline over the byline."""
    dek = "Readers and staff gathered on the steps to say goodbye"
    assert len(dek.split()) == len(HEADLINE.split())
    evidence = _evidence(HEADLINE, dek, "By Jane Roe", "March 3, 2024")
    assert (evidence[HEADLINE]["positional"], evidence[dek]["positional"]) == (1.0, 0.0)
    assert _title(HEADLINE, dek, "By Jane Roe", "March 3, 2024") == HEADLINE


def test_a_clip_s_title_under_its_player_s_label_is_no_headline() -> None:
    """A video of the story, titled much like it, between the dek and the byline: its title is the clip's."""
    clip = "Council votes to close the old library after the long debate"
    head = (HEADLINE, "Town hall", "Video", clip, "By Jane Roe", "March 3, 2024")
    assert clip not in _evidence(*head)
    assert _title(*head) == HEADLINE


def test_a_head_far_above_the_body_holds_the_headline() -> None:
    """The dateline sits above the whole head window (an offer's and a list's boxes between it and the body): the
    headline is the line over it, not the heading of the body's section near the body, however on topic."""
    headline = "A town loses its oldest reading room"
    boxes = [f"Offer {k}" for k in range(45)]
    section = "Council votes to close the old library"
    dump = "\n".join([*MENU, headline, "By Jane Roe", "Published March 3, 2024", *boxes, section, *BODY])
    assert extract_text_dump(dump, SOURCE, frozenset()).title == headline


def test_a_breadcrumb_trail_under_the_headline_leaves_it_a_candidate() -> None:
    crumbs = ("1. Home", "2. Town", "3. Council")
    assert _title(HEADLINE, *crumbs, "By Jane Roe", "March 3, 2024") == HEADLINE


def test_a_link_trail_set_apart_under_a_menu_is_still_chrome() -> None:
    dump = _blocks(MENU, ("Home » Town »",), (HEADLINE,), ("By Jane Roe", "March 3, 2024"))
    assert "Home » Town »" not in dict(title_evidence(dump, frozenset()))


def test_a_picture_credit_alone_is_no_headline() -> None:
    credit = "Ann Poe/Associated Press"
    head = (HEADLINE, "The old library on the day of the vote", credit, "Updated March 3, 2024")
    assert credit not in _evidence(*head)
    assert _title(*head) == HEADLINE


@pytest.mark.parametrize("separator", ["»", "›", ">", "/", "|"])
def test_a_trail_on_one_line_is_navigation_and_its_last_item_a_candidate(separator: str) -> None:
    trail = f"Home {separator} Town {separator} {HEADLINE}"
    evidence = _evidence(trail, "By Jane Roe", "March 3, 2024")
    assert trail not in evidence and HEADLINE in evidence
    assert _title(trail, "By Jane Roe", "March 3, 2024") == HEADLINE


@pytest.mark.parametrize(
    "trail",
    [
        "« Bridge repairs close the river road | Main | School bus routes change next week »",  # a blog's older/newer
        "You are here: Home > Town > Council >",  # ends with its separator
        "Home / Town / Council closes the old library after a...",  # cut short
    ],
)
def test_a_trail_that_names_no_page_gives_no_candidate(trail: str) -> None:
    evidence = _evidence(trail, HEADLINE, "By Jane Roe", "March 3, 2024")
    assert list(evidence) == [HEADLINE]


# An advert's tag copied as text, an entity of its address mis-read ("&sect" as "§") as old pages' copies show.
_AD_QUERY = "Params.richmedia=yes&location=top&spacedesc=banner&site=Town§ion=3181&country=(none)&rand=1234567"
_TAG = (
    f'<a href="http://ads.example.net/click.ng/{_AD_QUERY}"> <img src="http://ads.example.net/image.ng/{_AD_QUERY}"'
    ' width="468" height="60" border="0" alt="Advertisement"></a>'
)


@pytest.mark.parametrize("link", ["« Back to the town news", "Read the next story about the council »", _TAG])
def test_a_link_onwards_or_a_tag_left_in_the_copy_is_no_headline(link: str) -> None:
    assert link not in _evidence(link, HEADLINE, "By Jane Roe", "March 3, 2024")


@pytest.mark.parametrize("quoted", ["«We could not keep the library open»", "»We could not keep the library open«"])
def test_a_headline_in_guillemets_is_still_a_candidate(quoted: str) -> None:
    assert quoted in _evidence(quoted, "By Jane Roe", "March 3, 2024")


@pytest.mark.parametrize(
    "label",
    [
        "Category: Town and council meetings",
        "Tags: library, council, town budget",
        "Filed under: Town , Council , Libraries",
        "Posted in Town news and notes",
        "Location: The old town hall, second floor",
        "Director: Jane Roe with John Doe",
        "The Crier Staff | Tags: Council, Library",
        "Posted by Jane Roe in Town news",
        "Powered by the Example Web Company",
        "In partnership with the Example Foundation",
        "Search for: council meetings and library hours",
    ],
)
def test_a_field_of_the_page_s_metadata_is_no_headline(label: str) -> None:
    """Of more words than a menu's items, so as not to be taken for one."""
    evidence = _evidence(label, HEADLINE, "By Jane Roe", "March 3, 2024")
    assert label not in evidence and HEADLINE in evidence


@pytest.mark.parametrize(
    "label",
    [
        "Open the navigation menu of the site",
        "Enlarge this image of the town",
        "Send your feedback to the team",
        "Error 404 – page not found on this site",
        "An error occurred, please try again later",
        "Printer-friendly version of the page",
        "Listen live to the town radio",
        "Other blogs we like to read",
        "Recent posts from around the town",
        "Member since 03/2019 in the forum",
    ],
)
def test_a_control_s_label_or_a_notice_is_no_headline(label: str) -> None:
    evidence = _evidence(label, HEADLINE, "By Jane Roe", "March 3, 2024")
    assert label not in evidence and HEADLINE in evidence


def test_a_notice_in_the_page_s_language_is_no_headline() -> None:
    """The notices of a German page are read with the German lexicon (the English one is read too)."""
    notice = "Leider ist ein Fehler aufgetreten, laden Sie die Seite neu"
    headline = "Der Gemeinderat schließt die alte Bibliothek nach einem Jahr"
    body = [
        "Der Gemeinderat hat am Dienstag beschlossen, die alte Bibliothek zu schließen, und eine Debatte beendet.",
        "Die Unterstützer der Bibliothek hatten viertausend Unterschriften für den Erhalt gesammelt, ohne Erfolg.",
        "Das Gebäude soll im Frühjahr verkauft werden, und der Erlös geht an eine neue Filiale nahe dem Bahnhof.",
        "Wie es mit den Büchern weitergeht, die noch in der Bibliothek stehen, ist bisher nicht entschieden worden.",
    ]
    dump = "\n".join(["Startseite", "Politik", "Sport", notice, headline, "Von Jana Beispiel", "3. März 2024", *body])
    evidence = dict(title_evidence(dump, frozenset()))
    assert notice not in evidence and headline in evidence


@pytest.mark.parametrize(
    "caption",
    [
        "A crowd in front of the old library (Symbolbild)",
        "A crowd in front of the old library (Archivfoto)",
        "A crowd in front of the old library (stock photo)",
        "The mayor (L) shakes hands with the head librarian",
        "Jane Roe (left) and John Doe at the town hall",
    ],
)
def test_a_caption_marking_its_picture_is_no_headline(caption: str) -> None:
    """A caption says its picture is a stock or an archive one, or where in it a person stands."""
    evidence = _evidence(caption, HEADLINE, "By Jane Roe", "March 3, 2024")
    assert caption not in evidence and HEADLINE in evidence


@pytest.mark.parametrize("trail", [f"You are here: Town > {HEADLINE}", f"You are here:Town>Council>{HEADLINE}"])
def test_a_trail_under_its_label_names_the_page_however_few_its_items(trail: str) -> None:
    assert list(_evidence(trail, "By Jane Roe", "March 3, 2024")) == [HEADLINE]


def test_a_headline_with_words_a_notice_uses_too_is_still_a_candidate() -> None:
    headline = "Something went wrong at the old library, the council admits"
    assert headline in _evidence(headline, "By Jane Roe", "March 3, 2024")


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_a_kicker_ending_with_its_dash_is_no_headline_and_the_line_under_it_is(dash: str) -> None:
    """The copy set the kicker's separator at the end of the kicker's own line ("Library row –" over the headline):
    a line ending with a spaced dash is cut short, never a headline, and does not make the headline under it read
    as a shorter candidate's dek; the page's shorter title set higher up (the one its tab shows) loses to it."""
    head = ("Town library to close", "", f"Library row {dash}", HEADLINE)
    dek = "The vote ends a debate that ran for most of the year, and the books will move to the new branch."
    assert f"Library row {dash}" not in _evidence(*head, dek, "Jane Roe", "March 3, 2024")
    assert _title(*head, dek, "Jane Roe", "March 3, 2024") == HEADLINE


@pytest.mark.parametrize("separator", [":", " |"])
def test_a_search_title_over_the_shown_headline_gives_way_to_it(separator: str) -> None:
    """The page's search title ("Topic: Headline") printed over its headline as shown ("Topic – Headline"): the
    headline under it, without its kicker, is the story's."""
    head = (
        f"Library row{separator} {HEADLINE}",
        f"Library row – {HEADLINE}",
        "Residents had asked for the branch to stay open, and the vote came after months of meetings.",
        "By Jane Roe",
        "March 3, 2024",
    )
    assert _title(*head) == HEADLINE
