"""A Dask cluster as users start one: `dask scheduler` and `dask worker` processes from the command line (each
worker one thread, in its own process group), for the tests and the scaling benchmark.

Ports are picked by the system (`--port 0`, the scheduler's address read from its scheduler file), so two test
sessions on one machine never collide; dashboards are off."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bench.processes import stop_process_group

DASK = str(Path(sys.executable).parent / "dask")
START_TIMEOUT_S = 120.0


@dataclass
class DaskProcesses:
    """Start with `start()`, stop with `stop()` (or use it as a context manager). `cpus` pins each worker to
    cores with `taskset` (worker i gets cpus[i]), so "one core each" holds on a machine with more."""

    folder: Path
    workers: int
    cpus: Sequence[Sequence[int]] = ()
    env: dict[str, str] = field(default_factory=dict)
    _scheduler: subprocess.Popen[bytes] | None = None
    _workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    _logs: list[IO[bytes]] = field(default_factory=list)

    @property
    def scheduler_file(self) -> Path:
        return self.folder / "scheduler.json"

    @property
    def address(self) -> str:
        return str(json.loads(self.scheduler_file.read_text())["address"])

    def __enter__(self) -> DaskProcesses:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def start(self) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.scheduler_file.unlink(missing_ok=True)
        command = [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
        self._scheduler = self._spawn("scheduler", [*command, "--scheduler-file", str(self.scheduler_file)])
        _wait_for(self.scheduler_file.exists, "the Dask scheduler to write its address", self._scheduler)
        for number in range(self.workers):
            self.add_worker(f"worker-{number}", self.cpus[number] if number < len(self.cpus) else ())
        self.wait_for_workers(self.workers)
        return self.address

    def add_worker(self, name: str, cpus: Sequence[int] = ()) -> None:
        pin = ["taskset", "-c", ",".join(map(str, cpus))] if cpus else []
        command = [*pin, DASK, "worker", "--scheduler-file", str(self.scheduler_file), "--host", "127.0.0.1"]
        command += ["--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--name", name]
        self._workers[name] = self._spawn(name, command)

    def wait_for_workers(self, count: int) -> None:
        with self.client() as client:
            client.wait_for_workers(count, timeout=START_TIMEOUT_S)

    def client(self) -> Any:
        from distributed import Client

        return Client(self.address, timeout=30, set_as_default=False)  # type: ignore[no-untyped-call]

    def worker_pids(self) -> dict[str, int]:
        """The pid of each worker process (the one that runs the tasks, under its nanny), by worker name."""
        with self.client() as client:
            names = {
                address: str(info["name"]) for address, info in client.scheduler_info(n_workers=-1)["workers"].items()
            }
            return {names[address]: int(pid) for address, pid in client.run(os.getpid).items()}

    def processing(self) -> dict[str, list[str]]:
        """The keys of the tasks each worker is running or has queued, by worker name."""
        with self.client() as client:
            names = {
                address: str(info["name"]) for address, info in client.scheduler_info(n_workers=-1)["workers"].items()
            }
            return {names[address]: [str(key) for key in keys] for address, keys in client.processing().items()}

    def kill_worker(self, name: str) -> None:
        """SIGKILL the worker and its nanny at once, as when its machine dies: it does not come back."""
        process = self._workers.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self) -> None:
        for process in [*self._workers.values(), *([self._scheduler] if self._scheduler else [])]:
            stop_process_group(process)
        self._workers.clear()
        self._scheduler = None
        for log in self._logs:
            log.close()
        self._logs.clear()

    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("ab")
        self._logs.append(log)
        return subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env={**os.environ, **self.env}
        )


def _wait_for(condition: Any, what: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gave up waiting for {what} (exit code {process.poll()})")
        time.sleep(0.2)
