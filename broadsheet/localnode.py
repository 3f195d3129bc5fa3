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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from broadsheet.dictionaries import install_dictionaries
from broadsheet.settings import Settings
from broadsheet.versions import ELASTICSEARCH_VERSION

MAVEN_ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
NODE_USER = "broadsheet-es"
CLUSTER_NAME = "broadsheet-local"
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
    """Where everything for one pinned version lives, all under the ignored project-local folder."""

    root: Path
    version: str = ELASTICSEARCH_VERSION

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
        return self.root / "data"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def run_dir(self) -> Path:
        return self.root / "run"

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

    def node_owned_dirs(self) -> tuple[Path, ...]:
        """Directories the node user must own: it writes the keystore, data, logs and the pid file."""
        return (self.home, self.data_dir, self.logs_dir, self.run_dir)


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
    """The loopback endpoint the local node serves, from ELASTICSEARCH_URL (only its port is ours to pick)."""
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


def build_start_command(layout: NodeLayout, endpoint: Endpoint, user: str | None) -> list[str]:
    """`bin/elasticsearch -d -p PIDFILE -E...`, wrapped in `runuser` when we are root."""
    launcher = [str(layout.launcher), "-d", "-p", str(layout.pid_file)]
    launcher += [f"-E{key}={value}" for key, value in node_settings(layout, endpoint).items()]
    return ["runuser", "-u", user, "--", *launcher] if user else launcher


def build_start_env(base: Mapping[str, str], java_home: Path) -> dict[str, str]:
    env = dict(base)
    env["ES_JAVA_HOME"] = str(java_home)  # bin/elasticsearch ignores JAVA_HOME
    env["ES_JAVA_OPTS"] = HEAP_OPTS  # without it the JVM takes half the machine's RAM
    env.pop("ES_PATH_CONF", None)  # always the unpacked home's config
    return env


# --------------------------------------------------------------------------------- processes and pids


def read_pid(pid_file: Path) -> int | None:
    try:
        text = pid_file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() and int(text) > 0 else None


def process_args(pid: int) -> list[str] | None:
    """The process's argv from /proc, or None when there is no such process."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [arg.decode(errors="replace") for arg in raw.split(b"\0") if arg]


def is_alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return fields[0] != "Z"


def is_our_node(pid: int, layout: NodeLayout) -> bool:
    """The pid is an Elasticsearch server running from our unpacked home (pids get reused after a crash)."""
    args = process_args(pid)
    if not args or not is_alive(pid):
        return False
    runs_server = any(arg.endswith(SERVER_MAIN_CLASS) for arg in args)
    return runs_server and f"-Des.path.home={layout.home}" in args


def running_node_pid(layout: NodeLayout) -> int | None:
    pid = read_pid(layout.pid_file)
    return pid if pid is not None and is_our_node(pid, layout) else None


def wait_for_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_alive(pid):
            return True
        time.sleep(0.2)
    return not is_alive(pid)


@contextmanager
def _locked(path: Path, mode: int = fcntl.LOCK_EX) -> Iterator[IO[str]]:
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


def _prepare_dirs(layout: NodeLayout, user: NodeUser | None) -> None:
    for directory in layout.node_owned_dirs():
        directory.mkdir(parents=True, exist_ok=True)
    if user is not None:
        layout.root.chmod(0o755)  # ours to open up; the folders above it are the user's to fix
        check_traversable(layout.root, user)
        for directory in layout.node_owned_dirs():
            chown_tree(directory, user)


def _end_process_group(leader: subprocess.Popen[bytes]) -> None:
    """TERM the launcher's whole session (launcher, server), then KILL whatever outlives the grace period."""
    group = leader.pid  # start_new_session made the leader's pid its process group id
    for sig, grace in ((signal.SIGTERM, STOP_TIMEOUT_S), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(group, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _group_alive(group):
            time.sleep(0.2)
            leader.poll()  # reap the launcher so it does not linger as a zombie member
        if not _group_alive(group):
            break
    leader.poll()


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _launch(layout: NodeLayout, endpoint: Endpoint, timeout: float, report: Reporter) -> int:
    """Run the daemonizing launcher; it returns once the server is up (or has failed)."""
    user = ensure_node_user() if os.geteuid() == 0 else None
    java_home = find_java_home(os.environ)
    # Before the node starts (it loads its dictionaries then) and before the home is handed to the node user.
    missing = install_dictionaries(layout.home / "config" / "hunspell").missing_message()
    if missing:
        report(missing)
    _prepare_dirs(layout, user)
    layout.pid_file.unlink(missing_ok=True)  # a stale pid file would name someone else's process
    command = build_start_command(layout, endpoint, user.name if user else None)
    report(f"Starting Elasticsearch {layout.version} on {endpoint.url} (Java: {java_home})…")
    with layout.launcher_log.open("wb") as log:
        # A session of its own: a Ctrl-C aimed at the terminal's foreground job (make, pytest) must not reach
        # the node, and on a timeout the launcher and the half-started server can be ended together.
        launcher = subprocess.Popen(
            command,
            env=build_start_env(os.environ, java_home),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=layout.home,
            start_new_session=True,
        )
        try:
            returncode = launcher.wait(timeout=timeout)
        except subprocess.TimeoutExpired as expired:
            _end_process_group(launcher)
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
    with _locked(layout.run_dir / "start.lock"):
        pid = running_node_pid(layout)
        if pid is not None or cluster_health(endpoint) is not None:
            outcome = StartOutcome.ALREADY_RUNNING
            if adopt:
                layout.session_marker.unlink(missing_ok=True)
        else:
            fetch_distribution(layout, report)
            unpack_distribution(layout, report)
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
    layout = layout_for(settings or Settings())
    pid = read_pid(layout.pid_file)
    if pid is None or not is_alive(pid):
        layout.pid_file.unlink(missing_ok=True)
        layout.session_marker.unlink(missing_ok=True)
        return StopOutcome.NOT_RUNNING
    if not is_our_node(pid, layout):
        command = " ".join(process_args(pid) or [])[:120]
        raise NotOurProcessError(
            f"{layout.pid_file} names pid {pid} ({command!r}), which is not the Elasticsearch node broadsheet "
            f"started from {layout.home}; not killing it. Delete the pid file if it is stale."
        )
    report(f"Stopping Elasticsearch (pid {pid})…")
    os.kill(pid, signal.SIGTERM)
    outcome = StopOutcome.STOPPED
    if not wait_for_exit(pid, timeout):
        report(f"Still running after {timeout:.0f} s; killing pid {pid}")
        os.kill(pid, signal.SIGKILL)
        wait_for_exit(pid, 10.0)
        outcome = StopOutcome.KILLED
    layout.pid_file.unlink(missing_ok=True)
    layout.session_marker.unlink(missing_ok=True)
    return outcome


# ------------------------------------------------------------------------------------------ status


@dataclass(frozen=True)
class NodeStatus:
    url: str
    pid: int | None
    health: str | None
    version: str | None
    modules: tuple[str, ...]
    log_file: Path

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


def node_status(settings: Settings | None = None) -> NodeStatus:
    settings = settings or Settings()
    endpoint = local_endpoint(settings.elasticsearch_url)
    layout = layout_for(settings)
    health = cluster_health(endpoint)
    version, modules = _local_node_info(endpoint) if health is not None else (None, ())
    return NodeStatus(
        url=endpoint.url,
        pid=running_node_pid(layout),
        health=health,
        version=version,
        modules=modules,
        log_file=layout.log_file,
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
    with _locked(layout.run_dir / "sessions.lock", fcntl.LOCK_SH) as session:
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
