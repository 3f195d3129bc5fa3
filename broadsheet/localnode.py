"""A local single-node Elasticsearch for development and tests, built from Maven Central.

Docker does not run everywhere we work, but Maven Central does: Elasticsearch's own build publishes a core-only
distribution there (`integ-test-zip`, see ../shared/notes/elasticsearch.md). This module fetches it with
`mvn dependency:copy`, unpacks it under `Settings().local_dir`, and runs it on 127.0.0.1 as an unprivileged
user (Elasticsearch refuses to run as root). It deliberately avoids Prefect and the Elasticsearch client so the
`broadsheet es ...` commands stay fast; the user interface (rich, typer) lives in `broadsheet.cli_es`.

`python -m broadsheet.localnode run-with-node -- CMD...` runs CMD with a node reachable and stops the node
afterwards only if it started it (see `run_with_node`).
"""

from __future__ import annotations

import enum
import fcntl
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import psutil

from broadsheet.dictionaries import install_dictionaries
from broadsheet.settings import Settings, split_urls
from broadsheet.versions import ELASTICSEARCH_VERSION

MAVEN_ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
NODE_USER = "broadsheet-es"
CLUSTER_NAME = "broadsheet-local"
MEMBER_PREFIX = "node-"  # a local cluster's nodes are node-1, node-2, ... (see broadsheet.localcluster)
HEAP_OPTS = "-Xms1g -Xmx1g"
# 8.19 supports Java 17 and later; 17 is the version we test with, so it wins when several are installed.
MIN_JAVA_MAJOR = 17
PREFERRED_JAVA_MAJOR = 17
JVM_DIRS = (Path("/usr/lib/jvm"),)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
DEFAULT_PORT = 9200
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0
HEALTHY = frozenset({"green", "yellow"})
# The server process's main class; the launcher (`bin/elasticsearch`) runs a different one and exits with -d.
SERVER_MAIN_CLASS = "org.elasticsearch.bootstrap.Elasticsearch"
# Set in each node's environment to its own folder; the server process keeps it.
NODE_TAG = "BROADSHEET_ES_NODE"

Reporter = Callable[[str], None]


def _silent(_: str) -> None:
    """Default reporter: say nothing."""


class LocalNodeError(RuntimeError):
    """A problem the user has to fix; the message says what and where to look."""


class NotOurProcessError(LocalNodeError):
    """The pid file names a process that is not the node this module started."""


class StartTimeoutError(LocalNodeError):
    """The node did not become healthy in time."""


class StartOutcome(enum.Enum):
    STARTED = "started"
    ALREADY_RUNNING = "already running"


class StopOutcome(enum.Enum):
    NOT_RUNNING = "not running"
    STOPPED = "stopped"
    KILLED = "killed"


# --------------------------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class NodeLayout:
    """Where everything for one node lives, all under the ignored project-local folder.

    The installation (the download and the unpacked home with its config) is shared by every node under `root`.
    Each node has its own data, logs and run folders under `node_root`: `root` itself for the single node (where
    they always were), `root/nodes/<name>` for a member of a local cluster (`member`).
    """

    root: Path
    version: str = ELASTICSEARCH_VERSION
    name: str | None = None  # a cluster member's node name; None for the single node

    def member(self, name: str) -> NodeLayout:
        return NodeLayout(root=self.root, version=self.version, name=name)

    @property
    def node_root(self) -> Path:
        return self.root if self.name is None else self.members_dir / self.name

    @property
    def members_dir(self) -> Path:
        return self.root / "nodes"

    @property
    def downloads(self) -> Path:
        return self.root / "downloads"

    @property
    def zip_path(self) -> Path:
        return self.downloads / f"elasticsearch-{self.version}.zip"

    @property
    def home(self) -> Path:
        return self.root / f"elasticsearch-{self.version}"

    @property
    def launcher(self) -> Path:
        return self.home / "bin" / "elasticsearch"

    @property
    def data_dir(self) -> Path:
        return self.node_root / "data"

    @property
    def logs_dir(self) -> Path:
        return self.node_root / "logs"

    @property
    def run_dir(self) -> Path:
        return self.node_root / "run"

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "node.pid"

    @property
    def log_file(self) -> Path:
        # Elasticsearch names its main log after the cluster.
        return self.logs_dir / f"{CLUSTER_NAME}.log"

    @property
    def launcher_log(self) -> Path:
        return self.run_dir / "launcher.log"

    @property
    def session_marker(self) -> Path:
        """Present while the node was started by `run_with_node`, which may then stop it."""
        return self.run_dir / "started-by-with-es"

    @property
    def start_lock(self) -> Path:
        """One starter at a time for everything under `root`: the single node and the cluster share ports."""
        return self.root / "run" / "start.lock"

    def node_owned_dirs(self) -> tuple[Path, ...]:
        """Directories the node user must own: it writes the keystore, data, logs and the pid file."""
        return (self.home, self.data_dir, self.logs_dir, self.run_dir)


