"""Pinned versions of the services Broadsheet runs against, read by the local node, compose and tests.

Bump in one place only. The Elasticsearch version must be served by Maven Central as
`org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip`, and its major must equal the
Python client's major (pyproject pins `elasticsearch>=8.19,<9`).
"""

from __future__ import annotations

# Newest 8.19.x in Maven Central's maven-metadata.xml for integ-test-zip (checked 2026-11-29).
ELASTICSEARCH_VERSION = "8.19.21"
