"""The rules of an incremental run, in `flows.incremental` (pure: no Prefect, no store I/O)."""

from __future__ import annotations

import subprocess
import sys

from flows.incremental import (
    BatchPlan,
    RunLedger,
    deletable_ids,
    gone_inputs,
    plan_batch,
    refused_documents,
    settle_batch,
)
from flows.summary import IngestSummary, LeftInput
from store.bulk import BulkReport, DocumentError
from store.state import InputState
from transforms.model import Article, BatchInput, Rejection, RejectionCode, Source
from transforms.pipeline import BatchResult


def _article(article_id: str, uri: str) -> Article:
    return Article(id=article_id, source=Source(uri=uri, format="text", sha256="0" * 64), paragraphs=("x",))


def _input(uri: str, data: bytes = b"body") -> BatchInput:
    return BatchInput(uri, data, file=uri)


def _error(article_id: str, status: int, error_type: str, reason: str = "r") -> DocumentError:
    return DocumentError("articles-v2", article_id, article_id, status, error_type, reason)


def test_unchanged_inputs_and_rejections_with_the_same_bytes_are_skipped() -> None:
    same, changed, new = _input("a"), _input("b", b"new bytes"), _input("c")
    bad = Rejection("d#1", RejectionCode.MALFORMED_JSON, "x", sha256="abc")
    unreadable = Rejection("e", RejectionCode.UNREADABLE, "Permission denied")
    previous = {
        "a": InputState("a", same.sha256, "indexed", ("A",)),
        "b": InputState("b", "old", "indexed", ("B",)),
        "d#1": InputState("d#1", "abc", "rejected"),
    }
    plan = plan_batch([same, changed, new, bad, unreadable], previous, full=False)
    assert [item.uri for item in plan.changed] == ["b", "c"]
    assert plan.reader_rejections == [unreadable] and plan.skipped == 2
    assert [item.uri for item in plan_batch([same], previous, full=True).changed] == ["a"]


def test_an_input_is_recorded_only_when_all_its_articles_were_acknowledged() -> None:
    a, b, c = _input("a"), _input("b"), _input("c")
    plan = BatchPlan([a, b, c], [], 0, {"a": InputState("a", "old", "indexed", ("A0", "A1"))})
    result = BatchResult((_article("A1", "a"), _article("B1", "b"), _article("B2", "b"), _article("C1", "c")))
    report = BulkReport(
        errors=(
            _error("B2", 429, "cluster_block_exception", "blocked: read-only"),
            _error("C1", 400, "mapper_parsing_exception"),
        ),
        acknowledged_article_ids=frozenset({"A1", "B1"}),
    )
    ledger = RunLedger(acknowledged={"A1", "B1"})
    settlement = settle_batch(plan, result, report, ledger)
    assert [(state.uri, state.outcome, state.article_ids) for state in settlement.states] == [
        ("c", "rejected", ()),
        ("a", "indexed", ("A1",)),
    ]
    assert settlement.left == [LeftInput("b", "writes blocked (disk watermark)")]
    assert settlement.rejections[0].code is RejectionCode.REFUSED
    assert settlement.dropped_ids == {"A0"}


def test_only_permanent_document_errors_reject_their_input() -> None:
    articles = [_article("A", "a"), _article("B", "b"), _article("C", "c")]
    errors = [_error("A", 400, "document_parsing_exception"), _error("B", 429, "es_rejected_execution_exception")]
    errors.append(_error("C", 503, "unavailable_shards_exception"))
    assert [rejection.uri for rejection in refused_documents(articles, errors)] == ["a"]


def test_an_article_goes_only_when_nothing_holds_it() -> None:
    plan = BatchPlan(
        [_input("a"), _input("b")],
        [],
        0,
        {"a": InputState("a", "old", "indexed", ("S", "X")), "b": InputState("b", "old", "indexed", ("Y",))},
    )
    result = BatchResult((_article("T", "a"), _article("X", "b")))
    ledger = RunLedger(acknowledged={"T", "X"})
    settlement = settle_batch(plan, result, BulkReport(acknowledged_article_ids=frozenset({"T", "X"})), ledger)
    assert settlement.dropped_ids == {"S", "X", "Y"}
    # X moved from a to b in this batch; S is still listed by another input's state; Y by nothing.
    assert deletable_ids(settlement, held_elsewhere={"S"}) == ["Y"]


def test_a_duplicate_counts_as_written_only_if_its_first_copy_was() -> None:
    ledger = RunLedger()
    first = [_article("S", "a"), _article("S", "b")]
    assert [article.source.uri for article in ledger.fresh(first)] == ["a"]
    ledger.acknowledged.add("S")
    assert ledger.fresh([_article("S", "c")]) == []
    ledger.forget(["S"])  # deleted later in the run: a later input that yields it writes it again
    assert [article.source.uri for article in ledger.fresh([_article("S", "d")])] == ["d"]


def test_gone_inputs_ignore_what_an_unreadable_folder_hides() -> None:
    recorded = [
        InputState("/d/a.txt", "1", "indexed", file="/d/a.txt"),
        InputState("/d/pack.zip!x", "2", "indexed", file="/d/pack.zip"),
        InputState("/d/locked/b.txt", "3", "indexed", file="/d/locked/b.txt"),
        InputState("/d/kept.txt", "4", "indexed", file="/d/kept.txt"),
    ]
    gone = gone_inputs(recorded, seen_uris={"/d/kept.txt"}, unread_folders=["/d/locked"])
    assert gone == ["/d/a.txt", "/d/pack.zip!x"]


def test_summaries_add_up_and_say_what_a_failed_run_did() -> None:
    one = IngestSummary(inputs_seen=2, articles_indexed=1, inputs_recorded=2, left_for_next_run=(LeftInput("x", "r"),))
    two = IngestSummary(inputs_seen=3, articles_indexed=2, inputs_recorded=1)
    total = one + two
    assert (total.inputs_seen, total.articles_indexed, total.inputs_recorded) == (5, 3, 3)
    assert total.counts_line() == "3 articles written, 3 inputs recorded, 1 input left for the next run"
    assert total.counts_line(left=2).endswith("2 inputs left for the next run")


def test_the_incremental_rules_run_without_prefect() -> None:
    probe = "import sys, flows.incremental; print('prefect' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == "False\n"
