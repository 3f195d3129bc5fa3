"""Text dumps (pages copied as plain text from a rendered browser page) -> Article.

- `extract_text_dump(text, source, recurring) -> Article` returns the article or raises `Rejected`.
- `recurring_lines(texts) -> RecurringLines` (a frozenset of lines) finds lines recurring across the dumps of one
  batch, and the sentences one site prints on each of its pages there (its blurbs).

How it works (each step is a small module):
1. `lines`: the dump as non-blank, whitespace-normalised lines (list bullets dropped; a page copied without its
   line breaks cut into sentences).
2. `scoring`: ONE scoring model. Every line gets named evidence (length, terminal punctuation, stopwords,
   title case, boilerplate lexicon, shape such as dates/prices/counts, recurrence across the batch, runs of
   menu-like lines, consent-banner sentences, glued teasers, dated story lists, closing headings, caption lines),
   weighted in `scoring.WEIGHTS`; `LineScore.parts` says why a line scored as it did. The body is the densest run
   of prose (maximum-sum subarray, prose weighing by its length and confidence, chrome costing at least a short
   line), widened across short gaps of chrome (separators the page repeats not counted), trimmed at a closing
   heading ("About the author") and extended over a list its last line introduces ("Tour dates:"); a site's
   blurbs in it are read as chrome when the story stands without them.
3. `header`: site (glued masthead at the top, else the copyright holder), headline (nearest candidate above
   the byline/date), dek, byline and publication date above the body.
4. `extract`: paragraphs = prose lines of the run, its section headings and the lists a colon introduces;
   captions and contributor lines via `transforms.captions` and `transforms.contributors`.
The phrase lexicon is data: `transforms/data/text_lexicon.json`, one entry per language."""

from transforms.text.extract import extract_text_dump
from transforms.text.recurring import recurring_lines

__all__ = ["extract_text_dump", "recurring_lines"]
