"""The HTML extractor on each caption-credit form, each contributor-line form, each charset, and each kind
of page furniture named in the issue, one small page at a time."""

from __future__ import annotations

import pytest

from transforms.html import extract_html
from transforms.model import Article, Caption, Source
from transforms.pipeline import looks_like_html

SOURCE = Source(uri="page.html", format="html", sha256="0" * 64)
PROSE = [
    "The city council approved the new transit budget on Tuesday, after a debate that ran past midnight.",
    "Supporters said the plan, which adds three bus lines, would cut commuting times across the east side.",
    "Opponents argued that the cost, estimated at $40 million, had not been explained to taxpayers.",
    "The mayor is expected to sign the measure later this week, according to her office.",
]


def page(middle: str = "", head: str = "", after: str = "", charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in PROSE[:2]) + middle
    paragraphs += "".join(f"<p>{text}</p>" for text in PROSE[2:]) + after
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>Council passes budget</title>'
        f"{head}</head><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        f"<article><h1>Council passes budget</h1><div class='story-body'>{paragraphs}</div></article>"
        "<footer><p>© 2024 City Paper</p></footer></body></html>"
    )


def extract(html: str, encoding: str = "utf-8") -> Article:
    return extract_html(html.encode(encoding), SOURCE)


def ascii_footer(html: str) -> str:
    """For legacy encodings that have no ©."""
    return html.replace("©", "(c)")


def figure(caption_html: str, media: str = '<img src="a.jpg">') -> str:
    return f"<figure>{media}<figcaption>{caption_html}</figcaption></figure>"


@pytest.mark.parametrize(
    ("caption_html", "expected"),
    [
        (
            'Crowds gather outside city hall. <span class="credit">Jane Doe/AP</span>',
            Caption(text="Crowds gather outside city hall.", credit="Jane Doe/AP", media="photo"),
        ),
        (
            "Crowds gather outside city hall. Photo: Jane Doe/AP",
            Caption(text="Crowds gather outside city hall.", credit="Jane Doe/AP", media="photo"),
        ),
        (
            "Crowds gather outside city hall. (AP Photo/Jane Doe)",
            Caption(text="Crowds gather outside city hall.", credit="AP Photo/Jane Doe", media="photo"),
        ),
        (
            "Crowds gather outside city hall. Photograph: Jane Doe/Getty Images",
            Caption(text="Crowds gather outside city hall.", credit="Jane Doe/Getty Images", media="photo"),
        ),
        (
            "<span>Crowds gather outside city hall.</span><span>Credit…Jane Doe for The City Paper</span>",
            Caption(text="Crowds gather outside city hall.", credit="Jane Doe for The City Paper", media="photo"),
        ),
        (
            '<span>Crowds gather outside city hall.</span><span class="credit">'
            '<span class="visually-hidden">Credit...</span>Jane Doe/The City Paper</span>',
            Caption(text="Crowds gather outside city hall.", credit="Jane Doe/The City Paper", media="photo"),
        ),
        (
            "<span>Crowds gather outside city hall.</span><span>Jane Doe / AP file</span>",
            Caption(text="Crowds gather outside city hall.", credit="Jane Doe / AP file", media="photo"),
        ),
    ],
    ids=["span-credit", "photo-colon", "ap-photo", "photograph", "credit-ellipsis", "hidden-label", "credit-line"],
)
def test_caption_credit_forms(caption_html: str, expected: Caption) -> None:
    article = extract(page(figure(caption_html)))
    assert article.captions == (expected,)
    assert not any("Crowds gather" in p for p in article.paragraphs)


def test_image_source_outside_the_figcaption() -> None:
    html = (
        '<figure><div><img src="a.jpg"><span class="copyright" role="text">'
        '<span class="visually-hidden">Image source, </span>Getty Images</span></div>'
        '<figcaption><span class="visually-hidden">Image caption, </span>Crowds gather outside city hall'
        "</figcaption></figure>"
    )
    article = extract(page(html))
    assert article.captions == (Caption(text="Crowds gather outside city hall", credit="Getty Images", media="photo"),)
    assert not any("Image source" in p or "Getty" in p for p in article.paragraphs)


