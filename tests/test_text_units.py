"""Unit tests for the parts of text-dump extraction: lines, scoring, head, recurring lines."""

from __future__ import annotations

import pytest

from transforms import Rejected, Source
from transforms.model import Caption
from transforms.text import extract_text_dump, recurring_lines
from transforms.text.extract import _before_author_box
from transforms.text.header import find_site, headline_text, parse_date
from transforms.text.lexicon import guess_language, lexicon_for
from transforms.text.lines import has_terminal_punctuation, split_lines
from transforms.text.recurring import site_blurbs
from transforms.text.scoring import comment_section_start, comment_thread_start, score_lines, spacer_lines, trim_tail

SOURCE = Source(uri="unit.txt", format="text", sha256="0" * 64)
EN = lexicon_for("en")

BODY = [
    "The council voted on Tuesday to close the old library, ending a debate that had run for most of the year.",
    "Supporters of the library had gathered more than 4,000 signatures asking the council to keep it open.",
    "He declined to comment.",
    "The building will be sold next spring, and the proceeds will go toward a new branch near the station.",
]


def _score(text: str) -> dict[str, float]:
    lines = split_lines(text)
    return {line.text: score.total for line, score in zip(lines, score_lines(lines, EN, frozenset()), strict=True)}


def test_short_real_paragraph_is_prose_but_related_headline_is_not() -> None:
    scores = _score("\n".join([*BODY[:2], "Library closures spread across rural counties, study says", *BODY[2:]]))
    assert scores["He declined to comment."] > 0
    assert scores["Library closures spread across rural counties, study says"] < 0


@pytest.mark.parametrize(
    ("text", "terminal"),
    [
        ("„Wir fangen morgen früh wieder an“, sagte sie.", True),
        ("„Das war ein langer Tag für alle.“", True),  # German closing quotes are the English opening ones
        ("„Er kommt erst morgen“", True),
        ("« C’est fini. »", True),
        ("Find more homes »", False),  # a link's arrow, no quote
        ("Weitere Bilder«", False),
        ("The river floods every spring, as it has for centuries.[3][12]", True),  # a wiki's footnote marks
        ("Conjures water[1]", False),
    ],
)
def test_a_sentence_may_end_inside_closing_quotes_or_before_footnote_marks(text: str, terminal: bool) -> None:
    assert has_terminal_punctuation(text) is terminal


@pytest.mark.parametrize(
    "chrome",
    [
        "Advertisement",
        "Sign up for our newsletter",
        "Share on Facebook",
        "12 comments",
        "$4.99",
        "3 hours ago",
        "This website uses cookies to improve your experience. By continuing you agree to our cookie policy.",
        "The site is best viewed in a current browser with style sheets turned on; older browsers show plain text.",
        "The Gazette is not responsible for the content of external websites. Read about our approach to links.",
    ],
)
def test_chrome_lines_score_negative(chrome: str) -> None:
    assert _score(chrome)[chrome] < 0


def test_click_here_inside_a_sentence_is_prose_but_a_call_to_click_is_chrome() -> None:
    """A blogger's "(click here)" in the middle of a sentence is prose; a sentence opening with it is a button."""
    inside = "The new lens is finally in stock at the camera shop downtown (click here) and sells for less than before."
    calls = ["Click here for our free weekly newsletter!", "Twelve issues for the price of ten. Click here to order."]
    scores = _score("\n".join([inside, *calls]))
    assert scores[inside] > 0
    assert all(scores[call] < 0 for call in calls)


def test_by_clicking_inside_a_sentence_is_prose_but_opening_a_banner_sentence_is_chrome() -> None:
    """A story may say "vote by clicking on the photo"; "By clicking Accept, ..." opens a consent banner's sentence."""
    lines = split_lines("Readers can vote by clicking on the photo.\nBy clicking Accept, you agree to our terms.")
    scores = score_lines(lines, EN, frozenset())
    assert [score.part("consent") for score in scores] == [0.0, -1.0]


def test_common_words_of_the_news_are_no_chrome_phrases() -> None:
    """The words "commission", "listen to" and "follow the" are news prose; the affiliate disclosure that says "we
    may earn a commission" is a chrome sentence of its own."""
    prose = ["The commission will meet again in June.", "They follow the rules.", "Fans listen to the band."]
    disclosure = "We may earn a commission when you buy through our links."
    lines = split_lines("\n".join([*prose, disclosure]))
    scores = score_lines(lines, EN, frozenset())
    assert [score.part("boilerplate") for score in scores[:-1]] == [0.0, 0.0, 0.0]
    assert scores[-1].total < 0


@pytest.mark.parametrize(
    "heading", ["Das könnte dich auch interessieren", "Lesen Sie auch:", "Ähnliche Beiträge:", "Teilen Sie dies mit:"]
)
def test_german_headings_closing_an_article_are_end_markers(heading: str) -> None:
    lines = split_lines(heading)
    assert score_lines(lines, lexicon_for("de"), frozenset())[0].part("end_marker") < 0


@pytest.mark.parametrize(
    ("heading", "language"),
    [("More stories…", "en"), ("You might also like …", "en"), ("Das könnte Sie auch interessieren …", "de")],
)
def test_a_closing_heading_trailed_by_an_ellipsis_is_an_end_marker(heading: str, language: str) -> None:
    """An ellipsis after a closing heading ("More stories…") trails it as a colon does: still an end marker."""
    lines = split_lines(heading)
    assert score_lines(lines, lexicon_for(language), frozenset())[0].part("end_marker") < 0


def test_menu_runs_are_chrome() -> None:
    scores = _score("Home\nWorld\nBusiness\nSports")
    assert all(total < 0 for total in scores.values())


def test_related_headline_dropped_and_short_paragraph_kept() -> None:
    text = "\n\n".join(
        [
            "Home",
            "News",
            *BODY[:2],
            "Library closures spread across rural counties, study says",
            *BODY[2:],
            "© 2024 The Town Crier",
        ]
    )
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs == tuple(BODY)
    assert article.site == "The Town Crier"


def test_recurring_lines_need_several_dumps_and_spare_prose() -> None:
    shared_prose = "The mayor said the plan would be announced later this month."
    dumps = [f"Facebook\nTwitter\nStory {i} text is here.\n{shared_prose if i < 3 else ''}" for i in range(10)]
    recurring = recurring_lines(dumps)
    assert {"Facebook", "Twitter"} <= recurring
    assert shared_prose not in recurring  # in 3 of 10 dumps only: prose needs a large share
    assert not recurring_lines(dumps[:2])


def test_a_blogs_tag_list_with_spaced_commas_is_chrome() -> None:
    # Long, with function words and no title case: without the commas' spacing it reads as an unpunctuated paragraph.
    tags = (
        "posted by jane at noon in the library , town news , the council , money saving , a good read , "
        "books for children , the old branch , reading rooms"
    )
    linked = "Visit the library on its website , blog , reading list , shop , and noticeboard ."
    scores = _score("\n".join([tags, linked]))
    assert scores[tags] < 0
    assert scores[linked] > 0  # a sentence whose links the copy spaced out
    assert extract_text_dump("\n".join(["Library closes", *BODY, tags]), SOURCE, frozenset()).paragraphs == tuple(BODY)


def test_recurring_lines_count_as_chrome() -> None:
    line = "Daily briefing from the newsroom, every morning"
    lines = split_lines(line)
    plain = score_lines(lines, EN, frozenset())[0].total
    assert score_lines(lines, EN, frozenset({line}))[0].total < plain


# A made-up allotment blog: its template (a menu of plots and crops, a footer), a blurb of its sidebar over each post.
_PLOT_MENU = [
    *(f"Plot {n}" for n in range(1, 13)),
    *("Beans", "Leeks", "Onions", "Potatoes", "Rhubarb", "Squash", "Tomatoes", "Turnips", "Compost", "Weather"),
]
_PLOT_BLURB = (
    "The Allotment Diary is kept by the gardeners of the east plots, who have shared a shed, a hose and a great many "
    "opinions about slugs since the wet spring of 2004, and who write down here what grows, what fails and why."
)
_PLOT_POSTS = [
    ["Frost came early this week and took the last of the runner beans.", "We pulled the canes on Saturday."],
    ["The leeks are thick as a thumb now.", "Earthing them up again kept the stems white."],
    ["A fox dug through the compost bays overnight.", "Nothing was lost but a bag of coffee grounds."],
]


def _plot_page(post: list[str], *, sidebar: str = _PLOT_BLURB) -> str:
    return "\n".join(
        [*_PLOT_MENU, "", sidebar, "", "Posted on May 3, 2024 by Jane Roe", "", *post, "", "Leave a reply"]
    )


def _other_site(n: int, extra: str = "") -> str:
    return "\n".join([f"Desk {n} home", f"Desk {n} sport", "", f"Story {n} is told here in a few plain words.", extra])


def test_site_blurbs_are_sentences_in_one_place_of_one_site_template() -> None:
    wire = "The ferry service will resume on Monday after repairs to the harbour wall, the operator said."
    dumps = [*(_plot_page(post) for post in _PLOT_POSTS), *(_other_site(n, wire if n < 3 else "") for n in range(7))]
    recurring = recurring_lines(dumps)
    assert _PLOT_BLURB not in recurring  # a sentence in 3 of 10 dumps: not chrome by repetition alone
    assert site_blurbs(recurring) == {_PLOT_BLURB}  # the wire story's sentence is on pages of no common template
    assert site_blurbs(frozenset({_PLOT_BLURB})) == frozenset()


def test_an_excerpt_of_one_post_on_its_sites_other_pages_is_no_blurb() -> None:
    excerpt = _PLOT_POSTS[0][0]
    dumps = [
        _plot_page(_PLOT_POSTS[0]),
        *(_plot_page(post, sidebar=f"Recent posts\n{excerpt}") for post in _PLOT_POSTS),
    ]
    assert excerpt not in site_blurbs(recurring_lines(dumps))  # under the byline on its page, a heading elsewhere


def test_a_short_post_is_read_without_its_sites_blurb() -> None:
    dumps = [*(_plot_page(post) for post in _PLOT_POSTS), *(_other_site(n) for n in range(4))]
    recurring = recurring_lines(dumps)
    assert extract_text_dump(dumps[0], SOURCE, frozenset(recurring)).paragraphs[0] == _PLOT_BLURB  # outweighs it
    assert extract_text_dump(dumps[0], SOURCE, recurring).paragraphs == tuple(_PLOT_POSTS[0])


def test_a_blurb_on_both_pages_of_a_site_is_one_but_two_versions_of_a_story_share_no_blurb() -> None:
    pages = [_plot_page(post) for post in _PLOT_POSTS[:2]]
    update = "The council later said the sale would wait until the new branch opens."
    desk = [f"Desk {n}" for n in range(24)]  # the news site's template
    versions = ["\n".join([*desk, *BODY]), "\n".join([*desk, *BODY, update])]
    recurring = recurring_lines([*pages, *versions, *(_other_site(n) for n in range(4))])
    assert _PLOT_BLURB in site_blurbs(recurring)
    assert not set(BODY) & site_blurbs(recurring)  # paragraphs in a row: one story saved twice


def test_a_page_saved_several_times_keeps_its_story() -> None:
    dumps = [*[_plot_page(_PLOT_POSTS[0], sidebar="")] * 3, *(_other_site(n) for n in range(4))]
    recurring = recurring_lines(dumps)
    assert set(_PLOT_POSTS[0]) <= site_blurbs(recurring)
    assert extract_text_dump(dumps[0], SOURCE, recurring).paragraphs == tuple(_PLOT_POSTS[0])


_FILM_POST = "Lovely little film about the harbour lights by Ada Moss! Music by the Rivets"
_DISCLAIMER = "If you find anything here worth sharing, please link back to this page and credit its makers."


def _short_post_page(post: str) -> str:
    head = ["Neon harbour at dusk", "", "Posted on March 4, 2025 by lanternkeeper", ""]
    sidebar = ["Comments (0)", "", "Leave a comment", "", "Home", "Archive", "Films", "Music", "", _DISCLAIMER]
    return "\n".join([*head, post, "", *sidebar, "", "Powered by a kettle"])


def test_a_short_post_under_its_dateline_outweighs_a_sidebar_disclaimer() -> None:
    # Its one line lacks a full stop and weighs less than the disclaimer; it is the page's entry all the same.
    assert extract_text_dump(_short_post_page(_FILM_POST), SOURCE, frozenset()).paragraphs == (_FILM_POST,)


def test_a_short_posts_first_sentence_joins_it_whatever_its_shape() -> None:
    # The first line reads as a glued teaser ("ShopSigns"), so the run starts under it; it is a sentence of the post.
    post = [
        "The Top 6 ShopSigns posts from the last 2 weeks.",
        "A bakery that spells bread three ways (one, two).",
        "The most honest menu in town.",
        "A dentist who sells sweets next door.",
    ]
    footer = ["posted by signwatcher @ 6:43 PM", "0 Comments:", "Post a Comment", "<< Home"]
    dump = "\n".join(["Signs of the Times", "Sunday, May 5, 2024", *post, *footer])
    assert extract_text_dump(dump, SOURCE, frozenset()).paragraphs == tuple(post)


def test_a_short_posts_lines_ending_mid_sentence_are_read_with_it() -> None:
    # A quotation's first line ends with a comma and reads as no sentence; the run found starts under it.
    post = [
        "The tide came in across the sand,",
        "And took the castle we had planned.",
        "An old rhyme, as sung in Whitby",
    ]
    footer = ["Posted in Rhymes | No Comments »", "Leave a Reply", "Name *", "Email *", "Website"]
    dump = "\n".join(["Rhyme of the Week", "Written By: Jane Roe - May 5, 2024", *post, *footer])
    assert extract_text_dump(dump, SOURCE, frozenset()).paragraphs == tuple(post)


def test_a_menu_under_the_dateline_is_no_short_post() -> None:
    page = _short_post_page("Films\nMusic\nArchive")
    assert extract_text_dump(page, SOURCE, frozenset()).paragraphs == (_DISCLAIMER,)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("June 15, 2022 at 5:43 p.m. EDT", "en", "2022-06-15T17:43:00-04:00"),
        ("Updated on: November 19, 2019 / 10:07 AM", "en", "2019-11-19T10:07:00"),
        ("Published 14 July 2023", "en", "2023-07-14"),
        ("2023-06-01T10:00:00Z", "en", "2023-06-01T10:00:00+00:00"),
        ("12.01.2024, 16:45 Uhr", "de", "2024-01-12T16:45:00"),
        ("5. Juni 2023", "de", "2023-06-05"),
        ("Publicado el 15 de febrero de 2024, 10:20", "es", "2024-02-15T10:20:00"),
        ("Published: 18:42, 3 Sep 2023 | Updated: 09:15, 4 Sep 2023", "en", "2023-09-03T18:42:00"),
        ("2025/1/21 20:50", "en", "2025-01-21T20:50:00"),  # year first, slashes: Japanese and Chinese sites
        ("no date in this line", "en", None),
        ("February 30, 2023", "en", None),
        # Digits alone, in each order sites write them.
        ("Veröffentlicht am 03/02/2024 - 16:17", "de", "2024-02-03T16:17:00"),  # slashed: day first outside English
        ("02/23/2024 9:10", "en", "2024-02-23T09:10:00"),  # a day over 12 tells the order in English too
        ("23/02/2024", "en", "2024-02-23"),
        ("03/02/2024", "en", None),  # March or February: an English page does not say which
        ("Do 17.09.24 | 08:15 Uhr", "de", "2024-09-17T08:15:00"),  # two-digit year
        ("Opinion 2027.03.08 06:40", "en", "2027-03-08T06:40:00"),  # year first, dotted (Korean, Lithuanian sites)
        ("Frissítve: 2023. 11. 19.", "en", "2023-11-19"),  # Hungarian spacing
        ("田中一郎 2023年6月4日 10時05分", "en", "2023-06-04"),
        ("Server 10.10.10.10 is down", "en", None),  # an address, not a date
        ("Version 2.31.1", "en", None),
        ("Publié le 3 févr. 2025 à 08:01", "fr", "2025-02-03T08:01:00"),  # abbreviated month names
        ("12. Okt. 2023", "de", "2023-10-12"),
        ("4. MÄR 2025 18:03", "de", "2025-03-04T18:03:00"),
        ("11. 3. 2027 , 09:15 Uhr", "de", "2027-03-11T09:15:00"),  # day first, spaced (Czech, Slovak, German)
        ("Aktualizováno 4. 10. 2026 8:05", "cs", "2026-10-04T08:05:00"),
        ("Kapitel 3. 4. 12", "de", None),  # spaced numbers with a short year are a section number
        # Month names of the languages the lexicon holds beyond the first ten.
        ("Publisert onsdag 12. mai 2027 - 08:40", "nb", "2027-05-12T08:40:00"),
        ("Opdateret 7. marts 2026", "da", "2026-03-07"),
        ("Publicerad 30 augusti 2025 kl 07.10", "sv", "2025-08-30T07:10:00"),
        ("20 Ekim 2026 • Güncelleme : 21 Ekim 2026", "tr", "2026-10-20"),
        ("8. července 2027", "cs", "2027-07-08"),
    ],
)
def test_parse_date(text: str, language: str, expected: str | None) -> None:
    assert parse_date(text, lexicon_for(language)) == expected


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("The Washington PostDemocracy Dies in Darkness", "The Washington Post"),
        ("McDonald's Corner", None),
    ],
)
def test_glued_masthead(top: str, expected: str | None) -> None:
    assert find_site(split_lines(top + "\nSome text here.")) == expected


def test_copyright_holder_without_company_suffix() -> None:
    assert find_site(split_lines("Menu\nText.\n© 2019 CBS Interactive Inc. All Rights Reserved.")) == "CBS Interactive"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (" ".join(BODY), "en"),
        ("Der Pegel des Rheins ist in der Nacht zum Freitag gestiegen und die Stadt hat die Promenade gesperrt.", "de"),
        ("El precio del aceite de oliva ha bajado un 18% en el último mes según los datos del sector.", "es"),
        ("Most nad rzeką został zamknięty, ponieważ jego konstrukcja nie jest już bezpieczna dla kierowców.", "pl"),
        ("Brua over elva ble stengt i natt, og kommunen sier at den ikke er trygg for bilister etter flommen.", "nb"),
        ("Broen over åen blev lukket i nat, og kommunen siger at den ikke er sikker for bilister efter stormen.", "da"),
        ("Bron över ån stängdes i natt och kommunen säger att den inte är säker för bilister efter stormen.", "sv"),
        ("Belediye, köprünün kapatıldığını ve bu nedenle sürücüler için daha uzun bir yol olduğunu açıkladı.", "tr"),
        ("Most přes řeku byl v noci uzavřen, protože podle města už není pro řidiče bezpečný.", "cs"),
        ("12 34 56", None),
    ],
)
def test_guess_language(text: str, language: str | None) -> None:
    assert guess_language(text) == language


@pytest.mark.parametrize("text", ["", "\n\n \n", "Home\nNews\nSport\nWeather\nContact us"])
def test_no_article_is_rejected(text: str) -> None:
    with pytest.raises(Rejected):
        extract_text_dump(text, SOURCE, frozenset())


def _comments(count: int) -> list[str]:
    """A comment section's lines: who and when, what they said (longer than the article), and a reply link."""
    said = (
        "I have been going to that library since I was a child and I am sad to see it close. The council should "
        "have asked the people who actually use the building before deciding anything at all, and it did not. "
        "Selling the building makes sense only if the new branch opens on time, and I doubt that it will."
    )
    lines: list[str] = []
    for i in range(count):
        lines += [f"Reader{i} says:", f"March {i % 27 + 1}, 2024 at 9:{i % 50 + 10} am", said, "Reply"]
    return lines


def test_a_long_comment_section_does_not_outweigh_a_short_article() -> None:
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY, "12 Comments", *_comments(12)])
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    "heading", ["{ 12 comments… read them below or add one }", "{ 1 comment... read it below or add one }"]
)
def test_a_blog_themes_comment_count_in_braces_heads_the_comment_section(heading: str) -> None:
    """Some blog themes print the count with an invitation inside braces: the comments below it are no body."""
    said = (
        "The branch by the station will be far too small for the children's reading hour, and nobody on the "
        "council seems to have visited the old building on a Saturday morning before voting to sell it off."
    )
    comments = [line for i in range(8) for line in (str(i + 1), f"Reader{i} 03.0{i + 1}.24 at 9:1{i} am", said)]
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY, heading, *comments])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


