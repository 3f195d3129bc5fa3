"""The Elasticsearch layer: index templates and aliases, bulk writing, query building.

Nothing outside this package builds Elasticsearch requests; the flows, the CLI and the API call it.
"""
