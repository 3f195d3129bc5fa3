"""Schema-driven fuzzing (schemathesis): every operation of /openapi.json, fed generated and malformed parameters,
never answers 5xx and always answers what the schema declares."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import schemathesis
from elasticsearch import Elasticsearch
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from broadsheet.api import create_app
from store.indices import IndexNames, drop_all
from tests.api_support import api_settings, index_corpus

pytestmark = pytest.mark.es

# Schemathesis builds its tests from the schema at import time, so the module's own aliases are chosen here
# (the app only connects on its first request) and filled by the fixture below.
PREFIX = f"test-fuzz-{uuid.uuid4().hex[:8]}"
NAMES = IndexNames(articles_alias=f"{PREFIX}-articles", passages_alias=f"{PREFIX}-passages")
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(api_settings(NAMES)))


@pytest.fixture(scope="module", autouse=True)
def archive(es: Elasticsearch) -> Iterator[None]:
    index_corpus(es, NAMES)  # real documents, so searches, facets, cursors and highlights are exercised
    yield
    drop_all(es, NAMES)


@schema.parametrize()
# A few dozen cases per operation keep the module well under a minute; no example database is kept, so every
# run explores afresh.
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_no_operation_answers_5xx_or_off_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance, response_schema_conformance])
