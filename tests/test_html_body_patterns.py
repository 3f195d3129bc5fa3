"""Choosing the story on blog and CMS page shapes: comment threads, furniture-looking wrappers around a marked
story body, taxonomy class names, sidebars with more prose than the story. Small hand-made pages, one pattern
each."""

from __future__ import annotations

import json
import warnings

import pytest

from transforms.html import extract_html
from transforms.html.blocks import walk_tree
from transforms.html.markup import parse_page
from transforms.model import Article, Source

SOURCE = Source(uri="page.html", format="html", sha256="0" * 64)
POST = [
    "We spent the weekend repainting the garden shed, which had not seen a brush since we moved in.",
    "The old colour came off in long strips, and underneath it the wood was sound, to our relief.",
    "Next month we will tackle the fence, weather permitting, and report back here on how it went.",
]
COMMENT = (
    "What a lovely project, we did the same to ours last summer and it has held up well, though the "
    "green faded faster than we expected, so choose a good outdoor paint, and take your time with it."
)


def written_out(texts: list[str], weeks: int) -> list[str]:
    """The paragraphs written out over several weeks, each one new: a longer story (a page that prints the same
    run of paragraphs twice is read with them once)."""
    return [text if week == 0 else f"Week {week + 1}: {text}" for week in range(weeks) for text in texts]


LONG_POST = written_out(POST, 3)


def extract(html: str) -> Article:
    return extract_html(html.encode("utf-8"), SOURCE)


def post_paragraphs(article: Article) -> list[str]:
    return [p for p in article.paragraphs if p in LONG_POST]


def blog_page(
    post_wrapper: str, body_class: str = "post-body entry-content", comments: int = 12, sidebar: str = ""
) -> str:
    thread = "".join(
        f"<li class='comment'><div class='comment-block'><p class='comment-content'>{COMMENT} ({i})</p></div></li>"
        for i in range(comments)
    )
    body = "".join(f"<p>{text}</p>" for text in POST)
    return (
        "<html><head><title>Shed</title></head><body><div class='main'>"
        f"{post_wrapper}<h3 class='post-title entry-title'>Shed</h3><div class='{body_class}'>{body}</div>"
        # Threads sit a few wrappers deep, as platforms nest them.
        f"<div class='comments'><div><div><div class='comment-thread'><ol>{thread}</ol></div></div></div></div>"
        f"{'</div>' * post_wrapper.count('<div')}</div>{sidebar}</body></html>"
    )


def test_a_long_comment_thread_does_not_outweigh_a_short_post() -> None:
    article = extract(blog_page("<div class='post hentry'>", comments=40))
    assert post_paragraphs(article) == POST
    assert not any(COMMENT in p for p in article.paragraphs)


def test_furniture_looking_wrappers_around_a_marked_post_body_are_the_posts() -> None:
    # Blog platforms wrap each post in "widget" and "date" containers.
    wrappers = "<div class='widget Blog'><div class='date-outer'><div class='date-posts'><div class='post hentry'>"
    article = extract(blog_page(wrappers))
    assert post_paragraphs(article) == POST


def test_taxonomy_classes_of_a_blog_entry_are_not_structure() -> None:
    # A post filed under "For Discussion" and tagged "related news": its wrapper is not a comment box.
    wrapper = "<div class='post-7 post type-post hentry category-for-discussion tag-related-news'>"
    profile = (
        "<div class='profile'><p>I write about the house, the garden, and whatever else needs fixing, "
        "mostly at weekends, with help from my family, and our dog.</p></div>"
    )
    article = extract(blog_page(wrapper, comments=0, sidebar=profile))
    assert post_paragraphs(article) == POST


def test_a_sidebar_with_more_prose_than_the_marked_story_is_not_the_story() -> None:
    blurb = "".join(
        f"<p>About this site: we write about sheds, fences, gardens and tools, and have done so since 2004 "
        f"({i}), with the help of readers, friends, and many cups of tea.</p>"
        for i in range(8)
    )
    sidebar = f"<div id='sidebar'><div class='widget widget_text'><div class='textwidget'>{blurb}</div></div></div>"
    article = extract(blog_page("<div class='post'>", body_class="post-content", comments=0, sidebar=sidebar))
    assert post_paragraphs(article) == POST
    assert not any("About this site" in p for p in article.paragraphs)


def test_a_commentary_is_not_a_comment_box() -> None:
    html = f"<div class='commentary-body'><p>{POST[0]}</p></div>" + "".join(f"<p>{text}</p>" for text in POST[1:] * 3)
    root = parse_page(html)
    assert root is not None
    walk = walk_tree(root)
    assert all(block.chrome_at < 0 for block in walk.blocks)


def test_an_xml_declaration_before_the_page_raises_no_parser_warning() -> None:
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = f'<?xml version="1.0" encoding="utf-8"?>\n{" " * 600}<html><body><article>{body}</article></body></html>'
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        article = extract(html)
    assert list(article.paragraphs) == POST


def test_a_short_post_ending_in_a_linked_heading_is_not_a_story_card() -> None:
    # Two paragraphs and a linked heading under them: a card starts with its headline, a post does not.
    body = f"<p>{POST[0]} {POST[1]}</p><p>{POST[2]}</p><h3><a href='/video'>Watch the video here</a></h3>"
    about = f"<div class='about'><p>{COMMENT}</p></div>"
    html = f"<html><body><h1>Shed</h1><div class='hentry-content'>{body}</div>{about}</body></html>"
    assert extract(html).paragraphs[:2] == (f"{POST[0]} {POST[1]}", POST[2])


def test_ruby_readings_are_not_part_of_the_text() -> None:
    sentence = (
        "<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>"
        "をなくすための法律ができました。"
    )
    html = f"<html><body><article><p>{sentence * 3}</p><p>{POST[0]}</p></article></body></html>"
    assert extract(html).paragraphs[0] == "子どもへの虐待をなくすための法律ができました。" * 3


def test_announcements_of_other_stories_are_not_body_in_any_language() -> None:
    lines = [
        "Lesen Sie auch",
        "Auch interessant:",
        "Mehr zum Thema",
        "Inhaltsverzeichnis",
        "À lire aussi",
        "Czytaj także",
        "War der Artikel nützlich?",
    ]
    middle = "".join(f"<p>{line}</p>" for line in lines)
    body = f"<p>{POST[0]}</p>{middle}<p>{POST[1]}</p><p>{POST[2]}</p>"
    html = f"<html><body><article><h1>Shed</h1>{body}</article></body></html>"
    assert list(extract(html).paragraphs) == POST
    # A sentence that starts like one is still prose.
    sentence = "Lesen Sie auch, was der Minister gestern in Berlin über den neuen Haushalt gesagt hat."
    assert sentence in extract(html.replace(f"<p>{POST[1]}</p>", f"<p>{sentence}</p>")).paragraphs


def test_a_byline_written_as_a_list_of_author_links_is_read() -> None:
    byline = (
        "<ul class='article-authors'><li><a href='/people/jane-doe'>Jane Doe</a></li>"
        "<li><a href='/people/john-roe'>John Roe</a></li></ul>"
    )
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = f"<html><body><article><h1>Shed</h1>{byline}<div class='entry-content'>{body}</div></article></body></html>"
    assert extract(html).byline == ("Jane Doe", "John Roe")


def test_a_story_streamed_in_a_hidden_react_segment_is_read() -> None:
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = (
        "<html><body><main><h1>Shed</h1><template id='B:0'></template></main>"
        f"<div hidden id='S:0'><article>{body}</article></div>"
        "<div hidden><p>A truly hidden line that nobody sees on the page at all.</p></div></body></html>"
    )
    assert list(extract(html).paragraphs) == POST


def flight_push(chunk: str) -> str:
    return f"<script>self.__next_f.push({json.dumps([1, chunk])})</script>"


def test_a_story_only_in_next_js_flight_data_is_read() -> None:
    # A Next.js page saved before its stream was applied: a loading placeholder where the story stands, the
    # story's HTML in a flight text row ("<id>:T<hex byte length>,<text>"), split over two pushes.
    story = "<div class='caption'><p>The shed, before.</p></div>" + "".join(f"<p>{text}</p>" for text in POST)
    row = f"2a:T{len(story.encode()):x},{story}"
    html = (
        "<html><head><title>Shed</title></head><body><main><template id='B:0'></template>"
        "<div class='spinner'>Loading</div></main>"
        + flight_push('1:["$","div",null,{}]\n' + row[:40])
        + flight_push(row[40:] + '3:["$","p",null,{}]\n')
        + "</body></html>"
    )
    assert [p for p in extract(html).paragraphs if p in POST] == POST


def test_flight_markup_the_page_already_shows_is_not_repeated() -> None:
    story = "".join(f"<p>{text}</p>" for text in POST)
    row = f"2a:T{len(story.encode()):x},{story}"
    html = f"<html><body><article><h1>Shed</h1>{story}</article>{flight_push(row)}</body></html>"
    assert list(extract(html).paragraphs) == POST


def test_a_story_in_sibling_chunks_is_taken_whole_past_a_counter() -> None:
    # A story rendered as several stacked chunks, one of them numbered: the number does not stop the widening.
    chunks = [POST, [COMMENT, POST[0] + " " + POST[2]], [POST[1] + " " + COMMENT]]
    stack = "".join(
        f"<div class='stack-item'>{'<span>5</span>' if i == 1 else ''}<div class='story-chunk'>"
        f"<div class='rich-text'>{''.join(f'<p>{t}</p>' for t in chunk)}</div></div></div>"
        for i, chunk in enumerate(chunks)
    )
    html = f"<html><body><article><h1>Shed</h1><div>{stack}</div></article></body></html>"
    paragraphs = extract(html).paragraphs
    assert all(text in paragraphs for chunk in chunks for text in chunk)