def test_a_comment_count_naming_the_article_heads_the_comment_section() -> None:
    """'46 Comments on "Headline"' heads the comments as '46 Responses to "Headline"' does, each comment under
    its author and its date."""
    said = (
        "The branch by the station will be far too small for the children's reading hour, and nobody on the "
        "council seems to have visited the old building on a Saturday morning before voting to sell it off."
    )
    comments = [line for i in range(8) for line in (f"reader{i}", f"March {i + 1}th, 2024 at 2:1{i} pm", said)]
    heading = "8 Comments on “Council closes the old library”"
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY, heading, *comments])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    "heading",
    ["8 Responses", "8 replies", "8 Comments Post a comment", "8 comments leave a reply", "Discuss this post"],
)
def test_a_bare_count_of_responses_or_a_call_to_discuss_heads_the_comment_section(heading: str) -> None:
    """'16 Responses' alone (no 'to "Headline"'), a count with its call to comment, or 'Discuss this post' heads
    the comments below it, each under its number, its date and its author."""
    said = (
        "The branch by the station will be far too small for the children's reading hour, and nobody on the "
        "council seems to have visited the old building on a Saturday morning before voting to sell it off."
    )
    comments = [line for i in range(8) for line in (f"{i + 1}. on 2024-03-0{i + 1} at 9:1{i} am Reader{i}", said)]
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY, heading, *comments])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    ("heading", "signature"),
    [
        ("Reader views (3)", "Louise, Leeds, UK"),
        ("Your views (12)", "Tom B., Cardiff"),
        ("Have your say", "Posted by Ann"),
    ],
)
def test_readers_views_under_the_article_are_comments(heading: str, signature: str) -> None:
    """UK papers head their comments "Reader views (3)" or "Have your say", each view signed after it: the views
    are no part of the article."""
    views = [x for i in range(6) for x in (_COMMENT_EN, f"{signature} {i}")]
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY, heading, "Add your view", *views])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


_SIDEBAR_BLURB = (
    "About this blog: I write about libraries, reading rooms and the people who run them, with photographs from "
    "my travels, book reviews, interviews with librarians and now and then a recipe for the cake we bake for the "
    "reading group. Thank you for dropping by, and feel free to write to me with suggestions for new posts."
)


@pytest.mark.parametrize(
    "form",
    [
        ["Leave a Reply", "Name (required)", "Email (required)", "Website"],
        ["Leave a comment", "Name *", "Email *"],
        ["Speak Your Mind", "Name *", "Email *", "Website"],
    ],
)
def test_a_reply_form_no_one_has_used_yet_ends_a_short_post(form: list[str]) -> None:
    """A comment heading over its reply form's fields, with no comment yet: the sidebar's blurb below it, longer
    than the post, is not the article."""
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY, *form, "Search", _SIDEBAR_BLURB])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


def test_reply_form_fields_apart_in_an_interleaved_column_head_no_comment_section() -> None:
    """A layout table copied column by column puts an archive list between the form's fields: no proof of a form."""
    column = ["Leave a Reply", "October 2011", "Name (required)", "September 2011", "August 2011", "Website"]
    lexicon = lexicon_for("en")
    assert comment_section_start(split_lines("\n".join(column)), lexicon) is None
    assert comment_section_start(split_lines("\n".join(["Leave a Reply", "Name (required)", "Website"])), lexicon) == 0


_BODY_DE = [
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Bibliothek zu schließen, nach einem langen Streit.",
    "Die Unterstützer der Bibliothek hatten mehr als 4000 Unterschriften für den Erhalt des Hauses gesammelt.",
    "Das Gebäude soll im nächsten Frühjahr verkauft werden, und der Erlös geht an eine neue Filiale am Bahnhof.",
]
_COMMENT_DE = (
    "Ich gehe seit meiner Kindheit in diese Bibliothek und finde es sehr schade, dass sie nun schließen soll, "
    "denn für viele ältere Leute in der Nachbarschaft ist sie der einzige Ort, an dem man sich noch trifft."
)


@pytest.mark.parametrize(
    "question", ["Was denkst du?", "Was meinen Sie dazu?", "Einen Kommentar schreiben", "Kommentar hinzufügen"]
)
def test_a_german_question_to_the_reader_heads_a_comment_section(question: str) -> None:
    """'Was denkst du?' over the reply form asks for comments as 'What do you think?' does, as do the German
    headings of a reply form ('Einen Kommentar schreiben', 'Kommentar hinzufügen'): the sidebar's blurb
    below the form, longer than the post, is not the article."""
    blurb = (
        "Über dieses Blog: Hier schreibe ich über Bibliotheken, Lesesäle und die Menschen, die dort arbeiten, mit "
        "Fotos von meinen Reisen, Buchbesprechungen und ab und zu einem Rezept für den Kuchen, den wir für den "
        "Lesekreis backen. Danke für deinen Besuch, und schreib mir gern, worüber ich als Nächstes berichten soll."
    )
    text = "\n".join(["Startseite", "Die Bibliothek schließt", *_BODY_DE, question, "Name *", "E-Mail *", blurb])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(_BODY_DE)


@pytest.mark.parametrize("heading", ["5 Gedanken zu „Die Bibliothek schließt“", "Schreibe einen Kommentar"])
def test_a_german_comment_section_does_not_outweigh_a_short_post(heading: str) -> None:
    """A blog's comment heading in German, each comment under "Name sagt:" and its date: the post is kept alone."""
    comments = [line for i in range(5) for line in (f"Leserin{i} sagt:", f"{i + 1}. März 2024 um 9:1{i}", _COMMENT_DE)]
    text = "\n".join(["Startseite", "Die Bibliothek schließt", *_BODY_DE, heading, *comments])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(_BODY_DE)


def test_a_long_paragraph_signed_off_by_its_agency_is_no_caption() -> None:
    """A wire story's last paragraph ends with "(dpa)": it stays in the body, not taken for a credited caption."""
    last = " ".join([*_BODY_DE, *_BODY_DE[::-1], "Die Stadt will im Sommer über die Pläne für das Grundstück beraten."])
    text = "\n".join(["Startseite", "Die Bibliothek schließt", *_BODY_DE, f"{last} (dpa)", "Teilen", "Drucken"])
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs[-1] == f"{last} (dpa)"
    assert article.captions == ()


def test_a_comment_count_above_the_article_does_not_cut_it() -> None:
    """A share bar's "Comments (12)" sits between the standfirst and the story: no comments follow it."""
    dek = "The building will close in the spring after a year of debate over its future and its costs."
    text = "\n".join(["Council closes the old library", dek, "Comments (12)", "Share", *BODY, "© 2024 The Crier"])
    article = extract_text_dump(text, SOURCE, frozenset())
    assert set(BODY) <= set(article.paragraphs)


def test_a_comment_count_in_the_toolbar_over_the_headline_does_not_hide_the_article() -> None:
    """A blog's toolbar shows the comment count, then the date split over lines and the headline: the only prose
    above it is the blog's blurb, and the article under it has no comment's introductions."""
    blurb = "Breaking news and analysis of the economy, markets and consumer issues. Check us out on our site."
    toolbar = ["148 comments", "Print", "11", "Mar", "2019", "5:42pm, EST"]
    text = "\n".join(["Home", "News", "Sport", blurb, *toolbar, "Council closes the old library", *BODY, "Print"])
    assert set(BODY) <= set(extract_text_dump(text, SOURCE, frozenset()).paragraphs)


_COMMENT_EN = (
    "I have been going to that library since I was a child and I am sad to see it close. The council should "
    "have asked the people who actually use the building before deciding anything at all, and it did not."
)


@pytest.mark.parametrize(
    ("language", "count", "heading", "body", "said"),
    [
        ("en", "99 comments", "Discuss this post", BODY, _COMMENT_EN),
        ("de", "12 Kommentare", "Leserkommentare", _BODY_DE, _COMMENT_DE),
    ],
)
def test_the_comments_under_their_own_heading_below_a_toolbar_count_stay_out(
    language: str, count: str, heading: str, body: list[str], said: str
) -> None:
    """A toolbar's comment count over the headline, the article, then the comments under their own heading, each
    comment followed by its votes and its number and time: the article is read, the comments are not."""
    blurb = "Breaking news and analysis of the economy, markets and consumer issues. Check us out on our site."
    toolbar = [count, "Print", "11", "Mar", "2019", "5:42pm, EST"]
    comments = [x for i in range(10) for x in (f"reader{i}", said, f"{i + 2} votes", f"#{i + 1} - Mar 11, 2019 6:1{i}")]
    text = "\n".join(["Home", "News", blurb, *toolbar, "Library closes", *body, "Print", heading, *comments])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(body), language


_RANKED_TABS = {
    "en": (
        ["Most read", "Comments"],
        ["Mural unveiled", "Driver crashes supercar", "Council tax to rise", "Park gates reopen", "Bus fares"],
        BODY,
        "By Jane Roe",
    ),
    "de": (
        ["Meistgelesen", "Kommentare"],
        ["Kunst im Rathaus", "Fahrer verunglückt", "Grundsteuer steigt", "Park wieder offen", "Busfahrpreise"],
        _BODY_DE,
        "Von Jana Rosen",
    ),
}


