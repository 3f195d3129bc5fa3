"""docker-compose.yml cannot run here (no Docker engine), so these checks are its validation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from broadsheet.versions import ELASTICSEARCH_VERSION

ROOT = Path(__file__).resolve().parent.parent
SECURITY_OFF = ("false", False)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    found = compose["services"]
    assert isinstance(found, dict)
    return found


def image_version(service: dict[str, Any], repository: str) -> str:
    name, _, tag = service["image"].rpartition(":")
    assert name == repository
    return str(tag)


def test_the_stack_has_its_services(services: dict[str, Any]) -> None:
    assert set(services) == {"elasticsearch", "kibana", "prefect-server", "worker", "api", "kibana-setup"}


def test_elastic_images_are_the_pinned_version(services: dict[str, Any]) -> None:
    elastic = "docker.elastic.co"
    assert image_version(services["elasticsearch"], f"{elastic}/elasticsearch/elasticsearch") == ELASTICSEARCH_VERSION
    assert image_version(services["kibana"], f"{elastic}/kibana/kibana") == ELASTICSEARCH_VERSION


def test_prefect_server_is_prefect_3(services: dict[str, Any]) -> None:
    server = services["prefect-server"]
    assert server["image"] == "prefecthq/prefect:3-python3.12"
    assert server["command"] == ["prefect", "server", "start", "--host", "0.0.0.0"]


@pytest.mark.parametrize(
    ("service", "port"), [("elasticsearch", 9200), ("kibana", 5601), ("prefect-server", 4200), ("api", 8000)]
)
def test_published_ports_are_bound_to_loopback_only(services: dict[str, Any], service: str, port: int) -> None:
    assert services[service]["ports"] == [f"127.0.0.1:{port}:{port}"]


def test_no_service_publishes_a_port_beyond_loopback(services: dict[str, Any]) -> None:
    for name, service in services.items():
        for binding in service.get("ports", []):
            assert str(binding).startswith("127.0.0.1:"), f"{name} publishes {binding} on every interface"


def test_elasticsearch_runs_single_node_with_security_off(services: dict[str, Any]) -> None:
    env = services["elasticsearch"]["environment"]
    assert env["xpack.security.enabled"] in SECURITY_OFF
    assert env["discovery.type"] == "single-node"
    assert env["cluster.routing.allocation.disk.threshold_enabled"] in SECURITY_OFF
    assert "-Xmx1g" in env["ES_JAVA_OPTS"]


@pytest.mark.parametrize("service", ["elasticsearch", "kibana", "prefect-server", "api"])
def test_services_have_healthchecks(services: dict[str, Any], service: str) -> None:
    assert services[service]["healthcheck"]["test"]


def test_kibana_talks_to_the_compose_elasticsearch(services: dict[str, Any]) -> None:
    kibana = services["kibana"]
    assert kibana["environment"]["ELASTICSEARCH_HOSTS"] == "http://elasticsearch:9200"
    assert kibana["depends_on"]["elasticsearch"]["condition"] == "service_healthy"


def test_worker_is_built_here_and_points_at_the_stack(services: dict[str, Any]) -> None:
    worker = services["worker"]
    assert worker["build"] == "."
    env = worker["environment"]
    assert env["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
    assert env["PREFECT_API_URL"] == "http://prefect-server:4200/api"
    assert env["BROADSHEET_DROP_DIR"] == "/dumps"
    assert "./dumps:/dumps" in worker["volumes"]
    assert worker["command"] == ["broadsheet", "schedule"]
    assert {"elasticsearch", "prefect-server"} <= set(worker["depends_on"])


def test_kibana_setup_imports_the_saved_objects_once_kibana_is_healthy(services: dict[str, Any]) -> None:
    setup = services["kibana-setup"]
    assert (setup["build"], setup["image"]) == (".", services["worker"]["image"])
    assert setup["depends_on"]["kibana"]["condition"] == "service_healthy"
    command = setup["command"]
    assert command[:3] == ["broadsheet", "kibana", "import"]
    assert command[command.index("--url") + 1] == "http://kibana:5601"
    # The image copies the checkout to /app (test_dockerfile_installs_the_project), so the file is there.
    in_image = Path(command[command.index("--file") + 1])
    assert (ROOT / in_image.relative_to("/app")).is_file()
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    assert not {"kibana", "kibana/", "*.ndjson"} & ignored, "the build context must keep kibana/"
    assert setup["restart"] == "no"


def test_api_serves_search_on_every_interface_of_its_container(services: dict[str, Any]) -> None:
    api = services["api"]
    assert api["command"] == ["broadsheet", "serve", "--host", "0.0.0.0", "--port", "8000"]
    assert api["environment"]["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
    assert api["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    assert "/healthz" in " ".join(api["healthcheck"]["test"])


def test_named_volumes_are_declared(compose: dict[str, Any], services: dict[str, Any]) -> None:
    declared = set(compose["volumes"])
    for service in services.values():
        for volume in service.get("volumes", []):
            source = str(volume).split(":", 1)[0]
            if not source.startswith((".", "/")):
                assert source in declared, f"volume {source} is not declared"
    assert any(str(v).endswith(":/usr/share/elasticsearch/data") for v in services["elasticsearch"]["volumes"])


def test_dockerfile_installs_the_project() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^COPY \. /app$", dockerfile, re.MULTILINE)
    assert re.search(r"pip install[^\n]* \"?/app\b", dockerfile)
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", ".local", ".git"} <= set(ignored)  # keep the build context small and secret-free