def test_a_story_part_six_empty_wrappers_away_is_taken() -> None:
    # Page builders nest each part of a story in its own stack of wrappers: the second part sits six levels
    # above the first's container, every level between adding nothing.
    second = [
        f"Part two, paragraph {n}: the paint we chose was a pale green that suits the old hedge well." for n in range(5)
    ]
    deep = "<div>" * 5 + "<div class='x'>" + "".join(f"<p>{t}</p>" for t in LONG_POST[:6]) + "</div>" * 6
    rest = "<div><div>" + "".join(f"<p>{t}</p>" for t in second) + "</div></div>"
    html = f"<html><body><div id='page'>{deep}{rest}</div></body></html>"
    paragraphs = extract(html).paragraphs
    assert all(text in paragraphs for text in POST + second)


def test_a_short_line_far_above_the_story_is_not_taken() -> None:
    deep = "<div>" * 5 + "<div class='x'>" + "".join(f"<p>{t}</p>" for t in LONG_POST[:6]) + "</div>" * 6
    notice = "<p>This copy is for your personal, non-commercial use only, and reprints can be ordered here.</p>"
    html = f"<html><body><div id='page'>{deep}{notice}</div></body></html>"
    assert "This copy" not in " ".join(extract(html).paragraphs)


def test_a_marked_post_too_short_and_linked_to_score_is_still_the_story() -> None:
    post = "I would love to invite you to <a href='/show'>the garden shed open day at the allotments</a> next Saturday."
    about = "<div class='sidebar widget'><p>" + POST[0] + " " + POST[1] + "</p></div>"
    html = (
        f"<html><body><div class='widget Blog'><h3 class='post-title'>Open day</h3>"
        f"<div class='post-body entry-content' itemprop='articleBody'>{post}</div></div>{about}</body></html>"
    )
    paragraphs = extract(html).paragraphs
    assert "I would love to invite you to the garden shed open day at the allotments next Saturday." in paragraphs
    assert not any(POST[0] in text for text in paragraphs)


def test_an_unclosed_aside_does_not_hide_the_page_after_it() -> None:
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = f"<html><body><aside class='content'><article><h1>Shed</h1>{body}</article></body></html>"
    assert list(extract(html).paragraphs) == POST


def test_an_aside_marked_as_the_post_is_read() -> None:
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = (
        f"<html><body><aside class='blogPost'><h1>Shed</h1>{body}</aside>"
        "<aside class='related'><p>Other posts you may like, from the archive of this blog.</p></aside>"
        "</body></html>"
    )
    assert list(extract(html).paragraphs) == POST


def test_an_aside_of_related_articles_stays_pruned() -> None:
    card = "<div itemscope itemtype='https://schema.org/Article'><p>{}</p></div>"
    related = "<aside>" + "".join(card.format(COMMENT) for _ in range(3)) + "</aside>"
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = f"<html><body><article><h1>Shed</h1>{body}</article>{related}</body></html>"
    assert list(extract(html).paragraphs) == POST


def test_an_unclosed_jump_target_does_not_make_the_page_a_link() -> None:
    # Old pages open <a name="top"> and never close it: the parser keeps it open over the whole story.
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = f"<html><body><a name='top'><div class='story'><h1>Shed</h1>{body}</div></body></html>"
    assert list(extract(html).paragraphs) == POST


def test_paragraphs_styled_as_headings_are_prose() -> None:
    long = " ".join(POST)
    html = f"<html><body><center><h1>Shed</h1><h6>{long}</h6><h6>{long} {COMMENT}</h6></center></body></html>"
    assert extract(html).paragraphs == (long, f"{long} {COMMENT}")


def test_a_sidebar_blurb_is_not_taken_for_a_short_linked_post() -> None:
    # A one-paragraph post, part of it a link, scores little; the sidebar's one "About" blurb holds most of the
    # page's prose, but one blurb is not a story split across a furniture-looking wrapper.
    blurb = "Shed Monthly is a print magazine curated from the best garden posts of the year, sold by subscription."
    html = (
        "<html><body><div id='wrapper'><div id='post'><h2>Shed painted</h2>"
        "<p>We have finally painted the old shed at the end of the garden (<a href='/shed'>photos here</a>).</p></div>"
        f"<div class='sidebar'><div class='widget'><h3>About Shed Monthly</h3><p>{blurb}</p></div></div>"
        "</div></body></html>"
    )
    article = extract(html)
    assert not any(blurb in p for p in article.paragraphs)
    assert any("painted the old shed" in p for p in article.paragraphs)


def test_a_furniture_looking_wrapper_around_a_marked_post_body_is_the_posts() -> None:
    # "post-meta" reads as furniture, but it wraps the marked body ("post-content") of a post of several
    # paragraphs: it is the post's own wrapper, not furniture outweighed by the longer notes beside it.
    notes = "".join(f"<p>{COMMENT} ({i})</p>" for i in range(6))
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = (
        "<html><body><div class='main-content'><div class='post-meta'><h1>Shed</h1>"
        f"<div class='post-content'>{body}</div></div><div class='extras'>{notes}</div></div></body></html>"
    )
    assert post_paragraphs(extract(html)) == POST


def test_a_notice_for_browsers_without_style_sheets_is_not_story() -> None:
    # Shown only where no style sheet runs; long enough to pass for a paragraph and to outscore a short post.
    notice = (
        "This page is best viewed in an up-to-date web browser with style sheets (CSS) enabled. While you will be "
        "able to view the content of this page in your current browser, you will not be able to get the full "
        "visual experience, so please consider upgrading your browser software if you are able to do so."
    )
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = f"<html><body><div class='post'><p>{notice}</p><h1>Shed</h1>{body}</div></body></html>"
    article = extract(html)
    assert post_paragraphs(article) == POST
    assert not any("best viewed" in p for p in article.paragraphs)


def test_a_story_inside_a_furniture_looking_part_of_its_container_is_kept() -> None:
    # A video page's text sits in "meta-information" under the headline; the date line makes the headline's
    # container the best, and nothing else in it is prose.
    lines = [
        "People from all over the world are coming to see the games.",
        "A couple from Idaho are among the thousands making the trip.",
        "They made a home-made movie about getting ready for the visit.",
    ]
    body = "".join(f"<p>{line}</p>" for line in lines)
    html = (
        "<html><body><div class='main-content'><div class='story'><h1>Coming to the games</h1>"
        f"<div>24 July 2012 Last updated at 05:40 ET</div><div id='meta-information'>{body}</div>"
        "<h3>Share this page</h3></div></div></body></html>"
    )
    assert extract(html).paragraphs == tuple(lines)


def test_a_long_data_table_does_not_outweigh_the_story_beside_it() -> None:
    # Hundreds of short rows (names and addresses, a nutrition table) each score a little; together they
    # used to outweigh a story of a few paragraphs.
    rows = "".join(f"<tr><td>Town {i}</td><td>Member {i}</td><td>member{i}@example.org</td></tr>" for i in range(100))
    story = "".join(f"<p>{text}</p>" for text in LONG_POST)
    html = (
        "<html><body><div class='page'>"
        f"<div class='story'>{story}</div>"
        f"<div><table><tbody>{rows}</tbody></table></div>"
        "</div></body></html>"
    )
    article = extract(html)
    assert post_paragraphs(article) == LONG_POST
    assert not any("@example.org" in p for p in article.paragraphs)


def test_a_layout_table_of_prose_still_holds_the_story() -> None:
    cells = "".join(f"<tr><td>{text}</td></tr>" for text in POST)
    html = f"<html><body><table><tr><td><a href='/'>Home</a></td></tr></table><table>{cells}</table></body></html>"
    assert post_paragraphs(extract(html)) == POST


def _unmarked_thread(heading: str) -> str:
    """A post and, under a heading, a comment thread with no class to say so (old blog templates)."""
    post = "".join(f"<p>{text}</p>" for text in POST)
    thread = "".join(f"<p>{COMMENT} ({i})</p><p class='x'>Posted by: reader {i}</p>" for i in range(12))
    return (
        "<html><body><div id='content'><div class='blog'>"
        f"<h3>Shed</h3>{post}<p>Posted by Sam at 10:00</p>"
        f"<h2 id='c'>{heading}</h2>{thread}"
        "</div></div></body></html>"
    )


def test_what_follows_a_comments_heading_is_the_readers_not_the_story() -> None:
    for heading in ("Comments", "12 Responses to “Shed”", "Leave a Reply", "Kommentare (12)"):
        article = extract(_unmarked_thread(heading))
        assert post_paragraphs(article) == POST, heading
        assert not any(COMMENT in p for p in article.paragraphs), heading


def test_a_comments_heading_in_its_own_wrapper_still_closes_the_story() -> None:
    html = _unmarked_thread("Comments").replace("<h2 id='c'>Comments</h2>", "<div><h2>Comments</h2></div>")
    article = extract(html)
    assert post_paragraphs(article) == POST
    assert not any(COMMENT in p for p in article.paragraphs)


