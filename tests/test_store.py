"""The Elasticsearch layer against the real node: mappings, aliases, bulk writes, stale passages, search."""

from __future__ import annotations

import json

from elasticsearch import Elasticsearch

from store.bulk import write_articles
from store.client import NodeInfo, node_info
from store.indices import (
    BULK_REFRESH_INTERVAL,
    IndexNames,
    bulk_loading,
    count_documents,
    describe,
    drop_all,
    ensure_indices,
    refresh,
    versioned_index,
)
from store.languages import LANGUAGES
from store.mappings import SCHEMA_VERSION, articles_mappings, index_settings, passages_mappings, text_analysis
from store.search import Searcher, get_article
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


def test_indices_sit_behind_aliases_with_each_language_analysed(es: Elasticsearch, index_names: IndexNames) -> None:
    setup = ensure_indices(es, index_names)
    ensure_indices(es, index_names)  # idempotent
    # Every language stems on this node (the local node is given its dictionaries), so the name has no suffix.
    assert setup.analysis.stemmed == frozenset(language.code for language in LANGUAGES)
    aliases = es.indices.get_alias(name=index_names.articles_alias).body
    assert list(aliases) == [f"{index_names.articles_alias}-v{SCHEMA_VERSION}"]
    mapping = next(iter(es.indices.get_mapping(index=index_names.passages_alias).body.values()))["mappings"]
    assert mapping["_source"] == {"excludes": ["i18n"]}
    assert mapping["properties"]["text"]["index"] is False  # stored for display; searched through its copies
    german = mapping["properties"]["i18n"]["properties"]["de"]["properties"]["text"]
    assert german["analyzer"] == ("german" if node_info(es).has_analysis_common else "broadsheet_de")
    assert german["fields"]["exact"]["analyzer"] == "broadsheet_exact"
    other = mapping["properties"]["i18n"]["properties"]["other"]["properties"]["text"]
    assert other["analyzer"] == "broadsheet_exact" and "fields" not in other
    settings = es.indices.get_settings(index=index_names.articles_alias).body
    created = next(iter(settings.values()))["settings"]["index"]
    # A copy on another node whenever there is one (tests/test_cluster.py checks 1 replica on three nodes).
    assert created["auto_expand_replicas"] == "0-1"
    expected_replicas = "0" if int(es.cluster.health()["number_of_data_nodes"]) == 1 else "1"
    assert created["number_of_replicas"] == expected_replicas


def test_the_shard_count_is_chosen_when_the_indices_are_created(es: Elasticsearch, index_names: IndexNames) -> None:
    names = IndexNames(f"{index_names.articles_alias}-sharded", f"{index_names.passages_alias}-sharded")
    try:
        ensure_indices(es, names, shards=2)
        settings = es.indices.get_settings(index=[names.articles_alias, names.passages_alias]).body
        assert {one["settings"]["index"]["number_of_shards"] for one in settings.values()} == {"2"}
    finally:
        drop_all(es, names)


def test_a_node_without_a_dictionary_gets_indices_named_for_it_and_they_are_replaced_later(
    es: Elasticsearch, index_names: IndexNames
) -> None:
    """A language the node cannot stem is named in the index; once the node can, the next setup copies the
    articles into a new index that stems it, and the old one goes."""
    partial = text_analysis(NodeInfo(version="8", modules=frozenset(), dictionaries=frozenset({"en_US"})))
    assert versioned_index("articles", partial) == f"articles-v{SCHEMA_VERSION}-nostem-de-fr-es-it-nl-pt"
    assert describe(partial).startswith("languages stemmed: en; not stemmed (no dictionary): de fr es it nl pt")
    names = IndexNames(f"{index_names.articles_alias}-x", f"{index_names.passages_alias}-x")
    old = IndexNames(versioned_index(names.articles_alias, partial), versioned_index(names.passages_alias, partial))
    for index, mappings in ((old.articles_alias, articles_mappings), (old.passages_alias, passages_mappings)):
        # Refreshes slowed as a run killed mid-way leaves them: the copy must still find the latest writes.
        slowed = {**index_settings(partial), "refresh_interval": "30s"}
        es.indices.create(index=index, settings=slowed, mappings=mappings(partial))
    article = _seed_like_article(("Kremlin officials rejected the sanctions.",))
    assert not write_articles(es, [article], old).errors
    es.indices.put_alias(index=old.articles_alias, name=names.articles_alias)
    es.indices.put_alias(index=old.passages_alias, name=names.passages_alias)
    try:
        setup = ensure_indices(es, names)
        assert list(es.indices.get_alias(name=names.articles_alias).body) == [setup.articles_index]
        assert not es.indices.exists(index=old.articles_alias) and not es.indices.exists(index=old.passages_alias)
        assert get_article(Searcher(es, names), article.id) is not None
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
    stored = get_article(Searcher(es, index_names), short_version.id)
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


def test_a_run_refreshes_slowly_and_leaves_the_default_behind(es: Elasticsearch, index_names: IndexNames) -> None:
    ensure_indices(es, index_names)

    def interval() -> object:
        settings = es.indices.get_settings(index=index_names.passages_alias, name="index.refresh_interval").body
        # An index without the setting is left out of the answer altogether.
        return next(iter(settings.values()), {}).get("settings", {}).get("index", {}).get("refresh_interval")

    with bulk_loading(es, index_names):
        assert interval() == BULK_REFRESH_INTERVAL
    assert interval() is None  # back to Elasticsearch's default
