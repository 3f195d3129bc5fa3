"""The tree the HTML extractor walks (`transforms.html.markup.parse_page`): what the parser gives, made to count
what a reader sees."""

from __future__ import annotations

from transforms.html.markup import cut, parse_page, text_of


def test_blank_text_between_tags_is_one_newline_or_space() -> None:
    root = parse_page("<body><div>\n\t\t\t<span>By Jane Doe</span>\t\t<span>Staff</span>\n\t</div></body>")
    assert root is not None
    assert text_of(root) == "\nBy Jane Doe Staff\n"


def test_blank_text_inside_pre_is_kept() -> None:
    root = parse_page("<body><pre>a\n\n    b</pre><pre> \t\n</pre></body>")
    assert root is not None
    assert [text_of(pre) for pre in root.iter("pre")] == ["a\n\n    b", " \t\n"]


def test_scripts_and_ruby_annotations_are_no_text_but_what_follows_them_is() -> None:
    root = parse_page("<body><p>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字 <script>var x;</script>end</p></body>")
    assert root is not None
    assert text_of(root) == "漢字 end"


def test_cut_keeps_the_text_after_the_element() -> None:
    root = parse_page("<body><p>Before <span class='credit'>AP</span> after.</p></body>")
    assert root is not None
    cut(next(root.iter("span")))
    assert text_of(root) == "Before  after."


def test_markup_without_a_document_is_no_tree() -> None:
    assert parse_page("") is None
    assert parse_page("<!-- only a comment -->") is None


def test_nesting_past_the_parser_limit_keeps_the_text_after_it() -> None:
    # libxml2 stops at 2,048 levels and drops the rest; the page is read again with its wrappers flattened.
    root = parse_page("<body>" + "<table><tr><td><span>" * 1000 + "<p>The story.</p>")
    assert root is not None
    assert "The story." in text_of(root)


def test_what_follows_a_stray_body_end_tag_is_in_the_body() -> None:
    # A template closes the body early (a sidebar include ending in "</body>"), and the page goes on: a browser
    # shows the rest in the body, and so does the tree.
    root = parse_page(
        "<table><tr><td><img src='/box.jpg'></td></tr></table></body>Loose words. "
        "<div><p>Our service runs on wind power alone.</p></div>trailing words<p>Call us any day.</p>"
    )
    assert root is not None
    body = next(root.iter("body"))
    assert [child.tag for child in root] == ["body"]
    assert "Our service runs on wind power alone." in text_of(body)
    assert "Loose words." in text_of(body)
    assert "trailing words" in text_of(body)
    assert text_of(body).endswith("Call us any day.")
