"""The bookkeeping of an incremental run, apart from Prefect and the store's I/O: which inputs of a batch changed
since their recorded state, what to record once the batch was written, which articles the changed inputs no
longer yield (to delete unless another input still holds them), and what the batch adds to the run's summary.

The rules that keep the archive exact live here:
- an input is recorded as indexed only when every article it yields was acknowledged, so a run that dies
  half-way is finished by the next one;
- a document Elasticsearch can never accept is a rejection of its input; any other refusal (a block, overload,
  an unavailable shard) leaves the input unrecorded, for the next run;
- an article is deleted only when no input's latest state still lists it (reference counting);
- an article written earlier in this run is not written again by a later duplicate, and counts for it as
  acknowledged only if its first write was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flows.summary import IngestSummary, LeftInput
from readers import Item
from store.bulk import BulkReport, DocumentError
from store.state import InputState
from transforms.model import Article, BatchInput, Rejection, RejectionCode
from transforms.pipeline import BatchResult


@dataclass(frozen=True)
class BatchPlan:
    """What to do with the inputs of one batch: extract the changed ones, record the readers' rejections."""

    changed: list[BatchInput]
    reader_rejections: list[Rejection]
    skipped: int
    previous: dict[str, InputState]


def plan_batch(items: Sequence[Item], previous: dict[str, InputState], full: bool, redo_run: str = "") -> BatchPlan:
    """Inputs whose bytes differ from what was last recorded (all of them with `full`), and the rejections of
    the reading layer (unreadable files, corrupt archives). Inputs recorded by the distributed run `redo_run`
    itself are done again: an attempt whose worker was lost recorded them, and its counts were lost with it."""
    changed: list[BatchInput] = []
    rejections: list[Rejection] = []
    skipped = 0
    for item in items:
        state = previous.get(item.uri)
        unchanged = (
            not full
            and state is not None
            and bool(item.sha256)
            and state.sha256 == item.sha256
            and not (redo_run and state.run == redo_run)
        )
        if unchanged:
            # An input, or a bad line or member already reported, byte for byte the same: not news.
            skipped += 1
        elif isinstance(item, Rejection):
            rejections.append(item)
        else:
            changed.append(item)
    return BatchPlan(changed, rejections, skipped, previous)


@dataclass
class RunLedger:
    """What the run has written so far: article ids Elasticsearch acknowledged (a later duplicate is not
    written again), and every input uri read (to tell which recorded inputs are gone)."""

    acknowledged: set[str] = field(default_factory=set)
    seen_uris: set[str] = field(default_factory=set)

    def fresh(self, articles: Iterable[Article]) -> list[Article]:
        """Articles not yet acknowledged in this run, each id once."""
        unique: dict[str, Article] = {}
        for article in articles:
            if article.id not in self.acknowledged:
                unique.setdefault(article.id, article)
        return list(unique.values())

    def forget(self, deleted_ids: Iterable[str]) -> None:
        """Deleted articles are no longer written: a later input that yields one must write it again."""
        self.acknowledged.difference_update(deleted_ids)


@dataclass(frozen=True)
class BatchSettlement:
    """After a batch's articles were written: the states to record, the rejections, the inputs left for the
    next run, and the article ids the changed inputs no longer yield."""

    states: list[InputState]
    rejections: list[Rejection]
    left: list[LeftInput]
    dropped_ids: set[str]

    @property
    def recorded_uris(self) -> set[str]:
        return {state.uri for state in self.states}

    @property
    def held_ids(self) -> set[str]:
        return {article_id for state in self.states for article_id in state.article_ids}


def refused_documents(articles: Sequence[Article], errors: Sequence[DocumentError]) -> list[Rejection]:
    """A document Elasticsearch can never accept (mapping conflict, oversize field) rejects its input."""
    by_id = {article.id: article for article in articles}
    rejections: dict[str, Rejection] = {}
    for error in errors:
        article = by_id.get(error.article_id)
        if error.permanent and article is not None and article.source.uri not in rejections:
            source = article.source
            rejections[source.uri] = Rejection(source.uri, RejectionCode.REFUSED, error.description, source.sha256)
    return list(rejections.values())


