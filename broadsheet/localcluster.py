"""A local cluster of the core-only build: `broadsheet es start --nodes N` (N >= 2).

The nodes share the installation of the single node (`broadsheet.localnode`) and each has its own data, logs and
pid file under `.local/elasticsearch/nodes/node-<i>` (`NodeLayout.member`). Node i (counted from 1) serves HTTP on
the port of the first ELASTICSEARCH_URL + i - 1 and its transport on that port + 100 (9200 and 9300, the pair
Elasticsearch itself defaults to). Every node is master-eligible and holds data; they find each other through
`discovery.seed_hosts`, and a cluster whose nodes have no data yet is bootstrapped with
`cluster.initial_master_nodes` naming all of them. Nodes run as the same unprivileged user as the single node.
The single node (`--nodes 1`, the default) keeps its own data and is started exactly as before.

Like `broadsheet.localnode`, this module stays free of Prefect and the Elasticsearch client.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from subprocess import Popen

from broadsheet.localnode import (
    HEALTHY,
    START_TIMEOUT_S,
    STOP_TIMEOUT_S,
    Endpoint,
    LocalNodeError,
    NodeLayout,
    Reporter,
    Runtime,
    StartTimeoutError,
    StopOutcome,
    await_launcher,
    cluster_health,
    end_process_tree,
    ensure_keystore,
    file_lock,
    get_json,
    layout_for,
    local_endpoint,
    member_layouts,
    member_name,
    node_settings,
    prepare_installation,
    running_node_pid,
    spawn_launcher,
    stop_nodes,
)
from broadsheet.settings import Settings

TRANSPORT_OFFSET = 100
# Three 512 MB heaps weigh about what one and a half single nodes (1 GB) do on a shared developer machine.
MEMBER_HEAP_OPTS = "-Xms512m -Xmx512m"
# Grace for launchers still running when another member failed to start.
ABORT_GRACE_S = 10.0


def _silent(_: str) -> None:
    """Default reporter: say nothing."""


@dataclass(frozen=True)
class Member:
    layout: NodeLayout
    http: Endpoint
    transport_port: int

    @property
    def name(self) -> str:
        return str(self.layout.name)

    @property
    def has_data(self) -> bool:
        """Elasticsearch writes `_state` on a node's first start; a node that has it belongs to a cluster."""
        return (self.layout.data_dir / "_state").exists()