def test_a_section_heading_that_only_mentions_responses_is_the_story() -> None:
    html = _unmarked_thread("Responses from the council")
    article = extract(html)
    assert any(COMMENT in p for p in article.paragraphs)


def test_a_link_post_in_a_marked_story_body_keeps_its_links() -> None:
    # A blog's "links of the day": the post body is nothing but linked titles, each with a line under it.
    items = "".join(
        f"<p><a href='https://news.example.org/{i}'>Council agrees the budget for the new library, part {i}</a></p>"
        f"<p>via <a href='https://news.example.org'>Example News</a></p>"
        for i in range(6)
    )
    html = (
        "<html><body><header><h1>My links</h1></header><main><article>"
        f"<h1>Links of the day</h1><div class='entry-content'>{items}</div>"
        "</article></main></body></html>"
    )
    article = extract(html)
    assert "Council agrees the budget for the new library, part 0" in article.paragraphs
    assert "Council agrees the budget for the new library, part 5" in article.paragraphs


def test_links_beside_a_marked_story_body_of_prose_are_still_dropped() -> None:
    links = "".join(f"<p><a href='/s/{i}'>Another story about the council budget, number {i}</a></p>" for i in range(6))
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = f"<html><body><article><div class='entry-content'>{body}{links}</div></article></body></html>"
    article = extract(html)
    assert post_paragraphs(article) == POST
    assert not any("Another story" in p for p in article.paragraphs)


PHOTO_CAPTION = (
    "The singer left the hotel late on Saturday after a night out with friends. She drove off in her "
    "own car, waving to the photographers who had waited outside for most of the evening."
)


def test_a_photo_page_whose_only_prose_is_its_caption_has_the_caption_as_its_story() -> None:
    html = (
        "<html><body><div class='page'><h1>A night out</h1>"
        "<div class='image'><img src='/p/singer.jpg'></div>"
        f"<div class='caption'>{PHOTO_CAPTION} <span class='credit'>(Jo Bloggs/Agency)</span></div>"
        "<div class='footer'><div>External links are provided for reference only. The publisher is not "
        "responsible for the content of other sites, whatever they say.</div></div>"
        "</div></body></html>"
    )
    article = extract(html)
    assert article.paragraphs == (PHOTO_CAPTION,)
    assert all(c.text != PHOTO_CAPTION for c in article.captions)


def test_a_story_with_prose_keeps_its_long_caption_as_a_caption() -> None:
    body = "".join(
        f"<p>Paragraph {i} of the story tells what happened, with enough words, and commas, to read as prose.</p>"
        for i in range(4)
    )
    html = (
        "<html><body><article><h1>A night out</h1>"
        f"<figure><img src='/p/singer.jpg'><figcaption>{PHOTO_CAPTION}</figcaption></figure>{body}"
        "</article></body></html>"
    )
    article = extract(html)
    assert PHOTO_CAPTION not in article.paragraphs
    assert any(c.text == PHOTO_CAPTION for c in article.captions)


LEAD = "Whether to lease, finance or buy a car depends on what you drive, and for how long, as we explain here."


def _story_with_a_lead_apart(description: str = "", lead_class: str = "intro") -> str:
    """A headline, the lead in an element of its own, a contents box of links, then the body: the contents
    box keeps the container from widening up to the lead."""
    contents = "".join(f"<li>Section {i}: what it costs you over the years</li>" for i in range(6))
    body = "".join(f"<p>{text}</p>" for text in LONG_POST[:6])
    meta = f"<meta property='og:description' content='{description}'>" if description else ""
    return (
        f"<html><head>{meta}</head><body><div class='site'><div class='wrap'>"
        f"<h1>Lease or buy?</h1><div class='{lead_class}'><p>{LEAD}</p></div>"
        f"<div class='toc'><ul>{contents}</ul><p>Contents</p></div>"
        f"<div class='text'>{body}</div>"
        "</div></div></body></html>"
    )


def test_a_lead_between_the_headline_and_the_body_is_kept() -> None:
    article = extract(_story_with_a_lead_apart())
    assert article.paragraphs[0] == LEAD
    assert post_paragraphs(article) == LONG_POST[:6]


def test_a_lead_that_is_the_page_description_is_the_dek_not_a_paragraph() -> None:
    article = extract(_story_with_a_lead_apart(description=LEAD))
    assert LEAD not in article.paragraphs
    assert article.dek == LEAD


def test_furniture_between_the_headline_and_the_body_is_no_lead() -> None:
    article = extract(_story_with_a_lead_apart(lead_class="newsletter-signup"))
    assert LEAD not in article.paragraphs


def test_a_json_ld_body_much_longer_than_the_markup_shows_is_the_story() -> None:
    # The markup renders the story from script data: the only prose in it is the lead picture's line.
    line = "The mayor speaks during a televised debate in the town hall on Tuesday evening, before the vote. Photo: AP"
    body = "\n".join(LONG_POST)
    ld = json.dumps({"@type": "NewsArticle", "headline": "Shed", "articleBody": body})
    html = (
        f"<html><head><script type='application/ld+json'>{ld}</script></head><body>"
        f"<div class='story'><div class='lead-image'><div>{line}</div></div><div id='app'></div></div>"
        "</body></html>"
    )
    article = extract(html)
    assert post_paragraphs(article) == LONG_POST
    assert line not in article.paragraphs


def test_a_story_in_the_markup_is_kept_over_a_json_ld_teaser() -> None:
    ld = json.dumps({"@type": "NewsArticle", "articleBody": POST[0] + " " + POST[1] + " " + POST[2]})
    story = "".join(f"<p>{text}</p>" for text in POST)
    head = f"<head><script type='application/ld+json'>{ld}</script></head>"
    html = f"<html>{head}<body><article>{story}</article></body></html>"
    assert list(extract(html).paragraphs) == POST


def test_a_closing_line_that_ends_with_an_emoji_is_a_sentence_not_a_label() -> None:
    closing = "And honestly, I quite like the feeling 😉"
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = (
        f"<html><body><article><div class='entry-content'>{body}<p>{closing}</p>"
        "<div class='post-views entry-meta'>Post Views: 1,432</div></div></article></body></html>"
    )
    assert extract(html).paragraphs[-1] == closing


def test_a_story_left_in_a_noscript_for_readers_without_scripts_is_read() -> None:
    # Some blog platforms render the post from a script template and keep its markup in a <noscript>.
    paragraphs = "".join(f"<p>{text}</p>" for text in LONG_POST[:6])
    html = (
        "<html><body><h1>Shed</h1><div class='post-body'><div itemprop='articleBody'>"
        f"<script type='text/template'>{paragraphs}</script><noscript>{paragraphs}</noscript>"
        "</div></div><div class='sidebar'><p>The latest news from our garden, every week.</p></div></body></html>"
    )
    assert post_paragraphs(extract(html)) == LONG_POST[:6]


def test_a_noscript_notice_stays_out() -> None:
    notice = "<noscript><p>Please enable JavaScript to see the comments.</p><img src='/pixel.gif'></noscript>"
    story = "".join(f"<p>{text}</p>" for text in POST)
    article = extract(f"<html><body><article>{story}{notice}</article></body></html>")
    assert list(article.paragraphs) == POST


def test_prose_in_an_element_classed_caption_with_no_picture_is_text() -> None:
    # A video page: the player is script-rendered, and the story is a description classed "item-caption".
    description = (
        "The city is the centre of the outbreak in the country. Sport has come to a halt as well, and the "
        "leagues mourn with it. How the seasons go on is still unclear, the clubs say."
    )
    html = (
        "<html><body><main><h1>Sport in a pandemic</h1><div class='player' data-config='{}'></div>"
        f"<div class='item-caption'><div class='details'><p class='item-description'>{description}</p></div></div>"
        "</main></body></html>"
    )
    assert description in extract(html).paragraphs


def test_a_one_line_legend_classed_caption_stays_out_of_the_story() -> None:
    legend = "The probability that a state decides the vote."
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = (
        f"<html><body><article>{body}<div class='chart'><h3>Probabilities</h3>"
        f"<p class='caption'>{legend}</p><div id='chart'></div></div></article></body></html>"
    )
    article = extract(html)
    assert post_paragraphs(article) == POST
    assert legend not in article.paragraphs


def test_a_picture_aside_in_the_story_gives_its_caption() -> None:
    caption = "The organiser leads a rally of workers in the car park."
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = (
        f"<html><body><article><div class='entry-content'><p>{POST[0]}</p>"
        "<aside class='left image wide'><a href='/big.jpg'><img src='/rally.jpg' alt=''></a>"
        f"<p class='caption'>{caption} <span class='credits'>(Courtesy of Jo Bloggs)</span></p></aside>"
        f"{body}</div></article><aside class='sidebar'><p>More from our site, every week, by mail.</p></aside>"
        "</body></html>"
    )
    article = extract(html)
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "Jo Bloggs")]
    assert caption not in article.paragraphs
    assert not any("every week" in p for p in article.paragraphs)


def test_a_marked_post_written_in_heading_tags_keeps_its_headings() -> None:
    # Editors that style every line as a heading: the post's only text is in h2-h4, with no paragraph after.
    lines = ["The poster contest for children", "Design a poster on clean water", "Send it to us by April"]
    headings = "".join(f"<h{level}>{line}</h{level}>" for level, line in zip((2, 3, 4), lines, strict=True))
    html = (
        "<html><body><h1>Keep our waters clean</h1>"
        f"<article><p>And once more about water:</p>{headings}</article>"
        "<div class='sidebar'><h3>Related</h3><p><a href='/x'>Another post</a></p></div></body></html>"
    )
    article = extract(html)
    assert all(line in article.paragraphs for line in lines)
    assert "Related" not in article.paragraphs


