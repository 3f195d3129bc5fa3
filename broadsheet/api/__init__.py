"""The read-only search API and its HTML page (FastAPI). Imported only by `broadsheet serve` and the tests, so the
rest of the CLI never pays for importing FastAPI."""

from broadsheet.api.app import create_app, from_environment

__all__ = ["create_app", "from_environment"]
