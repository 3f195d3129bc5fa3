"""Where a run reads and writes: the Elasticsearch client and the index and state names a run's settings give.
Prefect-free, so the Dask workers of a distributed run use it as the flow does."""

from __future__ import annotations

from typing import Any

from broadsheet.settings import Settings
from store.client import connect
from store.indices import IndexNames
from store.state import StateNames


def index_names(settings: Settings) -> IndexNames:
    return IndexNames(articles_alias=settings.articles_alias, passages_alias=settings.passages_alias)


def state_names(settings: Settings) -> StateNames:
    return StateNames(state_alias=settings.state_alias, rejections_alias=settings.rejections_alias)


def client(settings: Settings) -> Any:
    return connect(settings.elasticsearch_url, settings.request_timeout)