def _recipe_page(method_lines: list[str]) -> str:
    ingredients = ["500 g flour", "2 teaspoons dried yeast", "300 ml warm water"]
    ld = json.dumps({"@context": "https://schema.org", "@type": "Recipe", "recipeIngredient": ingredients})
    method = "".join(f"<p>{line}</p>" for line in method_lines)
    return (
        f"<html><head><script type='application/ld+json'>{ld}</script></head><body><h1>Bread</h1>"
        "<div class='tabs'><div class='tab'><ul><li>500 g flour</li><li>2 teaspoons dried yeast</li>"
        "<li>300 ml warm water</li></ul></div></div>"
        f"<div class='method'>{method}</div></body></html>"
    )


def test_a_recipes_ingredients_lead_its_method_when_the_method_was_chosen_alone() -> None:
    article = extract(_recipe_page(POST))
    assert list(article.paragraphs) == ["500 g flour", "2 teaspoons dried yeast", "300 ml warm water", *POST]


def test_ingredients_already_in_the_text_are_not_repeated() -> None:
    method = [*POST, "Mix the 500 g flour with the yeast, then add the water slowly, stirring, until it holds."]
    assert list(extract(_recipe_page(method)).paragraphs).count("500 g flour") == 0


def test_a_live_tickers_commentary_is_the_story_not_readers_comments() -> None:
    entries = "".join(
        f"<div class='live-match-comment'><div class='live-match-comment-time'>{minute}'</div>"
        f"<div class='live-match-comment-body'>{text}</div></div>"
        for minute, text in zip((90, 60, 30), POST, strict=True)
    )
    html = (
        f"<html><body><main><h1>Home v Away</h1><div class='live-match-comments'>{entries}</div></main></body></html>"
    )
    assert post_paragraphs(extract(html)) == POST


def test_readers_comments_are_still_no_story() -> None:
    thread = "".join(f"<div class='comment'><p>{COMMENT} ({i})</p></div>" for i in range(10))
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = f"<html><body><article><h1>Shed</h1>{body}</article><div class='comments'>{thread}</div></body></html>"
    article = extract(html)
    assert post_paragraphs(article) == POST
    assert not any(COMMENT in p for p in article.paragraphs)


def test_the_sections_heading_right_above_the_chosen_container_is_kept() -> None:
    body = "".join(f"<p>{text}</p>" for text in POST)
    html = (
        "<html><body><h1>Our garden</h1><div class='intro-links'><a href='/a'>Home</a></div>"
        f"<div class='part'><h2>Repainting the shed</h2><div class='text'>{body}</div></div>"
        "<div class='sidebar'><h3>Archive</h3></div></body></html>"
    )
    article = extract(html)
    assert list(article.paragraphs) == ["Repainting the shed", *POST]


def test_a_how_to_rendered_by_script_is_read_from_its_json_ld_steps() -> None:
    steps = [{"@type": "HowToStep", "name": f"Step {i}", "text": f"<p>{text}</p>"} for i, text in enumerate(POST)]
    ld = json.dumps(
        {"@type": "HowTo", "name": "Shed", "description": "<p>How we repainted our shed.</p>", "step": steps}
    )
    html = (
        f"<html><head><script type='application/ld+json'>{ld}</script></head><body>"
        "<div class='notice'><p>Your browser is out of date.</p></div><div id='app'></div></body></html>"
    )
    article = extract(html)
    assert list(article.paragraphs) == ["How we repainted our shed.", *POST]


STORY_PARTS = [
    "The county board voted on Monday to rezone the old mill site along the river for new housing.",
    "Neighbours had asked for months that the land be kept as a park, and several spoke against the plan.",
    "The developer says the first homes could be ready in two years if the state approves the permits.",
    "A second hearing, on the traffic the homes would bring, is set for next month at the courthouse.",
    "The mill closed in 2009 and the site has stood empty since its last buildings came down.",
]


@pytest.mark.parametrize(
    ("preview", "rest"),
    [
        ("subscriber-preview", "subscriber-only"),
        ("article-preview", "premium-content"),
        ("story-free", "subscribers-content"),
        ("asset-content preview", "asset-content subscriber-exclusive"),
    ],
)
@pytest.mark.parametrize("wrapped", [True, False], ids=["in-article", "bare"])
def test_a_story_split_into_a_preview_and_a_subscribers_part_is_read_whole(
    preview: str, rest: str, wrapped: bool
) -> None:
    # Paywalled local-news pages print the story's first paragraphs in one container and the rest, for
    # subscribers, in a sibling; an author's bio follows. The parts are named after who may read them, not
    # after a subscription offer: both are the story, the bio is not.
    bio = (
        "<div class='author-bio'><p>Jane Doe covers county government. She joined the paper in 2015 after ten "
        "years in radio, and lives by the river with her family.</p></div>"
    )
    parts = (
        f"<div class='{preview}'><p>{STORY_PARTS[0]}</p></div>"
        f"<div class='{rest}'>{''.join(f'<p>{text}</p>' for text in STORY_PARTS[1:])}</div>"
    )
    story = f"<article><h1>Mill site rezoned</h1>{parts}{bio}</article>" if wrapped else f"<h1>Mill</h1>{parts}{bio}"
    html = f"<html><body><div id='site'><div class='main'>{story}</div></div></body></html>"
    assert list(extract(html).paragraphs) == STORY_PARTS


SHORT_POST = [
    "Heute haben wir endlich die Tomaten gepflanzt, der letzte Frost ist vorbei.",
    "Es war ein langer Tag im Garten, aber es hat sich gelohnt.",
]
ABOUT_ME = [
    "Ich schreibe hier seit vielen Jahren über meinen Garten, die Bücher, die ich lese, und das Leben im Dorf.",
    "Wer mehr wissen will, kann mir jederzeit schreiben; ich antworte meistens innerhalb einer Woche auf Post.",
]


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


_ABOUT = (
    f"<div class='widget Profile'><h2>Über mich</h2><div class='widget-content'>{_paragraphs(ABOUT_ME)}</div></div>"
)


@pytest.mark.parametrize(
    "shape",
    [
        # Blogger: the post body is text broken by <br>, the profile widget in the sidebar column.
        "<div class='main-outer'><div class='post hentry'><h3 class='post-title'>Tomaten</h3>"
        f"<div class='post-body entry-content' id='post-body-7'>{'<br/>'.join(SHORT_POST)}</div></div></div>"
        f"<div class='sidebar-outer'>{_ABOUT}</div>",
        # WordPress: entry-content, the widgets in a widget area.
        "<div id='primary'><article class='post type-post'><h1 class='entry-title'>Tomaten</h1>"
        f"<div class='entry-content'>{_paragraphs(SHORT_POST)}</div></article></div>"
        f"<div id='secondary' class='widget-area'>{_ABOUT}</div>",
        # Ghost: gh-content in an article, the about box after the main column.
        "<main class='site-main'><article class='article post'><h1 class='article-title'>Tomaten</h1>"
        f"<section class='gh-content gh-canvas'>{_paragraphs(SHORT_POST)}</section></article></main>"
        f"<div class='gh-sidebar'>{_ABOUT}</div>",
        # Medium-like: unnamed wrappers, only the paragraphs classed.
        "<div><article><div><section><div><h1>Tomaten</h1>"
        + "".join(f"<p class='pw-post-body-paragraph'>{text}</p>" for text in SHORT_POST)
        + f"</div></section></div></article></div><div class='sidebar'>{_ABOUT}</div>",
    ],
    ids=["blogger", "wordpress", "ghost", "medium-like"],
)
def test_a_short_post_on_a_blog_platform_beats_its_sidebar_blurb(shape: str) -> None:
    article = extract(f"<html><head><title>Tomaten</title></head><body>{shape}</body></html>")
    assert list(article.paragraphs) == SHORT_POST


@pytest.mark.parametrize("box", ["about-author", "author-bio", "post-author-box", "bio"])
def test_an_author_s_bio_beside_a_short_unmarked_post_is_not_the_story(box: str) -> None:
    # The post's own container is not named as a story body, and its two short paragraphs hold less prose than
    # the author's bio beside it: the bio is still furniture, not a wrapper of the story.
    html = (
        "<html><body><div class='wrap'><div class='post'><h1>Tomaten</h1>"
        f"<div class='body markup'>{_paragraphs(SHORT_POST)}</div></div>"
        f"<div class='{box}'>{_paragraphs(ABOUT_ME)}</div></div></body></html>"
    )
    assert list(extract(html).paragraphs) == SHORT_POST


def _header_article_page(body_class: str) -> str:
    """An <article> closed after the headline and its lead; the story's paragraphs in a section after it whose
    class reads like furniture; a most-read box of one-line teasers after that."""
    body = "".join(f"<p>{text}</p>" for text in LONG_POST[:6])
    teasers = "".join(f"<h3><a href='/n{i}'>Another story from the region, number {i}</a></h3>" for i in range(6))
    return (
        "<html><head><title>Shed</title></head><body><section class='wrap'>"
        "<article><h1>The shed, repainted at last</h1>"
        "<div class='standfirst'><p>A weekend of scraping and painting, and what we found under the old coat.</p>"
        "</div></article>"
        f"<section class='column'><div class='{body_class}'>{body}</div></section>"
        f"<div class='most-read'>{teasers}</div></section></body></html>"
    )


