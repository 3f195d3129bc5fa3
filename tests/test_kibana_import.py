"""`broadsheet kibana import` against a tiny local HTTP server standing in for Kibana's import endpoint: it
records what our client sends (method, path, query, headers, multipart body) and answers as Kibana would."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner

from broadsheet.cli import app
from tests.conftest import ROOT

NDJSON = ROOT / "kibana" / "saved_objects.ndjson"
OBJECTS = sum(1 for line in NDJSON.read_text(encoding="utf-8").splitlines() if line.strip())
SUCCESS = {"success": True, "successCount": OBJECTS, "successResults": []}


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    body: bytes


@dataclass
class FakeKibana:
    """Answers each request with the next (status, JSON body) of `replies` (the last one repeats)."""

    replies: list[tuple[int, object]] = field(default_factory=lambda: [(200, SUCCESS)])
    requests: list[Recorded] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def kibana() -> Iterator[FakeKibana]:
    fake = FakeKibana()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            split = urlsplit(self.path)
            fake.requests.append(
                Recorded("POST", split.path, parse_qs(split.query), self.headers, self.rfile.read(length))
            )
            status, reply = fake.replies[min(len(fake.requests), len(fake.replies)) - 1]
            payload = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:  # keep pytest's output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _import(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["kibana", "import", *args])
    return result.exit_code, result.stdout, result.stderr


def _multipart_parts(recorded: Recorded) -> list[Message]:
    head = f"Content-Type: {recorded.headers['Content-Type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + recorded.body)
    assert message.is_multipart()
    return list(message.iter_parts())  # type: ignore[attr-defined]


def test_posts_the_ndjson_as_the_multipart_field_file_with_overwrite_and_xsrf(kibana: FakeKibana) -> None:
    code, stdout, _ = _import("--url", kibana.url)
    assert code == 0
    assert f"imported {OBJECTS} saved object(s)" in stdout
    (request,) = kibana.requests
    assert request.method == "POST"
    assert request.path == "/api/saved_objects/_import"
    assert request.query == {"overwrite": ["true"]}
    assert request.headers["kbn-xsrf"] == "true"
    assert request.headers.get_content_type() == "multipart/form-data"
    (part,) = _multipart_parts(request)
    assert part.get_param("name", header="content-disposition") == "file"
    assert part.get_filename() == "saved_objects.ndjson"
    assert part.get_payload(decode=True) == NDJSON.read_bytes()


def test_a_trailing_slash_in_the_url_is_harmless(kibana: FakeKibana) -> None:
    assert _import("--url", kibana.url + "/")[0] == 0
    assert kibana.requests[0].path == "/api/saved_objects/_import"


def test_objects_kibana_refuses_are_listed_one_per_line_and_exit_1(kibana: FakeKibana) -> None:
    refused = {
        "id": "broadsheet-overview",
        "type": "dashboard",
        "title": "Broadsheet overview",
        "error": {"type": "missing_references", "references": [{"type": "lens", "id": "broadsheet-top-sites"}]},
    }
    kibana.replies = [(200, {"success": False, "successCount": 10, "errors": [refused]})]
    code, stdout, stderr = _import("--url", kibana.url)
    assert code == 1
    assert "imported 10 saved object(s)" in stdout
    assert stderr.strip().splitlines() == [
        "refused: dashboard broadsheet-overview (Broadsheet overview): missing_references lens/broadsheet-top-sites"
    ]


def test_an_http_error_is_one_line_and_exit_1(kibana: FakeKibana) -> None:
    kibana.replies = [(415, {"statusCode": 415, "error": "Unsupported Media Type", "message": "Unsupported"})]
    code, _, stderr = _import("--url", kibana.url, "--wait", "0")
    assert code == 1
    assert stderr.strip() == "error: Kibana refused the import: HTTP 415: Unsupported"


def test_a_kibana_that_is_still_starting_is_retried(kibana: FakeKibana) -> None:
    kibana.replies = [(503, {"message": "Kibana server is not ready yet"}), (200, SUCCESS)]
    code, _, _ = _import("--url", kibana.url, "--wait", "30")
    assert code == 0
    assert len(kibana.requests) == 2


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_kibana_exits_3_with_one_line() -> None:
    code, _, stderr = _import("--url", f"http://127.0.0.1:{_closed_port()}", "--wait", "0")
    assert code == 3
    assert len(stderr.strip().splitlines()) == 1
    assert stderr.startswith("error: cannot reach Kibana at http://127.0.0.1:")


def test_a_missing_file_exits_2(tmp_path: Path, kibana: FakeKibana) -> None:
    code, _, stderr = _import("--url", kibana.url, "--file", str(tmp_path / "none.ndjson"))
    assert code == 2
    assert stderr.strip() == f"error: no saved objects at {tmp_path / 'none.ndjson'}"
    assert kibana.requests == []
