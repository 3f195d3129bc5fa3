"""Keeping the archive in step with the dump folders when inputs go away: `broadsheet prune` and `reset`.

What an archive does with a deleted input: nothing, by default. A dump folder is often an inbox that users
clear once files are ingested, so an article whose file is gone stays searchable, and each ingest run counts
such inputs in its summary ("gone since an earlier run"). `prune PATH…` is the explicit way to drop them: it
reads what is under PATH now (no extraction), finds the inputs recorded under PATH that are gone (deleted files,
members no longer in their archive), and deletes their states and the articles that no remaining input still
holds. Prefect-free: a maintenance command needs no flow run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from elasticsearch import Elasticsearch

from flows.incremental import gone_inputs
from readers import Limits, discover, iter_inputs, root_uris, unlisted
from store.bulk import delete_articles
from store.indices import IndexNames, count_documents, drop_all
from store.state import StateNames, drop_state, forget_states, held_article_ids, states_under


@dataclass(frozen=True, slots=True)
class PrunePlan:
    gone_uris: tuple[str, ...]
    # Articles only gone inputs held: deleted by the prune. The others stay (another input still yields them).
    article_ids: tuple[str, ...]


def plan_prune(es: Elasticsearch, state: StateNames, paths: Sequence[str], limits: Limits) -> PrunePlan:
    found = list(discover(paths))
    present = {item.uri for item in iter_inputs(found, limits)}
    recorded = list(states_under(es, state, root_uris(paths)))
    gone = set(gone_inputs(recorded, present, unlisted(found)))
    dropped = {article_id for record in recorded if record.uri in gone for article_id in record.article_ids}
    held = held_article_ids(es, state, dropped, excluding=gone)
    return PrunePlan(tuple(sorted(gone)), tuple(sorted(dropped - held)))


def apply_prune(es: Elasticsearch, names: IndexNames, state: StateNames, plan: PrunePlan) -> int:
    """Articles first, then the states: a failure half-way leaves states that the next prune finds again.
    Returns the documents deleted (articles and passages)."""
    deleted = delete_articles(es, names, list(plan.article_ids))
    forget_states(es, state, list(plan.gone_uris))
    return deleted


@dataclass(frozen=True, slots=True)
class StoreContents:
    articles: int
    passages: int


def contents(es: Elasticsearch, names: IndexNames) -> StoreContents:
    counts = count_documents(es, names)
    return StoreContents(counts.articles, counts.passages)


def reset_store(es: Elasticsearch, names: IndexNames, state: StateNames) -> None:
    """Delete every article, passage, ingest state and rejection (indices and templates); the next ingest
    starts from nothing."""
    drop_all(es, names)
    drop_state(es, state)