@pytest.mark.parametrize("language", sorted(_RANKED_TABS))
def test_a_ranked_list_under_a_comments_tab_is_no_comment_section(language: str) -> None:
    """A "Most read | Comments" box ranks stories, "1" / headline / "2" / headline: numbers alone under a comment
    heading, but no line says more than a headline; the article below the box is read."""
    tabs, headlines, body, byline = _RANKED_TABS[language]
    ranked = [x for i, headline in enumerate(headlines) for x in (str(i + 1), headline)]
    poll = "Should the council keep the old library open for another year, now that the new branch is running late?"
    text = "\n".join(["Home", "News", poll, "Yes", "No", *tabs, *ranked, "Back to index", "Library closes", byline])
    text += "\n" + "\n".join([*body, "Print", "Share"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(body), language


@pytest.mark.parametrize(
    ("heading", "body", "said", "signature"),
    [
        ("Have your say", BODY, _COMMENT_EN, "Dana K, Portland"),
        ("Leserkommentare", _BODY_DE, _COMMENT_DE, "Jana R., Köln"),
    ],
)
def test_views_signed_with_name_and_place_under_a_comment_heading_are_comments(
    heading: str, body: list[str], said: str, signature: str
) -> None:
    """Under a comment heading with neither count nor dates, each view is signed after it with a name and a place:
    those signatures say the section holds readers' comments."""
    views = [x for i in range(6) for x in (said, f"{signature} {i}")]
    text = "\n".join(["Home", "News", "Library closes", *body, heading, *views, "Contact"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(body)


@pytest.mark.parametrize(
    ("heading", "body", "said", "signature"),
    [
        ("Comments", BODY, _COMMENT_EN, "Posted by: Reader{i} on March {day}, 2024 01:5{i} PM"),
        ("Kommentare", _BODY_DE, _COMMENT_DE, "Antworten | {day}.03.2024 13:5{i}"),
    ],
)
def test_long_comments_each_signed_under_them_make_a_comment_section(
    heading: str, body: list[str], said: str, signature: str
) -> None:
    """Comments of many lines, each signed under it with who and when: fewer than two signatures lie within the
    usual reach of the heading, so signatures are looked for further down."""
    comments = [x for i in range(5) for x in (f"{i + 1}. {said}", *[said] * 5, signature.format(i=i, day=i + 3))]
    text = "\n".join(["Home", "News", "Library closes", *body, "Posted by Jane Roe", heading, *comments])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(body)


def test_a_short_post_keeps_its_comment_section_out() -> None:
    """A post shorter than the toolbar case's blurb still ends at its comment heading: comments follow it."""
    post = "The council voted on Tuesday to close the old library after a year of debate; the building will be sold."
    text = "\n".join(["Home", "News", "Sport", "Library closes", post, "12 Comments", *_comments(12)])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (post,)


def test_a_heading_over_a_one_paragraph_section_is_kept() -> None:
    """The article's last section is one paragraph under its heading: the heading is kept with it."""
    text = "\n".join(
        ["Home", "News", "Council closes the old library", *BODY[:3], "What happens next", BODY[3], "© 2024"]
    )
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*BODY[:3], "What happens next", BODY[3])


def test_headlines_alternating_with_single_paragraphs_are_not_headings() -> None:
    """A neighbouring column's headlines interleaved one by one with the story's paragraphs are left out."""
    column = ["Mayor resigns after budget row", "Storm closes coastal road", "Local team wins the cup"]
    lines = [BODY[0], column[0], BODY[1], column[1], BODY[3], column[2], BODY[0].replace("Tuesday", "Monday")]
    paragraphs = extract_text_dump("\n".join(["Home", "News", *lines, "© 2024"]), SOURCE, frozenset()).paragraphs
    assert not set(column) & set(paragraphs)


STOPS = [
    "June 9 -- Town Hall, Springfield, IL",
    "June 12 -- Riverside Park, Dayton, OH",
    "June 15 -- Civic Arena, Erie, PA",
]


def test_a_long_paragraph_without_a_full_stop_inside_the_article_is_kept() -> None:
    """A paragraph that ends with an emoticon or a link instead of a full stop is still the article's; a long list of
    tags in the same place is not."""
    unpunctuated = "We spent the whole afternoon at the new branch and the children did not want to go home at all :-)"
    tags = "Library Council Budget Station Branch Books Children Reading Town Hall Vote Spring Sale Debate Building"
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY[:2], unpunctuated, tags, *BODY[2:]])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert unpunctuated in paragraphs
    assert tags not in paragraphs


_POST = [
    "Autumn is here and the market stalls are full of squash, so this week I cooked the soup my aunt taught me.",
    "It takes less than an hour, keeps for days in the fridge and tastes even better on the second day, I promise.",
]
_RECIPE = [
    "Spiced Squash Soup",
    "Serves four",
    "1 large butternut squash, peeled and cubed",
    "2 tablespoons olive oil",
    "1 teaspoon ground cumin",
    "500 ml vegetable stock",
    "Warm the oil in a large pot and soften the squash in it for ten minutes, stirring now and then.",
    "Add the cumin and the stock, simmer until the squash is tender, then blend until smooth and serve hot.",
]


def test_a_recipe_card_under_the_post_is_kept() -> None:
    """A food blog's recipe card (title, yield, ingredients, method) under the post belongs to the article; the
    blog's footer below it does not."""
    footer = ["Archive", "Categories", "Soups", "Desserts", "Contact", "Search"]
    text = "\n".join(["Home", "Recipes", "Squash soup for cold evenings", *_POST, *_RECIPE, *footer])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert paragraphs[: len(_POST)] == tuple(_POST)
    assert all(line in paragraphs for line in _RECIPE[2:])
    assert not set(footer) & set(paragraphs)


_RECIPES_WITH_METHOD = {
    "en": (
        _POST,
        ["Spiced Squash Soup", "1 large butternut squash, peeled and cubed", "2 tablespoons olive oil"],
        ["1 – 2 cups vegetable stock", "1 to 2 teaspoons ground cumin", "Directions:"],
        [
            "Warm the oil in a large pot and soften the squash in it for ten minutes, stirring now and then.",
            "Add the cumin and the stock, simmer until tender, then share the soup out and serve it hot.",
        ],
    ),
    "de": (
        [
            "Der Herbst ist da, die Marktstände sind voller Kürbisse, und diese Woche habe ich die Suppe meiner Tante "
            "gekocht.",
            "Sie ist in weniger als einer Stunde fertig und schmeckt am zweiten Tag sogar noch besser, versprochen.",
        ],
        ["Kürbissuppe mit Kreuzkümmel", "1 Stück Butternusskürbis, geschält und gewürfelt", "2 EL Olivenöl"],
        ["500 ml Gemüsebrühe", "1-2 TL Kreuzkümmel", "Zubereitung:"],
        [
            "Das Öl in einem großen Topf erhitzen und den Kürbis darin zehn Minuten andünsten, dabei umrühren.",
            "Kreuzkümmel und Brühe dazugeben, weich köcheln lassen, pürieren und heiß servieren.",
        ],
    ),
}


@pytest.mark.parametrize("language", sorted(_RECIPES_WITH_METHOD))
def test_a_recipe_card_s_method_under_its_heading_is_kept(language: str) -> None:
    """Quantities given as ranges ("1 – 2 cups", "1-2 TL") are ingredients, and the steps under the method's
    heading ("Directions:", "Zubereitung:", which recurs on every page of the blog) are the card's, though a step
    names a chrome word ("share")."""
    post, card, more, steps = _RECIPES_WITH_METHOD[language]
    footer = ["Archive", "Categories", "Soups", "Desserts", "Contact", "Search"]
    text = "\n".join(["Home", "Recipes", "Squash soup", *post, *card, *more, *steps, *footer])
    recurring = frozenset({more[-1]})
    paragraphs = extract_text_dump(text, SOURCE, recurring).paragraphs
    assert paragraphs[: len(post)] == tuple(post), language
    assert all(line in paragraphs for line in [*card[1:], *more[:2], *steps]), language
    assert not set(footer) & set(paragraphs)


@pytest.mark.parametrize(
    ("ingredients", "steps"),
    [
        (
            ["500 Gramm Kartoffeln", "2 Eier", "1 Teelöffel Salz", "3 Esslöffel Mehl", "1 Päckchen Backpulver"],
            [
                "Die Kartoffeln schälen, fein reiben und in einem sauberen Tuch gut ausdrücken.",
                "Eier, Salz, Mehl und Backpulver unterrühren und kleine Puffer in heißem Öl goldbraun backen.",
                "Die Puffer auf Küchenpapier abtropfen lassen und sofort mit Apfelmus servieren.",
            ],
        ),
        (
            ["2 cups rolled oats", "3 ripe bananas", "1 teaspoon cinnamon", "2 slices of bread", "1 dash of salt"],
            [
                "Mash the bananas in a large bowl with a fork until no big lumps are left in them.",
                "Stir in the oats, the cinnamon and the salt, then leave the mixture to rest for ten minutes.",
                "Spoon small heaps onto a lined tray and bake them for a quarter of an hour until golden.",
            ],
        ),
    ],
)
def test_a_recipe_cards_ingredients_over_its_method_are_kept(ingredients: list[str], steps: list[str]) -> None:
    """A recipe card set above its method: the ingredients (units written out in full, or none: "2 eggs") a few
    lines over the steps are the recipe's, as the HTML extractor keeps them; the menu above them is not."""
    menu = ["Home", "Recipes", "Baking", "Contact"]
    text = "\n".join(
        [*menu, "Quick potato cakes", "Ingredients", *ingredients, "Method", "1", *steps, "Print", "Share"]
    )
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert paragraphs == (*ingredients, *steps)


_POST_WITH_CODE = [
    "Every autumn I shrink the holiday photos before they go into the family album, and this year I wrote a script.",
    "It reads each picture in the folder and saves a smaller copy next to it, and the whole of it fits in a few lines:",
    "import sys",
    "from pathlib import Path",
    "def shrink(picture):",
    "resize(picture, width=1200)",
    "The album now loads in a second on my mother's old tablet, where it used to take the better part of a minute.",
    "Next year I may teach the script to sort the pictures into folders, one for each summer we spent away.",
]


def test_a_code_listing_under_a_sentence_of_the_post_is_kept() -> None:
    """The lines of a post's code listing (imports, a definition, a call) are short lines without a full stop that read
    as a menu; under a sentence of the post they are its own, as the HTML extractor keeps a <pre> block."""
    text = "\n\n".join(["Home", "Archive", "About", "Shrinking the holiday photos", *_POST_WITH_CODE, "Comments"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(_POST_WITH_CODE)


def test_a_menu_under_a_sentence_is_no_code_listing() -> None:
    text = "\n".join(["Home", "Council closes the old library", *BODY, "Sport", "Weather", "Travel", "Contact us"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


def test_a_paragraph_above_a_single_interleaved_cell_is_joined_to_the_run() -> None:
    """A side column copied row by row puts one of its cells between two of the story's paragraphs: the paragraph
    above the cell is the story's as the one below is."""
    first = "The mayor opened the new bridge over the river on Friday, after two years of work and a row over its cost."
    text = "\n".join(["Home", "News", "Sport", "Weather", "Travel", first, "Cricket | Rugby | Golf", *BODY])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs[0] == first


def test_a_list_the_article_ends_with_is_kept() -> None:
    """The last paragraph introduces a list ("Tour dates:"): its items are the article's, not chrome."""
    intro = "The band will play these dates on the tour:"
    text = "\n".join(["Home", "News", "Band announces tour", *BODY, intro, *STOPS, "Share", "Tweet", "Email", "© 2024"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*BODY, intro, *STOPS)


def test_a_list_inside_the_article_is_kept() -> None:
    intro = "The band will play these dates on the tour:"
    text = "\n".join(["Home", "News", "Band announces tour", *BODY[:2], intro, *STOPS, *BODY[2:], "© 2024"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*BODY[:2], intro, *STOPS, *BODY[2:])


@pytest.mark.parametrize(
    ("body", "intro", "items"),
    [
        (
            BODY,
            "The following schools will be closed on Thursday:",
            ["Riverside Primary School", "Oakwood High School", "Millbrook Middle School"],
        ),
        (
            _BODY_DE,
            "Am Donnerstag bleiben diese Schulen geschlossen:",
            ["Grundschule am Markt", "Gymnasium an der Ruhr", "Realschule Am Park"],
        ),
    ],
)
def test_a_list_of_short_names_the_article_ends_with_is_kept(body: list[str], intro: str, items: list[str]) -> None:
    """Items of three or four words in a row have a menu's shape; under the line that introduces them they are the
    article's list all the same."""
    text = "\n".join(["Home", "News", "Schools close", *body, intro, *items, "Share", "Tweet", "Email", "© 2024"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*body, intro, *items)


def test_a_colon_is_no_list_of_menu_lines() -> None:
    """Lines after the colon that are chrome (a share bar, a menu) or mere words are no list's items."""
    intro = "The band will play these dates on the tour:"
    text = "\n".join(["Home", "News", "Band announces tour", *BODY, intro, "Share", "Tweet", "Email", "Sign up now"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*BODY, intro)


def test_separators_repeated_between_paragraphs_do_not_end_the_article() -> None:
    """A page prints "Article content" between its paragraphs: a short paragraph between two of them is no end
    of the article, whatever follows it."""
    more = [
        "Officials said the sale would be handled by the county, which owns the land under the building.",
        "A public meeting on the new branch is planned for April, when the designs will be shown to residents.",
        "The library's collection will move to a temporary site on Main Street until the new branch opens.",
    ]
    paragraphs = [*BODY, "“It is sad,” she said.", *more]
    spaced = [line for paragraph in paragraphs for line in ("Article content", paragraph)]
    text = "\n".join(["Home", "News", "Council closes the old library", *spaced, "Article content", "© 2024"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(paragraphs)


def _story_list(count: int, link: str) -> list[str]:
    """A list of other stories: headline, date, a one-sentence summary and a link line under each."""
    summary = "The council's plans for the town's parks and schools were discussed at length at the meeting on {}."
    lines = ["More in Local News"]
    for day in range(1, count + 1):
        lines += [f"Council story number {day}", f"March {day}, 2024 at 5:10 pm", summary.format(day), link]
    return lines


def test_summaries_of_a_dated_story_list_under_the_article_are_left_out() -> None:
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY, *_story_list(4, "Read More"), "© 2024"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


@pytest.mark.parametrize(("same_link", "expected"), [(True, 4), (False, 0)])
def test_a_dated_summary_is_a_teaser_only_over_a_link_line_the_list_repeats(same_link: bool, expected: int) -> None:
    """Dated entries each followed by a different line (a live page's entries and their own lines) are no list."""
    story_list = _story_list(4, "Read More")
    if not same_link:
        story_list = [f"{line} {i}" if line == "Read More" else line for i, line in enumerate(story_list)]
    lines = split_lines("\n".join(story_list))
    teasers = [score for score in score_lines(lines, EN, frozenset()) if score.part("dated_teaser") < 0]
    assert len(teasers) == expected


def _undated_story_list(link: str, language: str) -> list[str]:
    """A list of other stories without dates: headline, a one-sentence summary and a link line under each."""
    summaries = {
        "en": "The plans for the parks and schools of the town were discussed at length at the meeting number {}.",
        "de": "Die Pläne für die Parks und Schulen der Stadt wurden bei der Sitzung Nummer {} lange besprochen.",
    }
    lines = []
    for number in range(1, 4):
        lines += [f"Council story number {number}", summaries[language].format(number), link]
    return lines


@pytest.mark.parametrize(
    ("link", "language", "expected"),
    [("Read more »", "en", 3), ("Weiterlesen ...", "de", 3), ("Share on Twitter", "en", 0)],
)
def test_a_summary_over_a_repeated_read_more_link_is_a_teaser_without_a_date(
    link: str, language: str, expected: int
) -> None:
    """Summaries under their headlines, each over the same link that says "read more", are a list of other stories
    though no date heads them; the same line under each that says something else makes no list."""
    lines = split_lines("\n".join(_undated_story_list(link, language)))
    scores = score_lines(lines, lexicon_for(language), frozenset())
    assert sum(1 for score in scores if score.part("dated_teaser") < 0) == expected


def test_a_page_copied_without_line_breaks_is_read_sentence_by_sentence() -> None:
    """Menu, story and footer run together on one line: the story's sentences are found among the rest."""
    menu = " | ".join(["Home", "News", "Sport", "Weather", "Business", "Culture", "Travel", "Opinion"] * 6)
    story = " ".join(BODY * 4)
    footer = " | ".join(["Contact us", "Privacy", "Terms", "Advertise", "Careers"] * 6)
    dump = f"{menu} Council closes the old library {story} {footer}"
    assert len(dump) > 2000 and "\n" not in dump
    paragraphs = extract_text_dump(dump, SOURCE, frozenset()).paragraphs
    assert set(BODY) <= set(paragraphs)
    assert not any("Contact us" in paragraph or "Weather" in paragraph for paragraph in paragraphs)


def test_a_long_list_of_names_is_not_cut_at_its_initials() -> None:
    names = " ".join(f"Jane Roe{i} John J. Doe{i} Mary Major{i}" for i in range(120))
    assert [line.text for line in split_lines(names)] == [names]


def _thread(count: int) -> list[str]:
    """Readers' comments with no heading over them: who and when, what they said, the comment's own links."""
    said = [
        "I have been going to that library since I was a child and I am sad to see it close.",
        "The council should have asked the people who actually use the building before deciding anything at all.",
        "Selling the building makes sense only if the new branch opens on time, and I doubt that it will.",
    ]
    lines: list[str] = []
    for i in range(count):
        lines += [f"Reader{i} on Monday, @08:{i + 10}PM", *said, "Reply to This", "Flag as Inappropriate"]
    return lines


POST = (
    "The council voted on Tuesday to close the old library, ending a debate that had run for most of the year. "
    "Supporters had gathered more than 4,000 signatures asking the council to keep it open, and the building "
    "will be sold next spring, the proceeds going toward a new branch near the station, which is to open in 2026."
)


def test_a_comment_thread_without_a_heading_does_not_outweigh_the_post() -> None:
    text = "\n".join(["Home", "News", "Council closes the old library", POST, "Share", "Tweet", *_thread(10)])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (POST,)


@pytest.mark.parametrize("verb", ["said,", "wrote,", "says,"])
def test_a_thread_of_comments_each_under_name_said_does_not_outweigh_the_post(verb: str) -> None:
    """No heading over the thread, each comment under "Progress Trap said," alone on its line: those lines are the
    comments' introductions, as "says:" is."""
    said = _thread(1)[1:3]
    thread = [x for i in range(8) for x in (f"Reader Number{i} {verb}", *said)]
    text = "\n".join(["Home", "News", "Council closes the old library", POST, "Share", "Tweet", *thread])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (POST,)


def test_a_quote_introduced_by_said_comma_in_the_story_is_no_comment() -> None:
    """A line ending "..., she said," inside a long sentence is prose; only the short line alone introduces one."""
    lines = [
        "The council voted on Tuesday to close the old library, ending a debate that had run for most of the year, "
        "and a spokeswoman said,",
        "the building would be sold next spring, with the proceeds going toward a new branch near the station.",
    ]
    text = "\n".join(["Home", "News", "Council closes the old library", *lines, *BODY, "Share", "Tweet"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs[:2] == tuple(lines)


_SHORT_POST = (
    "The allotment society planted forty new apple trees along the river path on Saturday morning.",
    "Volunteers said the trees should bear their first fruit in about three years, if the spring stays mild.",
    "The society will hold an open day in the orchard in May, and it hopes more people from the town will come along.",
)
_ABOUT_BLURB = (
    "This blog is written by a small group of neighbours who have looked after the shared plots for many years; every "
    "text and photo on it belongs to them, and anyone who wants to use one elsewhere should ask first and name the "
    "source, as they would with any other work that is not their own to give away freely."
)
_SIDEBAR = ["Share", "Tweet", "Archive", "Categories", "Gardening", "Rivers", "Events", "Members", "Contact", "Search"]


def test_a_short_post_under_its_dateline_beats_a_denser_blurb_below() -> None:
    """The post under "Posted ... by ..." is the article, though the footer's one long paragraph weighs more."""
    head = ["Riverside notes", "New trees by the river", "Posted March 3, 2024 by Jane Roe"]
    text = "\n".join([*head, *_SHORT_POST, *_SIDEBAR, "About this blog", _ABOUT_BLURB])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == _SHORT_POST


def test_a_dateline_over_a_few_lines_does_not_take_the_article_from_below() -> None:
    """A dated teaser over the article's long run weighs too little against it: the article is kept."""
    teaser = ["Riverside notes", "Posted March 3, 2024 by Jane Roe", _SHORT_POST[0]]
    text = "\n".join([*teaser, *_SIDEBAR, "Council closes the library", *BODY, *BODY[::-1]])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs[0] == BODY[0]


def test_comments_signed_with_their_authors_links_do_not_outweigh_the_post() -> None:
    """No heading, no reply links: each comment under its author's web address and name, some under a name alone."""
    said = _thread(1)[1:4]
    thread = [
        x
        for i in range(6)
        for x in (f"reader{i}" if i % 2 else f"http://reader{i}.example.org Reader Number{i}", said[i % 3])
    ]
    text = "\n".join(["Home", "News", "Council closes the old library", POST, "Tweet", "PREVIOUS POST", *thread])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (POST,)


def test_a_list_of_links_at_the_end_of_a_story_is_no_comment_thread() -> None:
    links = [f"http://council{i}.example.org Council page {i}" for i in range(5)]
    assert comment_thread_start(split_lines("\n".join([POST, "Further reading:", *links])), EN) is None


def test_a_counted_public_discussion_heading_ends_the_story() -> None:
    said = _thread(1)[1:4]
    discussion = [
        "Public Discussion (3)",
        *(x for i in range(3) for x in (f"Reader{i}.", said[i], f"#{i + 1} - 1 vote")),
    ]
    text = "\n".join(["Home", "Council closes the old library", *BODY, *discussion, "Leave a Comment:", "Name:"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    "note",
    [
        "A version of this article appeared in print on May 5, 2024, on page A3 of the city edition.",
        "You can follow any responses to this entry through the RSS 2.0 feed. You can leave a response.",
        "This entry was written by Jane Roe, posted on 5/5/2024 at 9:00 am, filed under News.",
        "Please read our Terms and Conditions and Privacy Notice before you use this website.",
        "We reserve the right to delete comments that are off topic or abusive.",
        "Commenting is turned off for this story, as it is for all stories about the courts.",
    ],
)
def test_a_print_note_or_a_blogs_entry_footer_is_no_paragraph(note: str) -> None:
    text = "\n".join(["Home", "Council closes the old library", *BODY, note, "Leave a Reply"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("Jane Roe is a staff writer for The Town Crier and has covered the council since 2019.", False),
        ("About the author: Jane Roe is a freelance writer in Leeds who grows leeks.", False),
        ("Dr. Jane Roe, Jr., serves as president of the Library Friends, a group of volunteers.", False),
        ("Jane Roe is the Editor of The Valley Letter, a weekly paper for the towns up the river.", False),
        ("Maria Lopez is a nurse at the hospital across the road and has borrowed books there for years.", True),
    ],
)
def test_an_authors_bio_closing_the_story_is_no_paragraph(last: str, kept: bool) -> None:
    text = "\n".join(["Home", "Council closes the old library", *BODY, last, "Share", "Tweet"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*BODY, *([last] if kept else []))


def test_the_footers_of_a_list_of_posts_are_no_comment_thread() -> None:
    """Each post ends with its time, permalink and comment count: no thread starts at the first footer."""
    posts = [line for i in range(4) for line in (*BODY, f"09:4{i} AM | Permalink | Comments ({i + 2})")]
    assert comment_thread_start(split_lines("\n".join(["The library blog", *posts])), EN) is None


def _head_and_body(*head: str) -> str:
    return "\n".join(["Home", "News", "Sport", *head, *BODY, "© 2024 The Crier"])


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Roe", ("Jane Roe",)),
        ("by Jane Roe", ("Jane Roe",)),
        ("By: Jane Roe", ("Jane Roe",)),
        ("Jane Roe", ("Jane Roe",)),  # names alone, right under the headline
        ("Jane Roe and John Doe", ("Jane Roe", "John Doe")),
    ],
)
def test_the_byline_is_read_and_the_headline_is_the_line_above_it(byline: str, names: tuple[str, ...]) -> None:
    article = extract_text_dump(
        _head_and_body("Council closes the old library", byline, "March 3, 2024 9:15 am"), SOURCE, frozenset()
    )
    assert article.byline == names
    assert article.title == "Council closes the old library"


def test_a_timestamp_or_a_label_is_never_the_headline() -> None:
    article = extract_text_dump(
        _head_and_body("Council closes the old library", "Author of the article:", "Updated 12:43"), SOURCE, frozenset()
    )
    assert article.title == "Council closes the old library"


def test_a_section_label_in_capitals_is_not_a_byline() -> None:
    dump = _head_and_body("Council closes the old library", "LOCAL GOVERNMENT")
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert article.byline == ()


@pytest.mark.parametrize(
    ("language", "headline", "expected"),
    [
        ("de", "Bibliothek : Der Rat schliesst das alte Haus", "Bibliothek: Der Rat schliesst das alte Haus"),
        ("fr", "Bibliothèque : le conseil ferme la maison", "Bibliothèque : le conseil ferme la maison"),
    ],
)
def test_a_kicker_colon_is_written_as_the_language_writes_it(language: str, headline: str, expected: str) -> None:
    assert headline_text(headline, lexicon_for(language)) == expected


def test_a_counted_comment_heading_ends_the_article_even_without_comment_cues() -> None:
    comments = [line for line in _comments(8) if not line.startswith(("March", "Reply"))]
    text = "\n".join(["Council closes the old library", *BODY, "{ 8 comments }", *comments])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


def test_comment_links_under_each_post_of_a_list_do_not_cut_it() -> None:
    """Three posts, each with its comment link: the run over them is not cut at the first link."""
    posts = [line for i in range(3) for line in (*BODY, f"Comments ({i + 1})")]
    lines = split_lines("\n".join(posts))
    scores = score_lines(lines, EN, frozenset())
    span = (0, len(lines))
    assert trim_tail(lines, scores, span, EN) == span
    single = split_lines("\n".join([*BODY, "Comments (4)", *BODY]))
    assert trim_tail(single, score_lines(single, EN, frozenset()), (0, len(single)), EN) == (0, len(BODY))


def test_a_short_article_interrupted_by_a_most_read_block_keeps_its_end() -> None:
    """The paragraphs under the block share the story's words (library, council, supporters); the list's do not."""
    most_read = [
        "Most read",
        "Mayor resigns after budget row",
        "Storm closes coastal road for a week",
        "Local team wins the cup in extra time",
        "New bakery opens on the high street",
        "Schools to stay open in the summer",
    ]
    rest = [
        "The council said the old library will close after the debate, and its supporters say they will keep asking.",
        "Supporters of the library gathered again on Tuesday and asked the council to keep the reading room open.",
    ]
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY[:2], *most_read, *rest, "© The Crier"])
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs == (*BODY[:2], *rest)


def test_a_long_box_of_short_links_inside_the_story_does_not_cut_its_end() -> None:
    """A section menu or a tag list of twenty short links between two parts of the story is long but light: the
    story's end under it (sharing its words) is kept; the same gap of longer chrome lines is not crossed."""
    links = ["Topics", "Local news", "Sport", "Weather", "Traffic", "Schools", "Health", "Business", "Culture", "Food"]
    rest = [
        "The council said the old library will close after the debate, and its supporters say they will keep asking.",
        "Supporters of the library gathered again on Tuesday and asked the council to keep the reading room open.",
    ]
    text = "\n".join(["Council closes the old library", *BODY, *links, *links, *rest, "© The Crier"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*BODY, *rest)
    headlines = [f"Mayor Visits Ward {n} To Open New Playground" for n in range(20)]
    text = "\n".join(["Council closes the old library", *BODY, *headlines, *rest, "© The Crier"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


def test_a_sidebars_cells_between_the_paragraphs_of_a_layout_table_do_not_cut_the_story() -> None:
    """A page laid out in a table, copied row by row: two cells of a betting sidebar between each of the story's
    first paragraphs, all in one block; each paragraph alone weighs too little to widen the run across them."""
    paragraphs = [
        "The council voted on Tuesday to close the old library, ending a debate that had run for most of the year.",
        "Supporters of the library had gathered more than 4,000 signatures asking the council to keep it open.",
        "The building will be sold next spring, and the proceeds will go toward a new branch near the station.",
        "A spokeswoman for the council said the reading room would stay open until the sale, with shorter hours on "
        "weekends and no evening openings, and that staff would move to the new branch when it opens; the mobile "
        "library will keep its rounds of the villages in the meantime, she added.",
        "Opponents said they would keep asking the council to think again, and a last meeting is planned for the week "
        "before the sale, when the petition will be handed in at the town hall together with letters from readers and "
        "from the schools that use the branch.",
    ]
    cells = [["Win £50 in Free Bets Today", "Live Scores & Odds"], ["100% Bonus up to €30", "Best Odds Guaranteed"]]
    cells.append(["Start Free Today", "Garden Quiz League"])
    rows = [line for paragraph, pair in zip(paragraphs, cells, strict=False) for line in (paragraph, *pair)]
    block = [*rows, *paragraphs[3:]]
    text = "\n".join(["Home", "News", "Sport", "", "Council closes the old library", "", *block, "", "© The Crier"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(paragraphs)


def test_a_comment_count_with_its_add_a_comment_link_heads_the_comment_section() -> None:
    """A "Comments (3) Add A Comment" heading over readers' comments, each under a name, a time and its report link: the
    comments, longer than the short article, are left out."""
    comment = (
        "I have been going to that library since I was a child and I cannot believe that the council would do this "
        "to the town, after all the money that was spent on the new roof only two years ago, it makes no sense to me."
    )
    thread = [
        line for name in ("Jane", "John", "Ann") for line in (name, "May 3, 2024 11:33 AM", "Report Abuse", comment)
    ]
    text = "\n".join(["Council closes the old library", *BODY[:2], "Comments (3) Add A Comment", *thread])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY[:2])


def test_a_publisher_blurb_under_the_copyright_line_does_not_outweigh_a_short_story() -> None:
    """Under the footer's copyright line, the publisher's blurb and its list of sister titles weigh more than a
    two-paragraph story: the story above the footer is the article."""
    blurb = [
        "The Crier covers the town and the valley in more depth than any other newspaper, with news, sport, business "
        "and the arts every day, and its reporters have won many awards for their work over the years.",
        "The Crier is part of a group of daily and weekly newspapers across the region, with the Valley Post, the "
        "Harbour News and the Hill Gazette, and of a group of magazines about homes, gardens and food.",
        "Advertising in any of our titles reaches readers in every town of the region, in print and online, every "
        "day of the week, and our team will help you plan a campaign that suits your business.",
    ]
    menu = ["Home", "News", "Sport", "Business", "Arts", "Weather", "Traffic", "Contact"]
    footer = ["© 2024 The Crier. All rights reserved.", "Contact Us | Archives | Privacy Policy"]
    links = [f"{item} {n}" for n in range(3) for item in menu]
    text = "\n".join([*menu, "Council closes the old library", *BODY[:2], *links, *footer, *blurb])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY[:2])


def test_the_run_does_not_continue_past_a_reply_form_to_related_posts_sharing_its_words() -> None:
    """Under "Leave a reply" and its form, related posts repeat the story's words (library, council): they are no
    continuation of the story, as a paragraph under a "Most read" box is."""
    related = [
        "Related Posts",
        "Council supporters of the old library gather signatures again before the vote.",
        "The library debate: council members and supporters meet at the station branch next spring.",
    ]
    form = ["Leave a reply", "Name", "Email (not published)", "Website", "Share"]
    text = "\n".join(["Council closes the old library", *BODY, *form, *related])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


def test_a_link_saying_there_are_no_comments_does_not_stop_the_story_under_a_box() -> None:
    """A "Comments (0)" link in a box inside the story heads no comments: the story goes on under the box."""
    box = [
        "Most read",
        "Mayor resigns after budget row",
        "Storm closes coastal road for a week",
        "Comments (0)",
        "Local team wins the cup in extra time",
        "New bakery opens on the high street",
        "Schools to stay open in the summer",
        "Bus fares rise again in the new year",
        "Festival returns to the park in June",
    ]
    rest = [
        "The council said the old library will close after the debate, and its supporters say they will keep asking.",
        "Supporters of the library gathered again on Tuesday and asked the council to keep the reading room open.",
    ]
    text = "\n".join(["Council closes the old library", *BODY, *box, *rest, "© The Crier"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*BODY, *rest)


@pytest.mark.parametrize(
    "head",
    [
        ["Jane Roe", "Political correspondent, BBC News"],
        ["Share", "Jane Roe", "Political correspondent, BBC News"],
        ["Jane Roe Political correspondent, BBC News"],
        ["Image source, Getty Images", "Image caption, The old library opened in 1902", "Jane Roe", "BBC News"],
        ["Jane Roe", "Political correspondent", "12 March 2024"],
    ],
)
def test_a_byline_with_its_role_is_the_byline_never_the_headline(head: list[str]) -> None:
    article = extract_text_dump(_head_and_body("Council closes the old library", *head), SOURCE, frozenset())
    assert article.title == "Council closes the old library"
    assert article.byline == ("Jane Roe",)


def test_menu_items_under_a_teaser_are_not_a_byline() -> None:
    dump = _head_and_body("Storm closes the coastal road", "Main Menu", "Browse Recipes", "Local Sport")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ()


@pytest.mark.parametrize(
    ("head", "names"),
    [
        (["By", "Jane Roe", "John Doe", "March 3, 2024"], ("Jane Roe", "John Doe")),  # the prefix on its own line
        (["The council votes tonight.", "Jane Roe", "March 3, 2024 9:15 am"], ("Jane Roe",)),  # names over a date
        (["Council closes the old library", "Jane Roe@janeroe"], ("Jane Roe",)),  # a handle glued to the name
        (["Council closes the old library", "By Jane Roe Follow"], ("Jane Roe",)),  # a social button
        (["Council closes the old library", "By Jane Roe, Local Government Reporter"], ("Jane Roe",)),
    ],
)
def test_bylines_written_in_more_ways(head: list[str], names: tuple[str, ...]) -> None:
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == names


WRAPPED = """The council voted on Tuesday to close the old library, ending a
debate that had run for most of the year. Supporters had gathered
more than 4,000 signatures asking the council to keep the branch
open, and a petition was handed in at the last meeting."""


def test_hard_wrapped_prose_is_read_as_the_paragraph_it_was() -> None:
    lines = split_lines(f"Menu\n\n{WRAPPED}\n\nNext paragraph here.")
    assert [line.text for line in lines] == ["Menu", " ".join(WRAPPED.split()), "Next paragraph here."]
    assert lines[1].block == 1 and lines[2].block == 2


def test_hard_wrapped_prose_with_a_short_paragraph_end_inside_is_still_joined() -> None:
    """A paragraph ending inside the block leaves a line well short of the width: the block is still prose cut at a
    fixed width, not lines of their own."""
    wrapped = """The council voted on Tuesday to close the old library, ending a
debate that had run for most of the year.
Supporters had gathered more than 4,000 signatures asking the
council to keep the branch open, and a petition was handed in."""
    lines = split_lines(f"Menu\n\n{wrapped}\n\nNext paragraph here.")
    assert [line.text for line in lines] == ["Menu", " ".join(wrapped.split()), "Next paragraph here."]


def test_hard_wrapped_prose_breaking_mostly_at_sentence_ends_is_still_joined() -> None:
    """Short sentences cut at a fixed width break before a capital more often than not: one break in four falling
    mid-sentence is enough with the lines' even width."""
    wrapped = """The council voted on Tuesday to close the old library in town.
Supporters had gathered more than 4,000 signatures for it. They
said the branch served many families. A petition was handed in.
The building will be sold next spring, the council said today.
A new branch is planned near the station for the year after."""
    lines = split_lines(f"Menu\n\n{wrapped}\n\nNext paragraph here.")
    assert [line.text for line in lines] == ["Menu", " ".join(wrapped.split()), "Next paragraph here."]


# A story wrapped at a fixed width all along, each paragraph a block of two lines or a block of several paragraphs:
# too short a block to tell on its own, the dump's width tells it.
WRAPPED_STORY = [
    ["The ferry left the harbour an hour late, its deck crowded with families and", "their bags."],
    ["A man in a grey coat stood by the rail, watching the town slip away behind", "the breakwater."],
    ["The wind picked up as they passed the lighthouse, and most of the passengers", "went below."],
    [
        "Those who stayed on deck saw the gulls wheel over the wake, calling to each",
        "other.",
        "An old sailor lit his pipe in the lee of the wheelhouse and told anyone who",
        "would listen that the crossing had been rougher in his day.",
    ],
]


def test_a_story_wrapped_at_one_width_has_its_paragraphs_joined() -> None:
    dump = "\n\n".join(["The Crossing", *("\n".join(block) for block in WRAPPED_STORY)])
    paragraphs = [" ".join(block) for block in WRAPPED_STORY[:3]]
    last = WRAPPED_STORY[3]
    expected = ["The Crossing", *paragraphs, " ".join(last[:2]), " ".join(last[2:])]
    assert [line.text for line in split_lines(dump)] == expected


def test_a_line_cut_short_mid_sentence_in_a_wrapped_story_is_joined_with_the_next() -> None:
    """A wrapped line cut well short of the width, before a long word or where the copy broke it, still breaks its
    sentence: in a dump wrapped at one width it joins the line below."""
    short = ["The harbour master said the crossing would", "run as long as the wind allowed it."]
    story = "\n\n".join("\n".join(block) for block in [*WRAPPED_STORY, short])
    assert [line.text for line in split_lines(story)][-1] == " ".join(short)


def test_titles_of_the_wrap_width_beside_a_wrapped_story_are_not_joined() -> None:
    """A list of other stories beside the wrapped text, its titles as wide as the text's lines: each stays a line."""
    titles = [
        "Harbour Master Warns Of Rough Crossings As Winter Storms Move In",
        "Island School Reopens After Summer Works On The Old Roof Finish",
        "Ferry Timetable Changes For The Holidays Announced By Operator",
    ]
    story = "\n\n".join("\n".join(block) for block in WRAPPED_STORY)
    lines = [line.text for line in split_lines(f"{story}\n\n" + "\n".join(titles))]
    assert lines[-3:] == titles


def test_titles_over_a_lower_case_label_give_no_wrap_width() -> None:
    """A list of stories, each title over its section's label in lower case: titles are no sentence the width broke."""
    teasers = [
        "Six Quick Ways To Keep Your Garden Green Through The Summer",
        "Eight Easy Dinners For Busy Weeknights With The Family",
        "Ten Walks Along The Coast That Are Worth The Long Drive",
        "Five Small Changes That Make A Kitchen Feel Much Bigger",
        "Seven Questions To Ask Before You Sign A New Lease",
    ]
    dump = "\n\n".join(f"{title}\nhome and garden" for title in teasers)
    expected = [text for title in teasers for text in (title, "home and garden")]
    assert [line.text for line in split_lines(dump)] == expected


def test_teasers_over_a_one_word_label_give_no_wrap_width() -> None:
    """A teaser's phrase may end in a small word, but its label below ("podcast") goes on no sentence."""
    teasers = [
        "Garden notes: how to keep a lawn green in a dry summer",
        "Kitchen notes: what to cook when the cupboard is nearly bare",
        "Travel notes: where to walk along the coast in the spring",
        "Money notes: what to ask the bank before you sign anything",
        "Health notes: why a short walk after dinner does you good",
    ]
    dump = "\n\n".join(f"{teaser}\npodcast" for teaser in teasers)
    assert [line.text for line in split_lines(dump)] == [text for teaser in teasers for text in (teaser, "podcast")]


def test_a_short_byline_block_is_not_hard_wrapped_prose() -> None:
    """Three lines: the authors with the date, a picture's credit opening in lower case, a button. Its lines are of
    uneven width, as a short wrapped paragraph's are not."""
    block = [
        "Jane Roe John Doe Ann Smith Peter Brown 8 January 2026, 17:46",
        "photo collage: Mary Major and Ann Minor",
        "Link copied",
    ]
    assert [line.text for line in split_lines("\n".join(block))] == block


def test_a_list_of_headlines_of_one_width_is_not_hard_wrapped_prose() -> None:
    teasers = [
        "Council closes the old library after a year of debate",
        "Storm closes the coastal road for a second night running",
        "Rail strike called off after the talks ran through the night",
    ]
    assert [line.text for line in split_lines("\n".join(teasers))] == teasers


def test_a_date_line_is_not_a_line_of_names() -> None:
    dump = _head_and_body("Council closes the old library", "Sat Jan 5, 2008 7:05pm EST")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ()


@pytest.mark.parametrize(
    "caption",
    [
        "The councillors, during the vote on Tuesday in the town hall. AFP",
        "Protesters outside the library, on Monday in Leeds. Jane Roe / Example Press",
    ],
)
def test_a_picture_caption_with_its_credit_is_not_the_headline(caption: str) -> None:
    dump = _head_and_body("Council closes the old library", caption, "By Jane Roe")
    assert extract_text_dump(dump, SOURCE, frozenset()).title == "Council closes the old library"


def test_a_headline_with_an_abbreviated_title_before_a_name_is_still_a_headline() -> None:
    dump = _head_and_body("Council attacks on Rep. Jane Roe", "By John Doe")
    assert extract_text_dump(dump, SOURCE, frozenset()).title == "Council attacks on Rep. Jane Roe"


def test_an_item_of_a_ranked_list_is_not_the_headline() -> None:
    dump = _head_and_body("Council closes the old library", "By Jane Roe", "3. Storm closes the coastal road")
    assert extract_text_dump(dump, SOURCE, frozenset()).title == "Council closes the old library"


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        ("Protesters outside the library on Monday. AFP", "Protesters outside the library on Monday.", "AFP"),
        ("The old reading room, closed since May. (Example Press)", "The old reading room, closed since May.", None),
        (
            "Councillors leave the town hall after the vote / Jane Roe",
            "Councillors leave the town hall after the vote",
            "Jane Roe",
        ),
        ("The mayor, at the vote on Monday. © Jane Roe/Example Wire/dpa", "The mayor, at the vote on Monday.", None),
        ("The mayor, at the vote on Monday. EFE/ J.J. Roe", "The mayor, at the vote on Monday.", "EFE/ J.J. Roe"),
    ],
)
def test_a_caption_with_its_credit_after_it_is_a_caption(line: str, text: str, credit: str | None) -> None:
    article = extract_text_dump(
        _head_and_body("Council closes the old library", "By Jane Roe", line), SOURCE, frozenset()
    )
    assert [caption.text for caption in article.captions] == [text]
    assert credit is None or article.captions[0].credit == credit


@pytest.mark.parametrize(
    "line",
    [
        "Attacks on Trans Rep. Zooey Zephyr",  # an abbreviation's full stop
        "is an associate professor at the University. Jane Roe",  # the end of a sentence
        "Stand: 07:41 Uhr Lesedauer: 4 Minuten",
    ],
)
def test_lines_ending_in_a_name_that_are_no_caption(line: str) -> None:
    article = extract_text_dump(
        _head_and_body("Council closes the old library", "By Jane Roe", line), SOURCE, frozenset()
    )
    assert article.captions == ()


@pytest.mark.parametrize("credit", ["John Doe / Reuters", "Foto: Jane Roe (Example Press)", "AP"])
def test_a_credit_on_the_line_under_its_caption_is_joined_to_it(credit: str) -> None:
    caption = "Protesters gathered outside the library on Monday evening."
    dump = _head_and_body("Council closes the old library", "By Jane Roe", caption, credit)
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [(c.text, c.credit is not None) for c in article.captions] == [(caption, True)]
    assert caption not in article.paragraphs


def _spaced(*lines: str) -> str:
    """A dump whose every line is a block of its own, as copies of pages that space all their elements are."""
    return "\n\n".join(lines)


def test_a_credit_a_blank_line_under_its_caption_sentence_is_joined_to_it() -> None:
    caption = "Protesters gathered outside the library on Monday evening."
    dump = _spaced(
        "Home", "Council closes the old library", "By Jane Roe", *BODY[:2], caption, "John Doe / Reuters", *BODY[2:]
    )
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "John Doe / Reuters")]


@pytest.mark.parametrize(
    "above",
    [
        "Supporters of the library had gathered more than 4,000 signatures asking the council to keep it open.",
        "All Crier services",  # a menu's last item, no sentence
    ],
)
def test_a_credit_in_a_block_of_its_own_over_a_caption_phrase_is_not_the_line_above_s(above: str) -> None:
    """BBC style: the credit heads the caption below it ("EPA" / "Former minister at the Treasury"), so the
    paragraph above is no caption."""
    dump = _spaced(
        "Home",
        "Council closes the old library",
        "By Jane Roe",
        BODY[0],
        above,
        "EPA",
        "Former minister Jane Roe at the library",
        *BODY[2:],
    )
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert above not in [c.text for c in article.captions]


def test_a_credit_apart_under_its_caption_over_a_paragraph_ending_in_a_colon() -> None:
    """The line under the credit is no caption when it is a paragraph leading into a quote."""
    caption = "The mayor spoke at the opening of the new branch near the station"
    lead_in = "The mayor told the council on Tuesday what she expects of the new branch and of its staff:"
    dump = _spaced(
        "Home", "Council closes the old library", "By Jane Roe", *BODY[:2], caption, "Quelle: dpa", lead_in, *BODY[2:]
    )
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "dpa")]


def test_a_signed_credit_under_its_caption_is_joined_to_it() -> None:
    caption = "Protesters gathered outside the library on Monday evening"
    dump = _head_and_body("Council closes the old library", "By Jane Roe", caption, "© Example Pictures")
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "Example Pictures")]


@pytest.mark.parametrize("credit", ["Photo: Jane Roe", "Image credit: example.org"])
def test_the_storys_last_paragraph_over_a_credit_closing_the_run_stays_a_paragraph(credit: str) -> None:
    """A credit alone under the story's last sentence, with no more of the story below, is the lead picture's (the
    copy puts it last): the sentence above it is the story's end, no caption."""
    last = "The library will stay open until the end of March, the council said."
    dump = "\n".join(["Home", "Council closes the old library", "By Jane Roe", *BODY, last, credit, "Related stories"])
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert article.paragraphs[-1] == last
    assert last not in [caption.text for caption in article.captions]


def test_a_caption_over_its_credit_between_paragraphs_stays_a_caption() -> None:
    caption = "Protesters gathered outside the library on Monday evening."
    dump = "\n".join(
        ["Home", "Council closes the old library", "By Jane Roe", *BODY[:2], caption, "Photo: Jane Roe", *BODY[2:]]
    )
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert caption in [c.text for c in article.captions]
    assert caption not in article.paragraphs


def test_a_credit_repeated_under_its_credited_caption_is_no_second_caption() -> None:
    caption = "Protesters gathered outside the library on Monday evening."
    credited = f"{caption} - Copyright Jane Roe/Copyright 2026 The AP. All rights reserved"
    dump = _head_and_body(
        "Council closes the old library",
        "By Jane Roe",
        credited,
        "Copyright Jane Roe/Copyright 2026 The AP. All rights reserved",
    )
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "Jane Roe")]


def test_a_list_of_authors_under_a_prefix_alone_goes_on_while_its_lines_end_with_a_comma() -> None:
    """Journal style: "By" alone, one author a line, a footnote mark after a name, the list folded by "…"; a
    surname may be a stop word ("You")."""
    head = ["Council closes the old library", "By", "Mei You1,", "John Doe,", "Ann Poe,", "Max Roe &", "…", "Eva Loe"]
    article = extract_text_dump(_head_and_body(*head), SOURCE, frozenset())
    assert article.byline == ("Mei You", "John Doe", "Ann Poe", "Max Roe", "Eva Loe")


def test_a_stop_word_is_no_surname_in_names_alone() -> None:
    head = ["Council closes the old library", "Thank You", "March 3, 2024 9:15 am"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ()


def test_names_set_apart_from_a_long_dateline_by_a_bar() -> None:
    head = ["Council closes the old library", "Jane Van Der Roe | Published 4 months ago"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("Jane Van Der Roe",)


def test_names_under_the_standfirst_over_share_buttons() -> None:
    """Magazine style: headline, standfirst, the author, then a row of share buttons (a menu's run of lines)."""
    head = [
        "Council closes the old library",
        "The vote ends a year of debate, and the library's supporters say they are not done yet.",
        "Jane Roe",
        *["Share", "Facebook", "Twitter", "Email", "Flipboard", "Pocket", "Ad Policy"],
    ]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("Jane Roe",)


def test_a_han_name_written_apart_by_the_dateline() -> None:
    head = ["図書館の閉館が決まる", "2025/1/21 20:50", "山田 花子", "社会"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("山田 花子",)


def test_an_author_box_under_the_article_signs_it_but_a_teaser_s_byline_does_not() -> None:
    box = ["Was this helpful?", "By", "Jane Roe", "Reporter"]
    dump = "\n".join(["Home", "Council closes the old library", *BODY, *box, "© 2024 The Crier"])
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ("Jane Roe",)
    teaser = ["Related", "Mayor resigns after budget row", "By John Doe"]
    dump = "\n".join(["Home", "Council closes the old library", *BODY, *teaser, "© 2024 The Crier"])
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ()


def test_a_menu_s_last_items_over_the_headline_and_its_date_are_no_byline() -> None:
    menu = ["Home", "News", "Sport", "Weather", "Studio North", "Studio South"]
    dump = "\n".join([*menu, "Council closes the old library", "Updated: 17.06.2025 18:24", *BODY, "© The Crier"])
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ()


def test_a_wire_byline_in_a_menu_like_run_with_its_label_and_time_below() -> None:
    head = ["Council closes the old library", "Home", "News", "Sport", "AFP", "News agency", "16:30", "Listen", "Share"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("AFP",)


def test_a_label_between_every_two_paragraphs_splits_no_article() -> None:
    """Some sites print "Article content" between every two paragraphs: a line recurring across the batch, so
    chrome, but the paragraphs beyond a short one ("... he said.") are the article's all the same."""
    later = [
        "The library's books will be moved to the new branch near the station before the end of the summer.",
        "Volunteers have offered to help with the move, and the council said it would welcome them.",
        "The new branch is expected to open its doors to readers in the autumn, the council said.",
    ]
    paragraphs = [*BODY, "“We will keep going,” he said.", *later]
    interleaved = [line for paragraph in paragraphs for line in ("Article content", paragraph)]
    dump = "\n".join(["Home", "Council closes the old library", *interleaved, "Article content", "Sign up", "© Crier"])
    article = extract_text_dump(dump, SOURCE, frozenset({"Article content"}))
    assert article.paragraphs[-3:] == tuple(later)


def test_a_credit_heads_the_unpunctuated_caption_below_it() -> None:
    caption = "Former minister Jane Roe at the library"
    dump = _spaced("Home", "Council closes the old library", "By Jane Roe", *BODY[:2], "EPA", caption, *BODY[2:])
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "EPA")]


def test_a_labelled_credit_with_no_caption_text_above_heads_the_sentence_below() -> None:
    caption = "The old library on the day the council voted to close it."
    dump = _head_and_body("Council closes the old library", "By Jane Roe", "Share", "Photo: Jane Roe", caption)
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "Jane Roe")]
    assert caption not in article.paragraphs


@pytest.mark.parametrize("credit", ["EPA", "Photo: Jane Roe"])
def test_a_line_the_page_repeats_under_a_credit_is_a_button_not_a_caption(credit: str) -> None:
    button = "Show more Show less"
    dump = _spaced("Home", "Council closes the old library", button, *BODY[:2], credit, button, *BODY[2:])
    assert button not in [c.text for c in extract_text_dump(dump, SOURCE, frozenset()).captions]


def test_a_newsroom_signing_as_staff_is_the_byline() -> None:
    dump = _head_and_body("Council closes the old library", "By Crier Staff", "February 11, 2025")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ("Crier Staff",)


def test_a_line_echoing_a_paragraph_just_above_is_its_picture_s_caption() -> None:
    """Tabloid style: a picture captioned with the paragraph it illustrates, a line or few below it."""
    echo = "Supporters of the library had gathered more than 4,000 signatures asking the council to keep it open"
    dump = _head_and_body("Council closes the old library", "By Jane Roe")
    dump = dump.replace(BODY[2], f"{BODY[2]}\n{echo}")
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [c.text for c in article.captions] == [echo]
    assert article.paragraphs == tuple(BODY)


def test_a_paragraph_said_again_without_its_full_stop_is_a_caption_wherever_it_stands() -> None:
    """Tabloid style: a picture captioned with a paragraph of the story, set apart and without the paragraph's full
    stop, above the paragraph or far from it."""
    more = [f"The council will meet again on day {n} to discuss the future of the branch libraries." for n in range(6)]
    caption = BODY[3].removesuffix(".")
    head = ("Home", "Council closes the old library", "By Jane Roe")
    dump = _spaced(*head, *BODY[:2], caption, *BODY[2:], *more, BODY[0].removesuffix("."), "© 2024 The Crier")
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [c.text for c in article.captions] == [caption, BODY[0].removesuffix(".")]
    assert caption not in article.paragraphs and BODY[3] in article.paragraphs


def test_a_box_printed_again_without_full_stops_is_no_caption() -> None:
    """A box's list printed twice, once without its full stops: its lines share a block, no picture's caption."""
    box = ["Read every story from across the region with one account.", "Get email alerts from the writers you follow."]
    again = "\n".join(line.removesuffix(".") for line in box)
    more = [f"The council will meet again on day {n} to discuss the future of the branch libraries." for n in range(6)]
    dump = _spaced(
        "Home", "Council closes the old library", "By Jane Roe", *BODY[:2], *box, *BODY[2:], *more[:3], again, *more[3:]
    )
    assert extract_text_dump(dump, SOURCE, frozenset()).captions == ()


def test_a_paragraph_said_again_far_below_is_no_caption() -> None:
    far = [f"The council will meet again on day {n} to discuss the future of the branch libraries." for n in range(6)]
    dump = "\n".join(["Home", "Council closes the old library", *BODY, *far, BODY[1], "© 2024 The Crier"])
    assert extract_text_dump(dump, SOURCE, frozenset()).captions == ()


def test_a_label_over_a_credit_is_no_caption() -> None:
    dump = _head_and_body(
        "Council closes the old library", "By Jane Roe", "Full credits for the shoot:", "Photos: JANE ROE"
    )
    assert extract_text_dump(dump, SOURCE, frozenset()).captions == ()


def test_names_glued_together_before_the_date_are_read_in_pairs() -> None:
    head = ["Council closes the old library", "Jane Roe John Doe Ann Poe 8 January, 17:46"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("Jane Roe", "John Doe", "Ann Poe")


def test_a_name_with_particles_before_the_date_is_one_name() -> None:
    head = ["Council closes the old library", "Jane van der Roe 8 January, 17:46"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("Jane van der Roe",)


def test_a_contact_button_glued_after_the_name_is_no_part_of_it() -> None:
    head = ["Council closes the old library", "17.09.24 08:15", "Jane Mari Roe Tips meg"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("Jane Mari Roe",)


@pytest.mark.parametrize(("sign_off", "names"), [("SDA/sep", ("SDA",)), ("dpa/AFP/jr", ("dpa", "AFP"))])
def test_a_wire_story_s_sign_off_under_it_is_its_byline(sign_off: str, names: tuple[str, ...]) -> None:
    dump = "\n".join(["Home", "Council closes the old library", *BODY, "Newsletter", sign_off, "© 2024 The Crier"])
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == names


def test_the_headline_over_its_byline_far_above_the_body() -> None:
    """A registration wall and a video player between the head and the body push the headline out of the head."""
    wall = [f"Offer {n}: read every story on any device for a small fee" for n in range(45)]
    head = ["Council closes the old library", "By Jane Roe", "Published Jun 05, 2026", *wall]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).title == "Council closes the old library"


def test_names_over_a_dateline_near_the_body_beat_a_teaser_card_higher_up() -> None:
    head = ["Council closes the old library", "Library Services", "Video", "Jane Roe", "13/01/2025 10:22"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("Jane Roe",)


@pytest.mark.parametrize(("line", "names"), [("By dpa 30.04.2024, 18:58", ("dpa",)), ("By AFP", ("AFP",))])
def test_a_news_agency_is_the_byline_of_a_wire_story(line: str, names: tuple[str, ...]) -> None:
    dump = _head_and_body("Council closes the old library", line)
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == names


@pytest.mark.parametrize(
    "head",
    [
        ["Council closes the old library", "Published Fri, Apr 28 2023 2:23 PM EDT", "Jane Roe@janeroe", "Menu"],
        ["Council closes the old library", "Jane Roe Jane Roe", "March 3, 2024"],  # a portrait's label, then the name
    ],
)
def test_names_next_to_a_dateline(head: list[str]) -> None:
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("Jane Roe",)


@pytest.mark.parametrize("label", ["Tiempo de lectura: 6 min", "Lesedauer: 4 Minuten", "Reading time 5 minutes"])
def test_a_reading_time_is_not_the_headline(label: str) -> None:
    dump = _head_and_body("Council closes the old library", label, "By Jane Roe")
    assert extract_text_dump(dump, SOURCE, frozenset()).title == "Council closes the old library"


def test_the_byline_is_not_the_headline_above_the_date() -> None:
    dump = _head_and_body("Council closes the old library", "Jane Roe Van Der Berg", "March 3, 2024")
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert (article.title, article.byline) == ("Council closes the old library", ("Jane Roe Van Der Berg",))


@pytest.mark.parametrize("chrome", ["1 day ago", "Add as preferred on Google", "Add The Crier as a preferred source"])
def test_a_relative_time_or_a_button_is_not_the_headline(chrome: str) -> None:
    dump = _head_and_body("What is the council and who sits on it?", chrome, "By Jane Roe")
    assert extract_text_dump(dump, SOURCE, frozenset()).title == "What is the council and who sits on it?"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Chus del Pino , Martí Abad (Enviado especial)", ("Chus del Pino", "Martí Abad")),  # particles, a role
        ("배윤경 기자 bykj@example.kr 이상현 기자", ("배윤경", "이상현")),  # Korean: the role after each name
    ],
)
def test_bylines_of_other_houses(line: str, names: tuple[str, ...]) -> None:
    dump = _head_and_body("Council closes the old library", line, "10/07/2026 00:50")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == names


def test_raw_markup_shown_as_text_is_no_paragraph() -> None:
    markup = (
        '<script type="text/javascript" src="http://ads.example/b.js"></script> <div style="x"><a href="/">Ad</a></div>'
    )
    long_markup = " ".join([markup, '<img src="/a.gif" alt="The council and the library" />'] * 8)
    text = "\n".join([long_markup, "Council closes the old library", *BODY[:2], long_markup, *BODY[2:]])
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs == tuple(BODY)


def test_the_byline_in_a_part_of_a_dateline() -> None:
    dump = _head_and_body("Council closes the old library", "Thu 25.04.24 | 14:07 | By Jane Roe")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ("Jane Roe",)


@pytest.mark.parametrize("agency", ["AFP", "dpa"])
def test_an_agency_alone_over_the_dateline_is_the_byline(agency: str) -> None:
    dump = _head_and_body("Council closes the old library", agency, "28.04.2023 | 17:52 Uhr")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == (agency,)


@pytest.mark.parametrize(
    ("initials", "byline_line", "names"),
    [
        ("PA", "Pat Avery", ("Pat Avery",)),
        ("AP", "Ann Pell, county reporter, 05.03.2024 10:00", ("Ann Pell",)),
        ("AFP", "Ada Fern Poole", ("Ada Fern Poole",)),
        ("JR", "Jane Roe", ("Jane Roe",)),
    ],
)
def test_an_avatar_s_initials_over_the_author_s_name_are_no_agency(
    initials: str, byline_line: str, names: tuple[str, ...]
) -> None:
    # A portrait left out of the copy leaves its initials on a line of their own over the name: "PA" over
    # "Pat Avery" is the author's avatar, not the Press Association.
    dump = _head_and_body("Council closes the old library", initials, byline_line, "March 3, 2024")
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert article.byline == names
    assert not any(caption.credit == initials for caption in article.captions)


def test_an_avatar_s_initials_name_the_author_over_a_long_line_of_name_and_role() -> None:
    role = "Ann Pell, professor of history at the county college and a columnist of this paper, 05.03.2024 10:00"
    dump = _head_and_body("Council closes the old library", "AP", role)
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ("Ann Pell",)


def test_the_avatars_of_two_authors_name_both() -> None:
    head = ["Council closes the old library", "AP", "Ann Pell, county reporter", "JR", "Jane Roe, city editor"]
    dump = _head_and_body(*head, "March 3, 2024")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ("Ann Pell", "Jane Roe")


def test_an_agency_over_a_name_it_does_not_abbreviate_stays_the_agency() -> None:
    dump = _head_and_body("Council closes the old library", "AFP", "Jane Roe", "March 3, 2024")
    assert "AFP" in extract_text_dump(dump, SOURCE, frozenset()).byline


@pytest.mark.parametrize(
    ("lines", "credit"),
    [
        (
            ["Smoke over the library roof seen from the station @town_watch via X / Reuters"],
            "@town_watch via X / Reuters",
        ),
        (["Smoke over the library roof seen from the station", "@town.watch/Instagram"], "@town.watch/Instagram"),
    ],
)
def test_a_social_handle_credit_after_a_caption_in_the_body(lines: list[str], credit: str) -> None:
    head = ["Home", "News", "Council closes the old library", "By Jane Roe", "March 3, 2024"]
    dump = "\n".join([*head, *BODY[:2], *lines, *BODY[2:], "© 2024 The Crier"])
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert article.captions == (
        Caption(text="Smoke over the library roof seen from the station", credit=credit, media="photo"),
    )
    assert article.paragraphs == tuple(BODY)


@pytest.mark.parametrize("label", ["Last Update : 30.04.2024 - 16:49", "Front Page"])
def test_a_label_before_its_value_or_a_menu_item_is_no_byline(label: str) -> None:
    dump = _head_and_body("Council closes the old library", label, "March 3, 2024")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ()


def test_names_right_over_the_body_are_the_byline() -> None:
    head = ["What is the council and who sits on it?", "1 day ago", "Share Save", "Add as preferred on Google"]
    dump = _head_and_body(*head, "Jane Roe", "The Crier")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ("Jane Roe",)


def test_the_byline_by_a_publication_dateline_far_above_the_body() -> None:
    boxes = [f"Another story about the town number {n} is here" for n in range(45)]
    head = ["Council closes the old library", "By Jane Roe", "Published Jun 05, 2026", *boxes, "Advertisement"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).byline == ("Jane Roe",)


def test_the_headline_over_its_dek_beats_a_video_title_over_the_byline() -> None:
    head = [
        "Council closes the old library",
        "The building will be sold next spring after a year of debate over the library's future.",
        "Watch: residents react",
        "Jane Roe",
        "March 3, 2024 9:15 am",
    ]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).title == "Council closes the old library"


def test_the_title_model_weighs_every_piece_of_evidence() -> None:
    from transforms.text import title_model

    assert set(title_model.weights()) == set(title_model.FEATURES)
    assert all(abs(weight) < 10 for weight in title_model.weights().values())


def test_a_page_laid_out_in_columns_is_read_column_by_column() -> None:
    """A table layout copied row by row glues a navigation column's labels to the paragraphs beside them."""
    menu = ["Home", "Sports", "Business", "Weather"]
    rows = [f"{label:<40}{paragraph}" for label, paragraph in zip(menu, BODY, strict=True)]
    texts = [line.text for line in split_lines("\n".join(rows))]
    assert texts == [*menu, *BODY]
    article = extract_text_dump("\n".join(["Council closes the old library", *rows]), SOURCE, frozenset())
    assert list(article.paragraphs) == BODY


def test_a_table_of_data_keeps_its_rows_whole() -> None:
    rows = ["Pos  Player        Plays  %", "DL   Jane Roe      63     85%", "DL   John Doe      57     77%"]
    assert [line.text for line in split_lines("\n".join(rows))] == [" ".join(row.split()) for row in rows]


@pytest.mark.parametrize(
    "line",
    [
        "The mayor of the town and the head of the library board cut the ribbon at the opening of the new branch"
        " near the station, watched by a crowd of readers and their children, on Saturday. © Jane Roe/PA Wire/dpa",
        "A group of residents and volunteers carry boxes of books out of the old library on the last day it was open"
        " to the public, before the building is sold next spring. EFE/ J.R. Roe",
    ],
)
def test_a_caption_with_a_photographer_and_agency_inside_the_body_is_a_caption(line: str) -> None:
    dump = "\n".join(["Council closes the old library", *BODY[:2], line, *BODY[2:], "© 2024 The Crier"])
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert line not in article.paragraphs
    assert [caption.credit is not None and "/" in caption.credit for caption in article.captions] == [True]


def test_a_paragraph_between_a_most_read_block_and_an_embedded_post_continues_the_story() -> None:
    """Above the densest run: an embedded post's signature (its own date) and one short paragraph between a list
    of other stories and the run; the story's opening above them is kept, the list is not."""
    most_read = [
        "More from the Crier",
        "Mayor resigns after budget row",
        "Storm closes coastal road for a week",
        "Local team wins the cup in extra time",
        "New bakery opens on the high street",
    ]
    lone = "The council's statement said the library's supporters had been heard."
    embed = ["Council statement", "— The Crier Council (@criercouncil) November 20, 2019"]
    rest = [
        "The council said the old library will close after the debate, and its supporters say they will keep asking.",
        "Supporters of the library gathered again on Tuesday and asked the council to keep the reading room open.",
        "The library's reading room has been open since 1902, and supporters say the council should keep it so.",
        "Council members said the library's building needs repairs the council cannot pay for this year or next.",
    ]
    text = "\n".join(["Home", "News", "Council closes the old library", *BODY[:2], *most_read, lone, *embed, *rest])
    article = extract_text_dump(text + "\n© The Crier", SOURCE, frozenset())
    assert article.paragraphs[:2] == tuple(BODY[:2])
    assert lone in article.paragraphs and not set(most_read) & set(article.paragraphs)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Jane Roe and AP", ("Jane Roe", "AP")),
        ("By Jane Roe and John Doe, dpa", ("Jane Roe", "John Doe", "dpa")),
        ("By Jane Roe and John Doe The Associated Press", ("Jane Roe", "John Doe")),
    ],
)
def test_a_news_agency_after_the_names_is_an_author_an_outlet_glued_to_them_is_not(
    line: str, names: tuple[str, ...]
) -> None:
    dump = _head_and_body("Council closes the old library", line, "March 3, 2024 9:15 am")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == names


def test_a_byline_of_one_name_a_line_over_the_dateline_keeps_every_name() -> None:
    dump = _head_and_body("Council closes the old library", "Jane Roe", "John Doe", "March 3, 2024 9:15 am")
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ("Jane Roe", "John Doe")


def test_a_credit_label_alone_on_its_line_takes_the_credit_on_the_next() -> None:
    """ "Foto:" / "Jane Roe / dpa" under the caption's text: one credit, no "Foto:" left in the paragraphs."""
    caption = "Archive picture of the old reading room of the town library"
    dump = _head_and_body("Council closes the old library", "By Jane Roe", caption, "", "Foto:", "", "John Doe / dpa")
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "John Doe / dpa")]
    assert "Foto:" not in article.paragraphs


def test_a_sidebar_under_a_label_of_names_does_not_outweigh_an_article_under_its_byline() -> None:
    """A sidebar of blurbs each under a short capitalised label reads as names alone ("Harbour Lights"), so its
    run looks headed by a byline; a denser sidebar must not beat the article under its own "By ..." line."""
    story = [
        "The ferry timetable changes next week",
        "By Tomasz Brightwater on March 3, 2020",
        "The coastal ferry will leave an hour earlier from Monday, the operator said on Tuesday, after months of "
        "complaints from commuters who missed their first trains on the mainland because of late arrivals.",
        "Passengers who travel at weekends will see no change, and the evening crossing keeps its usual times, "
        "although the operator warned that storms in the autumn could still cancel some of the sailings.",
    ]
    sidebar = [
        (
            "Harbour Lights",
            "A weekly newsletter about island life, with walking routes and the best places to eat "
            "fish by the water, written by volunteers who have lived on the coast for most of their lives.",
        ),
        (
            "Island Walks",
            "Guided walks along the cliffs every Saturday morning in spring and summer, starting at the "
            "old lighthouse and finishing at the bakery in the village square after about three hours.",
        ),
        (
            "Coastal Kitchen",
            "Our cookery corner collects recipes from the families of fishermen, from smoked mackerel "
            "pâté to the apple cake that every grandmother on the island claims to have invented herself.",
        ),
        (
            "Pier Gallery",
            "Paintings and photographs of the harbour by local artists are shown in the old net loft "
            "from May to September, and most of the works on the walls can be bought at modest prices.",
        ),
        (
            "Harbour Radio",
            "Our small station plays folk music and reads the shipping forecast twice a day, and "
            "listeners phone in with news of lost dogs, village fêtes and the price of crab at the market.",
        ),
        (
            "Lifeboat Crew",
            "The volunteer crew trains on Thursday evenings and welcomes anyone who can swim, keep "
            "calm in bad weather and spare a few hours a week to help the people in trouble at sea.",
        ),
    ]
    chrome = ["Comments are closed.", "Tags: ferry, harbour", "Subscribe", "Search", "Recent posts", "Archives"]
    text = "\n".join(
        ["Home", "News", "Contact", *story, *chrome, *[x for pair in sidebar for x in pair], "Log in", "Meta"]
    )
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs == tuple(story[2:])


def test_the_lead_paragraph_under_a_dateline_is_kept_across_a_tags_box() -> None:
    """A tags box between the first paragraph (under its dateline) and the rest of the story does not cut the
    first paragraph off: a paragraph alone weighs too little to be widened to across the box."""
    lead = "The harbour master closed the north pier on Monday after a storm broke two of its wooden pillars."
    rest = [
        "Engineers expect the repairs to take three weeks, and fishing boats will use the south quay meanwhile.",
        "The town council said the pier would reopen before the summer festival, when most visitors arrive.",
        "Walkers are asked to keep off the beach below the pier while divers inspect the remaining pillars.",
    ]
    tags = ["Tags", "Harbour", "Storms", "Town council"]
    text = "\n".join(["Home", "Storm damages the north pier", "March 4, 2024", lead, *tags, *rest, "Contact"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (lead, *rest)


_INTERLEAVED_STORIES = {
    "en": (
        ["Classifieds", "Motoring", "Letters", "Events", "Local Clubs"],
        [
            "A family of otters has returned to the river below the old mill for the first time in forty years.",
            "Volunteers counted two adults and three cubs on Sunday morning, the wildlife trust said.",
            "The trust had cleared the banks of rubbish and planted reeds along a mile of the water last spring.",
            '"We hoped they would come back one day, but not this soon," a spokeswoman for the trust said.',
            "Anglers have been asked to keep their dogs on a lead near the mill until the cubs are older.",
            "The trust will hold an open morning at the mill next month for anyone who wants to see them.",
        ],
    ),
    "de": (
        ["Immobilien", "Stellenmarkt", "Leserbriefe", "Termine", "Vereine"],
        [
            "Nach fast vierzig Jahren ist eine Otterfamilie an den Fluss unterhalb der alten Mühle zurückgekehrt.",
            "Freiwillige zählten am Sonntagmorgen zwei erwachsene Tiere und drei Jungtiere, teilte der Verein mit.",
            "Der Verein hatte im vergangenen Frühjahr die Ufer gesäubert und auf einer Meile Schilf gepflanzt.",
            "„Wir hatten gehofft, dass sie eines Tages wiederkommen, aber nicht so bald“, sagte eine Sprecherin.",
            "Angler sollen ihre Hunde in der Nähe der Mühle an der Leine führen, bis die Jungen älter sind.",
            "Im nächsten Monat lädt der Verein alle Interessierten zu einem offenen Vormittag an der Mühle ein.",
        ],
    ),
}


@pytest.mark.parametrize("language", sorted(_INTERLEAVED_STORIES))
def test_a_story_interleaved_with_a_column_of_section_labels_is_read_whole(language: str) -> None:
    """A layout table copied row by row puts a label of the menu column beside the story between its paragraphs
    ("Motoring" / paragraph / "Letters" / paragraph); the story is read whole, from its first paragraph on, though
    each paragraph alone between two labels weighs little."""
    labels, story = _INTERLEAVED_STORIES[language]
    rows = [story[0], labels[0], story[1], labels[1], story[2], labels[2], story[3], labels[3], story[4], labels[4]]
    menu = ["Home", "News", "Sport", "Weather", "Search", "Place an Ad", "Local Directory"]
    text = "\n".join([*menu, *rows, story[5], "Contact Us", "Advertise", "Privacy"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(story)


def test_a_list_of_newsletters_under_the_story_is_no_interleaved_column() -> None:
    """Below the story, a list of newsletters (each name over its blurb) has the same ladder shape as an interleaved
    column, but the story's run does not reach it: it stays out."""
    story = _INTERLEAVED_STORIES["en"][1]
    newsletters = [
        "Our other newsletters",
        "Sign up for the best of our coverage",
        "Browse all newsletters",
        "Morning Briefing",
        "Every weekday morning, the stories you need to know about before you start your day.",
        "Weekend Reads",
        "Our longest and most thoughtful pieces of the week, delivered to you every Saturday.",
        "Money Matters",
        "The latest on prices, pay and the markets, with a weekly column from our money editor.",
        "Travel Club",
        "Ideas for short breaks and long journeys, with offers for our readers every month.",
    ]
    text = "\n".join(["Home", "News", "Otters return to the mill river", *story, *newsletters, "Contact Us"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(story)


_BLOG_POSTS = {
    "en": (
        ["Sunday, March 3, 2024", "Five things I learned at the allotment"],
        [
            "The broad beans went in far too early this year, and the frost took half of them in one night.",
            "Next time I will wait for the soil to warm up and sow a second row a fortnight after the first.",
        ],
        ["About Me", "Name: Jane Roe Location: Leeds"],
        "I have grown vegetables on a council allotment for twenty years and written about it here since 2009, "
        "mostly about the things that went wrong, because those are the ones worth telling other gardeners about. "
        "I also teach a beginners' class at the community centre every spring and answer readers' letters.",
        ["View my complete profile", "Blog Archive", "March (4)"],
    ),
    "de": (
        ["Sonntag, 03.03.2024", "Fünf Dinge, die ich im Schrebergarten gelernt habe"],
        [
            "Die Saubohnen waren dieses Jahr viel zu früh in der Erde, und der Frost hat die Hälfte davon geholt.",
            "Nächstes Mal warte ich, bis der Boden warm ist, und säe zwei Wochen später noch eine zweite Reihe.",
        ],
        ["Über mich", "Jana Rosen"],
        "Ich baue seit zwanzig Jahren Gemüse in einem Kleingarten an und schreibe hier seit 2009 darüber, vor "
        "allem über das, was schiefging, denn davon lohnt es sich anderen Gärtnern zu erzählen. Außerdem gebe ich "
        "jeden Frühling einen Kurs für Anfänger im Gemeindezentrum und beantworte die Briefe meiner Leser.",
        ["Mein Profil vollständig anzeigen", "Blog-Archiv", "März (4)"],
    ),
}


@pytest.mark.parametrize("language", sorted(_BLOG_POSTS))
@pytest.mark.parametrize("profile_first", [True, False])
def test_a_short_post_beats_the_about_me_blurb_beside_it(language: str, profile_first: bool) -> None:
    """A blog's profile blurb under its "About Me" label can outweigh a short post; the post under its date is the
    article, whether the sidebar is copied before or after it."""
    head, post, label, blurb, links = _BLOG_POSTS[language]
    sidebar = [*label, blurb, *links]
    footer = ["Posted by Jane Roe at 6:43 PM", "0 comments", "Newer Post", "Older Post", "Home"]
    page = [*sidebar, *head, *post, *footer] if profile_first else [*head, *post, *footer, *sidebar]
    assert extract_text_dump("\n".join(["Garden Notes", *page]), SOURCE, frozenset()).paragraphs == tuple(post)


def test_an_about_link_in_a_story_s_head_labels_no_blurb() -> None:
    """ "About Jane Roe" is a link to the author's page in a story's head, over its dateline: the story under it is
    the article, though a teaser under its own byline elsewhere on the page would do as one."""
    story = [
        "The city will plant two thousand trees along its ring road this winter, the mayor said on Monday.",
        "Most will be limes and plane trees, which cope best with the salt spread on the road in the cold months.",
    ]
    head = ["Trees for the ring road", "By Jane Roe", "About Jane Roe", "March 4, 2024 6:30 AM"]
    teaser = [
        "By Ann Poe",
        "March 1, 2024",
        "The council has voted to keep the night buses running for one more year, after a petition signed by more "
        "than three thousand shift workers asked it to think again.",
    ]
    menu = ["Latest", "Weather", "Sport", "Business", "Culture", "Opinion"]
    text = "\n".join(["Home", "News", *teaser, *menu, *head, *story, "Contact"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(story)


def test_an_about_page_with_no_article_elsewhere_keeps_its_blurb() -> None:
    """On a page that is all profile (no post under a byline or a date anywhere), the blurb is what the page says."""
    blurb = _BLOG_POSTS["en"][3]
    text = "\n".join(["Garden Notes", "Home", "Archive", "About Me", "Name: Jane Roe Location: Leeds", blurb, "Home"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (blurb,)


@pytest.mark.parametrize(
    ("language", "text", "teaser"),
    [
        # German capitalises its nouns: a paragraph naming a "Château d’Yquem" reads glued at the elision
        (
            "de",
            "Zum Weingut gehören die Lagen Mühlberg, Sonnenhang und Alte Burg im Tal. Dazu kommen Pachtflächen in "
            "Frankreich, das Château d’Yquem und der Clos Vougeot im Burgund.",
            False,
        ),
        (
            "en",
            "The Group Owns Champagne Houses, Cognac Stills And Vineyards. It Bought The Estates Of Château "
            "d’Yquem and two more last spring.",
            False,
        ),
        ("en", "Council Closes Old Library After Long DebateThe council voted on Tuesday to close it.", True),
        ("de", "Stadtrat Schließt Alte Bibliothek Nach Langer DebatteDer Stadtrat hat am Dienstag entschieden.", True),
    ],
)
def test_a_paragraph_holding_a_sentence_end_before_a_capital_after_a_quote_is_no_glued_teaser(
    language: str, text: str, teaser: bool
) -> None:
    """A headline glued to its summary is one phrase: a stretch longer than a headline with a sentence's end in it is
    a paragraph, whatever its capitals."""
    lines = split_lines(text)
    (score,) = score_lines(lines, lexicon_for(language), frozenset())
    assert (score.part("teaser") < 0) is teaser


_LONG_EN = [
    "The county's new water plant opened on Monday after four years of building work, and its engineers said the "
    "first weeks would show whether the filters could keep up with the spring floods that have overwhelmed the old "
    "plant twice in the last decade, leaving thousands of homes without safe water for days.",
    "The plant draws on the river above the town rather than the wells the old one used, which were found to hold "
    "traces of the chemicals a factory upstream had released for decades before it closed, and the council says "
    "the new source will last for at least fifty years if the river is kept as clean as it is today.",
    "Households will pay about four dollars a month more from the summer on, the council said, a rise that its "
    "members voted for unanimously after a long debate about whether the state should carry more of the cost of "
    "the plant, which came in under its budget despite the delays caused by the floods of the second year.",
]
_LONG_DE = [
    "Das neue Wasserwerk des Landkreises ist am Montag nach vier Jahren Bauzeit in Betrieb gegangen, und die "
    "Ingenieure sagen, dass sich in den ersten Wochen zeigen wird, ob die Filter mit den Hochwassern im Frühjahr "
    "mithalten können, die das alte Werk im letzten Jahrzehnt zweimal überfordert haben.",
    "Das Werk entnimmt sein Wasser dem Fluss oberhalb der Stadt statt den Brunnen, die das alte Werk genutzt hat, "
    "weil in ihnen Spuren der Stoffe gefunden wurden, die eine Fabrik flussaufwärts jahrzehntelang abgegeben hatte, "
    "und der Kreistag sagt, die neue Quelle reiche mindestens fünfzig Jahre lang für alle Haushalte.",
    "Die Haushalte zahlen vom Sommer an etwa vier Euro im Monat mehr, teilte der Kreistag mit, eine Erhöhung, für "
    "die seine Mitglieder nach einer langen Debatte darüber, ob das Land mehr von den Kosten tragen sollte, "
    "einstimmig gestimmt haben, obwohl das Werk trotz der Verzögerungen unter dem Budget blieb.",
]


@pytest.mark.parametrize(
    ("paragraphs", "headings"),
    [
        (_LONG_EN, ["A new source upstream", "What households will pay"]),
        (_LONG_DE, ["Neue Quelle flussaufwärts", "Was die Haushalte zahlen"]),
    ],
)
def test_a_heading_over_every_long_paragraph_is_kept_in_its_own_block(
    paragraphs: list[str], headings: list[str]
) -> None:
    """A report with a heading over each paragraph: every heading stands between single paragraphs, each in a block
    of its own, and is kept as the HTML extractor keeps it."""
    body = [paragraphs[0], headings[0], paragraphs[1], headings[1], paragraphs[2]]
    text = "\n\n".join(["Home", "News", "Water plant opens after four years", *body, "Share this article", "© 2024"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(body)


@pytest.mark.parametrize(
    ("sidebar", "separator"),
    [
        (["Council approves new budget", "Mayor opens the summer fair"], "\n"),  # one block: a table's rows
        (["Council approves new budget", "RELATED NEWS"], "\n\n"),  # blocks of their own, but one is a label
    ],
)
def test_a_sidebar_interleaved_with_long_paragraphs_by_a_layout_table_is_left_out(
    sidebar: list[str], separator: str
) -> None:
    """A layout table copied row by row puts a sidebar's lines between the story's paragraphs, in one block with them
    or with a label among them: none is a heading of the story."""
    rows = [_LONG_EN[0], sidebar[0], _LONG_EN[1], sidebar[1], _LONG_EN[2]]
    text = "\n\n".join(["Home", "News", "Water plant opens after four years", separator.join(rows), "© 2024"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(_LONG_EN)


_BODY_DE = [
    "Der Stadtrat hat am Dienstag beschlossen, die alte Bibliothek zu schließen, nach langer Debatte.",
    "Die Unterstützer der Bibliothek hatten mehr als 4000 Unterschriften gegen die Schließung gesammelt.",
    "Das Gebäude wird im nächsten Frühjahr verkauft, und der Erlös geht an eine neue Filiale am Bahnhof.",
]


@pytest.mark.parametrize(
    ("body", "last"),
    [
        (
            BODY,
            "In the end it is a decision that many in the town will regret for years, and I doubt they will build one",
        ),
        (
            _BODY_DE,
            "Am Ende ist es eine Entscheidung, die viele in der Stadt lange bereuen werden, und ich glaube nicht, "
            "dass das gut geht",
        ),
    ],
)
def test_a_posts_last_paragraph_without_its_full_stop_is_kept(body: list[str], last: str) -> None:
    """A blog post's last paragraph often ends without a full stop: a long line right under the run whose only
    evidence against it is that is kept."""
    text = "\n".join(["Home", "Blog", "Library to close", *body, last, "Share this:", "Twitter", "Facebook", "Email"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*body, last)


_GUIDE_EN = [
    "Growing tomatoes on a balcony takes little room and less work than most people think, if a few rules are kept.",
    "1. Pick a Deep Container",
    "A pot of at least twenty litres gives the roots room enough, and holes in its bottom let the water run off.",
    "2. Water, Sun and Patience",
    "The plants want six hours of sun a day and water every morning, but never so much that the soil stays wet.",
    "3) Harvest Early, Harvest Often",
    "Pick the fruit as soon as it turns red, and the plant will keep on flowering until the first cold nights come.",
]
_GUIDE_DE = [
    "Tomaten auf dem Balkon brauchen wenig Platz und weniger Arbeit, als viele denken. Man muss nur einiges beachten.",
    "1. Der richtige Topf, groß genug",
    "Ein Topf mit mindestens zwanzig Litern gibt den Wurzeln genug Raum, und Löcher im Boden lassen das Wasser ab.",
    "2. Wasser, Sonne und Geduld",
    "Die Pflanzen wollen sechs Stunden Sonne am Tag und jeden Morgen Wasser, aber nie so viel, dass sie ertrinken.",
]


@pytest.mark.parametrize("body", [_GUIDE_EN, _GUIDE_DE])
def test_the_numbered_headings_of_a_guide_are_kept(body: list[str]) -> None:
    """A guide's or a listicle's numbered headings, each over its section's paragraph in a block of its own and in
    sequence, are kept with their sections, as the HTML extractor keeps them."""
    text = "\n\n".join(["Home", "Garden", "Tomatoes on the balcony", *body, "Share this:", "Twitter", "Facebook"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(body)


_LISTICLE = [
    "We asked five bakers in town how they start their day, and each of them gave us one piece of advice to pass on.",
    "1. Ann Poe, owner of a corner bakery on the market square (two shops, 14 staff): Light the oven first",
    "The oven takes an hour to heat, she says, so it is lit before anything else, even before the coffee is made.",
    "2. Tom Dee, bread maker and teacher at the trade school in the old town hall: Weigh everything twice",
    "A dough that is a little off in the morning is a lot off by noon, he says, so every scale is checked each day.",
    "3. Lia Moor, pastry chef at a hotel by the river and author of two cookbooks: Taste the first batch",
    "The first tray tells her whether the butter, the flour or the oven is having a bad day, and what to change.",
]


def test_a_listicle_s_long_numbered_headings_are_kept() -> None:
    """A listicle's numbered headings may name a person with their role before the point (more than a dozen words):
    in sequence, each over its section's paragraph in a block of its own, they are kept with their sections."""
    text = "\n\n".join(["Home", "Food", "Five bakers, five tips", *_LISTICLE, "Share this:", "Twitter", "Facebook"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(_LISTICLE)


def test_a_numbered_most_read_list_interleaved_with_the_story_is_left_out() -> None:
    """A layout table copying a "most read" list row by row beside the story puts its numbered headlines between the
    story's paragraphs, in one block with them: no headings of the story."""
    story = [line for line in _GUIDE_EN if not line[0].isdigit()][:3]
    rows = [story[0], "1. Council Closes The Old Library", story[1], "2. Mayor Opens Summer Fair", story[2]]
    text = "\n\n".join(["Home", "Garden", "Tomatoes on the balcony", "\n".join(rows), "Share this:", "Twitter"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(story)


_SLIDES = [
    "The new phone looks like last year's model from the front, but the camera on its back has been rebuilt from the "
    "ground up, with a larger sensor and a lens that lets in almost twice as much light as before.",
    "Its battery lasts a full day of heavy use, the maker says, and charges to half in twenty minutes with the "
    "charger that comes in the box, which the company had left out of the box for the last three years.",
]

_PHOTO_DE = (
    "Der Marktplatz am Samstagmorgen: Hunderte Menschen kamen zur Eröffnung des neuen Wochenmarkts, der künftig "
    "jeden Samstag von sieben bis vierzehn Uhr stattfinden soll, mit Ständen aus der ganzen Region."
)


@pytest.mark.parametrize(
    ("lines", "story"),
    [
        (  # a slideshow: each slide's text over its credit line
            [
                "1 / 2",
                "A new camera",
                _SLIDES[0],
                "Image credit: www.example.com",
                "2 / 2",
                "A longer battery life",
                _SLIDES[1],
                "Image credit: www.example.com",
            ],
            tuple(_SLIDES),
        ),
        (  # a German photo page: the photo's long caption is its only text
            ["Bild 1 von 1", _PHOTO_DE, "Foto: Jana Roth"],
            (_PHOTO_DE,),
        ),
    ],
)
def test_a_page_whose_only_prose_is_captions_is_told_by_them(lines: list[str], story: tuple[str, ...]) -> None:
    """A slideshow or a photo page: every line of prose is a picture's caption over its credit. Those of a story's
    length are its paragraphs (as the HTML extractor reads a photo page's caption), not a rejection."""
    text = "\n\n".join(["Home", "Tech", "Gallery", *lines, "Most Viewed Galleries", "Weekend Picks", "Travel Deals"])
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs == story
    assert {caption.text for caption in article.captions} >= set(story)


@pytest.mark.parametrize(
    ("body", "heading"),
    [
        (BODY, "Closed now, but not for good"),
        (
            [*_BODY_DE, "Die Stadt will im Herbst entscheiden, was mit den Büchern in den Regalen geschehen soll."],
            "Geschlossen, aber nicht für immer",
        ),
    ],
)
def test_a_heading_with_a_comma_in_its_own_block_is_kept(body: list[str], heading: str) -> None:
    """A section heading may hold a comma; in a block of its own between the story's paragraphs it is a heading, not
    another column's headline."""
    paragraphs = [body[0], body[1], heading, *body[2:]]
    text = "\n\n".join(["Home", "News", "Library to close", *paragraphs, "Share this:", "Twitter", "Facebook"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(paragraphs)


def test_a_headline_with_a_comma_in_the_storys_block_is_left_out() -> None:
    """A layout table copies another column's headline ("..., council says") into the story's block: left out."""
    rows = [BODY[0], BODY[1], "Pool to reopen in May, the council says", BODY[2], BODY[3]]
    text = "\n\n".join(["Home", "News", "Library to close", "\n".join(rows), "Share this:", "Twitter", "Facebook"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    ("chrome", "prose"),
    [
        ("Dir hat der Artikel gefallen? Jetzt teilen und weiterempfehlen!", "Der Artikel hat den Lesern gut gefallen."),
        ("Beitrag gefallen? Vergiss nicht, ihn mit deinen Freunden zu teilen!", "Der Beitrag hat ihm gefallen."),
        ("Gefällt mir Wird geladen...", "Die Fähre wird geladen, dann fährt sie ab."),
    ],
)
def test_a_german_share_prompt_is_a_chrome_sentence(chrome: str, prose: str) -> None:
    """A share prompt under a German post ("Artikel gefallen? Jetzt teilen") and a blog's like button ("Gefällt mir
    Wird geladen...") are chrome whatever their shape, as "Enjoyed this article?" is in English; the words in a
    sentence are not."""
    lines = split_lines("\n".join([prose, chrome]))
    scores = score_lines(lines, lexicon_for("de"), frozenset())
    assert [score.part("consent") for score in scores] == [0.0, -1.0]


@pytest.mark.parametrize(
    ("chrome", "prose"),
    [
        ("Unterstütze Stadtblatt schon mit 3 Euro!", "Der Verein unterstützt das Stadtblatt schon seit 1990."),
        ("Sie lesen gern Stadtblatt.de?", "Sie lesen gern Krimis, sagt die Bibliothekarin."),
        ("Zeigen Sie Ihre Wertschätzung!", "Die Stadt zeigte ihre Wertschätzung mit einem Empfang."),
        ("Schon mit 3 Euro kannst du unsere Arbeit unterstützen.", "Der Rat will die Arbeit der Bibliothek stützen."),
        ("Unterstützen Sie unsere Arbeit mit einer Spende!", "Die Gemeinde unterstützt die Arbeit der Helfer."),
    ],
)
def test_a_german_donation_appeal_is_a_chrome_sentence(chrome: str, prose: str) -> None:
    """A site's appeal for support under the story ("Unterstütze ... schon mit 3 Euro!", "Sie lesen gern ...? Zeigen
    Sie Ihre Wertschätzung!") is chrome whatever its shape, as "Support our journalism" is in English; the words in
    a sentence of a story are not."""
    lines = split_lines("\n".join([prose, chrome]))
    scores = score_lines(lines, lexicon_for("de"), frozenset())
    assert [score.part("consent") for score in scores] == [0.0, -1.0]


@pytest.mark.parametrize(
    ("chrome", "prose"),
    [
        ("Melden Sie sich jetzt für den kostenlosen Stadtblatt-Newsletter an!", "Melden Sie sich beim Amt."),
        ("Melde dich zu unserem Newsletter an und verpasse nichts.", "Melde dich, sagte die Mutter am Telefon."),
        ("Mit der Anmeldung für den Newsletter stimmen Sie dem Versand zu.", "Mit der Anmeldung eilt es."),
    ],
)
def test_a_german_newsletter_sign_up_is_a_chrome_sentence(chrome: str, prose: str) -> None:
    """A newsletter's sign-up box under the story ("Melden Sie sich ... für den ...-Newsletter an!", "Mit der
    Anmeldung für den Newsletter ...") is chrome whatever its length; a sign-up in a sentence of a story is not."""
    lines = split_lines("\n".join([prose, chrome]))
    scores = score_lines(lines, lexicon_for("de"), frozenset())
    assert [score.part("consent") for score in scores] == [0.0, -1.0]


@pytest.mark.parametrize(
    ("body", "label", "box"),
    [
        (
            BODY,
            "Jane Roe",
            "I'm Jane, a librarian for twenty years and a writer since. I write about books, towns and their people.",
        ),
        (
            _BODY_DE,
            "Kathrin Roth",
            "Hallo, ich bin Kathrin, Bibliothekarin und Bloggerin aus Leipzig. Hier schreibe ich über Bücher, über die "
            "Stadt und über die Menschen, die dort leben und lesen, und über alles, was mir dabei einfällt.",
        ),
    ],
)
def test_an_author_box_ending_the_run_is_left_out(body: list[str], label: str, box: str) -> None:
    """The author box under a post: a short label or name over the author introducing themselves by name ("I'm Jane,
    ..."), the HTML extractor's furniture, not the post's last paragraph."""
    text = "\n".join(["Home", "Blog", "Library to close", *body, label, box, "Leave a comment", "Name *", "Email *"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(body)


@pytest.mark.parametrize("byline", ["By Tom Vale", "By: Tom Vale"])
def test_a_blurb_under_a_byline_closing_the_run_is_left_out(byline: str) -> None:
    """A review's last paragraph, then the book's details and the post's topics (more lines than an author box's
    label and furniture), then the reviewer's byline over their blurb, where the run ends: the blurb is the author's
    box, not the story's."""
    details = ["Book details", "Ann Lowe", "The Quiet Shelf", "Northgate Press 2021", "ISBN: 978-0-00-000000-0"]
    meta = ["Share:", "Filed in: Reviews, Fiction", "Tagged: Libraries"]
    blurb = "Freelance critic in Hull and chair of a reading circle that meets every month at the old town library."
    lines = split_lines("\n".join([*BODY, *details, *meta, byline, blurb]))
    lexicon = lexicon_for("en")
    scores = score_lines(lines, lexicon, frozenset())
    assert _before_author_box(lines, scores, (0, len(lines)), lexicon) == (0, len(lines) - 2)


def test_a_post_going_on_in_the_first_person_under_a_heading_is_kept() -> None:
    """A post's last section in the first person ("I'm glad ...") is no self-introduction: it stays."""
    last = "I'm glad the council listened in the end, and I hope the new branch keeps the old reading room's spirit."
    text = "\n".join(["Home", "Blog", "Library to close", *BODY, "Final thoughts", last, "Leave a comment", "Name *"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs[-1] == last


def test_a_long_menu_of_nested_bullets_does_not_decide_the_language() -> None:
    """A copy renders nested menu items with the bullet "o", also an article in Portuguese and Italian: repeated down
    a long menu it must not outweigh the English of the story."""
    items = ["Home", "News", "Sport", "Weather", "Contact us", "About us", "Archive", "Events", "Jobs", "Shop"]
    menu = [f"o {item}" for _ in range(8) for item in items]
    article = extract_text_dump("\n".join([*menu, "", *BODY]), SOURCE, frozenset())
    assert article.language == "en"


def _clipped(opening: str, length: int = 200) -> str:
    """A list's excerpt of a story: its opening cut at a fixed number of characters, an ellipsis after it."""
    return (opening * 4)[:length].rstrip() + "..."


def test_excerpts_cut_to_one_length_under_their_headlines_are_a_story_list() -> None:
    """Other stories listed under the article, each a headline over its opening cut at one length, outweigh a short
    article: the cut, the same for each, tells them apart from the article's own paragraphs."""
    teasers = [
        ("Harbour fees to rise next year", "The port authority said on Monday that mooring fees would rise "),
        ("New cycle lanes for the old town", "Work on the first of the lanes starts in March, the engineer said, "),
        ("Bakery chain opens its tenth shop", "Queues formed before dawn outside the new shop on the square, "),
        ("School roof repairs run late", "Parents were told in a letter that the repairs would take until "),
        ("Theatre season opens with a comedy", "The new director chose a farce for the opening night, saying "),
    ]
    related = [line for headline, opening in teasers for line in (headline, _clipped(opening))]
    text = "\n".join(["Council closes library", "By Jane Roe", *BODY[:2], "", "More stories", "", *related])
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs == tuple(BODY[:2])


def test_a_table_of_contents_does_not_cut_the_introduction_off_its_sections() -> None:
    """A guide's introduction, its table of contents, then each section under the heading the contents list: the
    introduction is the article's as much as the sections are."""
    intro = [
        "Growing vegetables on a small balcony is easier than most people think, and it is cheaper too, since a few"
        " pots and a bag of compost are all that it takes to start.",
        "Below we walk through everything a first-time grower needs to know, from the choice of pots to the first"
        " harvest of the summer, in six short steps.",
    ]
    sections = [
        ("1. Pick the right pots", "Deep containers with drainage holes suit tomatoes, while herbs thrive in troughs."),
        ("2. Find the sun", "Most crops want six hours of direct light each day, so face the plants south."),
        ("3. Mix good soil", "A blend of compost and coir holds water without turning heavy after rain."),
        ("4. Water in the morning", "Watering early lets leaves dry before evening, which keeps mildew at bay."),
        ("5. Feed every fortnight", "A liquid seaweed feed every two weeks keeps fruiting plants cropping."),
        ("6. Harvest often", "Picking beans and courgettes young encourages the plants to set more fruit."),
    ]
    more = "Ask at a local garden centre if you are unsure which variety suits your climate and space."
    contents = [heading for heading, _ in sections]
    body = [line for heading, paragraph in sections for line in ("", heading, paragraph, more)]
    text = "\n".join(["Balcony vegetables for beginners", "", *intro, "", "Contents", *contents, *body])
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs[: len(intro)] == tuple(intro)
    assert {paragraph for _, paragraph in sections} <= set(article.paragraphs)
    assert not set(contents) & set(article.paragraphs[: len(intro) + 1])


def test_a_menu_repeated_in_the_footer_is_no_table_of_contents() -> None:
    menu = ["Home", "News", "Sport", "Weather", "Contact us"]
    lines = split_lines("\n".join([*menu, "", *BODY, "", *menu, "", "© 2024 The Example Gazette"]))
    assert not spacer_lines(lines, score_lines(lines, EN, frozenset()))


def test_a_label_over_lines_left_out_of_the_body_is_left_out_too() -> None:
    """A box's label ("From our archive:") reads as a sentence by its colon; over links the body leaves out, it is
    no paragraph. A line introducing a quote the body keeps stays."""
    quote = "The mayor said:"
    said = "“We will find the money for a new branch, and we will find it before the old one closes its doors.”"
    links = ["Pool closures", "Parking fees", "Bus routes"]
    text = "\n".join(["By Jane Roe", *BODY[:2], quote, said, *BODY[2:], "From our archive:", *links, "", "Contact"])
    article = extract_text_dump(text, SOURCE, frozenset())
    assert article.paragraphs == (*BODY[:2], quote, said, *BODY[2:])


@pytest.mark.parametrize(
    ("language", "chrome", "prose"),
    [
        (
            "en",
            "This entry was posted in Gardening, Home and tagged balcony, compost, herbs. Bookmark the permalink.",
            "The entry to the park was closed after the storm.",
        ),
        (
            "de",
            "Dieser Eintrag wurde veröffentlicht in Allgemein und verschlagwortet mit Garten, Balkon, Kräuter.",
            "Der Eintrag ins Register wurde im Mai veröffentlicht.",
        ),
        (
            "de",
            "Texte auf dieser Seite stehen unter einer Creative Commons Namensnennung 4.0 International Lizenz.",
            "Die Stadt steht unter einer dicken Schneedecke.",
        ),
        (
            "de",
            "Abonnieren Sie kostenlos unseren Wochen-Newsletter und verpassen Sie keine Neuigkeit mehr.",
            "Sie haben den Vertrag gekündigt und wollen nichts mehr verpassen.",
        ),
        ("es", "Para comentar debes iniciar sesión y completar tu perfil.", "Para llegar debes tomar el tren."),
    ],
)
def test_a_posts_filing_line_licence_or_newsletter_prompt_is_a_chrome_sentence(
    language: str, chrome: str, prose: str
) -> None:
    """A blog's filing line ("Posted in ... and tagged ..."), its licence notice and a newsletter's or the comments'
    prompt are chrome however long they run; the same words in a story's sentence are not."""
    lines = split_lines("\n".join([prose, chrome]))
    scores = score_lines(lines, lexicon_for(language), frozenset())
    assert [score.part("consent") for score in scores] == [0.0, -1.0]


@pytest.mark.parametrize(
    ("language", "chrome", "prose"),
    [
        ("en", "Get breaking alerts straight to your phone with our free app.", "The phone rang twice."),
        ("en", "We may receive compensation when you buy through links on this page.", "He received a medal."),
        ("en", "Submit a letter to the editor using the form below.", "The editor resigned on Friday."),
        ("de", "Die besten Geschichten der Woche direkt in deinen Posteingang.", "Die Post kam spät."),
        ("de", "Wir respektieren deine Privatsphäre und laden Inhalte erst nach Zustimmung.", "Sie blieb privat."),
        ("es", "Prueba un mes gratis y cancela cuando quieras.", "Cancelaron el concierto por la lluvia."),
        ("es", "¡Visita nuestro canal de YouTube para ver más!", "El ministro habló en su canal de televisión."),
        ("fr", "À lire aussi : les dix plages à voir cet été", "Il faut lire aussi les petites lignes."),
        ("pl", "Czytaj też: Nowy most nad rzeką gotowy?", "Warto czytać też gazety lokalne."),
        ("it", "Leggi anche: il nuovo ponte sul fiume", "Il sindaco legge anche le lettere dei cittadini."),
        ("de", "Lesen Sie auch: Die neue Brücke über den Fluss?", "Die Kinder lesen sie auch gern im Urlaub."),
        (
            "en",
            "Join 3,210 other subscribers and get every new recipe the morning it is posted.",
            "Two hundred volunteers will join 40 rangers in the park this weekend.",
        ),
        (
            "en",
            "Join thousands of gardening readers who get our weekly tips by email.",
            "Readers wrote in their thousands to join the campaign.",
        ),
        (
            "de",
            "Der Gartenbrief-Newsletter informiert Sie jeden Freitag über neue Beiträge.",
            "Der Verein informiert Sie gern über die Öffnungszeiten.",
        ),
    ],
)
def test_an_app_newsletter_or_channel_promotion_is_a_chrome_sentence(language: str, chrome: str, prose: str) -> None:
    """A promotion of the site's app, newsletter, channel or letters page, and a disclosure of affiliate pay, are
    chrome however long they run; the same words in a story's sentence are not."""
    lines = split_lines("\n".join([prose, chrome]))
    scores = score_lines(lines, lexicon_for(language), frozenset())
    assert [score.part("consent") for score in scores] == [0.0, -1.0]


@pytest.mark.parametrize(
    ("text", "terminal"),
    [
        ("We finally made it to the top of the hill 😉", True),
        ("Next week I will try the recipe with pears instead :)", True),
        ("Und dann war der Kuchen plötzlich weg ;-P )", True),
        ("Follow us 👍", False),  # a button's few words, whatever the emoji
        ("Our favourite places 🌍 Lisbon Porto Madeira", False),
    ],
)
def test_a_sentence_may_end_with_an_emoji_or_an_emoticon(text: str, terminal: bool) -> None:
    """Bloggers end a sentence with a smiley instead of its full stop: the line reads as a sentence's end."""
    assert split_lines(text)[0].terminal is terminal


def test_a_chrome_sentence_between_paragraphs_is_no_section_heading() -> None:
    """A short line between the story's paragraphs reads as a section's heading unless chrome: a chrome sentence of
    the lexicon (a newsletter's prompt) is chrome whatever its shape."""
    prompt = "The best local stories in your inbox"
    text = "\n".join(["By Jane Roe", BODY[0], BODY[1], prompt, BODY[3], BODY[2]])
    assert prompt not in extract_text_dump(text, SOURCE, frozenset()).paragraphs


def test_a_numbered_list_s_numbers_on_lines_of_their_own_do_not_split_its_steps() -> None:
    """A how-to whose list numbers the copy puts on lines of their own ("1.", or doubled: "2. 2.") over each step:
    the numbers say nothing about where the article ends, so the short steps between them are the body, not a notice
    above them that weighs more than any one step."""
    notice = (
        "Please note: pictures on this page are shared by our readers and will be taken down if their owner asks us to."
    )
    steps = [
        "Sift the flour and the sugar into a wide bowl.",
        "Rub in the cold butter until the mix looks like sand.",
        "Stir in the milk with a knife until a soft dough forms.",
        "Pat the dough out on a floured board and cut rounds from it.",
        "Bake the rounds in a hot oven for twelve minutes until golden.",
    ]
    numbered = [line for n, step in enumerate(steps, 1) for line in (f"{n}. {n}.", step)]
    footer = ["You may also like", "Easy Scones", "Quick Flatbread", "Contact", "Privacy"]
    text = "\n".join(["Home", "Baking", "Plain Scones", notice, "Plain Scones", "Method", *numbered, *footer])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert all(step in paragraphs for step in steps)
    assert not any(line.endswith(".") and line[0].isdigit() and len(line) < 8 for line in paragraphs)
    assert not set(footer) & set(paragraphs)


def test_signatures_with_commas_between_readers_letters_are_kept() -> None:
    """A letters page signs each letter on a line of its own between the letters ("Jane Roe, Leeds, UK"), as the
    HTML extractor keeps it with them; the commas make no other story's headline of it."""
    letters = [
        "The new cycle lane on the river road has made my commute both quicker and far less frightening than before.",
        "I only wish the council had asked the shop owners first, since deliveries now block the lane every morning.",
        "Our street has waited eleven years for a pedestrian crossing near the school, and still nothing has happened.",
        "Every winter another child has a close call in the dark, and every spring the council promises a new study.",
        "The longer opening hours at the library are the best news this town has had in years, and I thank the staff.",
        "My grandchildren now do their homework there after school instead of sitting alone in an empty flat.",
    ]
    signatures = ["Tom Hollis, Bramford, Suffolk", "Ada Quill, Netherby", "Piet van Rooy, Utrecht, Netherlands"]
    body = [line for k, sign in enumerate(signatures) for line in (*letters[2 * k : 2 * k + 2], sign)]
    text = "\n\n".join(["Home", "Opinion", "Your letters this week", *body, "Related stories", "Contact"])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert all(letter in paragraphs for letter in letters)
    assert all(sign in paragraphs for sign in signatures[:2])


def test_a_heading_with_a_comma_copied_with_its_section_s_paragraph_is_kept() -> None:
    """A section heading with a comma ("Turn it down, but never off") that opens the block its paragraph follows in
    (no blank line between them) is the section's heading, as one in a block of its own is; another story's headline
    saying who said it ("..., study says") is not, however it is copied."""
    heading = "Turn it down, but never switch it off"
    said = "Library closures spread across the county, study says"
    paragraphs = [
        "Many families leave home for the holidays, and most of them forget the heating until they are on the road.",
        "A house left cold for two weeks in winter can suffer frozen pipes, which cost far more than the gas saved.",
        "Set the thermostat a few degrees lower before leaving, and the house stays safe while the bill stays low.",
        "Engineers advise checking the boiler pressure too, since a drop while the house stands empty goes unseen.",
    ]
    for line, kept in ((heading, True), (said, False)):
        text = "\n\n".join(
            [
                "Home",
                "Energy",
                "Holiday heating tips",
                paragraphs[0],
                paragraphs[1],
                f"{line}\n{paragraphs[2]}",
                paragraphs[3],
                "Related stories",
                "Contact",
            ]
        )
        body = extract_text_dump(text, SOURCE, frozenset()).paragraphs
        assert all(p in body for p in paragraphs)
        assert (line in body) is kept, line


_STORY = [
    "The harbour board agreed on Monday to rebuild the old pier, which storms have battered for three winters now.",
    "Work will start in the spring and should take two years, during which the ferries will use the north quay.",
    "Fishermen welcomed the plan but asked the board to keep one berth open for their boats during the works.",
]


_BIO = "Before that she worked for a radio station in the north, and she has written two books about the ferries."


@pytest.mark.parametrize(
    ("box", "blurb"),
    [
        (["Jane Roe", "Follow"], "Jane Roe covers transport and the coast for the paper. " + _BIO),
        (["Written by Jane Roe"], "She covers transport and the coast for the paper. " + _BIO),
        (["Author", "Jane Roe"], "Reporter on the coast desk since 2010. " + _BIO),
        (  # a gallery's label and the story's source between the story and the box
            ["Pier in pictures", "Source: Harbour Notes", "Author: Jane Roe", "Follow me"],
            "As the paper's coast reporter, Jane covers the ferries and the piers. " + _BIO,
        ),
    ],
)
def test_an_author_box_under_the_story_is_left_out(box: list[str], blurb: str) -> None:
    """The blurb under the author's name at the story's end (the name opens it, or a byline or a label heads it) is
    the page's furniture, as the HTML extractor reads it; the story above it is the body."""
    topics = ["Topics: harbour, ferries"] if len(box) < 4 else []
    text = "\n\n".join(["Home", "Local", "Pier to be rebuilt", *_STORY, *topics, *box, blurb, "Contact"])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert paragraphs == tuple(_STORY)


def test_an_interview_s_last_answer_under_its_speaker_stays() -> None:
    """An interview puts the speaker's name over each answer: the last answer under it is no author box."""
    interview = [
        "Jane Roe",
        "The pier has been my workplace for thirty years, and every winter the storms took a little more of it away.",
        "Why did the board wait so long before it decided to rebuild the whole structure instead of patching it?",
        "Jane Roe",
        "Jane Roe thinks money was the reason, and she says so plainly: the board had none until the grant came in, "
        "and by then the storms had done most of the damage that the rebuilding will now have to put right.",
    ]
    text = "\n\n".join(["Home", "Local", "Talking to the harbour master", *_STORY, *interview, "Contact"])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert interview[-1] in paragraphs


_GARDEN = [
    "Planting a young apple tree is easier than most people think, and autumn is the best time of year to do it.",
    "The roots settle while the soil is still warm, so the tree is ready to grow as soon as the spring arrives.",
    "Follow the steps in order and water the tree once a week through its first summer, more often in a drought.",
    "Within three years the tree should give its first small crop, and within five a basket of apples each autumn.",
]


def test_a_numbered_list_in_the_body_is_kept_but_a_box_s_ranked_headlines_are_not() -> None:
    """Short lines numbered one after another from one inside the body (steps, a table of contents) are the
    article's list, as the HTML extractor keeps it; a box of ranked headlines under its label, the label numbered as
    a first item too ("1. Most read" / "1. ..."), is no part of the article."""
    steps = [
        "1. Choose a sunny spot",
        "2. Dig a wide and deep hole",
        "3. Set the tree in upright",
        "4. Fill in and tread",
    ]
    ranked = [
        "1. Most read here",
        "1. Council closes two bridges",
        "2. Mayor opens new market",
        "3. Storm floods old mill",
    ]
    text = "\n\n".join(["Home", "Garden", "How to plant an apple tree", *_GARDEN[:2], "\n".join(steps), *_GARDEN[2:]])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert all(step in paragraphs for step in steps)
    text = "\n\n".join(["Home", "Garden", "How to plant an apple tree", *_GARDEN[:2], "\n".join(ranked), *_GARDEN[2:]])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert all(line in paragraphs for line in _GARDEN)
    assert not set(ranked) & set(paragraphs)


@pytest.mark.parametrize("heading", ["Comments", "Related stories", "Read more"])
def test_a_closing_heading_of_a_word_or_two_ends_the_article(heading: str) -> None:
    """A closing heading is a fragment as a rule ("Comments", "Related stories"): short as it is, it counts as one,
    and the little prose under it (a first comment, a teaser) is no part of the article."""
    after = (
        "What a lovely idea, we planted two trees in our garden last autumn and both of them gave us a few apples "
        "this year already, so thank you for the tips."
    )
    story = [*_GARDEN, *_STORY]
    text = "\n\n".join(["Home", "Garden", "How to plant an apple tree", *story, heading, after, "Contact"])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert paragraphs == tuple(story)


def test_a_sentence_s_opening_on_a_line_of_its_own_is_joined_to_the_line_going_on_with_it() -> None:
    """A lead-in set apart by the copy ("The orchard festival" / "returns for its tenth year ...", in bold on the page)
    opens the paragraph the next line goes on with in lower case: kept with it, at the body's start or inside it."""
    opening = "The orchard festival"
    rest = "returns for its tenth year on Friday, with cider tastings, a plant swap and a talk on old apple varieties."
    inner = "Volunteers from the village"
    inner_rest = "will run the stalls again this year, and the proceeds will go to the school's new garden project."
    text = "\n\n".join(
        [
            "Home",
            "The orchard festival is back this weekend",
            "By Jane Roe",
            opening,
            rest,
            *_GARDEN[:2],
            inner,
            inner_rest,
            *_GARDEN[2:],
        ]
    )
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert paragraphs == (f"{opening} {rest}", *_GARDEN[:2], f"{inner} {inner_rest}", *_GARDEN[2:])


_WORKSHOPS = [
    (
        "A gentle first afternoon at the potter's wheel, where each of you throws, trims and glazes two small bowls "
        "to take home once they have been fired in the kiln.",
        ["Venue: Hall 2", "Fee: $30"],
    ),
    (
        "An evening of drawing from still life, with charcoal, ink and a little colour, for those who have not held a "
        "pencil since school and would like to start again.",
        ["Venue: Room 5", "Fee: $25"],
    ),
    (
        "A weekend of bookbinding in which you sew, press and cover a notebook of your own, learning three simple "
        "stitches that hold a book together for years.",
        ["Venue: Hall 1", "Fee: $40"],
    ),
    (
        "A morning of printing with carved lino blocks, from the first sketch to a small run of cards on the old "
        "press, inks and paper provided by the studio.",
        ["Venue: Room 3", "Fee: $35"],
    ),
]
_BOOKING = "Places are limited, so please book at the front desk or by telephone at least a week ahead of the class."


def test_fields_of_listed_records_in_the_run_are_kept() -> None:
    """A catalogue's entries each give the same fields ("Venue:", "Fee:"): kept with the descriptions, as the HTML
    extractor keeps the list; without the record they read as labels."""
    lines = [*(line for description, fields in _WORKSHOPS for line in (description, *fields)), _BOOKING]
    article = extract_text_dump(
        "\n".join(["Home", "Courses", "Contact", "", "Spring workshops at the studio", "", *lines]), SOURCE, frozenset()
    )
    assert article.paragraphs == tuple(lines)


def test_one_label_repeated_over_headlines_is_no_record() -> None:
    """Headlines that share a label ("Video: ...") are a list of other stories, not a record's fields."""
    headlines = ["Video: Goats take over the village green", "Video: A quiet night at the harbour"]
    article = extract_text_dump("\n".join([*BODY, "", *headlines]), SOURCE, frozenset())
    assert not set(headlines) & set(article.paragraphs)


_FRONT_PAGE_POSTS = [
    [
        "The allotment committee met on Sunday to share out the plots left empty after the wet spring, and the "
        "waiting list is at last down to a handful of names.",
        "Anyone who would still like a plot this year should leave a note in the shed by the gate before the "
        "end of the month, with a telephone number.",
    ],
    [
        "Our seed swap drew more people than the hall could hold, so next year it will move to the church rooms "
        "across the road, which have room for twice as many tables.",
        "Thank you to everyone who brought beans, and to the baker on the corner for the rolls that kept the "
        "volunteers going through a long afternoon of sorting.",
    ],
    [
        "The water butts have been ordered at last, and they should arrive in time for the summer, when the tap "
        "by the greenhouse has always run dry by the middle of July.",
        "We will need a few strong arms to set them up on their stands, so please bring gloves on the first "
        "Saturday of next month if you can spare an hour.",
    ],
]


_SIGN_OFF = "As ever, the kettle is on in the hut on Saturday mornings, and new faces are always welcome to drop in."


def test_comment_links_closing_each_post_of_a_front_page_head_no_comment_section() -> None:
    """A blog's front page closes each post with its comment link ("Comments (2)") and its signature: the posts
    are the page, not a comment section under the first one."""
    lines = ["Green Lane Allotments"]
    for k, post in enumerate(_FRONT_PAGE_POSTS):
        closing = [_SIGN_OFF, f"Comments ({k})", f"posted by Ann at 9:4{k} AM"]
        lines += [f"Notes from the plots, part {k + 1}", *post, *closing]
    article = extract_text_dump("\n".join(lines), SOURCE, frozenset())
    assert {_FRONT_PAGE_POSTS[0][0], _FRONT_PAGE_POSTS[-1][-1]} <= set(article.paragraphs)


def test_a_sentence_cut_in_two_right_under_the_run_is_read_with_it() -> None:
    """The copy may cut the body's last sentence in two: its opening reads as a label (no full stop), the rest as
    prose starting in lower case. The run ends past both, as one paragraph; a box's label over a line of its own
    (another block) is not taken for such an opening."""
    opening, rest = "Readers can still visit the reading room from ten in the morning", "until four on weekdays."
    text = "\n".join([*BODY, opening, rest, "", "Home", "Contact", "Archive"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == (*BODY, f"{opening} {rest}")


def test_fields_of_listed_records_do_not_split_the_run() -> None:
    """Three fields under each entry cost more than its short description weighs: read as chrome they would split
    the catalogue into its entries, one kept. Fields of a listed record weigh nothing in the run."""
    entries = [
        (description, [*fields, f"Tutor: {tutor}"])
        for (description, fields), tutor in zip(_WORKSHOPS, ["Ann Poe", "Jon Roe", "Eve Doe", "Al Bo"], strict=True)
    ]
    lines = [line for description, fields in entries for line in (description, *fields)]
    article = extract_text_dump("\n".join(["Home", "Courses", "Contact", "", *lines, _BOOKING]), SOURCE, frozenset())
    assert {description for description, _ in entries} <= set(article.paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        "Der Konzern McFarland Foods verkauft seine Filialen an einen Investor aus Hamburg, teilte er mit.",
        "Die Plattform eBay verlangt ab Juli höhere Gebühren von privaten Verkäufern, teilte sie mit.",
        "Sängerin Ava O'Brien sagt ihre Tournee ab, weil sie krank ist.",
    ],
)
def test_a_name_spelt_in_camel_case_is_no_headline_glued_to_a_sentence(text: str) -> None:
    # "Mc", "i" and "O'" open names with a capital inside; a glued headline ends in a whole word ("...SuspectPolice").
    (score,) = score_lines(split_lines(text), lexicon_for("de"), frozenset())
    assert score.part("teaser") == 0


def test_a_headline_glued_to_its_summary_is_a_teaser() -> None:
    (score,) = score_lines(split_lines("Harbour Ferry Returns To ServiceThe old boat sails again."), EN, frozenset())
    assert score.part("teaser") < 0


def test_a_dateline_under_the_standfirst_dates_the_story() -> None:
    # The standfirst reads as the body's first paragraph; the dateline under it is still the story's.
    dek = "The building will be sold next spring after a year of debate over the library's future."
    dump = "\n".join(["Home", "News", "Council closes the old library", dek, "17.09.24 08:15", *BODY, "© The Crier"])
    assert extract_text_dump(dump, SOURCE, frozenset()).published == "2024-09-17T08:15:00"


def test_the_headline_over_the_story_is_not_read_as_a_caption_when_a_teaser_repeats_it() -> None:
    # A list of stories high on the page shows the headline too; the headline over the story, above an avatar's
    # initials that read as an agency's credit, is the headline all the same, not that picture's caption.
    teasers = [f"Another story from the county, number {n}" for n in range(4)]
    headline = "Jane Roe. Why the council closes the old library"
    dump = "\n".join(["Home", "News", headline, *teasers, "Opinion 2023.06.04 10:05", headline, "PA", *BODY])
    article = extract_text_dump(dump, SOURCE, frozenset())
    assert article.title == headline
    assert article.captions == ()


# Made-up Japanese: a story of about 150 characters, as much as 450 of English, under a dateline and share buttons.
_JA_STORY = [
    "市議会は十三日、老朽化した市立図書館を来年春に閉館することを賛成多数で決めた。図書館の存続を求める署名は四千筆を超えて"
    "いたが、市は建物の耐震補強に多額の費用がかかると説明していた。跡地は売却され、売却益は駅前に新しい分館を建てる費用に"
    "充てられる。市長は記者会見で、利用者に丁寧に説明していくと述べた。",
    "閉館の日程は次のとおり。",
]


def test_a_story_in_an_unspaced_script_is_weighed_by_what_it_says_not_its_characters() -> None:
    share = ["メールでシェアする", "Facebookでシェアする", "Xでシェアする", "ブックマークでシェアする"]
    head = ["ホーム", "ニュース", "市立図書館が来年春に閉館へ", "田中一郎 2023年6月4日 10時05分"]
    dump = "\n".join([*head, *share, "[PR]", *_JA_STORY, "関連記事", "ランキング", "ホーム"])
    assert extract_text_dump(dump, SOURCE, frozenset()).paragraphs == tuple(_JA_STORY)


_DE_BODY = [
    "Der Stadtrat hat am Dienstag beschlossen, die alte Bibliothek im nächsten Frühjahr zu schließen.",
    "Mehr als 4000 Menschen hatten sich mit ihrer Unterschrift für den Erhalt des Hauses eingesetzt.",
    "Der Erlös aus dem Verkauf soll in eine neue Zweigstelle am Bahnhof fließen, sagte die Bürgermeisterin.",
]


def test_a_dateline_with_a_local_month_a_few_lines_into_the_body_dates_the_story() -> None:
    # A standfirst read as the body's first paragraph, then a picture, its credit, a button and the byline: the
    # date under them, in the page's own month names, is the story's.
    from transforms.text.extract import _byline_and_date

    dek = "Nach einem Jahr Streit um die Zukunft des Hauses ist die Entscheidung gefallen, sagt die Stadt."
    opening = [dek, "Die alte Bibliothek im Winter", "Foto: Jane Roe", "Teilen", "von Jane Roe", "14. Mai 2025"]
    lines = split_lines("\n".join(["Die alte Bibliothek schließt", *opening, *_DE_BODY]))
    de = lexicon_for("de")
    _, published = _byline_and_date(lines, score_lines(lines, de, frozenset()), 1, de, frozenset())
    assert published == ("2025-05-14", 6)


def test_an_embedded_posts_text_over_its_attribution_is_kept() -> None:
    """An embedded social post's text ends with a link or a hashtag, no full stop, and would read as a headline; right
    over its "— Name (@handle) date" line it is the post the story quotes, as the HTML extractor keeps it."""
    post = "Our little harbour ferry is back in service from tomorrow morning #harbour https://t.example/abc123"
    attribution = "— Harbour Ferries (@harbourferry) 3 March 2021"
    text = "\n\n".join(["Home", "News", "Sport", BODY[0], BODY[1], post, attribution, BODY[3], "Share", "Print"])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert paragraphs == (BODY[0], BODY[1], post, BODY[3])


def test_prose_under_a_closing_heading_that_reaches_the_copyright_line_is_the_footer() -> None:
    """Under a closing heading ("Comments") the footer's blurbs can be long sentences ("Advertise with us ...", the
    copyright notice written out): when they reach the page's copyright line they are not the article's, however
    much of them there is."""
    footer = [
        "Advertise with the busiest local news site in the county: we offer flexible packages for every budget, from a "
        "single banner for a weekend fair to a whole season of sponsored newsletters, and our team will gladly help "
        "you plan the campaign that suits your shop, your club or your business best.",
        "© 2021 The Valley Crier. This article is the property of The Valley Crier and may not be copied, printed or "
        "shared in any other publication, online or on paper, without the written consent of the editors.",
    ]
    text = "\n\n".join(["Home", "News", "Sport", *BODY, "Comments", *footer, "Contact", "Privacy"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


def test_a_short_post_under_its_barred_meta_line_outweighs_a_disclaimer() -> None:
    """A blog post's meta line puts its date first, then author, categories and tags between bars, too long for a
    dateline; it still heads the post, which is taken over a longer disclaimer in the sidebar."""
    meta = (
        "Posted: 05.01.2021 | Author: kestrel | Filed under: Birds, Garden, Winter, Feeders | Tags: blackbird, robin, "
        "sparrow, snow, frost, seeds, apples, fat balls, morning light, back garden"
    )
    post = [
        "The blackbirds came back to the feeder this morning, all four of them, fighting over the last apple.",
        "A robin watched from the fence and waited until they had gone before it took its share of the seeds.",
        "I will put out more apples tomorrow, and perhaps a second feeder by the hedge for the shy ones.",
    ]
    disclaimer = (
        "This blog links now and then to other websites. I have no say over what those websites show and cannot be "
        "held to account for it; whoever runs a linked website answers for its content alone. When I wrote each post "
        "I checked the websites it links to and found nothing unlawful on them, but I cannot keep checking all of "
        "them all the time, and I will remove any link as soon as I learn that the page behind it breaks the law."
    )
    text = "\n\n".join(["Home", "About", "Archive", "Feeder news", meta, *post, "Share", "Like", *_SIDEBAR, disclaimer])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(post)


_SIDEBAR = ["Recent posts", "Snow at last", "The old pear tree", "Categories", "Birds", "Garden", "Meta", "Log in"]


def test_a_section_the_page_prints_twice_is_kept_once() -> None:
    # A summary tab over the full view, a column shown in two panes: the archive keeps the story's text once.
    twice = "\n".join(["Library closes", "", *BODY, "", *BODY])
    assert extract_text_dump(twice, SOURCE, frozenset()).paragraphs == tuple(BODY)


# A society's page of past newsletters: each entry a heading, a one-paragraph summary and its source line; the two
# oldest entries also list their downloads, a longer gap between summaries than an article's widening crosses.
_DIGEST_ENTRIES = [
    (
        "Pond dipping for beginners",
        "Members spent a bright morning at the mill pond, where the children found newts, water boatmen and a great "
        "many snails among the reeds.",
        ["Pond guide (PDF)", "Photos from the day"],
    ),
    (
        "Hedge laying weekend",
        "Volunteers laid forty metres of the old hawthorn hedge along the lane, and the society thanks the farmer for "
        "lending his tools and his barn.",
        ["Hedge laying notes", "Volunteer rota"],
    ),
    (
        "Bat walk at dusk",
        "A warm evening brought out pipistrelles over the canal, and our detector picked up a noctule passing high "
        "above the towpath at least twice.",
        [],
    ),
    (
        "Seed swap in the church hall",
        "More than sixty gardeners came to swap seeds, and the cake stall raised enough to buy two new benches for the "
        "nature garden by the school.",
        [],
    ),
    (
        "Moth trap results",
        "The trap in the orchard caught thirty species over three nights, among them an elephant hawk-moth that "
        "delighted everyone who came to see it.",
        [],
    ),
    (
        "Winter bird count",
        "Counters recorded fieldfares and redwings in the top meadow, and a kingfisher was seen twice on the brook "
        "below the footbridge in January.",
        [],
    ),
    (
        "Litter pick on the common",
        "Twenty of us filled forty bags in two hours, and the council has promised a new bin by the car park before "
        "the summer holidays begin.",
        [],
    ),
]


def _digest_lines() -> list[str]:
    lines: list[str] = []
    for number, (heading, summary, downloads) in enumerate(_DIGEST_ENTRIES):
        lines += [heading, summary, f"Newsletter {41 - number}, {('spring', 'winter', 'autumn')[number % 3]} issue"]
        lines += downloads
    return lines


def test_a_listing_of_one_paragraph_entries_is_read_to_its_first_entry() -> None:
    """A page that is a list of entries (a catalogue, a directory, a digest of past newsletters) has no run of
    paragraphs in a row: each summary stands alone between its heading and its source line. The run of such entries
    widens to the list's other entries across a longer gap than an article's (an entry's downloads), upwards as far
    as downwards, as the HTML extractor keeps the list whole."""
    menu = ["Home", "About the society", "Events", "Join us", "Contact", "Past newsletters"]
    text = "\n".join([*menu, *_digest_lines(), "Registered charity", "Privacy", "Site map"])
    paragraphs = extract_text_dump(text, SOURCE, frozenset()).paragraphs
    assert paragraphs == tuple(summary for _, summary, _ in _DIGEST_ENTRIES)


def test_a_listing_beside_a_story_does_not_widen_the_story() -> None:
    """A story's run holds its paragraphs in a row: the same ladder of entries under it, past a box of links (the
    society's other news), is no listing the story belongs to, and stays out."""
    story = _INTERLEAVED_STORIES["en"][1]
    more = ["Share this story", "More from the society", "Events", "Walks", "Talks", "Shop"]
    text = "\n".join(["Home", "News", "Otters return to the mill river", *story, *more, *_digest_lines(), "Privacy"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(story)


def test_the_run_does_not_continue_past_a_closing_heading_to_headlines_on_its_subject() -> None:
    """Under "More news", other stories' headlines repeat the story's words (library, council, station): a box of
    headlines alone, no paragraph, is no continuation of the story however much it shares."""
    box = [
        "More news",
        "Archive",
        "Sport",
        "Weather",
        "Traffic",
        "Why the council wants to sell the old library.",
        "The station branch will open in the spring, says the council.",
        "Library branch near the station: council approves the plan.",
        "Supporters ask the council to keep the reading room open.",
    ]
    text = "\n".join(["Council closes the old library", *BODY, *box, "Newsletter", "Contact"])
    assert extract_text_dump(text, SOURCE, frozenset()).paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    "text",
    [
        "هل ستفتح المكتبة الجديدة في الربيع؟",  # Arabic question mark
        "نئی لائبریری اگلے سال کھلے گی۔",  # Urdu full stop
        "नया पुस्तकालय अगले साल खुलेगा।",  # Devanagari danda
    ],
)
def test_a_sentence_may_end_with_its_scripts_own_stop(text: str) -> None:
    """Arabic, Urdu and Hindi end sentences with stops of their own, as Chinese and Japanese do with 。 and ？: an
    interview's question ending with ؟ is a sentence, not a heading."""
    assert has_terminal_punctuation(text)


def test_a_publication_dateline_ending_with_a_twelve_hour_clock_is_no_sentence() -> None:
    """A "p.m." closing the line ends it with the clock's full stop, not a sentence's: the line still says when the
    story was published, over the date a menu bar prints at the top of the page."""
    head = ["Monday, February 2, 2032", "Council closes the old library", "Published March 3 2031, 4:05 p.m."]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).published == "2031-03-03T16:05:00"


def test_a_dateline_printed_under_the_story_is_its_date_where_the_head_has_none() -> None:
    tail = ["Topics", "Town", "Council", "3. 3. 2031 , 18:41 Uhr", "Comment by", "Jane Roe"]
    body = [*BODY, *(f"{line[:-1]}, the clerk said at meeting number {n}." for n, line in enumerate(BODY * 2))]
    dump = "\n".join(["Home", "News", "Sport", "Council closes the old library", *body, *tail, "© 2031 The Crier"])
    assert extract_text_dump(dump, SOURCE, frozenset()).published == "2031-03-03T18:41:00"


def test_the_dateline_by_the_byline_beats_the_day_s_date_in_the_site_s_bar() -> None:
    """A site's bar prints the day's date over its menu; the story's own date goes with its byline, lower down."""
    head = ["Thursday, 4 March 2032", "Politics", "Council closes the old library", "By Jane Roe | 1 March 2031"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).published == "2031-03-01"


def test_a_publication_cue_over_the_byline_keeps_its_date() -> None:
    head = ["Published 2 March 2031", "Council closes the old library", "By Jane Roe", "Updated 4 March 2031"]
    assert extract_text_dump(_head_and_body(*head), SOURCE, frozenset()).published == "2031-03-02"


@pytest.mark.parametrize(
    "byline",
    [
        "Posted by Jane Roe",
        "Posted by: Jane Roe",
        "Posted by Jane Roe on March 3, 2031",
        "Posted by Jane Roe at 6:43 PM",
    ],
)
def test_a_blog_s_posted_by_line_is_the_byline(byline: str) -> None:
    """A blog writes "Posted by" where a paper writes "By", the post's date or time often after the name."""
    dump = _head_and_body("Council closes the old library", byline)
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ("Jane Roe",)


def test_a_korean_reporter_s_sign_off_under_the_story_is_its_byline() -> None:
    """Korean papers sign a story under its last paragraph: the place, the reporter's name and "기자", an e-mail."""
    body = [*BODY, *(f"{line[:-1]}, the clerk said at meeting number {n}." for n, line in enumerate(BODY * 2))]
    tail = ["서울 한가람 기자 reporter@example.kr", "공유", "댓글"]
    dump = "\n".join(["Home", "News", "Sport", "Council closes the old library", *body, *tail, "© 2031 The Crier"])
    assert extract_text_dump(dump, SOURCE, frozenset()).byline == ("한가람",)
