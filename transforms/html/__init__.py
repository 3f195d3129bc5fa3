"""HTML dumps: a saved news page -> `Article`.

Decode (BOM, meta charset, detector) -> prune the markup string (scripts, styles, landmarks) -> one lxml
tree -> one walk into text blocks and captions -> score containers -> keep the story's blocks -> split
captions, contributor lines and metadata apart.
"""

from __future__ import annotations

from transforms.html.extract import extract_html

__all__ = ["extract_html"]