def test_a_story_body_beside_an_article_element_that_holds_only_the_header_is_read() -> None:
    # The body's wrapper is named like an ad slot ("body-ad"): furniture by its name, the story by its prose.
    article = extract(_header_article_page("body-ad"))
    assert post_paragraphs(article) == LONG_POST[:6]


def test_a_sidebar_beside_a_one_paragraph_post_is_still_not_the_story() -> None:
    # The same shape with the prose in a sidebar: a marked post of one paragraph stays the story.
    blurb = "".join(f"<p>About this site ({i}): {text}</p>" for i, text in enumerate(LONG_POST[:6]))
    html = (
        "<html><head><title>Shed</title></head><body><article><h1>Shed</h1>"
        f"<div class='entry-content'><p>{POST[0]}</p></div></article>"
        f"<div class='sidebar'><div class='widget'>{blurb}</div></div></body></html>"
    )
    article = extract(html)
    assert POST[0] in article.paragraphs
    assert not any("About this site" in p for p in article.paragraphs)


SLIDES = [
    f"{thing} is the one tool we would not give up: it came with the house, it has outlived two owners, and it "
    f"still does the job it was made for, season after season, with a little oil in spring and a dry shelf in "
    f"winter. We lend it to the neighbours, who return it cleaner than they found it, and we have never once "
    f"had to replace a part of it, which is more than we can say for the mower."
    for thing in ("The spade", "The wheelbarrow", "The old saw")
]


def _slideshow_page(hidden: str) -> str:
    """A listicle shown one item at a time: the first item shown, the others hidden until a script turns to
    them; below, a list of tutorials whose hover cards are hidden the same way."""
    slides = [f"<div class='list-item'><h2>{i + 1}. Item</h2><p>{text}</p></div>" for i, text in enumerate(SLIDES)]
    slides[1:] = [slide.replace("class='list-item'", f"class='list-item {hidden}'") for slide in slides[1:]]
    cards = "".join(
        f"<a href='/t{i}'>Tutorial {i}</a><div class='card{' hidden' if i else ''}'>Tutorial {i}: fences, in ten "
        f"steps.</div>"
        for i in range(8)
    )
    return f"<html><body><article><h1>Three things</h1>{''.join(slides)}<div>{cards}</div></article></body></html>"


def test_the_hidden_slides_of_a_list_shown_one_at_a_time_are_read() -> None:
    for hidden in ("hidden", "d-none' style='display: none", "is-hidden"):
        article = extract(_slideshow_page(hidden))
        assert [p for p in article.paragraphs if p in SLIDES] == SLIDES, hidden
        assert not any("Tutorial 3: fences" in p for p in article.paragraphs), hidden


TEASER = "Our spring course teaches you to restore old garden furniture, over four evenings in the village hall."


def test_hidden_elements_unlike_their_shown_siblings_stay_hidden() -> None:
    html = (
        f"<html><body><article><h1>Shed</h1><div class='item'><p>{POST[0]}</p></div>"
        f"<div class='panel hidden'><p>{TEASER}</p></div>"
        f"<div class='item'><p>{POST[1]}</p></div><div class='item'><p>{POST[2]}</p></div></article></body></html>"
    )
    article = extract(html)
    assert post_paragraphs(article) == POST
    assert TEASER not in article.paragraphs


@pytest.mark.parametrize(
    "entry_class",
    [
        # Typepad names the author and every category of a post in its entry's classes.
        "entry-category-crafts entry-category-fall_ideas entry-author-jane entry-type-post entry",
        "entry-category-social_media entry-category-popular_posts entry-type-post entry",
        # WordPress's post_class, for comparison: the same words as categories and tags.
        "post-12 post type-post hentry category-social-media tag-popular",
    ],
    ids=["typepad-author", "typepad-categories", "wordpress"],
)
def test_the_taxonomy_classes_of_a_blog_platform_s_entry_are_not_structure(entry_class: str) -> None:
    # A short post (one picture and a sentence under it), and a module of the sidebar with a longer note: the
    # entry's wrapper names "author", "social" or "popular" only as the post's author and categories.
    note = (
        "If you see an image we have not credited, please let us know so we can give proper credit, and if it is "
        "yours and you would rather it were not shown here, we will take it down."
    )
    html = (
        "<html><head><title>Bunting</title></head><body><div id='alpha'>"
        f"<div class='{entry_class}'><h3 class='entry-header'>Leaf bunting</h3>"
        "<div class='entry-content'><div class='entry-body'><p>Happy Friday! We love this leaf bunting from "
        "<a href='/elsewhere'>a friend's blog</a>, and it would suit a harvest table.</p></div></div></div>"
        f"</div><div id='beta'><div class='module-typelist module'><h2>Small print</h2><ul><li><div>{note}</div>"
        "</li></ul></div></div></body></html>"
    )
    article = extract(html)
    assert any("Happy Friday" in p for p in article.paragraphs)
    assert not any("proper credit" in p for p in article.paragraphs)


@pytest.mark.parametrize(
    ("post", "blurb"),
    [
        (
            "We finally painted the old shed at the end of the garden this weekend and it looks new again.",
            "Hello, I'm Jo, a gardener, carpenter, mother of three, part-time baker, and keeper of hens, bees, and "
            "one old cat, writing here since 2009 about the house, the garden, the village, and whatever else needs "
            "fixing, mending, painting, or planting, at weekends.",
        ),
        (
            "Am Wochenende haben wir endlich den alten Schuppen hinten im Garten gestrichen und er sieht wie neu aus.",
            "Hallo, ich bin Jo, Gärtnerin, Tischlerin, Mutter von drei Kindern, Bäckerin, Imkerin, und ich schreibe "
            "hier seit 2009 über das Haus, den Garten, das Dorf, die Hühner, die Bienen, und alles, was repariert, "
            "gestrichen, geflickt oder gepflanzt werden muss.",
        ),
    ],
    ids=["en", "de"],
)
@pytest.mark.parametrize("furniture", ["sidebar", "widget"])
def test_a_short_unmarked_post_beats_a_lone_comma_dense_blurb_in_furniture(
    post: str, blurb: str, furniture: str
) -> None:
    # The post's one paragraph, in markup that names nothing, scores less than the sidebar's one blurb, dense
    # with commas, even with the furniture penalty: one blurb in furniture is not the story over a post's prose.
    html = (
        f"<html><head><title>Shed</title></head><body><div id='main'><div><h2>Shed painted</h2><p>{post}</p></div>"
        f"</div><div class='{furniture}'><h3>About me</h3><p>{blurb}</p></div></body></html>"
    )
    article = extract(html)
    assert post in article.paragraphs
    assert blurb not in article.paragraphs


WRAPPED = {
    "en": [
        [
            "We finally moved the workshop into the old barn this spring, after years of",
            "talking about it, and the first week went on clearing out what the previous",
            "owners had left behind in the loft.",
        ],
        [
            "The roof needed patching in three places, which took longer than planned,",
            "but the light through the high windows makes it a pleasant place to work",
            "even on grey afternoons.",
        ],
    ],
    "de": [
        [
            "Im Frühjahr haben wir die Werkstatt endlich in die alte Scheune verlegt, nach",
            "Jahren des Redens, und die erste Woche verging mit dem Ausräumen dessen, was",
            "die Vorbesitzer auf dem Dachboden gelassen hatten.",
        ],
        [
            "Das Dach musste an drei Stellen geflickt werden, was länger dauerte als gedacht,",
            "aber das Licht durch die hohen Fenster macht sie zu einem angenehmen Ort",
            "auch an grauen Nachmittagen.",
        ],
    ],
}


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(
    "wrapper",
    [
        # An org-mode export: the section's text lines in one div.
        "<div id='content'><h1 class='title'>Notes</h1><div class='outline-2'><h2>The barn</h2>"
        "<div class='outline-text-2'>{}</div></div></div>",
        # An old blog template whose post sits in a furniture-looking wrapper.
        "<div class='post-meta'><h2>The barn</h2><div>{}</div></div>",
    ],
    ids=["org-mode", "blog"],
)
def test_prose_hard_wrapped_with_line_breaks_is_read_as_paragraphs(language: str, wrapper: str) -> None:
    # Text lines separated by <br>, a blank line of two <br>s between paragraphs: the paragraphs are prose, and
    # outweigh a blurb in the sidebar.
    paragraphs = WRAPPED[language]
    text = "<br><br>\n".join("<br>\n".join(lines) for lines in paragraphs)
    blurb = "This site is written by a retired carpenter in the hills, about tools, timber and old houses, since 2004."
    html = (
        f"<html><head><title>Barn</title></head><body>{wrapper.format(text)}"
        f"<div class='sidebar'><p>{blurb}</p></div></body></html>"
    )
    article = extract(html)
    assert [p for p in article.paragraphs if p != "The barn"] == [" ".join(lines) for lines in paragraphs]


def test_lines_that_are_not_wrapped_prose_stay_lines() -> None:
    # A linked title line over its item's text, and a byline over its role and date: each line is its own.
    html = (
        "<html><body><article><h1>Results</h1><div><b><a href='/hp.pdf'>HP server takes the lead in the web "
        "benchmark this month</a></b><br>"
        "The new server overtook all of its competitors with the fastest result of the year so far.<br><br>"
        "By Jane Roe<br>Staff writer<br>May 3, 2012</div></article></body></html>"
    )
    paragraphs = extract(html).paragraphs
    assert not any("this month The new server" in p for p in paragraphs)
    assert "The new server overtook all of its competitors with the fastest result of the year so far." in paragraphs


