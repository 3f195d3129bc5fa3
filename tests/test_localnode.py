"""The local node manager. Nothing here starts or stops the suite's node: commands are checked as built, pid
handling against throwaway processes, and status against the node the suite runs with."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from broadsheet import localnode
from broadsheet.localnode import Endpoint, LocalNodeError, NodeLayout, NodeUser, NotOurProcessError, StopOutcome
from broadsheet.settings import Settings
from broadsheet.versions import ELASTICSEARCH_VERSION

ENDPOINT = Endpoint(host="127.0.0.1", port=9200)


@pytest.fixture
def scratch_settings(tmp_path: Path) -> Settings:
    """Settings whose local folder is a scratch directory, so pid files there cannot touch the real node."""
    return Settings(BROADSHEET_LOCAL_DIR=tmp_path / "local")


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    """A live process that is certainly not Elasticsearch."""
    process = subprocess.Popen(["sleep", "60"])
    yield process
    process.kill()
    process.wait()


def layout_in(tmp_path: Path) -> NodeLayout:
    return NodeLayout(root=tmp_path / "elasticsearch")


# ------------------------------------------------------------------------------------------ commands


def test_root_runs_the_launcher_as_the_node_user(tmp_path: Path) -> None:
    layout = layout_in(tmp_path)
    command = localnode.build_start_command(layout, localnode.node_settings(layout, ENDPOINT), user="broadsheet-es")
    assert command[:4] == ["runuser", "-u", "broadsheet-es", "--"]
    assert command[4:7] == [str(layout.launcher), "-d", "-p"]
    assert command[7] == str(layout.pid_file)


def test_a_normal_user_runs_the_launcher_directly(tmp_path: Path) -> None:
    command = localnode.build_start_command(layout_in(tmp_path), {}, user=None)
    assert command[0].endswith("/bin/elasticsearch")
    assert "runuser" not in command


def test_the_node_is_single_loopback_insecure_and_keeps_its_files_local(tmp_path: Path) -> None:
    layout = layout_in(tmp_path)
    node_settings = localnode.node_settings(layout, Endpoint("127.0.0.1", 9299))
    settings = set(localnode.build_start_command(layout, node_settings, user=None))
    assert {
        "-Ediscovery.type=single-node",
        "-Enetwork.host=127.0.0.1",
        "-Ehttp.port=9299",
        "-Expack.security.enabled=false",
        "-Ecluster.routing.allocation.disk.threshold_enabled=false",
        f"-Epath.data={layout.data_dir}",
        f"-Epath.logs={layout.logs_dir}",
    } <= settings


def test_the_environment_sets_java_and_a_1g_heap() -> None:
    base = {"PATH": "/usr/bin", "ES_PATH_CONF": "/elsewhere", "ES_JAVA_OPTS": "-Xmx8g"}
    env = localnode.build_start_env(base, Path("/usr/lib/jvm/java-17"))
    assert env["ES_JAVA_HOME"] == "/usr/lib/jvm/java-17"
    assert env["ES_JAVA_OPTS"] == "-Xms1g -Xmx1g"
    assert "ES_PATH_CONF" not in env
    assert env["PATH"] == "/usr/bin"


def test_each_node_is_tagged_with_its_own_folder(tmp_path: Path) -> None:
    member = layout_in(tmp_path).member("node-2")
    env = localnode.build_start_env({}, Path("/usr/lib/jvm/java-17"), member, heap="-Xms512m -Xmx512m")
    assert env[localnode.NODE_TAG] == str(tmp_path / "elasticsearch" / "nodes" / "node-2")
    assert env["ES_JAVA_OPTS"] == "-Xms512m -Xmx512m"


def test_everything_lives_under_the_local_folder(scratch_settings: Settings) -> None:
    layout = localnode.layout_for(scratch_settings)
    local = scratch_settings.local_dir.resolve()
    for path in (layout.zip_path, layout.home, layout.data_dir, layout.logs_dir, layout.pid_file):
        assert path.is_relative_to(local)
    assert layout.home.name == f"elasticsearch-{ELASTICSEARCH_VERSION}"


@pytest.mark.parametrize(
    ("url", "port"),
    [("http://127.0.0.1:9200", 9200), ("http://localhost:9333", 9333), ("http://localhost", 9200)],
)
def test_the_port_comes_from_elasticsearch_url(url: str, port: int) -> None:
    assert localnode.local_endpoint(url) == Endpoint("127.0.0.1", port)


@pytest.mark.parametrize("url", ["http://search.example.com:9200", "https://127.0.0.1:9200"])
def test_a_remote_or_tls_url_is_not_a_local_node(url: str) -> None:
    with pytest.raises(LocalNodeError):
        localnode.local_endpoint(url)


# ---------------------------------------------------------------------------------------------- java


def fake_jdk(root: Path, name: str, version: str) -> Path:
    home = root / name
    (home / "bin").mkdir(parents=True)
    (home / "bin" / "java").touch()
    (home / "release").write_text(f'IMPLEMENTOR="Test"\nJAVA_VERSION="{version}"\n')
    return home


def test_java_major_reads_the_release_file(tmp_path: Path) -> None:
    assert localnode.java_major(fake_jdk(tmp_path, "a", "17.0.15")) == 17
    assert localnode.java_major(fake_jdk(tmp_path, "b", "1.8.0_402")) == 8
    assert localnode.java_major(tmp_path / "missing") is None


def test_java_17_wins_over_newer_and_older_jdks(tmp_path: Path) -> None:
    candidates = [fake_jdk(tmp_path, n, v) for n, v in (("j11", "11.0.2"), ("j25", "25"), ("j17", "17.0.1"))]
    assert localnode.find_java_home({}, candidates).name == "j17"


def test_the_oldest_supported_jdk_is_the_fallback(tmp_path: Path) -> None:
    candidates = [fake_jdk(tmp_path, n, v) for n, v in (("j25", "25"), ("j21", "21.0.3"), ("j11", "11.0.2"))]
    assert localnode.find_java_home({}, candidates).name == "j21"


def test_es_java_home_is_honoured_and_checked(tmp_path: Path) -> None:
    jdk = fake_jdk(tmp_path, "mine", "21")
    assert localnode.find_java_home({"ES_JAVA_HOME": str(jdk)}, []) == jdk
    with pytest.raises(LocalNodeError, match="has no bin/java"):
        localnode.find_java_home({"ES_JAVA_HOME": str(tmp_path / "nowhere")}, [])


def test_no_usable_jdk_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(LocalNodeError, match="openjdk-17"):
        localnode.find_java_home({}, [fake_jdk(tmp_path, "j11", "11.0.2")])


def test_this_machine_has_a_usable_jdk() -> None:
    env = {key: value for key, value in os.environ.items() if key != "ES_JAVA_HOME"}
    home = localnode.find_java_home(env)
    assert (localnode.java_major(home) or 0) >= localnode.MIN_JAVA_MAJOR


# ------------------------------------------------------------------------------ unpacking and users


def test_unpacking_keeps_the_launcher_executable(tmp_path: Path) -> None:
    layout = NodeLayout(root=tmp_path / "es", version="0.0.1")
    layout.downloads.mkdir(parents=True)
    with zipfile.ZipFile(layout.zip_path, "w") as archive:
        launcher = zipfile.ZipInfo("elasticsearch-0.0.1/bin/elasticsearch")
        launcher.external_attr = (stat.S_IFREG | 0o755) << 16
        archive.writestr(launcher, "#!/bin/sh\n")
        archive.writestr("elasticsearch-0.0.1/config/elasticsearch.yml", "")
    home = localnode.unpack_distribution(layout)
    assert home == layout.home
    assert os.access(layout.launcher, os.X_OK)
    assert not list(layout.root.glob(".unpack-*"))


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A scratch folder every user can traverse (pytest's own tmp_path sits under a 0700 folder)."""
    path = Path(tempfile.mkdtemp(prefix="broadsheet-test-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


def test_an_unreachable_folder_is_reported_before_starting(open_dir: Path) -> None:
    locked = open_dir / "private"
    target = locked / "project" / ".local"
    target.mkdir(parents=True)
    locked.chmod(0o700)
    stranger = NodeUser(name="nobody-here", uid=65000, gid=65000)
    with pytest.raises(LocalNodeError, match=f"chmod o\\+x {locked}"):
        localnode.check_traversable(target, stranger)
    locked.chmod(0o711)
    localnode.check_traversable(target, stranger)


# -------------------------------------------------------------------------------------- pid files


def test_read_pid_ignores_missing_and_garbled_files(tmp_path: Path) -> None:
    pid_file = tmp_path / "node.pid"
    assert localnode.read_pid(pid_file) is None
    pid_file.write_text("not a pid\n")
    assert localnode.read_pid(pid_file) is None
    pid_file.write_text("4242\n")
    assert localnode.read_pid(pid_file) == 4242


def test_stop_without_a_pid_file_does_nothing(scratch_settings: Settings) -> None:
    assert localnode.stop_node(scratch_settings) is StopOutcome.NOT_RUNNING


def test_stop_clears_a_pid_file_whose_process_is_gone(scratch_settings: Settings) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    layout = localnode.layout_for(scratch_settings)
    layout.run_dir.mkdir(parents=True)
    layout.pid_file.write_text(f"{gone.pid}\n")
    assert localnode.stop_node(scratch_settings) is StopOutcome.NOT_RUNNING
    assert not layout.pid_file.exists()


def test_stop_refuses_to_kill_a_process_that_is_not_our_node(
    scratch_settings: Settings, sleeper: subprocess.Popen[bytes]
) -> None:
    layout = localnode.layout_for(scratch_settings)
    layout.run_dir.mkdir(parents=True)
    layout.pid_file.write_text(f"{sleeper.pid}\n")
    with pytest.raises(NotOurProcessError, match=str(sleeper.pid)):
        localnode.stop_node(scratch_settings, timeout=1)
    assert sleeper.poll() is None, "stop killed a process it did not start"
    assert layout.pid_file.exists()


def test_another_projects_elasticsearch_is_not_ours(scratch_settings: Settings) -> None:
    """Even the suite's own node is not "ours" for a layout rooted elsewhere."""
    running = localnode.running_node_pid(localnode.layout_for(Settings()))
    if running is None:
        pytest.skip("the suite's node was not started by `broadsheet es start`")
    assert localnode.is_our_node(running, localnode.layout_for(Settings()))
    assert not localnode.is_our_node(running, localnode.layout_for(scratch_settings))


# ----------------------------------------------------------------------------------- status (real)


@pytest.mark.es
def test_status_reports_the_running_node() -> None:
    status = localnode.node_status(Settings())
    assert status.answering, "no Elasticsearch answers: run the suite with `make test`"
    assert status.health in {"green", "yellow"}
    assert status.version is not None and status.version.split(".")[0] == ELASTICSEARCH_VERSION.split(".")[0]
    assert "x-pack-core" in status.modules


@pytest.mark.es
def test_status_command_prints_health_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from broadsheet.cli_es import es_app; es_app()", "status"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "health" in done.stdout and "version" in done.stdout


def test_the_es_commands_do_not_import_prefect() -> None:
    probe = "import sys, broadsheet.cli_es; sys.exit('prefect' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0


# -------------------------------------------------------------------------------------- with-es


def test_with_es_preserves_the_exit_code_when_the_caller_named_a_node(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:1")  # nothing is started for a named node
    assert localnode.run_with_node(["sh", "-c", "exit 7"]) == 7


@pytest.mark.es
def test_with_es_reuses_a_running_node_and_leaves_it_running(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    if localnode.cluster_health(Endpoint("127.0.0.1", 9200)) is None:
        pytest.skip("the suite's node is not on the default port")
    check = 'test -n "$ELASTICSEARCH_URL" && exit 3'
    assert localnode.run_with_node(["sh", "-c", check]) == 3
    assert localnode.cluster_health(Endpoint("127.0.0.1", 9200)) is not None


def test_a_command_killed_by_a_signal_exits_128_plus_the_signal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:1")
    assert localnode.run_with_node(["sh", "-c", "kill -TERM $$"]) == 128 + 15
