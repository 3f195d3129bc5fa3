"""Free loopback ports for the servers tests start, so suites running side by side never collide."""

from __future__ import annotations

import random
import socket


def free_port() -> int:
    """A port nothing listens on now (the OS picks it; a test binds it moments later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_run(count: int, also_at: int = 0, low: int = 20000, high: int = 32000) -> int:
    """The first port of `count` consecutive free ports (and, when `also_at` is set, the `count` ports that far
    above them too: a local cluster's transport ports). Starts at a random place in [low, high), so two suites
    side by side rarely probe the same run. (Below 32768, where Linux picks outgoing connections' ports.)"""
    wanted = [offset + shift for offset in range(count) for shift in {0, also_at}]
    start = random.randrange(low, high)
    for base in [*range(start, high), *range(low, start)]:
        if all(_is_free(base + offset) for offset in wanted):
            return base
    raise RuntimeError(f"no run of {count} free ports between {low} and {high}")
