"""The local cluster's plan, settings and process handling, checked without starting Elasticsearch: commands and
settings as built, identity and stopping against throwaway processes. tests/test_cluster.py runs a real cluster."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from pydantic import ValidationError

from broadsheet import localcluster, localnode
from broadsheet.localcluster import member_settings, plan_cluster
from broadsheet.localnode import NODE_TAG, SERVER_MAIN_CLASS, LocalNodeError, NodeLayout, NotOurProcessError
from broadsheet.settings import Settings
from store.client import connect


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(ELASTICSEARCH_URL="http://127.0.0.1:9260", BROADSHEET_LOCAL_DIR=tmp_path / "local")


# ---------------------------------------------------------------------------------------------- plan


def test_members_take_consecutive_ports_from_the_first_url(settings: Settings) -> None:
    plan = plan_cluster(settings, 3)
    assert [member.http.url for member in plan.members] == [
        "http://127.0.0.1:9260",
        "http://127.0.0.1:9261",
        "http://127.0.0.1:9262",
    ]
    assert [member.transport_port for member in plan.members] == [9360, 9361, 9362]
    assert plan.urls == "http://127.0.0.1:9260,http://127.0.0.1:9261,http://127.0.0.1:9262"
    assert plan.names == ("node-1", "node-2", "node-3")


def test_members_share_the_installation_and_own_their_data_logs_and_pid(settings: Settings) -> None:
    plan = plan_cluster(settings, 3)
    single = localnode.layout_for(settings)
    layouts = [member.layout for member in plan.members]
    assert {layout.home for layout in layouts} == {single.home}
    for attribute in ("data_dir", "logs_dir", "pid_file"):
        paths = {getattr(layout, attribute) for layout in [single, *layouts]}
        assert len(paths) == 4, f"{attribute} is shared"
    assert layouts[1].data_dir == single.root / "nodes" / "node-2" / "data"
    assert single.data_dir == single.root / "data"  # the single node's data stays where it always was


def test_a_cluster_needs_two_nodes(settings: Settings) -> None:
    with pytest.raises(LocalNodeError, match="at least 2"):
        plan_cluster(settings, 1)


def test_members_discover_each_other_and_bootstrap_only_once(settings: Settings) -> None:
    plan = plan_cluster(settings, 3)
    first = member_settings(plan.members[0], plan, bootstrap=True)
    assert "discovery.type" not in first
    assert first["node.name"] == "node-1"
    assert first["cluster.name"] == localnode.CLUSTER_NAME
    assert first["http.port"] == "9260" and first["transport.port"] == "9360"
    assert first["discovery.seed_hosts"] == "127.0.0.1:9360,127.0.0.1:9361,127.0.0.1:9362"
    assert first["cluster.initial_master_nodes"] == "node-1,node-2,node-3"
    assert first["path.data"] == str(plan.members[0].layout.data_dir)
    assert first["network.host"] == "127.0.0.1"
    restarted = member_settings(plan.members[0], plan, bootstrap=False)
    assert "cluster.initial_master_nodes" not in restarted


def test_a_cluster_with_data_is_not_bootstrapped_again(settings: Settings) -> None:
    plan = plan_cluster(settings, 3)
    assert not any(member.has_data for member in plan.members)
    (plan.members[2].layout.data_dir / "_state").mkdir(parents=True)
    assert plan.members[2].has_data


def test_member_folders_are_listed_in_numeric_order(tmp_path: Path) -> None:
    layout = NodeLayout(root=tmp_path)
    for name in ("node-10", "node-2", "node-1", "scratch"):
        (layout.members_dir / name).mkdir(parents=True)
    assert [member.name for member in localnode.member_layouts(layout)] == ["node-1", "node-2", "node-10"]


# ------------------------------------------------------------------------------------------ settings


def test_elasticsearch_url_may_list_every_node() -> None:
    settings = Settings(ELASTICSEARCH_URL=" http://127.0.0.1:9200, http://127.0.0.1:9201 ,")
    assert settings.elasticsearch_urls == ("http://127.0.0.1:9200", "http://127.0.0.1:9201")
    assert localnode.local_endpoint(settings.elasticsearch_url).port == 9200
    assert [endpoint.port for endpoint in localnode.local_endpoints(settings.elasticsearch_url)] == [9200, 9201]


@pytest.mark.parametrize("url", ["", " , ", "127.0.0.1:9200", "http://127.0.0.1:9200,elasticsearch:9200"])
def test_a_malformed_elasticsearch_url_is_refused(url: str) -> None:
    with pytest.raises(ValidationError, match=r"ELASTICSEARCH_URL|http"):
        Settings(ELASTICSEARCH_URL=url)


def test_the_client_is_given_every_node() -> None:
    client = connect("http://127.0.0.1:9260, http://127.0.0.1:9261,http://127.0.0.1:9262")
    ports = sorted(node.config.port for node in client.transport.node_pool.all())
    assert ports == [9260, 9261, 9262]


# --------------------------------------------------------------------------------------- processes


def _fake_server(home: Path, tag: Path | None) -> subprocess.Popen[bytes]:
    """A process whose command line and environment look like a node's server, to exercise identity checks."""
    env = {key: value for key, value in os.environ.items() if key != NODE_TAG}
    if tag is not None:
        env[NODE_TAG] = str(tag)
    script = "import time; time.sleep(60)"
    main_class = f"org.elasticsearch.server/{SERVER_MAIN_CLASS}"
    process = subprocess.Popen([sys.executable, "-c", script, f"-Des.path.home={home}", main_class], env=env)
    deadline = time.monotonic() + 10
    while psutil.Process(process.pid).cmdline()[-1:] != [main_class] and time.monotonic() < deadline:
        time.sleep(0.01)  # until it has exec'd: a fork still shows its parent's command line
    return process


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        process.kill()
        process.wait()


