"""The typed summary an ingest run returns, prints and publishes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from transforms import Rejection


@dataclass(frozen=True, slots=True)
class IngestSummary:
    inputs_seen: int = 0
    skipped_unchanged: int = 0
    articles_extracted: int = 0
    articles_indexed: int = 0
    passages_indexed: int = 0
    stale_documents_deleted: int = 0
    duplicates_in_run: int = 0
    rejections: tuple[Rejection, ...] = field(default=())
    duration_seconds: float = 0.0

    @property
    def rejected_by_reason(self) -> dict[str, int]:
        return dict(Counter(_reason_family(rejection.reason) for rejection in self.rejections).most_common())

    def as_rows(self) -> list[tuple[str, str]]:
        rows = [
            ("inputs seen", f"{self.inputs_seen:,}"),
            ("skipped (unchanged)", f"{self.skipped_unchanged:,}"),
            ("articles extracted", f"{self.articles_extracted:,}"),
            ("articles indexed", f"{self.articles_indexed:,}"),
            ("passages indexed", f"{self.passages_indexed:,}"),
            ("stale documents deleted", f"{self.stale_documents_deleted:,}"),
            ("duplicates in run", f"{self.duplicates_in_run:,}"),
            ("rejected", f"{len(self.rejections):,}"),
        ]
        rows += [(f"  {reason}", f"{count:,}") for reason, count in self.rejected_by_reason.items()]
        rows.append(("duration", f"{self.duration_seconds:.1f} s"))
        return rows

    def as_markdown(self) -> str:
        # Markdown drops a cell's leading spaces, so the reasons get a table of their own, not indented rows.
        counts = [(name, value) for name, value in self.as_rows() if not name.startswith(" ")]
        lines = ["| | |", "|---|---:|", *(f"| {name} | {value} |" for name, value in counts)]
        if self.rejected_by_reason:
            lines += ["", "| rejected by reason | inputs |", "|---|---:|"]
            lines += [f"| {reason} | {count:,} |" for reason, count in self.rejected_by_reason.items()]
        if self.rejections:
            lines += ["", "| rejected input | reason |", "|---|---|"]
            lines += [f"| `{rejection.uri}` | {rejection.reason} |" for rejection in self.rejections[:200]]
        return "\n".join(lines)


def _reason_family(reason: str) -> str:
    """Count by the reason's kind, not its details: 'too large (over …)' counts with every other 'too large'."""
    return reason.split(" (", 1)[0]
