"""Broadsheet: raw news-article dumps to a searchable Elasticsearch archive."""

__version__ = "0.1.0"
