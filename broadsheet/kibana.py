"""Import Broadsheet's Kibana saved objects (`kibana/saved_objects.ndjson`) through Kibana's saved-objects API.

Kept free of Prefect and the Elasticsearch client: the compose stack runs it once Kibana is healthy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from broadsheet.settings import PROJECT_ROOT

DEFAULT_KIBANA_URL = "http://127.0.0.1:5601"
IMPORT_PATH = "/api/saved_objects/_import"
SAVED_OBJECTS_FILE = Path("kibana") / "saved_objects.ndjson"
# Kibana answers 503 ("Kibana server is not ready yet") while it starts or migrates its own indices.
NOT_READY = 503


class KibanaError(Exception):
    """The import did not happen; the message is one line a person can act on."""


class KibanaUnreachable(KibanaError):
    pass


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    imported: int
    errors: tuple[str, ...]  # one line per object Kibana refused

    @property
    def ok(self) -> bool:
        return not self.errors


def default_saved_objects_file() -> Path:
    """The checkout's file; in the worker image the code is installed elsewhere but the checkout is the cwd."""
    for root in (PROJECT_ROOT, Path.cwd()):
        candidate = root / SAVED_OBJECTS_FILE
        if candidate.is_file():
            return candidate
    return PROJECT_ROOT / SAVED_OBJECTS_FILE


def import_request(kibana_url: str, ndjson: bytes, filename: str = "saved_objects.ndjson") -> httpx.Request:
    """The multipart POST Kibana's import API expects: overwrite on, the `kbn-xsrf` header it demands of every
    write, the NDJSON as the form field `file`."""
    return httpx.Request(
        "POST",
        f"{kibana_url.rstrip('/')}{IMPORT_PATH}",
        params={"overwrite": "true"},
        headers={"kbn-xsrf": "true"},
        files={"file": (filename, ndjson, "application/ndjson")},
    )


def import_saved_objects(
    kibana_url: str, path: Path, wait_seconds: float = 60.0, timeout: float = 30.0
) -> ImportOutcome:
    """Post the file to Kibana, retrying while Kibana is unreachable or not ready, for up to `wait_seconds`."""
    try:
        ndjson = path.read_bytes()
    except OSError as error:
        raise KibanaError(f"cannot read {path}: {error.strerror or error}") from None
    deadline = time.monotonic() + wait_seconds
    with httpx.Client(timeout=timeout) as client:
        while True:
            response = _send(client, import_request(kibana_url, ndjson, path.name), kibana_url, deadline)
            if response is not None:
                return _outcome(response)
            time.sleep(2)


def _send(client: httpx.Client, request: httpx.Request, kibana_url: str, deadline: float) -> httpx.Response | None:
    """The response, or None to try again (Kibana not up yet and time left)."""
    try:
        response = client.send(request)
    except httpx.TransportError as error:
        if time.monotonic() < deadline:
            return None
        raise KibanaUnreachable(f"cannot reach Kibana at {kibana_url}: {error or type(error).__name__}") from None
    if response.status_code == NOT_READY and time.monotonic() < deadline:
        return None
    return response


def _outcome(response: httpx.Response) -> ImportOutcome:
    if response.status_code != 200:
        raise KibanaError(f"Kibana refused the import: HTTP {response.status_code}: {_error_message(response)}")
    try:
        body = response.json()
    except ValueError:
        raise KibanaError("Kibana answered the import with something that is not JSON") from None
    errors = tuple(_describe_object_error(error) for error in body.get("errors") or ())
    return ImportOutcome(imported=int(body.get("successCount", 0)), errors=errors)


def _error_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text.strip().splitlines()[0][:300] if response.text.strip() else response.reason_phrase
    return str(body.get("message") or body.get("error") or body)[:300]


def _describe_object_error(error: dict[str, Any]) -> str:
    """'dashboard broadsheet-overview (Broadsheet): missing_references index-pattern/x' and the like."""
    detail = error.get("error") or {}
    kind = detail.get("type", "error")
    missing = [f"{ref.get('type')}/{ref.get('id')}" for ref in detail.get("references") or ()]
    extra = " ".join(missing) or detail.get("message") or ""
    title = error.get("title") or error.get("meta", {}).get("title") or ""
    return f"{error.get('type')} {error.get('id')} ({title}): {kind} {extra}".rstrip()
