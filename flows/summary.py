"""The typed summary an ingest run returns, prints and publishes; each batch makes one and the run adds them."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from transforms.model import REJECTION_LABELS, Rejection


@dataclass(frozen=True, slots=True)
class LeftInput:
    """An input this run read but could not record (Elasticsearch refused it for now): the next run retries it."""

    uri: str
    reason: str


@dataclass(frozen=True, slots=True)
class IngestSummary:
    inputs_seen: int = 0
    skipped_unchanged: int = 0
    articles_extracted: int = 0
    articles_indexed: int = 0
    passages_indexed: int = 0
    inputs_recorded: int = 0
    stale_documents_deleted: int = 0
    duplicates_in_run: int = 0
    # Inputs recorded by an earlier run under the paths given, that this run found no more (articles kept).
    inputs_gone: int = 0
    rejections: tuple[Rejection, ...] = field(default=())
    left_for_next_run: tuple[LeftInput, ...] = field(default=())
    duration_seconds: float = 0.0
    # A distributed run: the Dask workers (host:pid) that read, extracted and indexed its inputs.
    workers: tuple[str, ...] = field(default=())

    def __add__(self, other: IngestSummary) -> IngestSummary:
        """Field by field: counts add up, lists are joined (a run is the sum of its batches)."""
        return IngestSummary(
            **{
                item.name: getattr(self, item.name) + getattr(other, item.name)
                for item in dataclasses.fields(IngestSummary)
            }
        )

    @property
    def rejected_by_code(self) -> dict[str, int]:
        """Counted by code, named by its label ('too large'), however the details of each case differ."""
        counts = Counter(rejection.code for rejection in self.rejections)
        return {REJECTION_LABELS[code]: count for code, count in counts.most_common()}

    @property
    def left_by_reason(self) -> dict[str, int]:
        return dict(Counter(left.reason for left in self.left_for_next_run).most_common())

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
        rows += [(f"  {label}", f"{count:,}") for label, count in self.rejected_by_code.items()]
        if self.left_for_next_run:
            rows.append(("left for the next run", f"{len(self.left_for_next_run):,}"))
        if self.inputs_gone:
            rows.append(("gone since an earlier run (articles kept)", f"{self.inputs_gone:,}"))
        if self.workers:
            rows.append(("Dask workers that did the work", f"{len(set(self.workers)):,}"))
        rows.append(("duration", f"{self.duration_seconds:.1f} s"))
        return rows

    def counts_line(self, left: int | None = None, interrupted: bool = False) -> str:
        """What a failed or partial run did, in one line: written, recorded, and left for the next run (by
        default the inputs Elasticsearch refused for now; a failed run passes every input it did not settle).
        When the node went away mid-request (`interrupted`), it may have stored documents whose acknowledgement
        never arrived, so the written and recorded counts are lower bounds and say so."""
        left = len(self.left_for_next_run) if left is None else left
        at_least = "at least " if interrupted else ""
        return (
            f"{at_least}{self.articles_indexed:,} article{_s(self.articles_indexed)} written, "
            f"{at_least}{self.inputs_recorded:,} input{_s(self.inputs_recorded)} recorded, "
            f"{left:,} input{_s(left)} left for the next run"
        )

    def as_markdown(self) -> str:
        # Markdown drops a cell's leading spaces, so the reasons get a table of their own, not indented rows.
        counts = [(name, value) for name, value in self.as_rows() if not name.startswith(" ")]
        lines = ["| | |", "|---|---:|", *(f"| {name} | {value} |" for name, value in counts)]
        if self.rejected_by_code:
            lines += ["", "| rejected by reason | inputs |", "|---|---:|"]
            lines += [f"| {label} | {count:,} |" for label, count in self.rejected_by_code.items()]
        if self.rejections:
            lines += ["", "| rejected input | reason |", "|---|---|"]
            lines += [f"| {_cell(r.uri, code=True)} | {_cell(r.reason)} |" for r in self.rejections[:200]]
        if self.left_for_next_run:
            lines += ["", "| left for the next run because | inputs |", "|---|---:|"]
            lines += [f"| {_cell(reason)} | {count:,} |" for reason, count in self.left_by_reason.items()]
        return "\n".join(lines)


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _cell(text: str, code: bool = False) -> str:
    """Table-safe: a `|` or a line break in a file name or reason must not break the table."""
    flat = text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return f"`{flat.replace('`', 'ˋ')}`" if code else flat