@pytest.mark.parametrize(
    ("preview", "rest"),
    [
        ("article-teaser", "article-body subscriber-only"),
        ("teaser", "paid-content"),
        ("teaser-text", "article__body article__body--locked"),
        ("news--teaser", "news-text"),
    ],
)
@pytest.mark.parametrize("wrapped", [True, False], ids=["in-article", "bare"])
def test_a_story_s_preview_classed_teaser_is_read_with_the_rest(preview: str, rest: str, wrapped: bool) -> None:
    # The free part of a paywalled story (or a news page's intro) is classed "teaser", as other stories' cards
    # are; it stands right before the rest of the story, holds paragraphs, and no linked headline.
    cards = "".join(
        f"<div class='teaser'><h3><a href='/n{i}'>Another story from the county, number {i}</a></h3>"
        f"<p>The board met again this week to talk about roads, schools and the budget for next year ({i}).</p></div>"
        for i in range(3)
    )
    parts = (
        f"<div class='{preview}'><p>{STORY_PARTS[0]}</p></div>"
        f"<div class='{rest}'>{''.join(f'<p>{text}</p>' for text in STORY_PARTS[1:])}</div>"
    )
    story = f"<article><h1>Mill site rezoned</h1>{parts}</article>" if wrapped else f"<h1>Mill</h1>{parts}"
    page = f"<div id='site'><div class='main'>{story}<div class='more'>{cards}</div></div></div>"
    html = f"<html><body>{page}</body></html>"
    assert list(extract(html).paragraphs) == STORY_PARTS


def test_a_teaser_without_a_linked_headline_before_other_teasers_is_no_preview() -> None:
    # Cards of other stories, the first with its headline unlinked: it stands before another card, not before
    # the rest of a story, so it stays furniture.
    card = (
        "<div class='teaser'><p>The harvest festival returns to the square this weekend, with music and a "
        "market.</p></div>"
    )
    linked = (
        "<div class='teaser'><h3><a href='/n1'>Roads</a></h3><p>The board met again this week to talk about roads and "
        "the budget for next year.</p></div>"
    )
    body = "".join(f"<p>{text}</p>" for text in STORY_PARTS)
    story = f"<article><h1>Mill</h1><div class='article-body'>{body}</div></article>"
    html = f"<html><body>{story}{card}{linked}</body></html>"
    assert list(extract(html).paragraphs) == STORY_PARTS


PICTURE_TEXTS = {
    "en": [
        "We reached the ridge just after dawn, and the valley below was still full of fog, with only the church "
        "tower showing above it.",
        "By noon the fog had burnt off and we could see the whole route back to the village, the river shining in "
        "the sun all the way down.",
        "The last stretch was the steepest, through old beech woods, and we stopped twice to rest before the final "
        "climb to the hut.",
    ],
    "de": [
        "Kurz nach Sonnenaufgang erreichten wir den Grat, und das Tal unter uns lag noch voller Nebel, nur der "
        "Kirchturm ragte heraus.",
        "Gegen Mittag hatte sich der Nebel aufgelöst, und wir sahen den ganzen Weg zurück ins Dorf, den Fluss in "
        "der Sonne glänzend.",
    ],
}


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(
    "picture",
    [
        "<div class='wp-caption aligncenter'><img src='/p{i}.jpg'><p class='wp-caption-text'>{text}</p></div>",
        "<table class='tr-caption-container'><tr><td><img src='/p{i}.jpg'></td></tr>"
        "<tr><td class='tr-caption'>{text}</td></tr></table>",
        "<figure><img src='/p{i}.jpg'><figcaption>{text}</figcaption></figure>",
    ],
    ids=["wordpress", "blogger", "figure"],
)
def test_a_photo_post_s_paragraphs_in_caption_boxes_are_its_text(language: str, picture: str) -> None:
    # A photo blog's post: a line of introduction, then each picture with a paragraph under it in its caption
    # box. The paragraphs are what the post says: its text, in the order of the pictures.
    texts = PICTURE_TEXTS[language]
    pictures = "".join(picture.format(i=i, text=text) for i, text in enumerate(texts))
    html = (
        "<html><body><div class='post hentry'><h1>Ridge walk</h1><div class='entry-content'>"
        f"<p>Photos from the weekend.</p>{pictures}</div></div></body></html>"
    )
    article = extract(html)
    assert list(article.paragraphs) == ["Photos from the weekend.", *texts]
    assert not article.captions


def test_a_gallery_in_a_story_of_many_paragraphs_keeps_its_captions() -> None:
    # A story told in words, with a gallery whose captions together run longer than a short post: captions.
    texts = PICTURE_TEXTS["en"]
    gallery = "".join(
        f"<figure><img src='/p{i}.jpg'><figcaption>{text} ({n})</figcaption></figure>"
        for n in range(3)
        for i, text in enumerate(texts)
    )
    texts_around = written_out(STORY_PARTS, 2)
    before, after = ("".join(f"<p>{text}</p>" for text in half) for half in (texts_around[:5], texts_around[5:]))
    story = f"<article><h1>Mill</h1><div class='article-body'>{before}{gallery}{after}</div></article>"
    html = f"<html><body>{story}</body></html>"
    article = extract(html)
    assert list(article.paragraphs) == texts_around
    assert len(article.captions) == 9


@pytest.mark.parametrize(
    ("body", "more"),
    [("entry-body", "entry-more"), ("asset-body", "asset-more")],
    ids=["typepad", "movable-type"],
)
def test_the_rest_of_a_post_after_its_continue_reading_break_is_read(body: str, more: str) -> None:
    # Movable Type and Typepad put a post's text after its "continue reading" break in a part of its own,
    # classed "...-more" like a box of more stories: it is the post's.
    html = (
        "<html><body><div class='entry-type-post entry'><h3 class='entry-header'>Shed</h3>"
        f"<div class='entry-content'><div class='{body}'><p>{POST[0]}</p><p>{POST[1]}</p></div><a id='more'></a>"
        f"<div class='{more}'><p>{POST[2]}</p></div></div></div>"
        "<div class='module-more'><h2>More stories</h2><ul><li><a href='/a'>An older post about fences</a></li>"
        "</ul></div></body></html>"
    )
    assert post_paragraphs(extract(html)) == POST


def test_a_photo_post_s_picture_texts_around_its_one_block_of_paragraphs_are_its_text() -> None:
    # The post's text sits in caption boxes under its pictures, but for one block of plain paragraphs in the
    # middle, which the scoring takes for the story: the caption boxes of the post around it are its text too.
    texts = PICTURE_TEXTS["en"]
    boxes = [
        f"<div class='caption-image'><img src='/p{i}.jpg'><div class='description'><p>{text}</p></div></div>"
        for i, text in enumerate(texts)
    ]
    middle = f"<div class='block'><div class='text'><p>{POST[0]}</p><p>{POST[1]}</p></div></div>"
    html = (
        "<html><body><div class='post-content'><h1>Ridge walk</h1>"
        f"{boxes[0]}{middle}{boxes[1]}{boxes[2]}</div></body></html>"
    )
    assert list(extract(html).paragraphs) == [texts[0], POST[0], POST[1], texts[1], texts[2]]


@pytest.mark.parametrize(
    "entry_class",
    ["serendipity_entry serendipity_entry_author_Jane-Doe", "blog-entry entry_category_social_popular"],
)
def test_a_class_naming_an_entry_s_author_or_category_is_not_structure(entry_class: str) -> None:
    # A blog platform names the post's author or category in its entry's class ("..._entry_author_Jane-Doe"):
    # the words "author", "social" and "popular" there are the author's name and the category, not furniture.
    body = "".join(f"<p>{text}</p>" for text in POST)
    notes = "".join(f"<p>{COMMENT} ({i})</p>" for i in range(2))
    html = (
        "<html><body><table><tr><td>"
        f"<h3>Shed</h3><div class='{entry_class}'><div class='entry_body'>{body}</div></div>"
        f"</td><td><div class='sidebar-content'>{notes}</div></td></tr></table></body></html>"
    )
    assert post_paragraphs(extract(html)) == POST


def _elementor_widget(kind: str, inner: str) -> str:
    return (
        f"<div class='elementor-element elementor-widget elementor-widget-{kind}' data-widget_type='{kind}.default'>"
        f"<div class='elementor-widget-container'>{inner}</div></div>"
    )


def test_a_page_builder_s_text_widgets_are_the_page_s_text() -> None:
    # Elementor lays a page out in widgets: a heading widget and text-editor widgets hold what the author wrote,
    # one or two paragraphs each; a posts widget beside them lists other posts.
    widgets = _elementor_widget("heading", "<h2 class='elementor-heading-title'>The shed</h2>") + "".join(
        _elementor_widget("text-editor", f"<div class='elementor-text-editor'><p>{text}</p></div>") for text in POST
    )
    others = _elementor_widget(
        "posts",
        "<div class='elementor-post'><h3><a href='/fence'>The fence</a></h3>"
        f"<div class='elementor-post__excerpt'><p>{COMMENT}</p></div></div>",
    )
    html = (
        "<html><body><div class='elementor elementor-4711'><section class='elementor-section'>"
        f"<div class='elementor-column'>{widgets}</div><div class='elementor-column'>{others}</div>"
        "</section></div></body></html>"
    )
    article = extract(html)
    assert post_paragraphs(article) == POST
    assert COMMENT not in article.paragraphs


