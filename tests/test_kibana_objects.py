"""Kibana cannot run here, so these checks are the saved objects' validation: their structure, that every
reference resolves inside the file, and that every field they use exists, with a fitting type, in the mappings
the store layer really creates on a real node."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any, get_args

import pytest
from elasticsearch import Elasticsearch

from broadsheet.settings import Settings
from store.documents import PassageKind
from store.indices import IndexNames, ensure_indices
from store.state import StateNames, ensure_state_indices
from tests.conftest import ROOT

KIBANA = ROOT / "kibana"
NDJSON = KIBANA / "saved_objects.ndjson"
PANEL_TYPES = {"lens", "visualization", "search"}
GRID_COLUMNS = 48
DASHBOARD_CHARTS = {
    "Articles per day",
    "Top sites",
    "Top contributors",
    "Top photo credits",
    "Caption media split",
    "Rejections by code",
}
SAVED_SEARCHES = {"Captions only", "Contributor lines only", "Latest articles", "Rejected inputs"}
# `field : value` clauses of the simple KQL these objects use.
KQL_CLAUSE = re.compile(r"([A-Za-z_][\w.]*)\s*:\s*(\"[^\"]*\"|\S+)")

Object = dict[str, Any]


def _default_alias(field: str) -> str:
    default = Settings.model_fields[field].default
    assert isinstance(default, str)
    return default


ARTICLES = _default_alias("articles_alias")
PASSAGES = _default_alias("passages_alias")
REJECTIONS = _default_alias("rejections_alias")


@pytest.fixture(scope="module")
def objects() -> list[Object]:
    lines = NDJSON.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def by_key(objects: list[Object]) -> dict[tuple[str, str], Object]:
    return {(obj["type"], obj["id"]): obj for obj in objects}


def _flatten(properties: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """`{path: type}` pairs, multi-fields included (`title.keyword`, `credit.text`)."""
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        if "properties" in spec:
            yield from _flatten(spec["properties"], f"{path}.")
            continue
        yield path, spec.get("type", "object")
        for sub, sub_spec in (spec.get("fields") or {}).items():
            yield f"{path}.{sub}", sub_spec["type"]


@pytest.fixture(scope="module")
def field_types(es: Elasticsearch, index_names: IndexNames, state_names: StateNames) -> dict[str, dict[str, str]]:
    """The fields of the indices `store.indices.ensure_indices` and `store.state.ensure_state_indices` create,
    read back from the node, keyed by the alias the data views target (this module's aliases stand in for the
    default ones)."""
    ensure_indices(es, index_names)
    ensure_state_indices(es, state_names)
    found: dict[str, dict[str, str]] = {}
    for default_alias, alias in (
        (ARTICLES, index_names.articles_alias),
        (PASSAGES, index_names.passages_alias),
        (REJECTIONS, state_names.rejections_alias),
    ):
        response = es.indices.get_mapping(index=alias)
        (mapping,) = response.body.values()
        found[default_alias] = dict(_flatten(mapping["mappings"]["properties"]))
    return found


def _json_attribute(obj: Object, *path: str) -> Any:
    value: Any = obj["attributes"]
    for key in path:
        value = value[key]
    assert isinstance(value, str), f"{obj['id']}: {'.'.join(path)} must be a JSON string"
    return json.loads(value)


def _reference(obj: Object, name: str) -> dict[str, str]:
    matches = [ref for ref in obj["references"] if ref["name"] == name]
    assert len(matches) == 1, f"{obj['type']} {obj['id']}: no single reference named {name!r}"
    return matches[0]


def _view_alias(by_key: dict[tuple[str, str], Object], reference: dict[str, str]) -> str:
    assert reference["type"] == "index-pattern"
    view = by_key[("index-pattern", reference["id"])]
    return str(view["attributes"]["title"])


def _kql_fields(query: dict[str, str]) -> list[tuple[str, str]]:
    assert query["language"] == "kuery"
    return [(field, value.strip('"')) for field, value in KQL_CLAUSE.findall(query["query"])]


def _check_kql(query: dict[str, str], fields: dict[str, str], where: str) -> None:
    for field, value in _kql_fields(query):
        assert field in fields, f"{where}: query field {field!r} is not in the mapping"
        if field == "kind":
            assert value in get_args(PassageKind), f"{where}: no passage kind {value!r}"


def _of_type(objects: list[Object], kind: str) -> list[Object]:
    return [obj for obj in objects if obj["type"] == kind]


def test_the_file_is_what_the_generator_builds() -> None:
    spec = importlib.util.spec_from_file_location("kibana_build", KIBANA / "build.py")
    assert spec is not None and spec.loader is not None
    build: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert NDJSON.read_text(encoding="utf-8") == build.render(build.saved_objects()), "run python kibana/build.py"


def test_every_object_is_a_well_formed_saved_object(objects: list[Object]) -> None:
    assert objects
    for obj in objects:
        assert {"type", "id", "attributes", "references"} <= set(obj), obj.get("id")
        assert obj["type"] in {"index-pattern", "search", "lens", "visualization", "dashboard"}
        assert re.fullmatch(r"[a-z0-9-]+", obj["id"]), "fixed, readable ids so a re-import overwrites"
        assert obj["attributes"]["title"]
        for reference in obj["references"]:
            assert set(reference) == {"name", "type", "id"}
    keys = [(obj["type"], obj["id"]) for obj in objects]
    assert len(keys) == len(set(keys)), "duplicate ids"


def test_every_reference_resolves_to_an_object_in_the_file(
    objects: list[Object], by_key: dict[tuple[str, str], Object]
) -> None:
    for obj in objects:
        for reference in obj["references"]:
            assert (reference["type"], reference["id"]) in by_key, f"{obj['id']} -> {reference}"


def test_data_views_target_the_aliases_with_a_real_date_time_field(
    objects: list[Object], field_types: dict[str, dict[str, str]]
) -> None:
    views = _of_type(objects, "index-pattern")
    assert sorted(view["attributes"]["title"] for view in views) == sorted([ARTICLES, PASSAGES, REJECTIONS])
    for view in views:
        fields = field_types[view["attributes"]["title"]]
        assert fields[view["attributes"]["timeFieldName"]] == "date"
        assert json.loads(view["attributes"]["fields"]) == [], "fields are left for Kibana to read from the mapping"


def test_saved_searches_use_existing_fields(
    objects: list[Object], by_key: dict[tuple[str, str], Object], field_types: dict[str, dict[str, str]]
) -> None:
    searches = _of_type(objects, "search")
    assert {search["attributes"]["title"] for search in searches} == SAVED_SEARCHES
    for search in searches:
        source = _json_attribute(search, "kibanaSavedObjectMeta", "searchSourceJSON")
        fields = field_types[_view_alias(by_key, _reference(search, source["indexRefName"]))]
        for column in search["attributes"]["columns"]:
            assert column in fields, f"{search['id']}: column {column!r}"
        for field, direction in search["attributes"]["sort"]:
            assert fields.get(field) in ("date", "keyword", "integer"), f"{search['id']}: cannot sort on {field!r}"
            assert direction in ("asc", "desc")
        _check_kql(source["query"], fields, search["id"])


def test_saved_searches_filter_the_passage_kinds_they_are_named_for(objects: list[Object]) -> None:
    by_title = {search["attributes"]["title"]: search for search in _of_type(objects, "search")}
    queries = {
        title: _json_attribute(search, "kibanaSavedObjectMeta", "searchSourceJSON")["query"]
        for title, search in by_title.items()
    }
    assert _kql_fields(queries["Captions only"]) == [("kind", "caption")]
    assert _kql_fields(queries["Contributor lines only"]) == [("kind", "contributor")]
    assert by_title["Latest articles"]["attributes"]["sort"] == [["published", "desc"]]
    assert by_title["Rejected inputs"]["attributes"]["sort"] == [["rejected_at", "desc"]]
    assert "code" in by_title["Rejected inputs"]["attributes"]["columns"]


# What each Lens operation needs of its field.
OPERATION_TYPES = {"date_histogram": {"date"}, "terms": {"keyword"}}


def _check_lens_layer(lens: Object, layer: dict[str, Any], fields: dict[str, str]) -> None:
    columns = layer["columns"]
    assert layer["columnOrder"] and set(layer["columnOrder"]) == set(columns)
    for column_id, column in columns.items():
        operation = column["operationType"]
        if operation == "count":
            assert column["sourceField"] == "___records___"
            continue
        field = column["sourceField"]
        assert field in fields, f"{lens['id']}: {field!r} is not in the mapping"
        assert fields[field] in OPERATION_TYPES[operation], f"{lens['id']}: {operation} on a {fields[field]} field"
        if operation == "terms":
            assert column["params"]["orderBy"].get("columnId", column_id) in columns


def _accessors(visualization: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for layer in visualization["layers"]:
        for key in ("accessors", "metrics", "primaryGroups"):
            found |= set(layer.get(key, []))
        if "xAccessor" in layer:
            found.add(layer["xAccessor"])
    return found


def test_lens_charts_use_existing_fields_of_fitting_types(
    objects: list[Object], by_key: dict[tuple[str, str], Object], field_types: dict[str, dict[str, str]]
) -> None:
    charts = _of_type(objects, "lens")
    assert charts
    for lens in charts:
        state = lens["attributes"]["state"]
        layers = state["datasourceStates"]["formBased"]["layers"]
        assert layers
        for layer_id, layer in layers.items():
            alias = _view_alias(by_key, _reference(lens, f"indexpattern-datasource-layer-{layer_id}"))
            _check_lens_layer(lens, layer, field_types[alias])
            _check_kql(state["query"], field_types[alias], lens["id"])
            assert _accessors(state["visualization"]) <= set(layer["columns"]), lens["id"]


def _chart(objects: list[Object], title: str) -> tuple[Object, dict[str, Any]]:
    (lens,) = [obj for obj in _of_type(objects, "lens") if obj["attributes"]["title"] == title]
    (layer,) = lens["attributes"]["state"]["datasourceStates"]["formBased"]["layers"].values()
    (bucket,) = [column for column in layer["columns"].values() if column["isBucketed"]]
    return lens, bucket


@pytest.mark.parametrize(
    ("title", "view", "operation", "field", "query"),
    [
        ("Articles per day", ARTICLES, "date_histogram", "published", ""),
        ("Top sites", ARTICLES, "terms", "site", ""),
        ("Top contributors", ARTICLES, "terms", "contributors", ""),
        ("Top photo credits", PASSAGES, "terms", "credit", 'kind : "caption"'),
        ("Caption media split", PASSAGES, "terms", "media", 'kind : "caption"'),
        ("Rejections by code", REJECTIONS, "terms", "code", ""),
    ],
)
def test_each_chart_counts_what_its_title_says(
    objects: list[Object],
    by_key: dict[tuple[str, str], Object],
    title: str,
    view: str,
    operation: str,
    field: str,
    query: str,
) -> None:
    lens, bucket = _chart(objects, title)
    assert (bucket["operationType"], bucket["sourceField"]) == (operation, field)
    assert lens["attributes"]["state"]["query"]["query"] == query
    (reference,) = lens["references"]
    assert _view_alias(by_key, reference) == view


def test_dashboard_panels_resolve_and_fit_the_grid(
    objects: list[Object], by_key: dict[tuple[str, str], Object]
) -> None:
    (dashboard,) = _of_type(objects, "dashboard")
    panels = _json_attribute(dashboard, "panelsJSON")
    titles = set()
    cells: set[tuple[int, int]] = set()
    for panel in panels:
        reference = _reference(dashboard, f"{panel['panelIndex']}:{panel['panelRefName']}")
        assert reference["type"] == panel["type"] and panel["type"] in PANEL_TYPES
        titles.add(by_key[(reference["type"], reference["id"])]["attributes"]["title"])
        grid = panel["gridData"]
        assert grid["i"] == panel["panelIndex"]
        assert grid["x"] >= 0 and grid["x"] + grid["w"] <= GRID_COLUMNS
        covered = {
            (x, y) for x in range(grid["x"], grid["x"] + grid["w"]) for y in range(grid["y"], grid["y"] + grid["h"])
        }
        assert not covered & cells, f"panel {panel['panelIndex']} overlaps another"
        cells |= covered
    assert titles == DASHBOARD_CHARTS
    assert len(dashboard["references"]) == len(panels)
    _json_attribute(dashboard, "optionsJSON")
    source = _json_attribute(dashboard, "kibanaSavedObjectMeta", "searchSourceJSON")
    assert source["query"]["language"] == "kuery"