def _articles_by_input(articles: Iterable[Article]) -> dict[str, list[str]]:
    by_uri: dict[str, list[str]] = {}
    for article in articles:
        by_uri.setdefault(article.source.uri, []).append(article.id)
    return by_uri


def _transient_reasons(errors: Sequence[DocumentError]) -> dict[str, str]:
    """For each article that failed for a transient reason, that reason (the first of its documents)."""
    reasons: dict[str, str] = {}
    for error in errors:
        if not error.permanent:
            reasons.setdefault(error.article_id, _short(error))
    return reasons


def _short(error: DocumentError) -> str:
    if error.write_block:
        return "writes blocked (disk watermark)"
    return error.error_type or "refused for now"


def settle_batch(plan: BatchPlan, result: BatchResult, report: BulkReport, ledger: RunLedger) -> BatchSettlement:
    """States to record: every rejected input with bytes, and every input whose articles were all acknowledged
    (in this batch or earlier in the run). Inputs with an article refused for now are left unrecorded."""
    refused = refused_documents(result.articles, report.errors)
    rejections = [*plan.reader_rejections, *result.rejections, *refused]
    rejected_uris = {rejection.uri for rejection in rejections}
    transient = _transient_reasons(report.errors)
    by_input = _articles_by_input(result.articles)
    states = [
        InputState(r.uri, r.sha256, "rejected", code=r.code, reason=r.reason, file=r.origin)
        for r in rejections
        if r.sha256
    ]
    left: list[LeftInput] = []
    for item in plan.changed:
        ids = by_input.get(item.uri, [])
        if item.uri in rejected_uris or not ids:
            continue
        if all(article_id in ledger.acknowledged for article_id in ids):
            states.append(InputState(item.uri, item.sha256, "indexed", tuple(ids), file=item.origin))
        else:
            reason = next((transient[i] for i in ids if i in transient), "not acknowledged")
            left.append(LeftInput(item.uri, reason))
    return BatchSettlement(states, rejections, left, _dropped_ids(states, plan.previous))


def _dropped_ids(states: Sequence[InputState], previous: dict[str, InputState]) -> set[str]:
    """Articles that inputs being recorded yielded before but yield no more."""
    dropped: set[str] = set()
    for state in states:
        before = previous.get(state.uri)
        if before is not None:
            dropped.update(article_id for article_id in before.article_ids if article_id not in state.article_ids)
    return dropped


def deletable_ids(settlement: BatchSettlement, held_elsewhere: set[str]) -> list[str]:
    """Of the dropped articles, those no input holds: not the batch's own new states, not any other input's."""
    return sorted(settlement.dropped_ids - settlement.held_ids - held_elsewhere)


def batch_summary(
    items: Sequence[Item],
    plan: BatchPlan,
    result: BatchResult,
    written: Sequence[Article],
    report: BulkReport,
    settlement: BatchSettlement,
    deleted_documents: int,
) -> IngestSummary:
    return IngestSummary(
        inputs_seen=len(items),
        skipped_unchanged=plan.skipped,
        articles_extracted=len(result.articles),
        articles_indexed=report.articles_indexed,
        passages_indexed=report.passages_indexed,
        inputs_recorded=len(settlement.states),
        stale_documents_deleted=deleted_documents + report.stale_passages_deleted,
        duplicates_in_run=len(result.articles) - len(written),
        rejections=tuple(settlement.rejections),
        left_for_next_run=tuple(settlement.left),
    )


def gone_inputs(recorded: Iterable[InputState], seen_uris: set[str], unread_folders: Iterable[str]) -> list[str]:
    """Inputs recorded by an earlier run under this run's paths that this run did not find (their file was
    deleted, or the member left its archive). Folders this run could not list prove nothing, so inputs under
    them do not count."""
    prefixes = tuple(folder.rstrip("/") + "/" for folder in unread_folders)
    return [
        state.uri
        for state in recorded
        if state.uri not in seen_uris and not (prefixes and (state.file or state.uri).startswith(prefixes))
    ]