@pytest.mark.parametrize(
    ("caption_html", "media_html", "media"),
    [
        ("A look inside the depot. Video: Jane Doe/City Paper", "<video src='a.mp4'></video>", "video"),
        ("A look inside the depot.", "<iframe src='https://player.example/1'></iframe>", "video"),
        ("Where the new lines run. Graphic: City Paper", '<img src="map.png">', "graphic"),
    ],
)
def test_caption_media_kinds(caption_html: str, media_html: str, media: str) -> None:
    article = extract(page(figure(caption_html, media_html)))
    assert [c.media for c in article.captions] == [media]


def test_caption_classed_element_outside_a_figure() -> None:
    html = '<div class="photo"><img src="a.jpg"><p class="image-caption">Crowds gather. (Jane Doe/AP)</p></div>'
    article = extract(page(html))
    assert article.captions == (Caption(text="Crowds gather.", credit="Jane Doe/AP", media="photo"),)
    assert all("Crowds gather" not in p for p in article.paragraphs)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Cate Cadell and Ellen Nakashima contributed to this report.", ("Cate Cadell", "Ellen Nakashima")),
        ("Keith Bradsher contributed reporting.", ("Keith Bradsher",)),
        ("Additional reporting by Helena Horton", ("Helena Horton",)),
        ("Reporting by Rodrigo Campos; Editing by Nick Zieminski", ("Rodrigo Campos", "Nick Zieminski")),
        (
            "Associated Press writers Sara Cline in Baton Rouge, Louisiana, and Jeff Martin in Atlanta contributed.",
            ("Sara Cline", "Jeff Martin"),
        ),
    ],
    ids=["contributed-to-report", "contributed-reporting", "additional-reporting", "reporting-editing", "ap-writers"],
)
def test_contributor_line_forms(line: str, names: tuple[str, ...]) -> None:
    article = extract(page(after=f"<p>{line}</p>"))
    assert article.contributor_lines == (line,)
    assert article.contributors == names
    assert line not in article.paragraphs
    assert article.paragraphs == tuple(PROSE)


@pytest.mark.parametrize(
    ("encoding", "declared", "text"),
    [
        ("utf-8", "utf-8", "Zoë’s café — naïve “quotes”"),
        ("cp1252", "windows-1252", "Zoë’s café — naïve “quotes”"),
        ("cp1252", "iso-8859-1", "Zoë’s café — naïve “quotes”"),
        ("iso-8859-2", "iso-8859-2", "Łódź, Kraków i Gdańsk: żółć"),
        ("iso-8859-5", "iso-8859-5", "Москва - столица России, город на реке"),
        ("shift_jis", "Shift_JIS", "東京都の知事は火曜日に新しい予算案を発表しました。"),
        ("gb2312", "gb2312", "北京市政府星期二公布了新的交通预算。"),
        ("euc-kr", "euc-kr", "서울시는 화요일에 새로운 교통 예산을 발표했습니다."),
    ],
)
def test_declared_charsets_decode_without_mojibake(encoding: str, declared: str, text: str) -> None:
    html = ascii_footer(page(f"<p>{text} {text}</p>", charset=declared))
    article = extract_html(html.encode(encoding), SOURCE)
    assert f"{text} {text}" in article.paragraphs


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("shift_jis", "東京都の知事は火曜日に新しい予算案を発表しました。議会は来月審議する予定です。"),
        ("euc-kr", "서울시는 화요일에 새로운 교통 예산을 발표했습니다. 의회는 다음 달에 심의할 예정입니다."),
    ],
)
def test_undeclared_charsets_are_detected(encoding: str, text: str) -> None:
    html = ascii_footer(page(f"<p>{text * 4}</p>")).replace('<meta charset="utf-8">', "")
    article = extract_html(html.encode(encoding), SOURCE)
    assert text * 4 in article.paragraphs


def test_a_byte_order_mark_wins_over_a_wrong_declaration() -> None:
    html = page("<p>Zoë’s café — naïve “quotes” for the record.</p>", charset="iso-8859-1")
    article = extract_html(b"\xef\xbb\xbf" + html.encode("utf-8"), SOURCE)
    assert "Zoë’s café — naïve “quotes” for the record." in article.paragraphs


