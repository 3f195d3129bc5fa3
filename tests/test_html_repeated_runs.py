"""A page that prints a run of its paragraphs twice (the story once for screen and once for print, a block a CMS
repeats) is archived with them once; a single short line the text repeats stays where it stands. Made-up pages."""

from __future__ import annotations

from transforms.html import extract_html
from transforms.model import Article, Source
from transforms.prose import without_repeated_runs

SOURCE = Source(uri="page.html", format="html", sha256="0" * 64)
STORY = [
    "The harbour board voted on Tuesday to close the old ferry pier for repairs over the whole of the winter.",
    "Commuters will be carried by a shuttle bus from the station to the new landing, a ride of ten minutes.",
    "Board members said the pier's timbers had rotted faster than the engineers had expected last spring.",
    "Work is due to start next month and to end before the summer timetable begins, weather permitting.",
]


def extract(html: str) -> Article:
    return extract_html(html.encode("utf-8"), SOURCE)


def page(body: str) -> str:
    return (
        "<html><head><title>Pier to close</title></head><body><header><a href='/'>Home</a></header>"
        f"<article><h1>Pier to close</h1>{body}</article><footer>Contact us</footer></body></html>"
    )


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def test_a_story_printed_for_screen_and_for_print_is_kept_once() -> None:
    body = f"<div class='story-body'>{paragraphs(STORY)}</div><div class='print-only'>{paragraphs(STORY)}</div>"
    assert list(extract(page(body)).paragraphs) == STORY


def test_a_block_repeated_inside_the_story_is_kept_once() -> None:
    block = STORY[1:3]
    body = paragraphs(STORY[:3]) + "<p>Read on below.</p>" + paragraphs(block) + paragraphs(STORY[3:])
    assert list(extract(page(body)).paragraphs) == [*STORY[:3], "Read on below.", STORY[3]]


def test_a_refrain_repeated_alone_stays_each_time() -> None:
    body = paragraphs([STORY[0], "Hold fast.", STORY[1], "Hold fast.", STORY[2]])
    assert list(extract(page(body)).paragraphs) == [STORY[0], "Hold fast.", STORY[1], "Hold fast.", STORY[2]]


def test_runs_of_short_lines_repeated_stay() -> None:
    # A table's labels or a list's numbers repeated in pairs are not a story printed twice.
    lines = ["Home", "Away", STORY[0], "Home", "Away", STORY[1]]
    assert without_repeated_runs(lines) == lines


def test_a_repeated_run_with_prose_in_it_is_dropped() -> None:
    lines = ["Pier to close", STORY[0], STORY[1], "Pier to close", STORY[0], STORY[1], "The end."]
    assert without_repeated_runs(lines) == ["Pier to close", STORY[0], STORY[1], "The end."]
