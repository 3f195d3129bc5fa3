"""Pure extraction: raw dump bytes in, typed `Article` records out.

Nothing in this package does I/O beyond what it is handed, talks to a network, imports Prefect or
Elasticsearch, or keeps global mutable state. The flows and the CLI call `extract_one` / `extract_batch`.
"""

from transforms.model import Article, BatchInput, Caption, InputHints, Rejected, Rejection, RejectionCode, Source
from transforms.pipeline import BatchResult, extract_batch, extract_one

__all__ = [
    "Article",
    "BatchInput",
    "BatchResult",
    "Caption",
    "InputHints",
    "Rejected",
    "Rejection",
    "RejectionCode",
    "Source",
    "extract_batch",
    "extract_one",
]
