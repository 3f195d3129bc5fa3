"""Every shape of input a user can drop in the dump folder ends as an article or a rejection with a reason."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from readers import Limits, discover, iter_inputs
from tests.conftest import SEEDS
from transforms import BatchInput, Rejection, extract_batch

SEED = (SEEDS / "000_992f8b7952b07537.txt").read_bytes()
LIMITS = Limits(max_article_bytes=20 * 1024 * 1024)
PAGE = (
    b"<!doctype html><html lang=en><head><meta charset=utf-8><title>Harbour reopens - Gazette</title></head>"
    b"<body><article><h1>Harbour reopens</h1>"
    + b"".join(
        b"<p>The harbour reopened on Monday after a storm closed it for three days, officials said in a "
        b"statement that also thanked the crews who cleared the channel overnight. Paragraph %d.</p>" % n
        for n in range(6)
    )
    + b"</article></body></html>"
)


def _items(path: Path, limits: Limits = LIMITS) -> list[BatchInput | Rejection]:
    return list(iter_inputs(discover([path]), limits))


def _outcomes(path: Path, limits: Limits = LIMITS) -> dict[str, str]:
    """uri -> 'article' or the rejection reason, for every input in `path`."""
    items = _items(path, limits)
    result = extract_batch([item for item in items if isinstance(item, BatchInput)], limits.max_article_bytes)
    outcomes = {article.source.uri: "article" for article in result.articles}
    outcomes |= {rejection.uri: rejection.reason for rejection in result.rejections}
    outcomes |= {item.uri: item.reason for item in items if isinstance(item, Rejection)}
    return outcomes


def test_gzip_text_and_html_by_content_not_extension(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(SEED))
    (tmp_path / "page").write_bytes(PAGE)  # no extension
    (tmp_path / "page.txt").write_bytes(gzip.compress(PAGE))  # the extension lies
    assert _outcomes(tmp_path) == {
        str(tmp_path / "a.txt.gz"): "article",
        str(tmp_path / "page"): "article",
        str(tmp_path / "page.txt"): "article",
    }


def test_zip_members_in_nested_folders_are_inputs(tmp_path: Path) -> None:
    archive = tmp_path / "dump.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2022/06/seed.txt", SEED)
        zf.writestr("2022/06/pages/page.html", PAGE)
        zf.writestr("2022/06/empty.txt", b"")
    assert _outcomes(tmp_path) == {
        f"{archive}!2022/06/seed.txt": "article",
        f"{archive}!2022/06/pages/page.html": "article",
        f"{archive}!2022/06/empty.txt": "empty input",
    }


@pytest.mark.parametrize("name, mode", [("dump.tar", "w"), ("dump.tar.gz", "w:gz"), ("dump.tgz", "w:gz")])
def test_tar_members_are_inputs(tmp_path: Path, name: str, mode: str) -> None:
    archive = tmp_path / name
    with tarfile.open(archive, mode) as tf:
        for member, data in (("x/seed.txt", SEED), ("x/y/page.htm", PAGE)):
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    assert _outcomes(tmp_path) == {f"{archive}!x/seed.txt": "article", f"{archive}!x/y/page.htm": "article"}


def test_json_lines_metadata_wins_and_bad_lines_are_rejected(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": SEED.decode(), "url": "https://news.example/seed", "published": "2022-06-15T10:00:00Z"}),
        "{this is not json",
        json.dumps({"url": "https://news.example/nothing"}),
        json.dumps({"html": PAGE.decode(), "title": "Given title", "site": "Given Site"}),
    ]
    path = tmp_path / "records.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    items = _items(path)
    result = extract_batch([item for item in items if isinstance(item, BatchInput)])
    by_uri = {article.source.uri: article for article in result.articles}
    seed = by_uri[f"{path}#1"]
    assert seed.url == "https://news.example/seed" and seed.published == "2022-06-15T10:00:00Z"
    assert seed.source.format == "jsonl"
    page = by_uri[f"{path}#4"]
    assert (page.title, page.site) == ("Given title", "Given Site")
    reasons = {item.uri: item.reason for item in items if isinstance(item, Rejection)}
    assert reasons[f"{path}#2"].startswith("malformed JSON line")
    assert reasons[f"{path}#3"] == "JSON record has no content (no 'html' or 'text' string)"


def _warc(records: list[tuple[str, str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def test_warc_html_responses_are_inputs_and_other_records_are_skipped(tmp_path: Path) -> None:
    latin = PAGE.replace(b"<meta charset=utf-8>", b"").replace(
        b"Harbour reopens</h1>", "Café reopens</h1>".encode("cp1252")
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        _warc(
            [
                ("https://gazette.example/harbour", "text/html; charset=windows-1252", latin),
                ("https://gazette.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
            ]
        )
    )
    items = _items(path)
    assert len(items) == 1 and isinstance(items[0], BatchInput)
    assert items[0].hints.url == "https://gazette.example/harbour"
    (article,) = extract_batch(items).articles  # type: ignore[arg-type]
    assert article.url == "https://gazette.example/harbour" and article.source.format == "warc"
    assert any("Café" in text for text in (article.title or "", *article.paragraphs))


def test_truncated_containers_are_rejected_and_good_members_survive(tmp_path: Path) -> None:
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(SEED)[:200])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("a.txt", SEED)
    (tmp_path / "cut.zip").write_bytes(buffer.getvalue()[:-30])
    warc = _warc([("https://a.example/1", "text/html", PAGE), ("https://a.example/2", "text/html", PAGE)])
    (tmp_path / "cut.warc.gz").write_bytes(warc[: len(warc) - 100])
    outcomes = _outcomes(tmp_path)
    assert outcomes[str(tmp_path / "cut.txt.gz")].startswith("truncated or corrupt")
    assert outcomes[str(tmp_path / "cut.zip")].startswith("truncated or corrupt (zip: ")
    warc_outcomes = {uri: outcome for uri, outcome in outcomes.items() if "cut.warc.gz" in uri}
    assert "article" in warc_outcomes.values()
    assert any("truncated" in outcome and "WARC" in outcome for outcome in warc_outcomes.values())


def test_zip_bomb_and_a_40_mb_line_are_refused_by_the_default_limits(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"\0" * (200 * 1024 * 1024))  # 200 MB of zeros in about 200 KB
        zf.writestr("fine.txt", SEED)
    with (tmp_path / "big.jsonl").open("w") as handle:
        handle.write('{"text": "' + "word " * (8 * 1024 * 1024) + '"}\n')  # one 40 MB line
        handle.write(json.dumps({"text": SEED.decode()}) + "\n")
    outcomes = _outcomes(tmp_path)
    assert outcomes[f"{tmp_path / 'bomb.zip'}!bomb.txt"].startswith("too large")
    assert outcomes[f"{tmp_path / 'bomb.zip'}!fine.txt"] == "article"
    assert outcomes[f"{tmp_path / 'big.jsonl'}#1"].startswith("too large")
    assert outcomes[f"{tmp_path / 'big.jsonl'}#2"] == "article"


@pytest.mark.parametrize(
    "encoded",
    [
        "\ufeff".encode("utf-8") + SEED,
        SEED.decode().encode("utf-16"),  # with BOM
        SEED.decode()
        .replace("’", "'")
        .replace("“", '"')
        .replace("”", '"')
        .replace("—", "-")
        .replace("…", "...")
        .encode("latin-1"),
        SEED.decode().encode("cp1252"),
    ],
    ids=["utf-8-bom", "utf-16", "latin-1", "cp1252"],
)
def test_text_encodings_decode_to_the_right_characters(tmp_path: Path, encoded: bytes) -> None:
    (tmp_path / "a.txt").write_bytes(encoded)
    (article,) = extract_batch(_items(tmp_path / "a.txt")).articles  # type: ignore[arg-type]
    assert article.title == "China on wrong side of history for backing Russian interests amid war, U.S. warns"
    assert "Xi" in article.paragraphs[0]
    if b"\x92" in encoded or encoded.startswith((b"\xff\xfe", b"\xef\xbb\xbf")):
        assert "Russia’s “sovereignty and security”" in article.paragraphs[0]


def test_nul_bytes_and_junk_never_crash(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(SEED.replace(b". ", b".\0 ", 3))
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    (tmp_path / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 64)
    outcomes = _outcomes(tmp_path)
    assert outcomes[str(tmp_path / "nul.txt")] == "article"
    assert outcomes[str(tmp_path / "blank.txt")] == "empty input"
    assert outcomes[str(tmp_path / "img.png")] == "binary content (PNG image)"
    assert outcomes[str(tmp_path / "noise.bin")].startswith("binary content")