LIBRARY = [
    "The council voted on Tuesday to reopen the old library as a community centre after a long debate.",
    "Volunteers will run it on weekdays, and the county has promised to pay for the heating until spring.",
    "Opponents said the money would be better spent on the bus routes that were cut in the last budget.",
    "A final decision on the opening hours is expected at the next meeting, in the first week of March.",
]
BIBLIOTHEK = [
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Bibliothek als Bürgerzentrum wieder zu öffnen.",
    "Ehrenamtliche sollen sie an Werktagen betreuen, und der Kreis zahlt die Heizung bis zum Frühjahr.",
    "Kritiker meinten, das Geld wäre bei den gestrichenen Buslinien besser aufgehoben gewesen, sagten sie.",
]
FERRY_CARD = (
    "A different story entirely, about the harbour's new ferry timetable, which starts next month and adds "
    "two sailings a day, according to the operator."
)


def card_strip(cards: int, wrapper: str = "div class='related'") -> str:
    items = "".join(
        f"<article class='card'><h3><a href='/other-{i}'>Ferry timetable changes ({i})</a></h3>"
        f"<p>{FERRY_CARD}</p></article>"
        for i in range(cards)
    )
    tag = wrapper.split()[0]
    return f"<{wrapper}>{items}</{tag}>"


@pytest.mark.parametrize(
    ("story_wrapper", "story", "cards"),
    [
        # The story's own wrappers look like furniture (a layout's sidebar column, a widget).
        ("<div class='layout-with-sidebar'><div class='text'>", LIBRARY, card_strip(3)),
        ("<div class='col-main widget'>", BIBLIOTHEK, card_strip(2, "section class='more-stories'")),
        # One card alone in a related-stories strip.
        ("<div class='col-main widget'>", LIBRARY, card_strip(1)),
        # An unmarked story: the cards' <article>s are no story body, and their summaries no part of it.
        ("<div>", BIBLIOTHEK, card_strip(3, "div")),
    ],
)
def test_an_article_element_in_another_storys_card_is_not_the_pages_story(
    story_wrapper: str, story: list[str], cards: str
) -> None:
    body = "".join(f"<p>{text}</p>" for text in story)
    closing = "</div>" * story_wrapper.count("<div")
    article = extract(
        f"<html><head><title>Story</title></head><body><h1>The story</h1>{story_wrapper}{body}{closing}{cards}"
        "</body></html>"
    )
    assert [p for p in article.paragraphs if p in story] == story
    assert not any(FERRY_CARD in p for p in article.paragraphs)


def test_a_lone_post_whose_title_links_to_itself_stays_the_marked_story() -> None:
    walk = walk_tree(
        parse_page(
            "<html><body><div class='widget Blog'><article class='post'><h2><a href='/shed'>Shed</a></h2>"
            f"<p>{POST[0]}</p></article></div><div class='note'><p>{COMMENT}</p></div></body></html>"
        )
    )
    assert walk.story >= 0 and walk.elements[walk.story].name == "article"


@pytest.mark.parametrize(
    ("hidden_class", "story", "labels"),
    [
        ("sr-only", LIBRARY, ("Show the box", "Hide the box", "(opens in a new window)")),
        ("visually-hidden", LIBRARY, ("Expand", "Collapse", "(external link)")),
        ("h-offscreen", BIBLIOTHEK, ("Abschnitt aufklappen", "Abschnitt zuklappen", "(öffnet in neuem Fenster)")),
        ("screen-reader-text", BIBLIOTHEK, ("Mehr anzeigen", "Weniger anzeigen", "(externer Link)")),
    ],
)
def test_text_only_screen_readers_hear_is_no_part_of_the_story(
    hidden_class: str, story: list[str], labels: tuple[str, str, str]
) -> None:
    """A box's toggle labels and a link's "opens in a new window", written for screen readers and hidden on
    screen: no reader sees them, in a line of their own or inside a paragraph."""
    opened, closed, link_note = labels
    hidden = [f"<span class='{hidden_class}'>{label}</span>" for label in (opened, closed)]
    toggle = f"<div class='box__icon'>{''.join(hidden)}</div>"
    body = (
        f"<p>{story[0]}</p>{toggle}<div class='box__body'><p>{story[1]}</p></div>"
        f"<p>{story[2][:-1]} <span class='{hidden_class}'>{link_note}</span>.</p>"
    )
    article = extract(
        f"<html><head><title>Story</title></head><body><h1>The story</h1><div class='article-body'>{body}</div>"
        "</body></html>"
    )
    assert list(article.paragraphs[:2]) == story[:2]
    assert article.paragraphs[2].startswith(story[2][:-1]) and link_note not in article.paragraphs[2]
    assert not any(opened in p or closed in p for p in article.paragraphs)


@pytest.mark.parametrize(
    ("kicker", "headline"),
    [("Council meeting", "Library to reopen as a community centre"), ("Gemeinderat", "Bibliothek öffnet wieder")],
)
def test_a_hidden_separator_between_a_kicker_and_its_headline_still_parts_them(kicker: str, headline: str) -> None:
    """Screen readers hear "kicker - headline"; the hidden dash is where the kicker ends, not a label to cut:
    without it the two run together into one word."""
    body = "".join(f"<p>{text}</p>" for text in LIBRARY)
    article = extract(
        "<html><head><title>News</title></head><body><article><h1 class='article-title'>"
        f"<span class='article-title__overline'>{kicker}</span><span class='visually-hidden'> - </span>"
        f"<span class='article-title__text'>{headline}</span></h1><div class='article-body'>{body}</div>"
        "</article></body></html>"
    )
    assert article.title is not None and article.title.endswith(headline)
    assert f"{kicker}{headline}" not in article.title


@pytest.mark.parametrize(
    ("excerpt_class", "story"),
    [
        ("wp-block-post-excerpt", LIBRARY),
        ("post-excerpt", BIBLIOTHEK),
    ],
)
def test_another_posts_excerpt_laid_out_apart_from_its_headline_is_no_part_of_the_story(
    excerpt_class: str, story: list[str]
) -> None:
    """A "more stories" row in columns: the linked headline in one, the other post's excerpt in the next, so no
    container holds a card's headline and its summary together."""
    rows = "".join(
        "<div class='columns'>"
        f"<div class='column'><h2><a href='/ferry-{i}'>Ferry timetable changes ({i})</a></h2></div>"
        f"<div class='column'><div class='{excerpt_class}'><p>{FERRY_CARD}</p></div></div></div>"
        for i in range(3)
    )
    body = "".join(f"<p>{text}</p>" for text in story)
    article = extract(
        f"<html><head><title>Story</title></head><body><main><h1>The story</h1><div>{body}</div>"
        f"<div class='post-picker'>{rows}</div></main></body></html>"
    )
    assert [p for p in article.paragraphs if p in story] == story
    assert not any(FERRY_CARD in p for p in article.paragraphs)


@pytest.mark.parametrize("body_class", ["entry-body", "blog_entry_body"])
def test_a_post_s_entry_body_is_its_marked_story_body(body_class: str) -> None:
    # Typepad and Movable Type name a post's text "entry-body", Serendipity "..._entry_body": the story's marked
    # body, chosen over a blurb beside it that is denser with commas than the post's one paragraph.
    blurb = (
        "Jane, a gardener, painter, cook, walker, reader, and, on Sundays, baker, writes here about the house, "
        "the garden, the kitchen, the village, the weather, and, now and then, the neighbours, the dog, the bees."
    )
    html = (
        "<html><body><div class='blog_entry'><h3 class='blog_title'>Shed</h3>"
        f"<div class='{body_class}'>{POST[0]}</div></div>"
        f"<div class='about-box-x'><div class='inner'>{blurb}</div></div></body></html>"
    )
    assert list(extract(html).paragraphs) == [POST[0]]


def test_a_section_heading_over_an_ad_slot_s_label_keeps_its_section() -> None:
    # Between a section heading and its first paragraph the page puts an ad slot, labelled in a line of its
    # own ("Advertisement"): the heading still heads the paragraphs after the slot.
    slot = "<div class='ad-slot'><div class='ad-label'>Advertisement</div></div>"
    html = (
        "<html><body><article><h1>Shed</h1><div class='article-body'>"
        f"<p>{POST[0]}</p><h2>What the restorers found</h2>{slot}<p>{POST[1]}</p>{slot}<p>{POST[2]}</p>"
        "</div></article></body></html>"
    )
    assert list(extract(html).paragraphs) == [POST[0], "What the restorers found", POST[1], POST[2]]


def test_a_headline_over_its_date_box_above_the_story_stays_out() -> None:
    # The same skipping stops at the story's first paragraph: a headline in the container over a date box is
    # not a section heading.
    html = (
        "<html><body><div class='article-body'><h2>Shed days</h2><div class='date'>May 4</div>"
        f"<p>{POST[0]}</p><p>{POST[1]}</p></div></body></html>"
    )
    assert list(extract(html).paragraphs) == POST[:2]


