"""The ingest flow on a Dask cluster (a LocalCluster of worker processes here) indexes exactly what the local
runner does."""

from __future__ import annotations

from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from bench.corpus import write_jsonl
from flows.summary import IngestSummary
from readers import Limits, discover, iter_inputs
from store.indices import IndexNames, count_documents
from transforms import BatchInput, extract_batch

pytest.importorskip("prefect_dask")
pytestmark = [pytest.mark.es, pytest.mark.prefect]


def test_dask_runner_indexes_every_article(store_env: IndexNames, es: Elasticsearch, tmp_path: Path) -> None:
    from flows.ingest import ingest
    from flows.runners import task_runner

    corpus = write_jsonl(tmp_path / "corpus.jsonl", 60, kinds=("text",))
    items = [item for item in iter_inputs(discover([corpus]), Limits(20 * 2**20)) if isinstance(item, BatchInput)]
    expected = {article.id for article in extract_batch(items).articles}

    flow = ingest.with_options(task_runner=task_runner("dask", local_workers=2))
    summary = flow([str(corpus)], distributed=True)
    assert isinstance(summary, IngestSummary)
    assert summary.inputs_seen == 60
    assert summary.articles_indexed == len(expected)
    assert count_documents(es, store_env).articles == len(expected)