def member_name(number: int) -> str:
    """The node name (and folder) of a local cluster's member `number`, counted from 1."""
    return f"{MEMBER_PREFIX}{number}"


def is_member_name(name: str) -> bool:
    return name.startswith(MEMBER_PREFIX) and name.removeprefix(MEMBER_PREFIX).isdigit()


def member_layouts(layout: NodeLayout) -> list[NodeLayout]:
    """The cluster members that have a folder under `layout.root`, in order."""
    if not layout.members_dir.is_dir():
        return []
    names = [path.name for path in layout.members_dir.iterdir() if path.is_dir() and is_member_name(path.name)]
    return [layout.member(name) for name in sorted(names, key=lambda name: int(name.removeprefix(MEMBER_PREFIX)))]


def layout_for(settings: Settings, version: str = ELASTICSEARCH_VERSION) -> NodeLayout:
    # Absolute, so the path matches the `-Des.path.home=` the server process reports in /proc.
    return NodeLayout(root=settings.local_dir.resolve() / "elasticsearch", version=version)


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def local_endpoint(url: str) -> Endpoint:
    """The loopback endpoint the local node serves, from ELASTICSEARCH_URL (only its port is ours to pick).

    When ELASTICSEARCH_URL lists a cluster's nodes, the first one is the single node or the cluster's first."""
    url = split_urls(url)[0] if split_urls(url) else url
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "http":
        raise LocalNodeError(f"ELASTICSEARCH_URL={url}: the local node speaks plain http (security is off)")
    if parsed.hostname not in LOCAL_HOSTS:
        raise LocalNodeError(
            f"ELASTICSEARCH_URL={url} points at another host; the local node only listens on 127.0.0.1"
        )
    return Endpoint(host="127.0.0.1", port=parsed.port or DEFAULT_PORT)


# ----------------------------------------------------------------------------------------------- java


