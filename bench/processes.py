"""Child processes of the benchmarks and tests: stopping a process group (servers, workers, ingests), and
measuring the CPU and memory of a process tree."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Callable

import psutil


def stop_process_group(process: subprocess.Popen[bytes], grace_s: float = 20.0) -> None:
    """SIGTERM the process's group (so its children go too), then SIGKILL what is left after `grace_s`.
    The process must have been started with `start_new_session=True`, or the group is the caller's own."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace_s)


class TreeSampler:
    """While the block runs, sampled every `interval` seconds: the peak resident memory of this process
    (`ru_maxrss` would include the imports and all before) and the CPU seconds of its descendants, each one's
    last reading kept (workers come and go; the local mode's extraction processes are the forkserver's children,
    which `RUSAGE_CHILDREN` never sees). Processes are told apart by pid and start time, so a reused pid is a new
    process; those whose command line `skip` matches (a Prefect API server started meanwhile) are left out."""

    def __init__(self, interval: float = 0.1, skip: Callable[[str], bool] | None = None) -> None:
        self.peak_mb = 0.0
        self._me = psutil.Process()
        self._skip = skip
        self._cpu: dict[tuple[int, float], float] = {}
        self._baseline = 0.0
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def descendants_cpu_s(self) -> float:
        return sum(self._cpu.values()) - self._baseline

    def __enter__(self) -> TreeSampler:
        self._sample()
        self._baseline = sum(self._cpu.values())
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._sample()

    def _sample(self) -> None:
        self.peak_mb = max(self.peak_mb, self._me.memory_info().rss / 2**20)
        for child in self._me.children(recursive=True):
            try:
                with child.oneshot():
                    if self._skip is not None and self._skip(" ".join(child.cmdline())):
                        continue
                    times = child.cpu_times()
                    self._cpu[(child.pid, child.create_time())] = times.user + times.system
            except psutil.Error:  # it ended meanwhile: its last reading stands
                continue