def test_members_sharing_a_home_are_told_apart_by_their_tag(
    tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    single = NodeLayout(root=tmp_path)
    first, second = single.member("node-1"), single.member("node-2")
    processes.append(_fake_server(single.home, tag=first.node_root))
    pid = processes[-1].pid
    assert localnode.is_our_node(pid, first)
    assert not localnode.is_our_node(pid, second)
    assert not localnode.is_our_node(pid, single)
    assert not localnode.is_our_node(pid, NodeLayout(root=tmp_path / "elsewhere").member("node-1"))


def test_an_untagged_server_can_only_be_the_single_node(
    tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    """Nodes started before the tag existed keep being recognised (and stoppable) as the single node."""
    single = NodeLayout(root=tmp_path)
    processes.append(_fake_server(single.home, tag=None))
    assert localnode.is_our_node(processes[-1].pid, single)
    assert not localnode.is_our_node(processes[-1].pid, single.member("node-1"))


def test_stop_all_stops_every_member_together_and_clears_their_pid_files(
    settings: Settings, processes: list[subprocess.Popen[bytes]]
) -> None:
    plan = plan_cluster(settings, 3)
    for member in plan.members:
        processes.append(_fake_server(member.layout.home, tag=member.layout.node_root))
        member.layout.run_dir.mkdir(parents=True)
        member.layout.pid_file.write_text(f"{processes[-1].pid}\n")
    outcomes = localcluster.stop_all(settings, timeout=10)
    assert outcomes == {
        "": localnode.StopOutcome.NOT_RUNNING,
        **{name: localnode.StopOutcome.STOPPED for name in plan.names},
    }
    assert all(process.wait(timeout=5) is not None for process in processes)
    assert not any(member.layout.pid_file.exists() for member in plan.members)


def test_stop_all_signals_nothing_when_one_pid_file_names_a_stranger(
    settings: Settings, processes: list[subprocess.Popen[bytes]]
) -> None:
    plan = plan_cluster(settings, 2)
    ours, stranger = plan.members
    processes.append(_fake_server(ours.layout.home, tag=ours.layout.node_root))
    processes.append(subprocess.Popen(["sleep", "60"]))
    for member, process in zip(plan.members, processes, strict=True):
        member.layout.run_dir.mkdir(parents=True)
        member.layout.pid_file.write_text(f"{process.pid}\n")
    with pytest.raises(NotOurProcessError, match=str(processes[1].pid)):
        localcluster.stop_all(settings, timeout=1)
    assert all(process.poll() is None for process in processes), "stop signalled before checking every pid"
    assert stranger.layout.pid_file.exists()


def test_ending_a_process_tree_ends_its_descendants(processes: list[subprocess.Popen[bytes]]) -> None:
    processes.append(subprocess.Popen(["sh", "-c", "sleep 60 & sleep 60 & wait"]))
    root = psutil.Process(processes[-1].pid)
    deadline = time.monotonic() + 10
    while len(root.children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    descendants = root.children(recursive=True)
    assert len(descendants) == 2
    localnode.end_process_tree(root.pid, grace=5)
    assert processes[-1].wait(timeout=5) is not None
    assert not any(localnode.is_alive(child.pid) for child in descendants)
