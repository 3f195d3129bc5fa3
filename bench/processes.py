"""Child processes the benchmarks and tests start in their own process group (servers, workers, ingests)."""

from __future__ import annotations

import os
import signal
import subprocess


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
