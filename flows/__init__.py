"""Prefect flows: orchestration only. The work is done by `transforms` (extraction) and `store` (Elasticsearch)."""