def java_major(java_home: Path) -> int | None:
    """The feature release of a JDK from its `release` file (JAVA_VERSION="17.0.15" -> 17, "1.8.0" -> 8)."""
    try:
        text = (java_home / "release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "JAVA_VERSION":
            parts = value.strip().strip('"').split(".")
            head = parts[1] if parts[0] == "1" and len(parts) > 1 else parts[0]
            return int(head) if head.isdigit() else None
    return None


def _alternatives_java_homes() -> list[Path]:
    """JDK homes Debian's alternatives system knows (`.../bin/java` -> `...`)."""
    if shutil.which("update-alternatives") is None:
        return []
    found = subprocess.run(["update-alternatives", "--list", "java"], capture_output=True, text=True, check=False)
    return [Path(line).resolve().parent.parent for line in found.stdout.splitlines() if line.strip()]


def candidate_java_homes(jvm_dirs: Sequence[Path] = JVM_DIRS) -> list[Path]:
    seen: dict[Path, None] = {}
    for home in _alternatives_java_homes():
        seen.setdefault(home.resolve(), None)
    for jvm_dir in jvm_dirs:
        if jvm_dir.is_dir():
            for home in sorted(jvm_dir.iterdir()):
                seen.setdefault(home.resolve(), None)
    return [home for home in seen if (home / "bin" / "java").is_file()]


def _java_preference(major: int) -> tuple[int, int]:
    return (0 if major == PREFERRED_JAVA_MAJOR else 1, major)


def find_java_home(env: Mapping[str, str], candidates: Sequence[Path] | None = None) -> Path:
    """ES_JAVA_HOME when set (the user knows best), else Java 17, else the oldest installed Java >= 17."""
    explicit = env.get("ES_JAVA_HOME")
    if explicit:
        if not (Path(explicit) / "bin" / "java").is_file():
            raise LocalNodeError(f"ES_JAVA_HOME={explicit} has no bin/java")
        return Path(explicit)
    usable = [
        (major, home)
        for home in (candidate_java_homes() if candidates is None else candidates)
        if (major := java_major(home)) is not None and major >= MIN_JAVA_MAJOR
    ]
    if not usable:
        raise LocalNodeError(
            f"No Java >= {MIN_JAVA_MAJOR} found in update-alternatives or /usr/lib/jvm: "
            "`apt-get install openjdk-17-jdk-headless` or set ES_JAVA_HOME"
        )
    return min(usable, key=lambda pair: _java_preference(pair[0]))[1]


# ------------------------------------------------------------------------------ download and unpacking


def fetch_distribution(layout: NodeLayout, report: Reporter = _silent) -> Path:
    """The cached zip, fetched once with Maven (which reuses ~/.m2 and verifies checksums)."""
    if layout.zip_path.is_file():
        return layout.zip_path
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalNodeError("Maven (`mvn`) is needed to fetch Elasticsearch: `apt-get install maven`")
    report(f"Fetching Elasticsearch {layout.version} from Maven Central…")
    # Copy into a private folder and rename, so an interrupted copy never looks like a cached zip.
    partial = layout.downloads / f".partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    artifact = MAVEN_ARTIFACT.format(version=layout.version)
    command = [mvn, "-B", "-q", "dependency:copy", f"-Dartifact={artifact}", f"-DoutputDirectory={partial}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=partial)
    fetched = partial / layout.zip_path.name
    if done.returncode != 0 or not fetched.is_file():
        shutil.rmtree(partial, ignore_errors=True)
        raise LocalNodeError(f"`{' '.join(command)}` failed:\n{_tail(done.stdout + done.stderr)}")
    os.replace(fetched, layout.zip_path)
    shutil.rmtree(partial, ignore_errors=True)
    return layout.zip_path


def _extract_with_mode(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    """Extract one member and restore its unix mode: zipfile drops it, and bin/ must stay executable."""
    extracted = Path(archive.extract(info, target))
    mode = (info.external_attr >> 16) & 0o777
    if mode:
        extracted.chmod(mode)


def unpack_distribution(layout: NodeLayout, report: Reporter = _silent) -> Path:
    """The unpacked Elasticsearch home; unpacked next to it and renamed so a half-unpacked home never exists."""
    if layout.launcher.is_file():
        return layout.home
    report(f"Unpacking {layout.zip_path.name}…")
    shutil.rmtree(layout.home, ignore_errors=True)
    staging = layout.root / f".unpack-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(layout.zip_path) as archive:
        for info in archive.infolist():
            _extract_with_mode(archive, info, staging)
    unpacked = staging / f"elasticsearch-{layout.version}"
    if not (unpacked / "bin" / "elasticsearch").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        raise LocalNodeError(f"{layout.zip_path} has no elasticsearch-{layout.version}/bin/elasticsearch")
    os.replace(unpacked, layout.home)
    shutil.rmtree(staging, ignore_errors=True)
    return layout.home


# --------------------------------------------------------------------------------------- unprivileged user


@dataclass(frozen=True)
class NodeUser:
    name: str
    uid: int
    gid: int
    groups: frozenset[int] = field(default_factory=frozenset)


def ensure_node_user(name: str = NODE_USER) -> NodeUser:
    """The system user the node runs as, created on first use (no home, no login shell)."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                name,
            ],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(name)
    groups = frozenset(os.getgrouplist(name, entry.pw_gid))
    return NodeUser(name=name, uid=entry.pw_uid, gid=entry.pw_gid, groups=groups)


def _can_traverse(mode: int, owner: int, group: int, user: NodeUser) -> bool:
    if owner == user.uid:
        return bool(mode & stat.S_IXUSR)
    if group in user.groups or group == user.gid:
        return bool(mode & stat.S_IXGRP)
    return bool(mode & stat.S_IXOTH)


def check_traversable(path: Path, user: NodeUser) -> None:
    """Fail early and clearly if the node user cannot reach `path` (e.g. a project under a 0700 home)."""
    for directory in [path, *path.parents]:
        if not directory.exists():
            continue
        info = directory.stat()
        if not _can_traverse(info.st_mode, info.st_uid, info.st_gid, user):
            raise LocalNodeError(
                f"{directory} is not traversable by the node user {user.name}, so Elasticsearch cannot reach "
                f"{path}: `chmod o+x {directory}` or set BROADSHEET_LOCAL_DIR to a reachable folder"
            )


def chown_tree(path: Path, user: NodeUser) -> None:
    os.chown(path, user.uid, user.gid, follow_symlinks=False)
    for parent, dirs, files in os.walk(path):
        for name in (*dirs, *files):
            os.chown(Path(parent) / name, user.uid, user.gid, follow_symlinks=False)


# ------------------------------------------------------------------------------------ command building


def node_settings(layout: NodeLayout, endpoint: Endpoint) -> dict[str, str]:
    return {
        "cluster.name": CLUSTER_NAME,
        "node.name": CLUSTER_NAME,
        "discovery.type": "single-node",
        "network.host": endpoint.host,
        "http.port": str(endpoint.port),
        "xpack.security.enabled": "false",
        # A nearly full dev disk must not turn indices read-only in the middle of a test run.
        "cluster.routing.allocation.disk.threshold_enabled": "false",
        "path.data": str(layout.data_dir),
        "path.logs": str(layout.logs_dir),
    }


def build_start_command(layout: NodeLayout, settings: Mapping[str, str], user: str | None) -> list[str]:
    """`bin/elasticsearch -d -p PIDFILE -E...`, wrapped in `runuser` when we are root."""
    launcher = [str(layout.launcher), "-d", "-p", str(layout.pid_file)]
    launcher += [f"-E{key}={value}" for key, value in settings.items()]
    return ["runuser", "-u", user, "--", *launcher] if user else launcher


def build_start_env(
    base: Mapping[str, str], java_home: Path, layout: NodeLayout | None = None, heap: str = HEAP_OPTS
) -> dict[str, str]:
    env = dict(base)
    env["ES_JAVA_HOME"] = str(java_home)  # bin/elasticsearch ignores JAVA_HOME
    env["ES_JAVA_OPTS"] = heap  # without it the JVM takes half the machine's RAM
    env.pop("ES_PATH_CONF", None)  # always the unpacked home's config
    if layout is not None:
        # The server inherits it: nodes sharing one home are told apart by it (see `is_our_node`).
        env[NODE_TAG] = str(layout.node_root)
    return env


# --------------------------------------------------------------------------------- processes and pids


def read_pid(pid_file: Path) -> int | None:
    try:
        text = pid_file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() and int(text) > 0 else None


def _process(pid: int) -> psutil.Process | None:
    try:
        return psutil.Process(pid)
    except psutil.Error:
        return None


def process_args(pid: int) -> list[str] | None:
    """The process's argv, or None when there is no such process (or it is not ours to inspect)."""
    try:
        return psutil.Process(pid).cmdline()
    except psutil.Error:
        return None


def is_alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def is_our_node(pid: int, layout: NodeLayout) -> bool:
    """The pid is the Elasticsearch server of this layout's node (pids get reused after a crash).

    It runs the server class from our unpacked home and carries this node's tag; nodes started before the tag
    existed have none and can only be the single node."""
    process = _process(pid)
    if process is None:
        return False
    try:
        with process.oneshot():
            if process.status() == psutil.STATUS_ZOMBIE:
                return False
            args = process.cmdline()
            tag = process.environ().get(NODE_TAG)
    except psutil.Error:
        return False
    runs_server = any(arg.endswith(SERVER_MAIN_CLASS) for arg in args)
    ours = tag == str(layout.node_root) or (tag is None and layout.name is None)
    return runs_server and f"-Des.path.home={layout.home}" in args and ours


def running_node_pid(layout: NodeLayout) -> int | None:
    pid = read_pid(layout.pid_file)
    return pid if pid is not None and is_our_node(pid, layout) else None


def wait_for_exit(pid: int, timeout: float) -> bool:
    return not wait_for_all_to_exit([pid], timeout)


def wait_for_all_to_exit(pids: Sequence[int], timeout: float) -> list[int]:
    """Wait until every process has exited (zombies count as exited: not ours to reap); return the survivors."""
    deadline = time.monotonic() + timeout
    alive = [pid for pid in pids if is_alive(pid)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in alive if is_alive(pid)]
    return alive


def end_process_tree(root_pid: int, grace: float = STOP_TIMEOUT_S) -> None:
    """TERM a process and all its descendants, then KILL whatever outlives the grace period."""
    root = _process(root_pid)
    if root is None:
        return
    try:
        tree = [root, *root.children(recursive=True)]
    except psutil.Error:
        tree = [root]
    for process in tree:
        with suppress(psutil.Error):
            process.terminate()
    _, survivors = psutil.wait_procs(tree, timeout=grace)
    for process in survivors:
        with suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(survivors, timeout=10.0)


@contextmanager
def file_lock(path: Path, mode: int = fcntl.LOCK_EX) -> Iterator[IO[str]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, mode)
        yield handle


# ---------------------------------------------------------------------------------------------- http


def get_json(endpoint: Endpoint, path: str, timeout: float = 5.0) -> Any:
    """GET a JSON document; raises OSError (URLError, HTTPError, timeouts) when the node does not answer."""
    with urllib.request.urlopen(f"{endpoint.url}{path}", timeout=timeout) as response:
        return json.load(response)


def cluster_health(endpoint: Endpoint) -> str | None:
    """The health colour, or None when nothing answers. `GET /` does not exist on this build."""
    try:
        status = get_json(endpoint, "/_cluster/health", timeout=2.0).get("status")
    except (OSError, ValueError):
        return None
    return str(status) if status else None


def wait_for_health(endpoint: Endpoint, layout: NodeLayout, timeout: float, watch_pid: int | None) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        health = cluster_health(endpoint)
        if health in HEALTHY:
            return health
        if watch_pid is not None and not is_alive(watch_pid):
            raise LocalNodeError(f"Elasticsearch exited while starting; see {layout.log_file}")
        time.sleep(0.5)
    raise StartTimeoutError(
        f"Elasticsearch at {endpoint.url} was not yellow or green after {timeout:.0f} s; see {layout.log_file}"
    )


# ------------------------------------------------------------------------------------------- start


def prepare_installation(layout: NodeLayout, report: Reporter = _silent) -> None:
    """The installation every node under `layout.root` shares: fetched once, unpacked once."""
    fetch_distribution(layout, report)
    unpack_distribution(layout, report)


def _opened_dirs(layout: NodeLayout) -> tuple[Path, ...]:
    """Folders of ours the node user must traverse; the folders above `root` are the user's to fix."""
    if layout.name is None:
        return (layout.root,)
    return (layout.root, layout.members_dir, layout.node_root)


def _prepare_dirs(layout: NodeLayout, user: NodeUser | None) -> None:
    for directory in layout.node_owned_dirs():
        directory.mkdir(parents=True, exist_ok=True)
    if user is not None:
        for directory in _opened_dirs(layout):
            directory.chmod(0o755)
        check_traversable(layout.node_root, user)
        for directory in layout.node_owned_dirs():
            chown_tree(directory, user)


@dataclass(frozen=True)
class Runtime:
    """Who runs the nodes and on which Java, settled once per start."""

    user: NodeUser | None
    java_home: Path

    @classmethod
    def detect(cls) -> Runtime:
        return cls(user=ensure_node_user() if os.geteuid() == 0 else None, java_home=find_java_home(os.environ))


def ensure_keystore(layout: NodeLayout, runtime: Runtime) -> None:
    """Create the shared home's keystore up front. Each launcher creates it when missing, so nodes launched
    together would race on `config/elasticsearch.keystore.tmp` and all but one fail."""
    keystore = layout.home / "config" / "elasticsearch.keystore"
    if keystore.exists():
        return
    if runtime.user is not None:
        chown_tree(layout.home, runtime.user)
    tool = [str(layout.home / "bin" / "elasticsearch-keystore"), "create"]
    command = ["runuser", "-u", runtime.user.name, "--", *tool] if runtime.user else tool
    done = subprocess.run(
        command,
        env=build_start_env(os.environ, runtime.java_home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        cwd=layout.home,
    )
    if done.returncode != 0 or not keystore.exists():
        raise LocalNodeError(f"`{' '.join(command)}` failed:\n{_tail(done.stdout + done.stderr)}")


def spawn_launcher(
    layout: NodeLayout, settings: Mapping[str, str], runtime: Runtime, heap: str = HEAP_OPTS
) -> subprocess.Popen[bytes]:
    """Start the daemonizing launcher (`-d`); it exits once the server is up or has failed (`await_launcher`)."""
    # Before the node starts (it loads its dictionaries then) and before the home is handed to the node user.
    install_dictionaries(layout.home / "config" / "hunspell")
    _prepare_dirs(layout, runtime.user)
    layout.pid_file.unlink(missing_ok=True)  # a stale pid file would name someone else's process
    command = build_start_command(layout, settings, runtime.user.name if runtime.user else None)
    with layout.launcher_log.open("wb") as log:
        # A session of its own: a Ctrl-C aimed at the terminal's foreground job (make, pytest) must not reach
        # the node.
        return subprocess.Popen(
            command,
            env=build_start_env(os.environ, runtime.java_home, layout, heap),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=layout.home,
            start_new_session=True,
        )


def await_launcher(layout: NodeLayout, launcher: subprocess.Popen[bytes], timeout: float) -> int:
    """The server's pid once the launcher has exited; on a timeout, launcher and half-started server are ended."""
    try:
        returncode = launcher.wait(timeout=max(timeout, 0.0))
    except subprocess.TimeoutExpired as expired:
        end_process_tree(launcher.pid)
        launcher.poll()
        raise StartTimeoutError(
            f"Elasticsearch did not start within {timeout:.0f} s (stopped it); see {layout.log_file}"
        ) from expired
    pid = read_pid(layout.pid_file)
    if returncode != 0 or pid is None:
        output = _tail(layout.launcher_log.read_text(errors="replace"))
        raise LocalNodeError(
            f"Elasticsearch failed to start (exit {returncode}); see {layout.log_file} "
            f"and {layout.launcher_log}:\n{output}"
        )
    return pid


def _launch(layout: NodeLayout, endpoint: Endpoint, timeout: float, report: Reporter) -> int:
    runtime = Runtime.detect()
    missing = install_dictionaries(layout.home / "config" / "hunspell").missing_message()
    if missing:
        report(missing)
    report(f"Starting Elasticsearch {layout.version} on {endpoint.url} (Java: {runtime.java_home})…")
    launcher = spawn_launcher(layout, node_settings(layout, endpoint), runtime)
    return await_launcher(layout, launcher, timeout)


def start_node(
    settings: Settings | None = None,
    timeout: float = START_TIMEOUT_S,
    report: Reporter = _silent,
    adopt: bool = True,
) -> StartOutcome:
    """Start the node unless one already answers; return once it is yellow or green.

    `adopt` (the default, for `broadsheet es start`) means the caller wants the node to stay up, so a
    `run_with_node` session that started it will no longer stop it.
    """
    settings = settings or Settings()
    endpoint = local_endpoint(settings.elasticsearch_url)
    layout = layout_for(settings)
    deadline = time.monotonic() + timeout
    # One starter at a time: two concurrent `start`s must not launch two JVMs on one port.
    with file_lock(layout.start_lock):
        pid = running_node_pid(layout)
        if pid is not None or cluster_health(endpoint) is not None:
            outcome = StartOutcome.ALREADY_RUNNING
            if adopt:
                layout.session_marker.unlink(missing_ok=True)
        else:
            prepare_installation(layout, report)
            pid = _launch(layout, endpoint, timeout, report)
            outcome = StartOutcome.STARTED
        remaining = max(deadline - time.monotonic(), 5.0)
        wait_for_health(endpoint, layout, remaining, watch_pid=pid)
    return outcome


# -------------------------------------------------------------------------------------------- stop


def stop_node(
    settings: Settings | None = None, timeout: float = STOP_TIMEOUT_S, report: Reporter = _silent
) -> StopOutcome:
    """TERM exactly the process our pid file names, if it is our node; KILL it if it outlives `timeout`."""
    return stop_nodes([layout_for(settings or Settings())], timeout, report)[0]


def stop_nodes(
    layouts: Sequence[NodeLayout], timeout: float = STOP_TIMEOUT_S, report: Reporter = _silent
) -> list[StopOutcome]:
    """Stop these nodes together (TERM all, wait, KILL the survivors); nothing is signalled unless every pid
    file names our node or nothing alive."""
    pids = {layout: _pid_to_stop(layout) for layout in layouts}
    running = {layout: pid for layout, pid in pids.items() if pid is not None}
    for layout, pid in running.items():
        report(f"Stopping Elasticsearch {_node_label(layout)}(pid {pid})…")
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    survivors = wait_for_all_to_exit(list(running.values()), timeout)
    for survivor in survivors:
        report(f"Still running after {timeout:.0f} s; killing pid {survivor}")
        with suppress(ProcessLookupError):
            os.kill(survivor, signal.SIGKILL)
    wait_for_all_to_exit(survivors, 10.0)
    for layout in pids:
        _forget_process(layout)
    return [_stop_outcome(pid, survivors) for pid in pids.values()]


def _stop_outcome(pid: int | None, survivors: Sequence[int]) -> StopOutcome:
    if pid is None:
        return StopOutcome.NOT_RUNNING
    return StopOutcome.KILLED if pid in survivors else StopOutcome.STOPPED


def _pid_to_stop(layout: NodeLayout) -> int | None:
    pid = read_pid(layout.pid_file)
    if pid is None or not is_alive(pid):
        return None
    if not is_our_node(pid, layout):
        command = " ".join(process_args(pid) or [])[:120]
        raise NotOurProcessError(
            f"{layout.pid_file} names pid {pid} ({command!r}), which is not the Elasticsearch node broadsheet "
            f"started from {layout.home}; not killing it. Delete the pid file if it is stale."
        )
    return pid


def _forget_process(layout: NodeLayout) -> None:
    layout.pid_file.unlink(missing_ok=True)
    layout.session_marker.unlink(missing_ok=True)


def _node_label(layout: NodeLayout) -> str:
    return "" if layout.name is None else f"{layout.name} "


# ------------------------------------------------------------------------------------------ status


@dataclass(frozen=True)
class ClusterNode:
    """One row of `_cat/nodes`, with the pid when broadsheet started that node from this folder."""

    name: str
    http_address: str
    roles: str
    master: bool
    heap_percent: str
    pid: int | None


@dataclass(frozen=True)
class ShardCounts:
    primaries: int
    active: int
    relocating: int
    initializing: int
    unassigned: int


@dataclass(frozen=True)
class NodeStatus:
    url: str
    pid: int | None
    health: str | None
    version: str | None
    modules: tuple[str, ...]
    log_file: Path
    nodes: tuple[ClusterNode, ...] = ()
    shards: ShardCounts | None = None

    @property
    def answering(self) -> bool:
        return self.health is not None


def _local_node_info(endpoint: Endpoint) -> tuple[str | None, tuple[str, ...]]:
    try:
        nodes = get_json(endpoint, "/_nodes/_local/plugins")["nodes"]
    except (OSError, ValueError, KeyError):
        return None, ()
    node: dict[str, Any] = next(iter(nodes.values()), {})
    modules = tuple(sorted(module["name"] for module in node.get("modules", [])))
    return node.get("version"), modules


def _health_report(endpoints: Sequence[Endpoint]) -> tuple[Endpoint, dict[str, Any]] | None:
    """The cluster health from the first endpoint that answers (a cluster answers while one node is down)."""
    for endpoint in endpoints:
        try:
            return endpoint, get_json(endpoint, "/_cluster/health", timeout=2.0)
        except (OSError, ValueError):
            continue
    return None


def _shard_counts(health: Mapping[str, Any]) -> ShardCounts:
    return ShardCounts(
        primaries=int(health.get("active_primary_shards", 0)),
        active=int(health.get("active_shards", 0)),
        relocating=int(health.get("relocating_shards", 0)),
        initializing=int(health.get("initializing_shards", 0)),
        unassigned=int(health.get("unassigned_shards", 0)),
    )


def _cluster_nodes(endpoint: Endpoint, layout: NodeLayout) -> tuple[ClusterNode, ...]:
    try:
        rows = get_json(endpoint, "/_cat/nodes?format=json&h=name,http_address,node.role,master,heap.percent")
    except (OSError, ValueError):
        return ()
    nodes = [
        ClusterNode(
            name=str(row.get("name")),
            http_address=str(row.get("http_address")),
            roles=str(row.get("node.role")),
            master=row.get("master") == "*",
            heap_percent=str(row.get("heap.percent")),
            pid=_pid_of_node(layout, str(row.get("name"))),
        )
        for row in rows
    ]
    return tuple(sorted(nodes, key=lambda node: node.name))


def _pid_of_node(layout: NodeLayout, name: str) -> int | None:
    if name == CLUSTER_NAME:
        return running_node_pid(layout)
    return running_node_pid(layout.member(name)) if is_member_name(name) else None


def local_endpoints(url: str) -> list[Endpoint]:
    """Every node ELASTICSEARCH_URL lists, each of which must be local."""
    return [local_endpoint(each) for each in split_urls(url)] or [local_endpoint(url)]


def node_status(settings: Settings | None = None) -> NodeStatus:
    settings = settings or Settings()
    endpoints = local_endpoints(settings.elasticsearch_url)
    layout = layout_for(settings)
    answer = _health_report(endpoints)
    if answer is None:
        return NodeStatus(
            url=endpoints[0].url,
            pid=running_node_pid(layout),
            health=None,
            version=None,
            modules=(),
            log_file=layout.log_file,
        )
    endpoint, health = answer
    version, modules = _local_node_info(endpoint)
    nodes = _cluster_nodes(endpoint, layout)
    members = any(is_member_name(node.name) for node in nodes)
    return NodeStatus(
        url=endpoint.url,
        pid=running_node_pid(layout),
        health=str(health.get("status")),
        version=version,
        modules=modules,
        log_file=layout.member(f"{MEMBER_PREFIX}*").log_file if members else layout.log_file,
        nodes=nodes,
        shards=_shard_counts(health),
    )


# ------------------------------------------------------------------------------------ run with node


def _exit_code(returncode: int) -> int:
    """Shell convention: a command killed by signal N exits 128+N."""
    return 128 - returncode if returncode < 0 else returncode


def _raise_on_sigterm() -> None:
    def handler(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds through the `finally` that stops the node

    signal.signal(signal.SIGTERM, handler)


def _release_session(settings: Settings, layout: NodeLayout, session: IO[str], report: Reporter) -> None:
    """The last session out stops the node if a session started it; a user-started node is left alone."""
    try:
        fcntl.flock(session, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # another run-with-node is still using the node; it will stop it
    if layout.session_marker.exists():
        outcome = stop_node(settings, report=report)
        report(f"Elasticsearch {outcome.value}")


def run_with_node(command: Sequence[str], report: Reporter = _silent) -> int:
    """Run `command` with Elasticsearch reachable; stop the node afterwards only if we started it."""
    if os.environ.get("ELASTICSEARCH_URL"):
        return _exit_code(subprocess.call(list(command)))  # the caller chose a node: leave it alone
    os.environ.pop("ELASTICSEARCH_URL", None)  # set but empty means unset, not an invalid URL
    settings = Settings()
    layout = layout_for(settings)
    _raise_on_sigterm()
    # A shared lock per session, taken before the probe, so a session ending meanwhile sees us.
    with file_lock(layout.run_dir / "sessions.lock", fcntl.LOCK_SH) as session:
        try:
            nothing_answers = cluster_health(local_endpoint(settings.elasticsearch_url)) is None
            if nothing_answers and start_node(settings, report=report, adopt=False) is StartOutcome.STARTED:
                layout.session_marker.touch()
            env = {**os.environ, "ELASTICSEARCH_URL": settings.elasticsearch_url}
            return _exit_code(subprocess.call(list(command), env=env))
        finally:
            _release_session(settings, layout, session, report)


def _tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def main(argv: Sequence[str]) -> int:
    usage = "usage: python -m broadsheet.localnode run-with-node -- COMMAND [ARGS...]"
    args = list(argv)
    if not args or args[0] != "run-with-node":
        print(usage, file=sys.stderr)
        return 2
    command = args[2:] if args[1:2] == ["--"] else args[1:]
    if not command:
        print(usage, file=sys.stderr)
        return 2
    try:
        return run_with_node(command, report=lambda message: print(f"with-es: {message}", file=sys.stderr))
    except LocalNodeError as error:
        print(f"with-es: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
