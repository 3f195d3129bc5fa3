"""The search API and its HTML pages against the real node, through FastAPI's TestClient."""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from html import unescape
from typing import Any

import httpx
import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from broadsheet.api import create_app
from store.indices import IndexNames
from tests.api_support import api_settings, index_corpus
from tests.conftest import ROOT
from transforms import Article

pytestmark = pytest.mark.es

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, connections are refused at once


@pytest.fixture(scope="module")
def corpus(es: Elasticsearch, index_names: IndexNames) -> dict[str, Article]:
    return index_corpus(es, index_names)


@pytest.fixture(scope="module")
def client(index_names: IndexNames, corpus: dict[str, Article]) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings(index_names))) as test_client:
        yield test_client


def _search(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/search", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _ids(body: dict[str, Any]) -> list[str]:
    return [hit["id"] for hit in body["hits"]]


def test_search_ranks_articles_with_highlighted_passages(client: TestClient, corpus: dict[str, Article]) -> None:
    body = _search(client, q="lighthouse keepers")
    assert body["total"] == 2
    lighthouse = corpus["lighthouse.html"]
    best = body["hits"][0]
    assert best["id"] == lighthouse.id
    assert (best["title"], best["site"], best["url"]) == (lighthouse.title, lighthouse.site, lighthouse.url)
    assert best["published"] == lighthouse.published
    assert best["byline"] == ["Marta Quill"] and best["contributors"] == ["Tomas Brack"]
    fragment = best["fragments"][0]
    assert fragment["kind"] == "paragraph"
    assert "<em>lighthouse</em>" in fragment["html"] and "<em>keepers</em>" in fragment["html"]
    # The fragment is the whole passage it names by position, only marked up.
    assert unescape(re.sub("</?em>", "", fragment["html"])) == lighthouse.paragraphs[fragment["position"]]


def test_quoted_phrases_match_exact_wording_only(client: TestClient, corpus: dict[str, Article]) -> None:
    body = _search(client, q='"wrong side of history"')
    assert _ids(body) == [corpus["000_992f8b7952b07537.txt"].id]
    assert any("<em>wrong side of history</em>" in fragment["html"] for fragment in body["hits"][0]["fragments"])
    assert _search(client, q='"history of wrong side"')["total"] == 0
    # A phrase and a plain word: both marked in the same passage (they come from different subfields).
    mixed = _search(client, q='"wrong side of history" Putin')["hits"][0]["fragments"]
    assert any("<em>wrong side of history</em>" in f["html"] and "<em>Putin</em>" in f["html"] for f in mixed)


def test_words_match_their_inflected_forms(client: TestClient, corpus: dict[str, Article]) -> None:
    """Stemmed on either build: hunspell on the local node, the english analyzer on the full one."""
    body = _search(client, q="keeper")
    assert _ids(body)[:2] == [corpus["lighthouse.html"].id, corpus["ferry.html"].id]
    assert any("<em>keepers</em>" in fragment["html"] for fragment in body["hits"][0]["fragments"])


def test_caption_kind_matches_credit_words_and_highlights_them(client: TestClient) -> None:
    body = _search(client, q="Varga", kind="caption")
    assert body["total"] == 2
    credits = {fragment["credit"] for hit in body["hits"] for fragment in hit["fragments"]}
    assert credits == {"Ines <em>Varga</em>/Harbour Gazette"}
    # Only the credit matched: the caption itself is still shown whole, unmarked.
    texts = {fragment["html"] for hit in body["hits"] for fragment in hit["fragments"]}
    assert texts == {
        "The restored lamp room of the Fogg Island lighthouse at dusk.",
        "The morning ferry leaves the harbour for Fogg Island in heavy rain.",
    }
    assert all(fragment["kind"] == "caption" for hit in body["hits"] for fragment in hit["fragments"])
    assert _search(client, q="Varga", kind="contributor")["total"] == 0


def test_contributor_kind_finds_contributor_lines(client: TestClient, corpus: dict[str, Article]) -> None:
    body = _search(client, q="Brack", kind="contributor")
    assert _ids(body) == [corpus["lighthouse.html"].id]
    assert body["hits"][0]["fragments"][0]["html"] == "Additional reporting by Tomas <em>Brack</em>"


def test_filters_narrow_by_site_contributor_credit_and_day(client: TestClient, corpus: dict[str, Article]) -> None:
    lighthouse, ferry = corpus["lighthouse.html"].id, corpus["ferry.html"].id
    assert set(_ids(_search(client, site="The Harbour Gazette"))) == {lighthouse, ferry}
    assert _ids(_search(client, q="Fogg", contributor="Tomas Brack")) == [lighthouse]
    assert set(_ids(_search(client, credit="Ines Varga/Harbour Gazette"))) == {lighthouse, ferry}
    assert _ids(_search(client, q="Fogg", published_from="2023-06-01")) == [ferry]
    # "to" a day includes that whole day: the lighthouse story was published at 08:30 on 2 May.
    assert _ids(_search(client, q="Fogg", published_to="2023-05-02")) == [lighthouse]
    assert _search(client, q="Fogg", site="BBC News")["total"] == 0


def test_facets_count_articles_by_site_contributor_media_and_month(client: TestClient) -> None:
    facets = _search(client, q="Fogg")["facets"]
    assert facets["site"] == [{"value": "The Harbour Gazette", "count": 2}]
    assert facets["contributors"] == [{"value": "Tomas Brack", "count": 1}]
    assert {bucket["value"]: bucket["count"] for bucket in facets["media"]} == {"photo": 2, "video": 1}
    assert facets["published"] == [{"value": "2023-06", "count": 1}, {"value": "2023-05", "count": 1}]


def test_cursor_pages_through_every_match_exactly_once(client: TestClient, corpus: dict[str, Article]) -> None:
    first = _search(client, size=3)
    assert first["total"] == len(corpus) and first["facets"] is not None
    seen, body = _ids(first), first
    while body["next_cursor"]:
        body = _search(client, size=3, cursor=body["next_cursor"])
        assert body["facets"] is None  # counts describe the whole result set: sent once, on the first page
        seen += _ids(body)
    assert sorted(seen) == sorted(article.id for article in corpus.values())


def test_cursor_of_another_search_or_garbage_is_a_400(client: TestClient) -> None:
    cursor = _search(client, size=1)["next_cursor"]
    assert cursor
    other = client.get("/search", params={"q": "Fogg", "size": 1, "cursor": cursor})
    assert other.status_code == 400 and other.json()["detail"].startswith("cursor:")
    garbage = client.get("/search", params={"cursor": "not-a-cursor"})
    assert garbage.status_code == 400 and "cursor" in garbage.json()["detail"]
    # Well-formed but impossible sort values are refused here, not passed on for Elasticsearch to fail on.
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    for after in ([float("nan"), "x"], ["x", 1.0], [1.0]):
        forged = base64.urlsafe_b64encode(json.dumps({**payload, "after": after}).encode()).decode()
        assert client.get("/search", params={"size": 1, "cursor": forged}).status_code == 400


@pytest.mark.parametrize(
    "text",
    ['"lighthouse', "lighthouse AND OR NOT", "(((lighthouse", "lighthouse !!! ,,,", "lighthouse \\", "~~~lighthouse"],
)
def test_malformed_syntax_around_a_word_finds_what_the_word_finds(client: TestClient, text: str) -> None:
    assert _ids(_search(client, q=text)) == _ids(_search(client, q="lighthouse"))


@pytest.mark.parametrize("text", ["+-|", "(((", "\\", "\x00", "😀", "a" * 1000])
def test_syntax_or_characters_that_are_no_word_match_nothing(client: TestClient, text: str) -> None:
    body = _search(client, q=text)
    assert (body["total"], body["hits"], body["next_cursor"]) == (0, [], None)


@pytest.mark.parametrize(
    ("params", "status", "parameter"),
    [
        ({"size": 0}, 422, "size"),
        ({"size": 101}, 422, "size"),
        ({"size": "ten"}, 422, "size"),
        ({"kind": "headline"}, 422, "kind"),
        ({"published_from": "2023-13-01"}, 422, "published_from"),
        ({"published_from": "2024-01-02", "published_to": "2024-01-01"}, 400, "published_from"),
        ({"q": "a" * 1001}, 422, "q"),
    ],
)
def test_bad_parameters_are_named_in_the_error(
    client: TestClient, params: dict[str, Any], status: int, parameter: str
) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == status
    assert response.json()["detail"].startswith(f"{parameter}:")
    assert "Traceback" not in response.text


def test_article_is_returned_as_stored(client: TestClient, corpus: dict[str, Article]) -> None:
    article = corpus["lighthouse.html"]
    response = client.get(f"/articles/{article.id}")
    assert response.status_code == 200
    body = response.json()
    assert body.pop("ingested_at")
    assert body == article.model_dump(mode="json")


def test_unknown_article_is_a_404_naming_the_id(client: TestClient) -> None:
    for path in ("/articles/0000", "/articles/0000/similar", "/articles/" + "x" * 600):
        response = client.get(path)
        assert response.status_code in (404, 422), path
        assert response.json()["detail"]
    assert client.get("/articles/0000").json() == {"detail": "no article with id '0000'"}


def test_similar_articles_share_distinctive_words(client: TestClient, corpus: dict[str, Article]) -> None:
    lighthouse, ferry = corpus["lighthouse.html"].id, corpus["ferry.html"].id
    body = client.get(f"/articles/{lighthouse}/similar").json()
    assert body["id"] == lighthouse
    similar = [item["id"] for item in body["similar"]]
    assert similar[0] == ferry and lighthouse not in similar


def test_healthz_reports_the_node(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["elasticsearch"]["status"] in ("green", "yellow")


def test_elasticsearch_down_is_a_503_with_a_message(index_names: IndexNames) -> None:
    with TestClient(create_app(api_settings(index_names, UNREACHABLE))) as down:
        for path in ("/search?q=lighthouse", "/articles/0000", "/articles/0000/similar"):
            response = down.get(path)
            assert response.status_code == 503, path
            assert response.json() == {"detail": "Elasticsearch is unavailable; try again shortly"}
        health = down.get("/healthz")
        assert health.status_code == 503
        assert health.json() == {"status": "unavailable", "elasticsearch": {"status": "unavailable"}}
        page = down.get("/", params={"q": "lighthouse"})
        assert page.status_code == 503 and "Elasticsearch is unavailable" in page.text
        assert "Traceback" not in page.text


def test_search_page_escapes_passages_and_keeps_only_highlight_tags(client: TestClient) -> None:
    page = client.get("/", params={"q": "logbook"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>" not in page.text
    assert "<em>logbook</em>" in page.text
    assert 'href="/read/' in page.text


def test_search_page_escapes_the_query_it_echoes(client: TestClient) -> None:
    page = client.get("/", params={"q": '"><img src=x onerror=alert(1)>'})
    assert page.status_code == 200
    assert "<img src=x" not in page.text and "&lt;img src=x" in page.text


def _links(page: str, container_id: str) -> dict[str, tuple[str, int]]:
    """label -> (href, count) of the links in one facet list of the search page."""
    section = page.split(f'id="{container_id}"', 1)[1].split("</section>", 1)[0]
    found = re.findall(r'<a href="([^"]+)">([^<]+)</a> <span class="count">(\d+)</span>', section)
    return {unescape(label): (unescape(link), int(count)) for link, label, count in found}


def test_search_page_shows_dates_as_people_read_them(client: TestClient) -> None:
    page = client.get("/", params={"q": "lighthouse keepers"}).text
    assert "2 May 2023" in page and "2023-05-02T08:30" not in page


def test_search_page_facets_are_counts_that_narrow_the_search(client: TestClient, corpus: dict[str, Article]) -> None:
    page = client.get("/", params={"q": "Fogg"}).text
    sites = _links(page, "facet-site")
    assert sites == {"The Harbour Gazette": ("/?q=Fogg&site=The+Harbour+Gazette", 2)}
    credits = _links(page, "facet-credits")
    assert credits["Ines Varga/Harbour Gazette"][1] == 2
    kinds = _links(page, "facet-kinds")
    assert {label: count for label, (_, count) in kinds.items()} == {"paragraph": 2, "caption": 2}
    months = _links(page, "facet-published")
    assert months["June 2023"] == ("/?q=Fogg&published_from=2023-06-01&published_to=2023-06-30", 1)

    narrowed = client.get(months["June 2023"][0]).text
    assert '<p class="meta" id="total">1 article match Fogg' in narrowed
    assert corpus["ferry.html"].title in narrowed and corpus["lighthouse.html"].title not in narrowed
    # The active filter is shown with a link that removes it.
    active = dict(
        (unescape(label), unescape(link))
        for link, label in re.findall(r'<a class="active-filter" href="([^"]+)"[^>]*>([^<]+)</a>', narrowed)
    )
    assert active == {
        "published from: 2023-06-01 ×": "/?q=Fogg&published_to=2023-06-30",
        "published to: 2023-06-30 ×": "/?q=Fogg&published_from=2023-06-01",
    }
    by_caption = client.get(kinds["caption"][0]).text
    assert '<option value="caption" selected>' in by_caption and "2 articles match Fogg" in by_caption


def test_search_page_pages_through_every_result(client: TestClient, corpus: dict[str, Article]) -> None:
    first = client.get("/").text
    assert f"{len(corpus)} articles · page 1 of 2" in first
    assert 'id="previous"' not in first
    next_link = unescape(re.findall(r'<a id="next" href="([^"]+)"', first)[0])
    assert next_link == "/?page=2"
    second = client.get(next_link).text
    assert 'id="next"' not in second and '<a id="previous" href="/" rel="prev">' in second
    titles = re.findall(r'<a class="title" href="/read/([^"]+)">', first + second)
    assert sorted(titles) == sorted(article.id for article in corpus.values())
    assert client.get("/", params={"page": 101}).status_code == 422


def test_article_page_shows_captions_and_contributors_apart(client: TestClient, corpus: dict[str, Article]) -> None:
    page = client.get(f"/read/{corpus['lighthouse.html'].id}")
    assert page.status_code == 200
    captions = page.text.split('<section id="captions">')[1].split("</section>")[0]
    contributors = page.text.split('<section id="contributors">')[1].split("</section>")[0]
    assert "The restored lamp room of the Fogg Island lighthouse at dusk." in captions
    assert "Credit: Ines Varga/Harbour Gazette" in captions
    assert '<li class="contributor">Tomas Brack</li>' in contributors
    assert "Tomas Brack" not in page.text.split('<section id="captions">')[0]  # not mixed into the body
    assert client.get("/read/0000").status_code == 404


def test_openapi_schema_declares_response_models(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    search = schema["paths"]["/search"]["get"]
    assert search["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SearchOut"
    }
    assert {"400", "422", "503"} <= set(search["responses"])
    assert {"SearchOut", "HitOut", "FragmentOut", "FacetsOut", "StoredArticleOut"} <= set(
        schema["components"]["schemas"]
    )


def test_cli_imports_no_web_framework_until_serve() -> None:
    probe = "import sys, broadsheet.cli; sys.exit(any(m in sys.modules for m in ('fastapi', 'uvicorn', 'starlette')))"
    assert subprocess.run([sys.executable, "-c", probe], cwd=ROOT, check=False).returncode == 0


def test_serve_command_answers_on_the_given_port(index_names: IndexNames, corpus: dict[str, Article]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "BROADSHEET_ARTICLES_ALIAS": index_names.articles_alias,
        "BROADSHEET_PASSAGES_ALIAS": index_names.passages_alias,
    }
    command = [sys.executable, "-c", "from broadsheet.cli import app; app()", "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # One worker per core by default, each importing the app: slow on a busy two-core machine.
        deadline = time.monotonic() + 120
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/search", params={"q": "Fogg"}, timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "broadsheet serve did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["total"] == 2
    finally:
        server.terminate()
        server.wait(timeout=60)