def test_a_section_heading_styled_as_a_headline_between_paragraphs_is_kept() -> None:
    # The page styles its section headings by the word "headline" ("o-headline"), as it styles other stories'
    # headlines: one standing between two of the story's paragraphs heads a section of the story.
    html = (
        "<html><body><article><h1>Shed</h1><div class='article-body'>"
        f"<p>{POST[0]}</p><h3 class='o-headline'>What the restorers found</h3><p>{POST[1]}</p><p>{POST[2]}</p>"
        "</div></article></body></html>"
    )
    assert list(extract(html).paragraphs) == [POST[0], "What the restorers found", POST[1], POST[2]]


def test_a_box_s_headline_between_paragraphs_is_not_a_section_heading() -> None:
    # Another story's headline in a box set into the story's text stands between its paragraphs too, but in a
    # box of its own: it stays out.
    box = "<div class='inset'><h2 class='box-headline'>Fences that last</h2></div>"
    html = (
        "<html><body><article><h1>Shed</h1><div class='article-body'>"
        f"<p>{POST[0]}</p>{box}<p>{POST[1]}</p><p>{POST[2]}</p></div></article></body></html>"
    )
    assert list(extract(html).paragraphs) == POST


def test_a_sentence_linked_whole_between_the_story_s_paragraphs_is_kept() -> None:
    # The story links a whole sentence to its source: a paragraph of its prose, not a list of links. Another
    # story's headline set in between (no full stop) stays out.
    linked = "<p><a href='/report'>The council's own survey found rot in one shed in five across the town.</a></p>"
    pointer = "<p><a href='/other'>FENCE PANELS BLOWN DOWN IN 'WORST STORM FOR YEARS'</a></p>"
    html = (
        "<html><body><article><h1>Shed</h1><div class='article-body'>"
        f"<p>{POST[0]}</p>{linked}<p>{POST[1]}</p>{pointer}<p>{POST[2]}</p></div></article></body></html>"
    )
    assert list(extract(html).paragraphs) == [
        POST[0],
        "The council's own survey found rot in one shed in five across the town.",
        POST[1],
        POST[2],
    ]


@pytest.mark.parametrize("anchor", ["nav_what_the_restorers_found__1", "menu-what-the-restorers-found"])
def test_a_section_heading_anchored_by_its_own_words_is_kept(anchor: str) -> None:
    # The page gives each section heading an id made from its words for its table of contents; the prefix it
    # adds ("nav_", "menu-") is a furniture word, but the heading is the story's own.
    html = (
        "<html><body><article><h1>Shed</h1><div class='article-body'>"
        f"<p>{POST[0]}</p><h3 id='{anchor}'>What the restorers found</h3><p>{POST[1]}</p><p>{POST[2]}</p>"
        "</div></article></body></html>"
    )
    assert list(extract(html).paragraphs) == [POST[0], "What the restorers found", POST[1], POST[2]]


def test_a_furniture_heading_s_id_not_made_from_its_words_still_counts() -> None:
    # A heading whose id names furniture on its own ("nav-heading") is not an anchor of its text.
    html = (
        "<html><body><article><h1>Shed</h1><div class='article-body'>"
        f"<p>{POST[0]}</p><p>{POST[1]}</p><h3 id='nav-heading'>What the restorers found</h3><p>{POST[2]}</p>"
        "</div></article></body></html>"
    )
    assert "What the restorers found" not in extract(html).paragraphs


def test_list_items_that_link_their_subject_and_describe_it_are_the_story_s() -> None:
    # A deals post lists products, each linked and described in a clause of its own: the story's list. A list
    # of bare links in the same post is still a link list.
    deals = "".join(
        f"<li><a href='/shop/{i}'>Folding camp chair with cup holder, model {i}</a> for ${20 + i} with free "
        f"delivery (normally ${40 + i})</li>"
        for i in range(4)
    )
    links = "".join(f"<li><a href='/story/{i}'>Another story about sheds, part {i}</a></li>" for i in range(4))
    html = (
        "<html><body><article><h1>Deals</h1><div class='article-body'>"
        f"<p>{POST[0]}</p><p>{POST[1]}</p><ul>{deals}</ul><p>{POST[2]}</p><ul>{links}</ul>"
        "</div></article></body></html>"
    )
    paragraphs = extract(html).paragraphs
    assert sum("Folding camp chair" in p for p in paragraphs) == 4
    assert not any("Another story about sheds" in p for p in paragraphs)


def test_the_next_story_a_page_loads_below_in_an_article_of_its_own_is_left_out() -> None:
    # Endless scrolling: the next story follows in its own <article>, headline and all, inside the same feed
    # wrapper. The story ends where that headline begins.
    nxt = (
        "The harbour board met on Tuesday and agreed to dredge the channel before the sailing season begins.",
        "Boat owners had asked for the work for three years, citing groundings at low tide in the inner basin.",
    )
    html = (
        "<html><body><div class='feed'>"
        f"<article><h1>Shed</h1><div class='article-body'>{''.join(f'<p>{t}</p>' for t in POST)}</div></article>"
        f"<article><h1>Channel</h1><div class='article-body'>{''.join(f'<p>{t}</p>' for t in nxt)}</div></article>"
        "</div></body></html>"
    )
    assert list(extract(html).paragraphs) == POST


def test_an_h1_section_heading_inside_the_story_does_not_end_it() -> None:
    html = (
        "<html><body><article><h1>Shed</h1><div class='article-body'>"
        f"<p>{POST[0]}</p><h1>What the restorers found</h1><p>{POST[1]}</p><p>{POST[2]}</p>"
        "</div></article></body></html>"
    )
    assert [p for p in extract(html).paragraphs if p in POST] == POST


TIPS = [
    "Lock the frame to something fixed, not only the front wheel, even for a short stop.",
    "Take the lights and the saddle bag with you when you leave the bike outside overnight.",
    "Write down the frame number at home, so a stolen bike can be reported and identified.",
    "Park where people pass by, since thieves prefer quiet corners behind buildings.",
]


def test_a_bulleted_list_a_paragraph_introduces_in_the_next_section_is_the_story_s() -> None:
    tips = "".join(f"<li>{tip}</li>" for tip in TIPS)
    article = extract(
        "<html><body><div class='page'><h1>Keeping a bike</h1>"
        f"<div class='section'><div class='text'>{''.join(f'<p>{text}</p>' for text in POST)}</div></div>"
        "<div class='section'><div class='text'><p>Here is how to keep your own bike where you left it:</p>"
        f"<ul>{tips}</ul></div></div></div></body></html>"
    )
    assert post_paragraphs(article) == POST
    assert [p for p in article.paragraphs if p in TIPS] == TIPS


def test_a_labelled_box_of_key_points_does_not_widen_the_story() -> None:
    points = "".join(f"<li>{tip}</li>" for tip in TIPS)
    article = extract(
        "<html><body><div class='page'><h1>Keeping a bike</h1>"
        f"<div class='box'><div>Key points</div><ul>{points}</ul></div>"
        f"<div class='section'><div class='text'>{''.join(f'<p>{text}</p>' for text in POST)}</div></div>"
        "</div></body></html>"
    )
    assert post_paragraphs(article) == POST
    assert not any(p in TIPS for p in article.paragraphs)


STEPS = [
    "Rinse the lentils in a sieve under cold water until the water runs clear, then let them drain well.",
    "Soften the onion and the carrot in a little oil over a low heat, stirring now and then, for ten minutes.",
    "Add the lentils with twice their volume of stock, bring it to a simmer and cook until they are tender.",
    "Season with salt, pepper and a squeeze of lemon, and serve warm with bread or cold as a salad.",
]


def test_the_part_a_page_marks_for_printing_is_the_story_not_its_print_button() -> None:
    steps = "".join(f"<div class='tip-print-step'><p>{step}</p></div>" for step in STEPS)
    article = extract(
        "<html><body><div class='page'><h1>Lentil soup</h1><div class='print'><a href='?print=1'>Print</a></div>"
        f"<div class='entry'><p>{POST[0]}</p>{steps}</div></div></body></html>"
    )
    assert [p for p in article.paragraphs if p in STEPS] == STEPS
    assert "Print" not in article.paragraphs


def test_a_story_s_teaser_paragraph_above_its_picture_is_its_lead() -> None:
    lead = "The council voted on Tuesday night to keep the old library open for at least another five years."
    body = "".join(f"<p>{text}</p>" for text in POST)
    article = extract(
        "<html><body><div class='news'><div class='article'><div class='header'><h3>Library stays</h3></div>"
        f"<div class='teaser-text'><p>{lead}</p></div>"
        "<div class='news-img-wrap'><img src='library.jpg' alt=''></div>"
        f"<div class='news-text-wrap'>{body}</div></div></div>"
        "<div class='teaser'><h3><a href='/other'>Another story</a></h3><p>Its summary, one line long.</p></div>"
        "</body></html>"
    )
    assert lead in article.paragraphs
    assert article.paragraphs.index(lead) < article.paragraphs.index(POST[0])
    assert post_paragraphs(article) == POST
    assert "Its summary, one line long." not in article.paragraphs


@pytest.mark.parametrize(
    "credit", ["Crédits photos : Jane Roe", "Foto: Jane Roe", "Bildquelle: Agentur", "Zdjęcie: Jan Nowak"]
)
def test_a_picture_credit_line_in_another_language_is_not_a_paragraph(credit: str) -> None:
    body = "".join(f"<p>{text}</p>" for text in POST)
    article = extract(f"<html><body><article><h1>Shed</h1>{body}<p>{credit}</p></article></body></html>")
    assert post_paragraphs(article) == POST
    assert credit not in article.paragraphs