def test_html_is_recognised_by_content_not_extension() -> None:
    assert looks_like_html(page().encode())
    assert looks_like_html(b"\n\n  <!-- saved --><HTML><BODY><P>x</P></BODY></HTML>")
    assert not looks_like_html(b"Council passes budget\n\nThe city council approved...")


@pytest.mark.parametrize(
    "furniture",
    [
        '<div class="cookie-banner"><p>We use cookies to improve your experience. By continuing you agree.</p></div>',
        '<div id="consent"><p>Your privacy matters to us. Manage your consent preferences here today.</p></div>',
        '<div class="share-bar"><a href="#">Share on Facebook</a><a href="#">Share on X</a></div>',
        '<div class="newsletter-signup"><p>Sign up for our morning newsletter and get the news first.</p></div>',
        '<div class="subscribe-prompt"><p>Subscribe now for unlimited access to all our journalism today.</p></div>',
        '<div class="ad-slot"><span>Advertisement</span></div>',
        "<p>Advertisement</p>",
        "<p>- Anzeige -</p>",
        "<p>[Advertisement]</p>",
        "<p>Warning: Undefined variable $item in /var/www/html/wp-content/themes/site/single.php on line 52</p>",
        "<p>Stand: 03.02.2021 09:45 Uhr</p>",
        "<p>Publié le 3 février 2021 à 09h45</p>",
        "<p>04.02.2021, Lesezeit 6 Min.</p>",
        "<p>Spotted a mistake? Tell us.</p>",
        "<div class='x7'><p>We apologize, but this video has failed to load.</p></div>",
        "<div class='x9'><p>External content</p><p>To view this embedded content you need to agree to the loading of "
        "data from a third-party provider. You can change your choice at any time in the privacy settings.</p></div>",
        "<div class='x9'><p>Um externe Inhalte anzuzeigen, ist deine Einwilligung in die Übermittlung von Daten an "
        "einen Drittanbieter nötig. Du kannst sie jederzeit in den Einstellungen widerrufen.</p></div>",
        '<div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Another story</a></li></ul></div>',
        '<div class="most-read"><h3>Most read</h3><ol><li><a href="/b">A popular story here</a></li></ol></div>',
        '<p><a href="/c">Read more: The budget fight that split the council last year</a></p>',
        '<div class="author-bio"><p>Jane Doe covers city hall. She has worked at the paper since 2010 and lives '
        "in the east side with her family and two dogs.</p></div>",
        '<ul class="tags"><li><a href="/t/budget">Budget</a></li><li><a href="/t/transit">Transit</a></li></ul>',
        '<div class="paywall-notice"><p>This article is for subscribers only. Log in to keep reading.</p></div>',
        '<div class="comments"><p>What a waste of money, the council never listens to the people of the east '
        "side and this budget proves it once again, shameful.</p></div>",
    ],
    ids=[
        "cookie",
        "consent",
        "share",
        "newsletter",
        "subscribe",
        "ad-slot",
        "ad-label",
        "ad-label-in-dashes",
        "ad-label-in-brackets",
        "script-warning",
        "date-line-de",
        "date-line-fr",
        "reading-time",
        "report-a-mistake",
        "video-status",
        "embed-consent-en",
        "embed-consent-de",
        "related",
        "most-read",
        "read-more",
        "author-bio",
        "tags",
        "paywall",
        "comments",
    ],
)
def test_furniture_inside_the_story_is_dropped(furniture: str) -> None:
    article = extract(page(furniture))
    assert article.paragraphs == tuple(PROSE)


def test_subheads_lists_tables_and_code_are_paragraphs_in_reading_order() -> None:
    middle = (
        "<h2>What changes</h2><ul><li>Three new bus lines on the east side</li><li>Later service on weekends</li></ul>"
        "<table><tr><th>Line</th><th>Start</th></tr><tr><td>E1</td><td>March</td></tr></table>"
        "<pre><code>fare = base + zone * 0.5</code></pre>"
    )
    article = extract(page(middle))
    assert article.paragraphs == (
        PROSE[0],
        PROSE[1],
        "What changes",
        "Three new bus lines on the east side",
        "Later service on weekends",
        "Line Start",
        "E1 March",
        "fare = base + zone * 0.5",
        PROSE[2],
        PROSE[3],
    )


