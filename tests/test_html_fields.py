"""The HTML extractor's fields (title, byline, date, captions and credits) on each general pattern it reads:
one small hand-made page per pattern, none copied from any real site."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from transforms.dates import page_date
from transforms.html import extract_html
from transforms.model import Article, Caption, Source

SOURCE = Source(uri="page.html", format="html", sha256="0" * 64)
PROSE = [
    "The harbour authority opened the new ferry terminal on Monday after three years of building work.",
    "Commuters said the crossing to the island now takes twenty minutes less than it did last spring.",
    "The authority expects passenger numbers to double by the end of the decade, its director said.",
]


def page(middle: str = "", head: str = "", above: str = "", h1: str = "Ferry terminal opens") -> str:
    body = "".join(f"<p>{text}</p>" for text in PROSE[:2]) + middle + f"<p>{PROSE[2]}</p>"
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{h1}</title>{head}</head>'
        f"<body><article>{above}<h1>{h1}</h1><div class='story-body'>{body}</div></article></body></html>"
    )


def extract(html: str) -> Article:
    return extract_html(html.encode("utf-8"), SOURCE)


def json_ld(data: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# ---------------------------------------------------------------- captions and credits

CREDIT_FORMS = [
    # <cite> inside the figcaption
    ("<figcaption>The new terminal. <cite>Jane Roe/AP</cite></figcaption>", "The new terminal.", "Jane Roe/AP"),
    # credit class glued in camelCase
    (
        '<figcaption><span class="captionText">The new terminal.</span>'
        '<span class="captionCredit">Jane Roe</span></figcaption>',
        "The new terminal.",
        "Jane Roe",
    ),
    # a photographer and a distributor in separate elements, joined
    (
        '<figcaption><span class="caption">The new terminal.</span><span class="credit">Photo by Jane Roe</span>'
        '/<span class="distributor">AFP via Getty Images</span></figcaption>',
        "The new terminal.",
        "Jane Roe / AFP via Getty Images",
    ),
    # schema.org ImageObject itemprops
    (
        '<figcaption><span itemprop="caption">The new terminal.</span>'
        '<span itemprop="copyrightHolder">Harbour Authority</span></figcaption>',
        "The new terminal.",
        "Harbour Authority",
    ),
    # an unclassed element that starts with a credit label, in several languages
    (
        "<figcaption><span>Das neue Terminal.</span><span>© Max Muster/dpa</span></figcaption>",
        "Das neue Terminal.",
        "Max Muster/dpa",
    ),
    ("<figcaption><p>Das neue Terminal.</p><small>Quelle: dpa</small></figcaption>", "Das neue Terminal.", "dpa"),
    ("<figcaption>El nuevo terminal. <span>Foto: Ana Ruiz</span></figcaption>", "El nuevo terminal.", "Ana Ruiz"),
    ("<figcaption><p>Новый терминал.</p><p>Фото: Иван Петров</p></figcaption>", "Новый терминал.", "Иван Петров"),
    # a credit set off by a slash in its own element
    ("<figcaption>Das neue Terminal <span>/ Max Muster</span></figcaption>", "Das neue Terminal", "Max Muster"),
    # a label in an element of its own before the name
    (
        "<figcaption>The new terminal.</figcaption><figcaption><strong>Image Credits:</strong> Harbour Authority"
        "</figcaption>",
        "The new terminal.",
        "Harbour Authority",
    ),
    # a rights notice after the photographer
    (
        '<figcaption>The new terminal. <span class="credit">Jane Roe/Copyright 2026 The Wire. All rights reserved.'
        "</span></figcaption>",
        "The new terminal.",
        "Jane Roe",
    ),
    # credits written in the caption text itself, only safe inside a known caption
    (
        "<figcaption>Commuters queue for the first crossing. AP</figcaption>",
        "Commuters queue for the first crossing.",
        "AP",
    ),
    ("<figcaption>The new terminal. (Harbour Authority)</figcaption>", "The new terminal.", "Harbour Authority"),
    ("<figcaption>Das neue Terminal (Quelle: Hafenbehörde)</figcaption>", "Das neue Terminal", "Hafenbehörde"),
    ("<figcaption>새 터미널이 문을 열었다. 연합뉴스</figcaption>", "새 터미널이 문을 열었다.", "연합뉴스"),
    (
        "<figcaption>Naujas terminalas / J. Jonaitis / LRT nuotr.</figcaption>",
        "Naujas terminalas",
        "J. Jonaitis / LRT nuotr",
    ),
    # a picture from a social network: the poster's handle, the network, the agency that passed it on
    (
        "<figcaption>Commuters queue for the first crossing @ferry_fan via X / Reuters</figcaption>",
        "Commuters queue for the first crossing",
        "@ferry_fan via X / Reuters",
    ),
    (
        "<figcaption>Commuters queue for the first crossing @ferry.fan/Instagram</figcaption>",
        "Commuters queue for the first crossing",
        "@ferry.fan/Instagram",
    ),
    # credit labels in more languages, in the text or an element of their own
    (
        "<figcaption>Uusi terminaali avattiin maanantaina. Kuva: Matti Meikäläinen</figcaption>",
        "Uusi terminaali avattiin maanantaina.",
        "Matti Meikäläinen",
    ),
    (
        "<figcaption><span>Nowy terminal promowy.</span> <span>Zdjęcie: Jan Kowalski</span></figcaption>",
        "Nowy terminal promowy.",
        "Jan Kowalski",
    ),
    (
        "<figcaption><p>Das neue Fährterminal.</p><p>Bild: Max Muster/Keystone</p></figcaption>",
        "Das neue Fährterminal.",
        "Max Muster/Keystone",
    ),
    # a photographer working for the publication, unlabelled, after the caption
    (
        "<figcaption>Commuters queue for the first crossing. Jane Roe for The Harbour Gazette</figcaption>",
        "Commuters queue for the first crossing.",
        "Jane Roe for The Harbour Gazette",
    ),
]


@pytest.mark.parametrize(("caption_html", "text", "credit"), CREDIT_FORMS)
def test_caption_and_credit_apart(caption_html: str, text: str, credit: str) -> None:
    article = extract(page(f'<figure><img src="/media/12345678.jpg">{caption_html}</figure>'))
    assert [(c.text, c.credit) for c in article.captions] == [(text, credit)]
    assert not any(credit in p for p in article.paragraphs)


def test_a_caption_ending_with_a_short_sentence_keeps_it() -> None:
    article = extract(
        page('<figure><img src="/a.jpg"><figcaption>Boats wait in the bay. It rained.</figcaption></figure>')
    )
    assert article.captions == (Caption(text="Boats wait in the bay. It rained.", credit=None, media="photo"),)


def test_a_credit_alone_is_no_caption() -> None:
    article = extract(
        page('<figure><img src="/a.jpg"><figcaption><span class="credit">Jane Roe/AP</span></figcaption></figure>')
    )
    assert article.captions == ()


def test_a_credit_beside_a_caption_element_outside_any_figure() -> None:
    middle = (
        '<div class="article-image"><img src="/a.jpg"><div class="image-text">'
        '<span class="image-caption">The new terminal.</span><span class="image-source">Max Muster/dpa</span>'
        "</div></div>"
    )
    article = extract(page(middle))
    assert [(c.text, c.credit) for c in article.captions] == [("The new terminal.", "Max Muster/dpa")]
    assert "Max Muster/dpa" not in article.paragraphs


def test_an_agency_printed_over_the_picture_inside_a_figure_is_its_credit() -> None:
    # No credit class, no label: a short span beside the <img>, outside the figcaption, naming a picture desk.
    middle = (
        '<figure><div class="pic-wrap"><img src="/a.jpg"><span class="xq1 zz7">Jane Roe/Reuters</span></div>'
        "<figcaption>The new terminal seen from the water</figcaption></figure>"
    )
    article = extract(page(middle))
    assert [(c.text, c.credit) for c in article.captions] == [
        ("The new terminal seen from the water", "Jane Roe/Reuters")
    ]


def test_a_plain_line_beside_the_picture_inside_a_figure_is_no_credit() -> None:
    middle = (
        '<figure><div class="pic-wrap"><img src="/a.jpg"><span class="xq1">Open gallery</span></div>'
        "<figcaption>The new terminal seen from the water</figcaption></figure>"
    )
    assert [(c.text, c.credit) for c in extract(page(middle)).captions] == [
        ("The new terminal seen from the water", None)
    ]


def test_a_caption_without_credit_takes_the_labelled_credit_its_picture_s_alt_text_ends_with() -> None:
    alt = "Two ferries pass the pier at dawn on the first day of service. (Photo: Jane Roe / Harbour Desk)"
    middle = (
        f'<div class="lead-image"><img src="/a.jpg" alt="{alt}"><em class="image-caption">Ferries at dawn</em></div>'
    )
    assert [(c.text, c.credit) for c in extract(page(middle)).captions] == [
        ("Ferries at dawn", "Jane Roe / Harbour Desk")
    ]


def test_an_alt_text_without_a_credit_label_gives_no_credit() -> None:
    alt = "Two ferries pass the pier at dawn, watched by Jane Roe"
    middle = (
        f'<div class="lead-image"><img src="/a.jpg" alt="{alt}"><em class="image-caption">Ferries at dawn</em></div>'
    )
    assert [(c.text, c.credit) for c in extract(page(middle)).captions] == [("Ferries at dawn", None)]


def test_a_rights_notice_in_its_own_element_does_not_join_the_credit() -> None:
    middle = (
        '<figure><img src="/a.jpg"><figcaption><span class="caption-text">The new terminal at dusk</span> '
        '<span class="caption-copyright">Tous droits réservés&nbsp;</span>'
        '<span class="caption-credit">Jeanne Roux</span></figcaption></figure>'
    )
    assert [(c.text, c.credit) for c in extract(page(middle)).captions] == [("The new terminal at dusk", "Jeanne Roux")]


def test_a_caption_class_without_a_picture_is_typography() -> None:
    middle = '<p class="caption-small">Updated every hour with the latest sailing times for all routes.</p>'
    assert extract(page(middle)).captions == ()


def test_a_caption_classed_wrapper_holding_its_picture_is_a_figure() -> None:
    middle = (
        '<div class="wp-caption"><img src="/a.jpg"><p class="wp-caption-text">The new terminal. '
        "Photo: Jane Roe</p></div>"
    )
    assert [(c.text, c.credit) for c in extract(page(middle)).captions] == [("The new terminal.", "Jane Roe")]


def test_a_picture_block_without_figure_markup() -> None:
    middle = (
        '<div class="image-widget"><span class="image"><img src="/a.jpg"></span>'
        "<p><span>Commuters board the first ferry from the new terminal on Monday morning.</span></p>"
        "<p>Image: Jane Roe</p></div>"
    )
    article = extract(page(middle))
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Commuters board the first ferry from the new terminal on Monday morning.", "Jane Roe")
    ]
    assert article.paragraphs == tuple(PROSE)


def test_a_picture_block_around_a_figure_reads_the_figure_s_caption() -> None:
    middle = (
        '<div class="article-image"><figure><img src="/a.jpg"><a href="/g" class="badge">5</a>'
        '<figcaption>The new terminal. <span class="source">Foto: Jane Roe</span></figcaption></figure>'
        '<ul><li><a href="/g">5 Bilder - Fotostrecke öffnen</a></li></ul></div>'
    )
    assert [(c.text, c.credit) for c in extract(page(middle)).captions] == [("The new terminal.", "Jane Roe")]


def test_a_story_header_with_its_picture_is_no_caption() -> None:
    story_header = (
        '<div class="header has-media"><h1>Ferry terminal opens</h1><em>by <a href="/authors/jane-roe/">Jane Roe'
        '</a></em><figure><img src="/a.jpg"></figure><div class="summary"><p>The harbour has a new terminal.</p>'
        "</div></div>"
    )
    html = page().replace("<h1>Ferry terminal opens</h1>", story_header)
    assert extract(html).captions == ()


def test_a_caption_set_in_an_h1_under_its_picture() -> None:
    middle = (
        '<div class="imgbox"><div><img src="/a.jpg"></div><h1>Commuters board the first ferry from the new '
        "terminal on Monday morning.</h1></div>"
    )
    assert [c.text for c in extract(page(middle)).captions] == [
        "Commuters board the first ferry from the new terminal on Monday morning."
    ]


def test_one_caption_read_twice_is_kept_once() -> None:
    above = '<div class="caption-text">The terminal at dawn.</div>'
    middle = '<figure><img src="/a.jpg"><figcaption>The terminal at dawn.</figcaption></figure>'
    head = '<meta property="og:image" content="https://cdn.example/img/98765432.jpg">'
    above = f'<div class="lead-image"><img src="https://img.example/98765432.jpg">{above}</div>'
    captions = extract(page(middle, head=head, above=above)).captions
    assert [(c.text, c.media) for c in captions] == [("The terminal at dawn.", "photo")]


@pytest.mark.parametrize("credit", ["Getty Images", "© Jane Roe/dpa"])
def test_a_picture_caption_and_credit_in_unnamed_markup(credit: str) -> None:
    middle = (
        '<div class="sc-kgbQpE"><div class="sc-fqkvVR"><picture><img src="/a.jpg" width="960"></picture></div>'
        f'<div class="sc-eBMEME">Commuters board the first ferry</div><div class="sc-dCFHLb">{credit}</div></div>'
    )
    article = extract(page(middle))
    assert [c.text for c in article.captions] == ["Commuters board the first ferry"]
    assert article.captions[0].credit in ("Getty Images", "Jane Roe/dpa")
    assert article.paragraphs == tuple(PROSE)


def test_a_name_under_a_large_photograph_in_unnamed_markup_is_its_credit() -> None:
    middle = (
        '<div class="x1"><div class="x2"><picture><img src="/a.jpg" width="2400" height="1600"></picture></div>'
        '<div class="x3">The harbour master on the new quay</div><div class="x4">The Harbour Herald</div></div>'
    )
    article = extract(page(middle))
    assert [(c.text, c.credit) for c in article.captions] == [
        ("The harbour master on the new quay", "The Harbour Herald")
    ]
    assert article.paragraphs == tuple(PROSE)


@pytest.mark.parametrize(
    ("picture", "last"),
    [
        ('<img src="/a.jpg">', "Jane Roe"),  # a picture of no declared size: a portrait beside a quote, a thumbnail
        ('<img src="/a.jpg" width="2400">', "By Jane Roe"),  # a byline under a card's picture
        ('<img src="/a.jpg" width="2400">', "Read the full interview"),  # not a name
    ],
)
def test_a_line_under_a_picture_in_unnamed_markup_is_no_credit_otherwise(picture: str, last: str) -> None:
    middle = (
        f'<div class="x1"><div class="x2">{picture}</div><div class="x3">We finally have a quay</div>'
        f"<div>{last}</div></div>"
    )
    assert extract(page(middle)).captions == ()


@pytest.mark.parametrize(
    "beside",
    [
        "<div>Er läuft mit leichterem Herzen</div>",  # a card's headline: no credit under it
        "<div>Sie lesen gerade auf die zweitbeste Art!</div><div>Mehr Lesekomfort mit der App</div>",
    ],
)
def test_a_text_beside_a_picture_in_unnamed_markup_is_no_caption(beside: str) -> None:
    middle = f'<div class="css-p63xwj"><div class="css-rn1a47"><img src="/a.jpg"></div>{beside}</div>'
    assert extract(page(middle)).captions == ()


def test_an_icon_beside_a_text_is_no_picture() -> None:
    middle = '<div><div><img src="/icon.png" width="40"></div><div>Get the app</div><div>© Harbour Apps</div></div>'
    assert extract(page(middle)).captions == ()


def test_a_short_title_under_a_picture_stays_in_the_body() -> None:
    middle = '<div class="content-image"><img src="/a.jpg"><div><b>Harbour ferry model</b></div></div>'
    article = extract(page(middle))
    assert article.captions == ()
    assert "Harbour ferry model" in article.paragraphs


def test_the_lead_picture_above_the_headline_is_the_story_s() -> None:
    head = '<meta property="og:image" content="https://cdn.example/img/98765432_1200x630.jpg?w=1200">'
    above = (
        '<figure><img src="https://img.example/98765432_800x450.jpg"><figcaption>The terminal at dawn.'
        "</figcaption></figure>"
    )
    article = extract(page(head=head, above=above))
    assert [c.text for c in article.captions] == ["The terminal at dawn."]


def test_other_pictures_before_the_story_are_not() -> None:
    other = (
        '<figure><img src="https://img.example/11112222.jpg"><figcaption>Another story’s picture.</figcaption></figure>'
    )
    assert extract(page().replace("<article>", f"<div>{other}</div><article>")).captions == ()


def test_a_pull_quote_attribution_is_no_caption() -> None:
    middle = (
        "<div class='pull-quote'><figure><blockquote><p>It changes everything for us.</p></blockquote>"
        "</figure><figcaption>Jane Roe</figcaption></div>"
    )
    assert extract(page(middle)).captions == ()


def test_a_story_card_is_no_caption() -> None:
    middle = '<figure><img src="/b.jpg"><figcaption><h3>Another story</h3><p>Its summary.</p></figcaption></figure>'
    assert extract(page(middle)).captions == ()


@pytest.mark.parametrize("caption", ["01:48 min The ferry’s first crossing", "Video: the ferry’s first crossing"])
def test_a_video_player_card_is_no_caption(caption: str) -> None:
    middle = f'<figure><img src="/v.jpg"><figcaption>{caption}</figcaption></figure>'
    assert extract(page(middle)).captions == ()


@pytest.mark.parametrize("tail", ["<small>12.03.2026 | 2:03 min</small>", " 02:41 min"])
def test_a_video_player_s_date_and_length_are_not_caption_words(tail: str) -> None:
    middle = f'<figure><img src="/v.jpg"><figcaption><p>The ferry leaves the new quay.</p>{tail}</figcaption></figure>'
    assert [c.text for c in extract(page(middle)).captions] == ["The ferry leaves the new quay."]


def test_a_show_more_toggle_is_not_a_caption_word() -> None:
    middle = (
        '<figure><img src="/a.jpg"><figcaption>The new terminal. Photo: Jane Roe'
        '<span class="toggle" role="button">Show more</span></figcaption></figure>'
    )
    assert [(c.text, c.credit) for c in extract(page(middle)).captions] == [("The new terminal.", "Jane Roe")]


def test_a_picture_inside_a_clickable_wrapper_is_kept() -> None:
    middle = (
        '<figure><div role="button"><img src="https://img.example/98765432.jpg"></div>'
        "<figcaption>The terminal at dawn.</figcaption></figure>"
    )
    head = '<meta property="og:image" content="https://cdn.example/img/98765432.jpg">'
    assert [(c.text, c.media) for c in extract(page(middle, head=head)).captions] == [
        ("The terminal at dawn.", "photo")
    ]


def test_screen_reader_labels_are_not_caption_words() -> None:
    middle = (
        '<figure><img src="/a.jpg"><figcaption><span class="visually-hidden">Image caption,</span>'
        "The new terminal.</figcaption></figure>"
    )
    assert [c.text for c in extract(page(middle)).captions] == ["The new terminal."]


def test_each_figure_of_a_gallery_figure_keeps_its_own_caption_and_credit() -> None:
    inner = (
        '<li><figure><img src="/g/{n}1234567.jpg"><figcaption><span class="pic__text">{text}</span>'
        '<span class="pic__credit">{credit}</span></figcaption></figure></li>'
    )
    middle = (
        '<figure class="gallery"><ul>'
        + inner.format(n=1, text="The ticket hall on opening day.", credit="Harbour Authority")
        + inner.format(n=2, text="The first ferry leaves the quay.", credit="Jane Roe for The Herald")
        + "</ul></figure>"
    )
    captions = extract(page(middle)).captions
    assert [(c.text, c.credit) for c in captions] == [
        ("The ticket hall on opening day.", "Harbour Authority"),
        ("The first ferry leaves the quay.", "Jane Roe for The Herald"),
    ]


def test_a_gallery_s_own_caption_is_still_read() -> None:
    middle = (
        '<figure class="gallery"><figure><img src="/g/11234567.jpg"></figure><figure><img src="/g/21234567.jpg">'
        "</figure><figcaption>Two views of the new quay.</figcaption></figure>"
    )
    assert [c.text for c in extract(page(middle)).captions] == ["Two views of the new quay."]


def test_a_credit_printed_again_whole_is_kept_once() -> None:
    middle = (
        '<figure><img src="/a.jpg"><figcaption><span class="caption-text">The new terminal.</span>'
        '<span class="caption-copyright">Harbour Authority</span><span class="caption-credit">Jane Roe</span>'
        '</figcaption><div class="image-copyright">Harbour Authority Jane Roe</div></figure>'
    )
    assert [(c.text, c.credit) for c in extract(page(middle)).captions] == [
        ("The new terminal.", "Harbour Authority / Jane Roe")
    ]


def test_a_figure_in_a_layout_widget_is_still_the_story_s() -> None:
    middle = (
        '<div class="widget__contents"><figure><img src="/a.jpg"><figcaption>The new terminal.'
        "</figcaption></figure></div>"
    )
    assert [c.text for c in extract(page(middle)).captions] == ["The new terminal."]


# ---------------------------------------------------------------- title


def test_a_headline_meta_without_the_section_wins() -> None:
    head = (
        '<meta property="og:title" content="Ferry terminal opens-Local | Harbour Herald">'
        '<meta name="headline" content="Ferry terminal opens">'
    )
    assert extract(page(head=head, h1="Other")).title == "Ferry terminal opens"


def test_opengraph_title_first_and_entities_decoded() -> None:
    head = '<meta property="og:title" content="Ferry terminal opens &#8216;at last&#8217;">' + json_ld(
        {"@type": "NewsArticle", "headline": "New ferry terminal opened by harbour authority"}
    )
    assert extract(page(head=head)).title == "Ferry terminal opens ‘at last’"


@pytest.mark.parametrize(
    ("og_title", "site_meta"),
    [
        ("Ferry terminal opens | Harbour Herald", '<meta property="og:site_name" content="Harbour Herald">'),
        ("Harbour Herald | Ferry terminal opens", '<meta property="og:site_name" content="Harbour Herald">'),
        ("Ferry terminal opens：ハーバー新聞", '<meta property="og:site_name" content="ハーバー新聞">'),
        (
            "Ferry terminal opens - harbourherald.example",
            '<link rel="canonical" href="https://www.harbourherald.example/a/1">',
        ),
    ],
)
def test_the_site_name_comes_off_the_title(og_title: str, site_meta: str) -> None:
    head = f'<meta property="og:title" content="{og_title}">{site_meta}'
    assert extract(page(head=head)).title == "Ferry terminal opens"


def test_the_headline_two_fields_share_after_different_kickers() -> None:
    head = '<meta property="og:title" content="Harbour news: «The ferry changes everything for us»">'
    h1 = "Island commuters - «The ferry changes everything for us»"
    assert extract(page(head=head, h1=h1)).title == "«The ferry changes everything for us»"


@pytest.mark.parametrize(
    "h1",
    [
        "Harbour: The ferry changes everything for us",  # one kicker written two ways
        ": The ferry changes everything for us",  # no kicker of its own
        "The ferry changes everything for us",
    ],
)
def test_a_kicker_the_other_field_shares_stays(h1: str) -> None:
    head = '<meta property="og:title" content="Harbour news: The ferry changes everything for us">'
    assert extract(page(head=head, h1=h1)).title == "Harbour news: The ferry changes everything for us"


def test_pictures_of_the_next_story_loaded_below_are_not_the_story_s() -> None:
    next_story = (
        "<h1>Bridge closes for repairs</h1><p>The old bridge closes for three months of repairs from Monday, the "
        "council said on Friday.</p><figure><img src='/b.jpg'><figcaption>The old bridge at night.</figcaption>"
        "</figure><p>Drivers are asked to take the ferry or the ring road while the work goes on, it added.</p>"
    )
    middle = "<figure><img src='/a.jpg'><figcaption>The new terminal.</figcaption></figure>"
    html = page(middle).replace("</div></article>", f"{next_story}</div></article>")
    assert [c.text for c in extract(html).captions] == ["The new terminal."]


def test_a_section_after_the_headline_goes_when_another_field_gives_it_bare() -> None:
    head = '<meta property="og:title" content="Ferry terminal opens - Local">' + json_ld(
        {"@type": "NewsArticle", "headline": "Ferry terminal opens"}
    )
    assert extract(page(head=head)).title == "Ferry terminal opens"


def test_a_colon_kicker_is_part_of_the_headline() -> None:
    head = '<meta property="og:title" content="After three years: ferry terminal opens">'
    assert extract(page(head=head)).title == "After three years: ferry terminal opens"


# ---------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ({"@type": "Organization", "name": "Harbour Wire"}, ("Harbour Wire",)),
        ({"@type": "Person", "name": "Max Muster und Erika Muster, dpa"}, ("Max Muster", "Erika Muster", "dpa")),
        ([{"@type": "Person", "name": "Jane Roe (jr)"}, {"@type": "Organization", "name": "SDA"}], ("Jane Roe", "SDA")),
        ({"@type": "Person", "name": "Kari Nordmann og Ola Nordmann"}, ("Kari Nordmann", "Ola Nordmann")),
        ([{"@type": "Person", "name": "김민수"}, {"@type": "Person", "name": "이영희"}], ("김민수", "이영희")),
        ({"@type": "Person", "name": "Harbour Herald staff reporter"}, ("Harbour Herald staff reporter",)),
    ],
)
def test_json_ld_authors_are_kept_as_declared(author: object, byline: tuple[str, ...]) -> None:
    head = '<meta property="og:site_name" content="Harbour Herald">' + json_ld(
        {"@type": "NewsArticle", "headline": "Ferry terminal opens", "author": author}
    )
    assert extract(page(head=head)).byline == byline


def test_the_publisher_alone_is_the_byline_when_nobody_else_is_named() -> None:
    head = '<meta property="og:site_name" content="Harbour Herald">' + json_ld(
        {"@type": "NewsArticle", "author": {"@type": "NewsMediaOrganization", "name": "Harbour Herald"}}
    )
    assert extract(page(head=head)).byline == ("Harbour Herald",)


def test_dublin_core_creators_are_inverted_and_all_kept() -> None:
    head = '<meta name="dc.creator" content="Roe, Jane"><meta name="dc.creator" content="Doe, John">'
    assert extract(page(head=head)).byline == ("Jane Roe", "John Doe")


def test_a_site_named_author_meta_gives_way_to_the_page_byline() -> None:
    head = '<meta property="og:site_name" content="Harbour Herald"><meta name="author" content="Harbour Herald">'
    middle = '<p class="byline">By <a href="/autoren/name/jane-roe">Jane Roe</a></p>'
    assert extract(page(middle=middle, head=head)).byline == ("Jane Roe",)


def test_a_link_into_an_author_directory_is_a_byline() -> None:
    above = '<p class="meta-info">von <a href="https://example.org/author/jane-roe/">Jane Roe</a></p>'
    assert extract(page(above=above)).byline == ("Jane Roe",)


def test_the_story_s_byline_before_other_stories_cards() -> None:
    card = '<div class="card"><p class="card__author">Max Muster</p></div>'
    html = page(middle='<p class="byline">By Jane Roe</p>').replace("<article>", f"{card}<article>")
    assert extract(html).byline == ("Jane Roe",)


def test_a_byline_written_as_text_under_the_headline() -> None:
    info = '<ul class="story-facts"><li>3 min read</li><li>Von: <span class="who">'
    info += '<a href="/jane-roe">Jane ROE</a>,</span> <span class="who"><a href="/john-doe">John Doe</a>'
    info += "</span></li></ul>"
    html = page().replace("<div class='story-body'>", f"{info}<div class='story-body'>")
    assert extract(html).byline == ("Jane ROE", "John Doe")


def test_a_marked_byline_outranks_a_byline_written_as_text() -> None:
    info = "<ul><li>By Max Muster</li></ul>"
    html = page(middle='<p class="byline">By Jane Roe</p>').replace(
        "<div class='story-body'>", f"{info}<div class='story-body'>"
    )
    assert extract(html).byline == ("Jane Roe",)


def test_a_photographers_line_under_the_headline_is_no_byline() -> None:
    info = "<p>Photos by Max Muster</p>"
    html = page().replace("<div class='story-body'>", f"{info}<div class='story-body'>")
    assert extract(html).byline == ()


def test_a_by_line_far_into_the_story_is_no_byline() -> None:
    late = "".join(f"<p>{text}</p>" for text in PROSE * 5) + "<p>By Jane Roe</p>"
    assert extract(page(middle=late)).byline == ()


# ---------------------------------------------------------------- dates


def test_the_modification_date_when_nothing_says_published() -> None:
    head = '<meta property="og:updated_time" content="2026-05-13T15:44:29+02:00">'
    assert extract(page(head=head)).published == "2026-05-13T15:44:29+02:00"


def test_a_published_date_wins_over_the_modification_date() -> None:
    head = (
        '<meta property="article:modified_time" content="2026-05-14T09:00:00Z">'
        '<meta property="article:published_time" content="2026-05-13T08:00:00Z">'
    )
    assert extract(page(head=head)).published == "2026-05-13T08:00:00+00:00"


def test_a_date_without_a_time_stays_a_date() -> None:
    head = json_ld({"@type": "NewsArticle", "datePublished": "March 5, 2024"})
    assert extract(page(head=head)).published == "2024-03-05"


def test_a_date_only_in_the_canonical_address_is_read_by_htmldate() -> None:
    head = '<link rel="canonical" href="https://example.com/news/2024/04/25/ferry-terminal-opens">'
    assert extract(page(head=head)).published == "2024-04-25"


def test_the_day_in_the_lead_picture_s_address_when_the_page_states_none() -> None:
    head = '<meta property="og:image" content="https://img.example.com/2026/01/29/ferry.jpg">'
    assert extract(page(head=head)).published == "2026-01-29"


def test_a_stated_date_wins_over_the_lead_picture_s_day() -> None:
    head = (
        '<meta property="og:image" content="https://img.example.com/2025/12/30/ferry.jpg">'
        '<meta property="article:published_time" content="2026-01-02">'
    )
    assert extract(page(head=head)).published == "2026-01-02"


def test_a_page_that_states_no_date_has_none() -> None:
    assert extract(page()).published is None


def test_page_text_that_looks_like_an_address_is_never_fetched() -> None:
    # htmldate downloads a str that starts with "http" and has no space; page_date must never let it (transforms
    # make no network calls). A local server that would answer with a dated page shows whether it was asked.
    dated = page(head='<meta property="article:published_time" content="2024-04-25">').encode("utf-8")
    asked: list[str] = []

    class Dated(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(dated)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Dated)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert page_date(f"http://127.0.0.1:{server.server_port}/story") is None
    finally:
        server.shutdown()
    assert asked == []


def test_a_declared_address_that_cannot_be_parsed_does_not_stop_the_page() -> None:
    # Found by the mutation property test: an unclosed IPv6 bracket makes urlsplit raise.
    head = '<meta property="og:url" content="https://[broken/news/ferry">'
    article = extract(page(head=head))
    assert article.paragraphs and article.site != "[broken"


# ---------------------------------------------------------------- captions in data- attributes

ATTRIBUTE_CAPTIONS = [
    # a lightbox link around the picture: caption and credit in data- attributes the script shows on click
    (
        '<a class="lightbox" href="/media/12345678-large.jpg" data-caption="Commuters queue for the first crossing."'
        ' data-credit="Jane Roe"><img src="/media/12345678.jpg"></a>',
        "Commuters queue for the first crossing.",
        "Jane Roe",
    ),
    # data-title on a gallery link, the credit written in it
    (
        '<a href="/media/12345678-big.jpg" data-fancybox="story"'
        ' data-title="Die erste Fähre legt ab. Foto: Max Muster"><img src="/media/12345678.jpg" alt=""></a>',
        "Die erste Fähre legt ab.",
        "Max Muster",
    ),
    # on the picture itself
    (
        '<img src="/media/12345678.jpg" data-caption="La première traversée du ferry."'
        ' data-copyright="© Jean Dupont / AFP">',
        "La première traversée du ferry.",
        "Jean Dupont / AFP",
    ),
]


@pytest.mark.parametrize(("markup", "text", "credit"), ATTRIBUTE_CAPTIONS)
def test_a_caption_and_credit_in_a_picture_s_data_attributes(markup: str, text: str, credit: str) -> None:
    article = extract(page(f"<p>{markup}</p>"))
    assert [(c.text, c.credit) for c in article.captions] == [(text, credit)]
    assert article.paragraphs == tuple(PROSE)


@pytest.mark.parametrize(
    "markup",
    [
        # a script's flag, not words
        '<img src="/media/12345678.jpg" data-caption="img-caption">',
        # data-title on a link that opens another page is that page's title, not a caption
        '<a href="/news/other-story" data-title="Island ferries to run all night"><img src="/media/1234567.jpg"></a>',
        # a link with no picture
        '<a href="/media/12345678.jpg" data-caption="The terminal at night.">Open the photo</a>',
    ],
)
def test_data_attributes_that_are_no_picture_s_caption(markup: str) -> None:
    assert extract(page(f"<p>{markup}</p>")).captions == ()


def test_a_figure_without_a_figcaption_reads_its_lightbox_link_s_attributes() -> None:
    figure = (
        '<figure class="wp-block-image"><a href="/media/12345678-full.jpg" data-lightbox="story"'
        ' data-title="Commuters queue for the first crossing. Photo: Jane Roe"><img src="/media/12345678.jpg"></a>'
        "</figure>"
    )
    article = extract(page(figure))
    assert [(c.text, c.credit) for c in article.captions] == [("Commuters queue for the first crossing.", "Jane Roe")]


def test_a_figure_s_own_caption_wins_over_its_picture_s_data_attributes() -> None:
    figure = (
        '<figure><img src="/media/12345678.jpg" data-caption="Ferry."><figcaption>Commuters queue for the first '
        "crossing. (Jane Roe)</figcaption></figure>"
    )
    article = extract(page(figure))
    assert [(c.text, c.credit) for c in article.captions] == [("Commuters queue for the first crossing.", "Jane Roe")]


def test_a_slideshow_s_slides_each_keep_their_caption_and_credit() -> None:
    slides = "".join(
        f'<div class="slideshow__slide"><img src="/media/{n}1234567.jpg"><div class="slideshow__caption">'
        f'<p>{text}</p><p class="slideshow__credit">{credit}</p></div></div>'
        for n, (text, credit) in enumerate(
            [("The first ferry leaves the quay.", "Jane Roe"), ("Passengers on the upper deck.", "Ana Ruiz/Reuters")]
        )
    )
    article = extract(page(f'<div class="slideshow">{slides}</div>'))
    assert [(c.text, c.credit) for c in article.captions] == [
        ("The first ferry leaves the quay.", "Jane Roe"),
        ("Passengers on the upper deck.", "Ana Ruiz/Reuters"),
    ]


# ---------------------------------------------------------------- captions in JSON-LD ImageObjects


def _image_object(url: str, caption: str, **credit: object) -> dict[str, object]:
    return {"@type": "ImageObject", "url": url, "caption": caption, **credit}


def _article_ld(*images: dict[str, object], **more: object) -> str:
    return json_ld(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "x", "image": list(images)} | more
    )


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ({"creditText": "Jane Roe/Harbour Wire"}, "Jane Roe/Harbour Wire"),
        ({"copyrightHolder": {"@type": "Organization", "name": "Harbour Authority"}}, "Harbour Authority"),
        ({"author": {"@type": "Person", "name": "Ana Ruiz"}}, "Ana Ruiz"),
    ],
    ids=["creditText", "copyrightHolder", "author"],
)
def test_an_uncaptioned_story_picture_takes_its_json_ld_caption(
    credit: dict[str, object], expected: str | None
) -> None:
    head = _article_ld(_image_object("https://cdn.example/img/20260412ferry.jpg", "The ferry at the quay.", **credit))
    # The markup's copy of the picture is another size of the same asset.
    figure = '<figure><img src="https://img.example/w_800/20260412ferry.jpg?q=80"></figure>'
    article = extract(page(figure, head=head))
    assert [(c.text, c.credit) for c in article.captions] == [("The ferry at the quay.", expected)]


def test_an_uncredited_json_ld_caption_is_alt_text_not_a_caption() -> None:
    head = _article_ld(_image_object("/img/20260412ferry.jpg", "Ferry at a quay with passengers"))
    article = extract(page('<figure><img src="/img/20260412ferry.jpg"></figure>', head=head))
    assert article.captions == ()


def test_the_markup_s_caption_wins_over_the_json_ld_one() -> None:
    head = _article_ld(_image_object("/img/20260412ferry.jpg", "Ferry.", creditText="Wire"))
    figure = (
        '<figure><img src="/img/20260412ferry.jpg"><figcaption>The ferry at the quay. (Jane Roe)</figcaption></figure>'
    )
    article = extract(page(figure, head=head))
    assert [(c.text, c.credit) for c in article.captions] == [("The ferry at the quay.", "Jane Roe")]


def test_json_ld_captions_of_logos_portraits_and_pictures_not_in_the_story_are_not_read() -> None:
    logo = {"@type": "ImageObject", "url": "/img/99887766logo.png", "caption": "Harbour Gazette"}
    portrait = {"@type": "ImageObject", "url": "/img/55443322roe.jpg", "caption": "Jane Roe, reporter"}
    head = _article_ld(
        _image_object("/img/11223344elsewhere.jpg", "A picture the page does not show."),
        publisher={"@type": "Organization", "name": "Harbour Gazette", "logo": logo},
        author={"@type": "Person", "name": "Jane Roe", "image": portrait},
    )
    pictures = '<p><img src="/img/99887766logo.png"></p><div class="author-card"><img src="/img/55443322roe.jpg"></div>'
    graph_logo = json_ld({"@graph": [{"@type": "ImageObject", "@id": "https://gazette.example/#logo", **logo}]})
    article = extract(page(pictures, head=head + graph_logo))
    assert article.captions == ()
