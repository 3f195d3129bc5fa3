"""Typed settings from the environment (prefix-free names, as users set them in compose files)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    # One node's URL, or every node of a cluster, comma-separated: the client spreads requests over them and
    # fails over when one is down (`broadsheet es start --nodes 3` prints the list to export).
    elasticsearch_url: str = Field(default="http://127.0.0.1:9200", alias="ELASTICSEARCH_URL")
    articles_alias: str = Field(default="articles", alias="BROADSHEET_ARTICLES_ALIAS")
    passages_alias: str = Field(default="passages", alias="BROADSHEET_PASSAGES_ALIAS")
    state_alias: str = Field(default="broadsheet-ingest-state", alias="BROADSHEET_STATE_ALIAS")
    rejections_alias: str = Field(default="rejections", alias="BROADSHEET_REJECTIONS_ALIAS")
    # Files per Prefect task: large enough that Prefect's per-task overhead stays small.
    extract_batch_size: int = Field(default=500, ge=1, alias="BROADSHEET_EXTRACT_BATCH_SIZE")
    # A batch also closes at this much content, so a folder of huge pages cannot fill memory.
    extract_batch_bytes: int = Field(default=16 * 1024 * 1024, ge=1, alias="BROADSHEET_EXTRACT_BATCH_BYTES")
    # Processes for extraction (CPU-bound); 0 means one per core.
    extract_workers: int = Field(default=0, ge=0, alias="BROADSHEET_EXTRACT_WORKERS")
    # With `--task-runner dask`: the scheduler to use (None starts a LocalCluster), and tasks per batch.
    dask_address: str | None = Field(default=None, alias="BROADSHEET_DASK_ADDRESS")
    distributed_parts: int = Field(default=8, ge=1, alias="BROADSHEET_DISTRIBUTED_PARTS")
    # Primary shards of the articles and passages indices, fixed when an index is created: one suits up to a few
    # million articles; docs/operations.md ("Sizing") derives it for larger archives.
    index_shards: int = Field(default=1, ge=1, alias="BROADSHEET_INDEX_SHARDS")
    bulk_chunk_size: int = Field(default=500, ge=1, alias="BROADSHEET_BULK_CHUNK_SIZE")
    bulk_max_retries: int = Field(default=5, ge=0, alias="BROADSHEET_BULK_MAX_RETRIES")
    request_timeout: float = Field(default=30.0, gt=0, alias="BROADSHEET_REQUEST_TIMEOUT")
    # Seconds Elasticsearch may spend on one search of the API or CLI before it stops and the user is told (504).
    search_budget: float = Field(default=2.0, gt=0, alias="BROADSHEET_SEARCH_BUDGET")
    max_article_bytes: int = Field(default=20 * 1024 * 1024, ge=1, alias="BROADSHEET_MAX_ARTICLE_BYTES")
    # Without a terminal, `ingest` prints a progress line at most this often (in a terminal it draws a bar).
    progress_every_seconds: float = Field(default=30.0, ge=0, alias="BROADSHEET_PROGRESS_EVERY_SECONDS")
    # Where the CLI keeps the local Elasticsearch download, data and logs (ignored by git).
    local_dir: Path = Field(default=PROJECT_ROOT / ".local", alias="BROADSHEET_LOCAL_DIR")
    drop_dir: Path = Field(default=PROJECT_ROOT / "dumps", alias="BROADSHEET_DROP_DIR")
    # When `broadsheet schedule` ingests the drop folder (cron, UTC): every 15 minutes unless set.
    schedule_cron: str = Field(default="*/15 * * * *", min_length=1, alias="BROADSHEET_SCHEDULE_CRON")

    @field_validator("elasticsearch_url")
    @classmethod
    def _urls_are_http(cls, value: str) -> str:
        urls = split_urls(value)
        if not urls:
            raise ValueError("ELASTICSEARCH_URL names no URL")
        for url in urls:
            parsed = urlsplit(url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise ValueError(f"{url!r} is not an http(s) URL with a host, e.g. http://127.0.0.1:9200")
        return ",".join(urls)

    @property
    def elasticsearch_urls(self) -> tuple[str, ...]:
        return split_urls(self.elasticsearch_url)


def split_urls(value: str) -> tuple[str, ...]:
    """`http://a:9200, http://b:9200` -> both URLs (the client, `store.client.connect`, splits the same way)."""
    return tuple(url.strip() for url in value.split(",") if url.strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
