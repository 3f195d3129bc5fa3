"""Generate `kibana/saved_objects.ndjson`: Kibana 8.19 saved objects over Broadsheet's `articles` and `passages`.

    python kibana/build.py          # rewrite the NDJSON next to this script
    python kibana/build.py --check  # exit 1 if the checked-in NDJSON is not what this script builds

Kibana stores much of an object as JSON inside strings (`searchSourceJSON`, `panelsJSON`); writing them by hand
invites escaping mistakes, so they are built here from plain dicts. Ids are fixed so a re-import overwrites.
Field names must exist in the mappings `store/mappings.py` creates (tests/test_kibana_objects.py checks them
against a real node).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Literal

OUTPUT = Path(__file__).resolve().parent / "saved_objects.ndjson"

# Migration versions an 8.19 Kibana accepts; it migrates anything older itself on import.
CORE_MIGRATION_VERSION = "8.8.0"
TYPE_MIGRATION_VERSIONS = {"index-pattern": "8.0.0", "search": "8.0.0", "lens": "8.9.0", "dashboard": "8.9.0"}
PANEL_VERSION = "8.19.0"

ARTICLES_VIEW = "broadsheet-articles"
PASSAGES_VIEW = "broadsheet-passages"
REJECTIONS_VIEW = "broadsheet-rejections"
SEARCH_INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"
LENS_LAYER = "layer1"
COUNT = "count"
BUCKETS = "buckets"

SavedObject = dict[str, Any]
Chart = Literal["bar", "bar_horizontal", "donut"]


def _saved_object(
    kind: str, object_id: str, attributes: dict[str, Any], references: list[dict[str, str]]
) -> SavedObject:
    return {
        "type": kind,
        "id": object_id,
        "attributes": attributes,
        "references": references,
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "typeMigrationVersion": TYPE_MIGRATION_VERSIONS[kind],
        "managed": False,
    }


def _kql(query: str = "") -> dict[str, str]:
    return {"query": query, "language": "kuery"}


def data_view(object_id: str, alias: str, name: str, time_field: str) -> SavedObject:
    """`fields` is left empty: Kibana reads the field list from the mapping when the view is opened."""
    attributes = {
        "title": alias,
        "name": name,
        "timeFieldName": time_field,
        "fields": "[]",
        "fieldFormatMap": "{}",
        "runtimeFieldMap": "{}",
        "sourceFilters": "[]",
        "allowHidden": False,
    }
    return _saved_object("index-pattern", object_id, attributes, [])


def saved_search(
    object_id: str, title: str, view: str, query: str, columns: list[str], sort: list[list[str]]
) -> SavedObject:
    search_source = {"query": _kql(query), "filter": [], "indexRefName": SEARCH_INDEX_REF}
    attributes = {
        "title": title,
        "description": "",
        "columns": columns,
        "sort": sort,
        "grid": {},
        "hideChart": False,
        "isTextBasedQuery": False,
        "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(search_source)},
    }
    return _saved_object("search", object_id, attributes, [_view_ref(SEARCH_INDEX_REF, view)])


def _view_ref(name: str, view: str) -> dict[str, str]:
    return {"name": name, "type": "index-pattern", "id": view}


def _count_column() -> dict[str, Any]:
    return {
        "label": "Count",
        "dataType": "number",
        "operationType": "count",
        "isBucketed": False,
        "scale": "ratio",
        "sourceField": "___records___",
        "params": {"emptyAsNull": True},
    }


def _date_histogram_column(field: str) -> dict[str, Any]:
    return {
        "label": field,
        "dataType": "date",
        "operationType": "date_histogram",
        "sourceField": field,
        "isBucketed": True,
        "scale": "interval",
        "params": {"interval": "d", "includeEmptyRows": True, "dropPartials": False},
    }


def _terms_column(field: str, label: str, size: int) -> dict[str, Any]:
    return {
        "label": label,
        "dataType": "string",
        "operationType": "terms",
        "sourceField": field,
        "isBucketed": True,
        "scale": "ordinal",
        "params": {
            "size": size,
            "orderBy": {"type": "column", "columnId": COUNT},
            "orderDirection": "desc",
            "otherBucket": False,
            "missingBucket": False,
            "parentFormat": {"id": "terms"},
        },
    }


def _xy(series_type: str) -> dict[str, Any]:
    return {
        "preferredSeriesType": series_type,
        "legend": {"isVisible": False, "position": "right"},
        "valueLabels": "hide",
        "layers": [
            {
                "layerId": LENS_LAYER,
                "layerType": "data",
                "seriesType": series_type,
                "xAccessor": BUCKETS,
                "accessors": [COUNT],
            }
        ],
    }


def _pie() -> dict[str, Any]:
    return {
        "shape": "donut",
        "layers": [
            {
                "layerId": LENS_LAYER,
                "layerType": "data",
                "primaryGroups": [BUCKETS],
                "metrics": [COUNT],
                "numberDisplay": "percent",
                "categoryDisplay": "default",
                "legendDisplay": "default",
                "nestedLegend": False,
            }
        ],
    }


def lens(object_id: str, title: str, view: str, buckets: dict[str, Any], chart: Chart, query: str = "") -> SavedObject:
    """One Lens chart with one layer: a bucket column (date histogram or terms) against the document count.
    `query` (KQL) narrows the chart, e.g. to caption passages only."""
    layer = {
        "columns": {BUCKETS: buckets, COUNT: _count_column()},
        "columnOrder": [BUCKETS, COUNT],
        "incompleteColumns": {},
        "sampling": 1,
    }
    attributes = {
        "title": title,
        "description": "",
        "visualizationType": "lnsPie" if chart == "donut" else "lnsXY",
        "state": {
            "datasourceStates": {"formBased": {"layers": {LENS_LAYER: layer}}},
            "visualization": _pie() if chart == "donut" else _xy(chart),
            "query": _kql(query),
            "filters": [],
            "internalReferences": [],
            "adHocDataViews": {},
        },
    }
    return _saved_object(
        "lens", object_id, attributes, [_view_ref(f"indexpattern-datasource-layer-{LENS_LAYER}", view)]
    )


def lens_objects() -> list[SavedObject]:
    captions = 'kind : "caption"'
    return [
        lens(
            "broadsheet-articles-per-day", "Articles per day", ARTICLES_VIEW, _date_histogram_column("published"), "bar"
        ),
        lens("broadsheet-top-sites", "Top sites", ARTICLES_VIEW, _terms_column("site", "Site", 10), "bar_horizontal"),
        lens(
            "broadsheet-top-contributors",
            "Top contributors",
            ARTICLES_VIEW,
            _terms_column("contributors", "Contributor", 10),
            "bar_horizontal",
        ),
        lens(
            "broadsheet-top-photo-credits",
            "Top photo credits",
            PASSAGES_VIEW,
            _terms_column("credit", "Credit", 10),
            "bar_horizontal",
            query=captions,
        ),
        lens(
            "broadsheet-caption-media",
            "Caption media split",
            PASSAGES_VIEW,
            _terms_column("media", "Media", 5),
            "donut",
            query=captions,
        ),
        # Rejections counted by their code (`transforms.model.RejectionCode`), never by parsing the reason text.
        lens(
            "broadsheet-rejections-by-code",
            "Rejections by code",
            REJECTIONS_VIEW,
            _terms_column("code", "Code", 15),
            "bar_horizontal",
        ),
    ]


# (lens id, x, y, width, height) on Kibana's 48-column grid.
LAYOUT = [
    ("broadsheet-articles-per-day", 0, 0, 48, 12),
    ("broadsheet-top-sites", 0, 12, 24, 15),
    ("broadsheet-top-contributors", 24, 12, 24, 15),
    ("broadsheet-top-photo-credits", 0, 27, 24, 15),
    ("broadsheet-caption-media", 24, 27, 24, 15),
    ("broadsheet-rejections-by-code", 0, 42, 48, 12),
]


def dashboard(object_id: str, title: str) -> SavedObject:
    """Panels by reference: each names `panel_<index>`, resolved through the reference `<index>:panel_<index>`."""
    panels: list[dict[str, Any]] = []
    references: list[dict[str, str]] = []
    for number, (lens_id, x, y, width, height) in enumerate(LAYOUT, start=1):
        index = f"p{number}"
        panels.append(
            {
                "version": PANEL_VERSION,
                "type": "lens",
                "gridData": {"x": x, "y": y, "w": width, "h": height, "i": index},
                "panelIndex": index,
                "embeddableConfig": {"enhancements": {}},
                "panelRefName": f"panel_{index}",
            }
        )
        references.append({"name": f"{index}:panel_{index}", "type": "lens", "id": lens_id})
    attributes = {
        "title": title,
        "description": "Articles per day, top sites, contributors, photo credits, caption media, rejections by code.",
        "panelsJSON": json.dumps(panels),
        "optionsJSON": json.dumps({"useMargins": True, "syncColors": False, "hidePanelTitles": False}),
        # Archives hold old news: open on the last five years, not Kibana's default 15 minutes.
        "timeRestore": True,
        "timeFrom": "now-5y",
        "timeTo": "now",
        "refreshInterval": {"pause": True, "value": 0},
        "version": 1,
        "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps({"query": _kql(), "filter": []})},
    }
    return _saved_object("dashboard", object_id, attributes, references)


def saved_objects() -> list[SavedObject]:
    """Referenced objects first, so a reader (or a partial import) meets a target before its users."""
    views = [
        data_view(ARTICLES_VIEW, "articles", "Broadsheet articles", "published"),
        data_view(PASSAGES_VIEW, "passages", "Broadsheet passages", "published"),
        data_view(REJECTIONS_VIEW, "rejections", "Broadsheet rejections", "rejected_at"),
    ]
    searches = [
        saved_search(
            "broadsheet-captions",
            "Captions only",
            PASSAGES_VIEW,
            'kind : "caption"',
            ["text", "credit", "media", "title", "site"],
            [["published", "desc"]],
        ),
        saved_search(
            "broadsheet-contributor-lines",
            "Contributor lines only",
            PASSAGES_VIEW,
            'kind : "contributor"',
            ["text", "contributors", "title", "site"],
            [["published", "desc"]],
        ),
        saved_search(
            "broadsheet-latest-articles",
            "Latest articles",
            ARTICLES_VIEW,
            "",
            ["title", "site", "byline", "url"],
            [["published", "desc"]],
        ),
        saved_search(
            "broadsheet-rejected-inputs",
            "Rejected inputs",
            REJECTIONS_VIEW,
            "",
            ["file", "uri", "code", "reason"],
            [["rejected_at", "desc"]],
        ),
    ]
    return [*views, *searches, *lens_objects(), dashboard("broadsheet-overview", "Broadsheet overview")]


def render(objects: list[SavedObject]) -> str:
    return "".join(json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n" for obj in objects)


def main(argv: list[str]) -> int:
    built = render(saved_objects())
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != built:
            print(f"{OUTPUT} is stale: run `python kibana/build.py`", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(built, encoding="utf-8")
    print(f"wrote {len(built.splitlines())} saved objects to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
