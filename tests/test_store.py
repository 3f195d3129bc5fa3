"""The Elasticsearch layer against the real node: mappings, aliases, bulk writes, stale passages, search."""

from __future__ import annotations

import json

from elasticsearch import Elasticsearch

from store.bulk import write_articles
from store.client import node_info
from store.indices import IndexNames, drop_all, ensure_indices, refresh
from store.mappings import SCHEMA_VERSION
from store.queries import count_documents, get_article, search_passages
from tests.conftest import SEEDS
from transforms.ids import article_id
from transforms.model import Article, Caption, Source


def _seed_like_article(paragraphs: tuple[str, ...], url: str = "https://example.com/a") -> Article:
    expected = json.loads((SEEDS.parent / "tests/golden/text/000_992f8b7952b07537.expected.json").read_text())
    return Article(
        id=article_id(url, None, ()),
        source=Source(uri="mem://a", format="text", sha256="0" * 64),
        site=expected["site"],
        title=expected["title"],
        url=url,
        published="2022-06-15T12:00:00+00:00",
        language="en",
        paragraphs=paragraphs,
        captions=tuple(Caption(**caption) for caption in expected["captions"]),
        contributors=tuple(expected["contributors"]),
        contributor_lines=tuple(expected["contributor_lines"]),
    )


def test_indices_sit_behind_aliases_with_the_detected_analyzer(es: Elasticsearch, index_names: IndexNames) -> None:
    setup = ensure_indices(es, index_names)
    ensure_indices(es, index_names)  # idempotent
    aliases = es.indices.get_alias(name=index_names.articles_alias).body
    assert list(aliases) == [f"{index_names.articles_alias}-v{SCHEMA_VERSION}"]
    mapping = es.indices.get_mapping(index=index_names.passages_alias).body
    text_field = next(iter(mapping.values()))["mappings"]["properties"]["text"]
    expected_analyzer = "english" if "analysis-common" in node_info(es).modules else "broadsheet_text"
    assert setup.analyzer == expected_analyzer
    assert text_field["analyzer"] == expected_analyzer
    assert text_field["fields"]["exact"]["type"] == "text"
    settings = es.indices.get_settings(index=index_names.articles_alias).body
    index_settings = next(iter(settings.values()))["settings"]["index"]
    # A copy on another node whenever there is one (tests/test_cluster.py checks 1 replica on three nodes).
    assert index_settings["auto_expand_replicas"] == "0-1"
    expected_replicas = "0" if int(es.cluster.health()["number_of_data_nodes"]) == 1 else "1"
    assert index_settings["number_of_replicas"] == expected_replicas


def test_the_shard_count_is_chosen_when_the_indices_are_created(es: Elasticsearch, index_names: IndexNames) -> None:
    names = IndexNames(f"{index_names.articles_alias}-sharded", f"{index_names.passages_alias}-sharded")
    try:
        ensure_indices(es, names, shards=2)
        settings = es.indices.get_settings(index=[names.articles_alias, names.passages_alias]).body
        assert {one["settings"]["index"]["number_of_shards"] for one in settings.values()} == {"2"}
    finally:
        drop_all(es, names)


def test_rewriting_a_shorter_version_leaves_no_stale_passages(es: Elasticsearch, index_names: IndexNames) -> None:
    ensure_indices(es, index_names)
    long_version = _seed_like_article(("One paragraph.", "Two paragraph.", "Three paragraph."))
    report = write_articles(es, [long_version, long_version], index_names)
    assert (report.articles_indexed, report.passages_indexed, report.errors) == (1, 3 + 2 + 1, ())
    refresh(es, index_names)
    short_version = _seed_like_article(("One paragraph, revised.",))
    report = write_articles(es, [short_version], index_names)
    assert report.stale_passages_deleted == 2
    refresh(es, index_names)
    counts = count_documents(es, index_names)
    assert (counts.articles, counts.passages) == (1, 1 + 2 + 1)
    stored = get_article(es, index_names, short_version.id)
    assert stored is not None and stored["paragraphs"] == ["One paragraph, revised."]


def test_per_document_errors_are_reported_not_swallowed(es: Elasticsearch, index_names: IndexNames) -> None:
    ensure_indices(es, index_names)
    # A date the mapping cannot parse: the server refuses the article and its passages, with a reason.
    broken = _seed_like_article(("Body.",), url="https://example.com/broken").model_copy(
        update={"published": "not a date"}
    )
    report = write_articles(es, [broken], index_names)
    assert report.articles_indexed == 0
    assert report.errors and all("date" in error.reason for error in report.errors)
    assert broken.id not in report.acknowledged_article_ids


def test_search_is_safe_for_malformed_user_syntax(es: Elasticsearch, index_names: IndexNames) -> None:
    ensure_indices(es, index_names)
    for text in ('"unclosed phrase', "AND OR NOT", "(((", "title:[* TO", "\\", "~~~", ""):
        results = search_passages(es, index_names, text)
        assert results.total >= 0