def test_metadata_from_meta_tags() -> None:
    head = (
        '<meta property="og:site_name" content="City Paper">'
        '<meta property="og:title" content="Council passes budget | City Paper">'
        '<link rel="canonical" href="https://citypaper.example/news/budget">'
        '<meta name="author" content="Jane Doe and John Roe">'
        '<meta property="article:published_time" content="2024-03-05T18:30:00-05:00">'
    )
    article = extract(page(head=head))
    assert (article.site, article.title, article.url) == (
        "City Paper",
        "Council passes budget",
        "https://citypaper.example/news/budget",
    )
    assert article.byline == ("Jane Doe", "John Roe")
    assert article.published == "2024-03-05T18:30:00-05:00"
    assert article.language == "en"


def test_metadata_from_markup_when_the_head_is_bare() -> None:
    middle = (
        '<p class="byline">By <a rel="author" href="/jane">Jane Doe</a></p><time datetime="2024-03-05">March 5</time>'
    )
    article = extract(page(middle))
    assert article.byline == ("Jane Doe",)
    assert article.published == "2024-03-05"
    assert article.title == "Council passes budget"
    assert not any(p.startswith("By ") for p in article.paragraphs)


def test_story_cards_beside_the_story_are_not_body() -> None:
    cards = "".join(
        f"<div class='card'><h3><a href='/s{i}'>Another story number {i}</a></h3><p>A summary of that other "
        "story, long enough, with commas, and clauses, to read like a paragraph of prose.</p></div>"
        for i in range(8)
    )
    html = page().replace("</article>", f"</article><div class='col'>{cards}</div>")
    assert extract(html).paragraphs == tuple(PROSE)


def test_live_blog_entries_with_linked_headlines_are_the_story() -> None:
    entries = "".join(
        f"<div class='entry'><h2><a href='#e{i}'>Update {i}: the vote is in</a></h2><p>{PROSE[i % 4]}</p></div>"
        for i in range(6)
    )
    html = f"<html><body><h1>Live</h1><div class='live'>{entries}</div></body></html>"
    article = extract(html)
    assert len([p for p in article.paragraphs if p in PROSE]) >= 4


def test_legacy_labels_decode_as_their_supersets() -> None:
    # "鍾" is in GBK but not GB2312; "①" is in windows-31j (cp932) but not Shift_JIS: pages labelled with the
    # narrow names use the wide ones, as browsers know.
    for encoding, label, text in [
        ("gbk", "gb2312", "鍾先生说，北京市政府星期二公布了新的交通预算。"),
        ("cp932", "Shift_JIS", "①東京都の知事は火曜日に新しい予算案を発表しました。"),
    ]:
        html = ascii_footer(page(f"<p>{text}</p>", charset=label))
        assert text in extract_html(html.encode(encoding), SOURCE).paragraphs


def test_contributor_line_inside_article_furniture_is_still_found() -> None:
    footer = "<div class='article-footer tags'><p>Reporting by Jane Doe; Editing by John Roe</p></div>"
    article = extract(page(after=footer))
    assert article.contributor_lines == ("Reporting by Jane Doe; Editing by John Roe",)
    assert article.contributors == ("Jane Doe", "John Roe")
    assert article.paragraphs == tuple(PROSE)


def test_a_page_wrapped_in_one_form_still_has_its_story() -> None:
    html = page().replace("<body>", "<body><form id='aspnetForm' method='post'>").replace("</body>", "</form></body>")
    assert extract(html).paragraphs == tuple(PROSE)


def test_a_page_footer_with_prose_is_not_body() -> None:
    footer = (
        "<footer><p>City Paper is an independent newspaper serving the east side since 1921, owned by its "
        "readers, and committed to accountability journalism.</p></footer>"
    )
    html = page().replace("</body>", footer + "</body>")
    assert extract(html).paragraphs == tuple(PROSE)


def test_the_publisher_credited_as_author_is_not_a_byline_name() -> None:
    head = (
        '<meta property="og:site_name" content="CNN"><script type="application/ld+json">{"@type": "NewsArticle",'
        '"author": [{"@type": "Person", "name": "Jill Disis"}, {"@type": "Person", "name": "CNN Business"}],'
        '"datePublished": "0001-01-01T00:00:00Z"}</script>'
    )
    article = extract(page(head=head))
    assert article.byline == ("Jill Disis",)
    assert article.published is None
