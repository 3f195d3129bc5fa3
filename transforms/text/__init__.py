"""Text dumps (pages copied as plain text from a rendered browser page) -> Article.

`extract_text_dump(text, source, recurring)` returns the article or raises `Rejected`;
`recurring_lines(texts)` finds the lines that recur across the dumps of one batch (chrome by repetition)."""

from transforms.text.extract import extract_text_dump
from transforms.text.recurring import recurring_lines

__all__ = ["extract_text_dump", "recurring_lines"]
