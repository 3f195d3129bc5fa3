"""docker-compose.scaled.yml cannot run here (no Docker engine), so these checks are its validation: a three-node
Elasticsearch cluster that forms and survives the loss of a node, clients that know every node, a Dask scheduler
and workers on one image with the flow, and the same safety rules as docker-compose.yml."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from broadsheet.settings import Settings
from broadsheet.versions import ELASTICSEARCH_VERSION

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "docker-compose.scaled.yml"
NODES = ("es01", "es02", "es03")
ES_CLIENTS = ("worker", "api", "dask-worker")
ON_THE_IMAGE = ("worker", "api", "kibana-setup", "dask-scheduler", "dask-worker")
OFF = ("false", False)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load(FILE.read_text(encoding="utf-8"))  # resolves the x- anchors and << merges
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    found = compose["services"]
    assert isinstance(found, dict)
    return found


def test_the_scaled_stack_has_its_services(services: dict[str, Any]) -> None:
    assert set(services) == {
        *NODES,
        "kibana",
        "prefect-server",
        "dask-scheduler",
        "dask-worker",
        "worker",
        "api",
        "kibana-setup",
    }


# ------------------------------------------------------------------------------------- elasticsearch


@pytest.mark.parametrize("node", NODES)
def test_each_node_is_the_pinned_full_distribution(services: dict[str, Any], node: str) -> None:
    assert services[node]["image"] == f"docker.elastic.co/elasticsearch/elasticsearch:{ELASTICSEARCH_VERSION}"


def test_the_nodes_form_one_cluster_seeded_with_every_node(services: dict[str, Any]) -> None:
    envs = [services[node]["environment"] for node in NODES]
    assert len({env["cluster.name"] for env in envs}) == 1
    assert [env["node.name"] for env in envs] == list(NODES)
    for env in envs:
        assert "discovery.type" not in env, "single-node discovery would make three separate clusters"
        assert env["discovery.seed_hosts"].split(",") == list(NODES)
        # Every master-eligible node named, so any two of the three are a quorum.
        assert env["cluster.initial_master_nodes"].split(",") == list(NODES)
        assert env["xpack.security.enabled"] in OFF
        assert env["cluster.routing.allocation.disk.threshold_enabled"] in OFF
        assert re.search(r"-Xms(\S+) -Xmx\1", env["ES_JAVA_OPTS"]), "a fixed heap, as on the single node"


def test_every_node_holds_data_and_may_be_master(services: dict[str, Any]) -> None:
    """A replica needs another data node, and losing the elected master must leave a quorum of two."""
    for node in NODES:
        roles = services[node]["environment"].get("node.roles")
        assert roles is None or {"master", "data"} <= set(str(roles).strip("[]").split(","))


def test_each_node_has_its_own_data_volume(compose: dict[str, Any], services: dict[str, Any]) -> None:
    sources = []
    for node in NODES:
        (volume,) = [v for v in services[node]["volumes"] if str(v).endswith(":/usr/share/elasticsearch/data")]
        sources.append(str(volume).split(":", 1)[0])
    assert len(set(sources)) == len(NODES)
    assert set(sources) <= set(compose["volumes"])


@pytest.mark.parametrize("node", NODES)
def test_each_node_reports_its_health(services: dict[str, Any], node: str) -> None:
    assert "_cluster/health" in " ".join(services[node]["healthcheck"]["test"])


# ------------------------------------------------------------------------------------------- clients


@pytest.mark.parametrize("service", ES_CLIENTS)
def test_clients_are_given_every_node(services: dict[str, Any], service: str) -> None:
    url = services[service]["environment"]["ELASTICSEARCH_URL"]
    urls = Settings(ELASTICSEARCH_URL=url).elasticsearch_urls  # the form broadsheet parses
    assert urls == tuple(f"http://{node}:9200" for node in NODES)


def test_kibana_is_given_every_node(services: dict[str, Any]) -> None:
    kibana = services["kibana"]
    assert kibana["image"] == f"docker.elastic.co/kibana/kibana:{ELASTICSEARCH_VERSION}"
    hosts = yaml.safe_load(kibana["environment"]["ELASTICSEARCH_HOSTS"])
    assert hosts == [f"http://{node}:9200" for node in NODES]


# ---------------------------------------------------------------------------------------------- dask


def test_scheduler_workers_and_flow_run_one_image(services: dict[str, Any]) -> None:
    """Dask refuses mismatched versions between client, scheduler and workers, and workers run our code."""
    assert {services[name]["image"] for name in ON_THE_IMAGE} == {"broadsheet:local"}
    assert all(services[name]["build"] == "." for name in ON_THE_IMAGE)
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"pip install[^\n]*/app\[dask\]", dockerfile), "the image needs the dask extra"


def test_workers_join_the_scheduler_the_flow_uses(services: dict[str, Any]) -> None:
    scheduler = services["dask-scheduler"]["command"]
    assert scheduler[:2] == ["dask", "scheduler"]
    port = scheduler[scheduler.index("--port") + 1]
    address = f"tcp://dask-scheduler:{port}"
    worker = services["dask-worker"]["command"]
    assert worker[:3] == ["dask", "worker", address]
    assert services["worker"]["environment"]["BROADSHEET_DASK_ADDRESS"] == address
    assert "dask-scheduler" in services["worker"]["depends_on"]
    assert services["dask-worker"]["depends_on"]["dask-scheduler"]["condition"] == "service_healthy"


def test_workers_are_single_threaded_processes_and_several(services: dict[str, Any]) -> None:
    """Extraction is CPU-bound Python: one thread per process, and capacity comes from more workers."""
    command = services["dask-worker"]["command"]
    assert command[command.index("--nthreads") + 1] == "1"
    assert command[command.index("--nworkers") + 1] == "1"
    assert services["dask-worker"]["deploy"]["replicas"] >= 2


def test_workers_see_the_drop_folder_where_the_flow_does(services: dict[str, Any]) -> None:
    drop = services["worker"]["environment"]["BROADSHEET_DROP_DIR"]
    assert f"./dumps:{drop}" in services["worker"]["volumes"]
    assert services["dask-worker"]["environment"]["BROADSHEET_DROP_DIR"] == drop
    assert f"./dumps:{drop}:ro" in services["dask-worker"]["volumes"]


# ----------------------------------------------------------------------------------- stack-wide rules


def test_the_deployment_is_served_against_the_prefect_server(services: dict[str, Any]) -> None:
    worker = services["worker"]
    assert worker["command"] == ["broadsheet", "schedule"]
    assert worker["environment"]["PREFECT_API_URL"] == "http://prefect-server:4200/api"
    assert worker["depends_on"]["prefect-server"]["condition"] == "service_healthy"
    assert services["prefect-server"]["image"] == "prefecthq/prefect:3-python3.12"


def test_no_service_publishes_a_port_beyond_loopback(services: dict[str, Any]) -> None:
    for name, service in services.items():
        for binding in service.get("ports", []):
            assert str(binding).startswith("127.0.0.1:"), f"{name} publishes {binding} on every interface"


def test_each_node_is_reachable_from_the_host_on_its_own_port(services: dict[str, Any]) -> None:
    published = [services[node]["ports"] for node in NODES]
    assert published == [[f"127.0.0.1:{9200 + offset}:9200"] for offset in range(len(NODES))]


@pytest.mark.parametrize("service", ["kibana", "prefect-server", "api", "dask-scheduler"])
def test_services_have_healthchecks(services: dict[str, Any], service: str) -> None:
    assert services[service]["healthcheck"]["test"]


def test_dependents_wait_for_a_healthy_cluster(services: dict[str, Any]) -> None:
    for name in ("kibana", "api", "worker", "dask-worker"):
        conditions = {dep: spec["condition"] for dep, spec in services[name]["depends_on"].items() if dep in NODES}
        assert conditions and set(conditions.values()) == {"service_healthy"}, name


def test_named_volumes_are_declared(compose: dict[str, Any], services: dict[str, Any]) -> None:
    declared = set(compose["volumes"])
    for service in services.values():
        for volume in service.get("volumes", []):
            source = str(volume).split(":", 1)[0]
            if not source.startswith((".", "/")):
                assert source in declared, f"volume {source} is not declared"