@dataclass(frozen=True)
class ClusterPlan:
    members: tuple[Member, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(member.name for member in self.members)

    @property
    def urls(self) -> str:
        """What ELASTICSEARCH_URL should say so that the client knows every node."""
        return ",".join(member.http.url for member in self.members)

    @property
    def seed_hosts(self) -> str:
        return ",".join(f"{member.http.host}:{member.transport_port}" for member in self.members)


def plan_cluster(settings: Settings, nodes: int) -> ClusterPlan:
    if nodes < 2:
        raise LocalNodeError(f"a cluster needs at least 2 nodes, not {nodes}; `broadsheet es start` runs one")
    first = local_endpoint(settings.elasticsearch_url)
    layout = layout_for(settings)
    return ClusterPlan(
        members=tuple(
            Member(
                layout=layout.member(member_name(number)),
                http=Endpoint(first.host, first.port + number - 1),
                transport_port=first.port + number - 1 + TRANSPORT_OFFSET,
            )
            for number in range(1, nodes + 1)
        )
    )


def member_settings(member: Member, plan: ClusterPlan, bootstrap: bool) -> dict[str, str]:
    """The single node's settings, with seeded discovery in place of `single-node`."""
    settings = node_settings(member.layout, member.http)
    del settings["discovery.type"]
    settings["node.name"] = member.name
    settings["transport.port"] = str(member.transport_port)
    settings["discovery.seed_hosts"] = plan.seed_hosts
    if bootstrap:
        # Only for a cluster's very first start: Elasticsearch asks that it be left out once the cluster formed.
        settings["cluster.initial_master_nodes"] = ",".join(plan.names)
    return settings


# ------------------------------------------------------------------------------------------- start


@dataclass(frozen=True)
class ClusterStart:
    plan: ClusterPlan
    started: tuple[str, ...]
    health: str


def start_cluster(
    settings: Settings | None = None, nodes: int = 3, timeout: float = START_TIMEOUT_S, report: Reporter = _silent
) -> ClusterStart:
    """Start whichever members are not running (all of them at first, a lost one later); return once every
    member has joined and the cluster is yellow or green."""
    settings = settings or Settings()
    plan = plan_cluster(settings, nodes)
    layout = layout_for(settings)
    deadline = time.monotonic() + timeout
    with file_lock(layout.start_lock):
        missing = [member for member in plan.members if running_node_pid(member.layout) is None]
        _refuse_taken_ports(missing)
        if missing:
            prepare_installation(layout, report)
            _launch_members(plan, missing, deadline, report)
        health = wait_for_cluster(plan, deadline - time.monotonic())
    return ClusterStart(plan=plan, started=tuple(member.name for member in missing), health=health)


def _refuse_taken_ports(missing: Sequence[Member]) -> None:
    for member in missing:
        if cluster_health(member.http) is not None:
            raise LocalNodeError(
                f"{member.http.url}, where {member.name} is to listen, already answers and is not that node "
                "(the single node? `broadsheet es status` tells): stop what runs there (`broadsheet es stop` "
                "stops the single node) or set ELASTICSEARCH_URL to another first port"
            )


def _launch_members(plan: ClusterPlan, missing: Sequence[Member], deadline: float, report: Reporter) -> None:
    """Launch the missing members together (a lone member would wait for the others to form a quorum), then wait
    for each launcher; if one fails, none of the members launched here is left running."""
    runtime = Runtime.detect()
    bootstrap = not any(member.has_data for member in plan.members)
    urls = ", ".join(member.http.url for member in missing)
    report(f"Starting {', '.join(member.name for member in missing)} on {urls} (Java: {runtime.java_home})…")
    ensure_keystore(plan.members[0].layout, runtime)
    launchers: list[tuple[Member, Popen[bytes]]] = []
    try:
        for member in missing:
            member_config = member_settings(member, plan, bootstrap)
            launchers.append((member, spawn_launcher(member.layout, member_config, runtime, MEMBER_HEAP_OPTS)))
        for member, launcher in launchers:
            await_launcher(member.layout, launcher, deadline - time.monotonic())
    except (LocalNodeError, OSError):
        for _, launcher in launchers:
            if launcher.poll() is None:
                end_process_tree(launcher.pid, grace=ABORT_GRACE_S)
        stop_nodes([member.layout for member, _ in launchers], timeout=ABORT_GRACE_S)
        raise


def _cluster_report(plan: ClusterPlan) -> dict[str, object] | None:
    for member in plan.members:
        try:
            report: dict[str, object] = get_json(member.http, "/_cluster/health", timeout=2.0)
        except (OSError, ValueError):
            continue
        return report
    return None


def wait_for_cluster(plan: ClusterPlan, timeout: float) -> str:
    """Every member joined and the health yellow or green; fails early when a member's server died."""
    deadline = time.monotonic() + max(timeout, 5.0)
    while time.monotonic() < deadline:
        health = _cluster_report(plan)
        joined = int(str(health.get("number_of_nodes", 0))) if health else 0
        if health is not None and joined >= len(plan.members) and health.get("status") in HEALTHY:
            return str(health["status"])
        for member in plan.members:
            if running_node_pid(member.layout) is None:
                raise LocalNodeError(f"{member.name} is not running; see {member.layout.log_file}")
        time.sleep(0.5)
    raise StartTimeoutError(
        f"the {len(plan.members)}-node cluster at {plan.urls} did not form (all nodes joined, yellow or green) "
        f"within {timeout:.0f} s; see the logs under {plan.members[0].layout.members_dir}"
    )


# -------------------------------------------------------------------------------------------- stop


def stop_all(
    settings: Settings | None = None, timeout: float = STOP_TIMEOUT_S, report: Reporter = _silent
) -> dict[str, StopOutcome]:
    """Stop the single node and every cluster member broadsheet started from this folder, together."""
    layout = layout_for(settings or Settings())
    layouts = [layout, *member_layouts(layout)]
    outcomes = stop_nodes(layouts, timeout, report)
    return {node.name or "": outcome for node, outcome in zip(layouts, outcomes, strict=True)}
