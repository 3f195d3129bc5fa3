"""`transforms/` stays pure: importing it must not drag in Prefect, Elasticsearch or an HTTP client."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TRANSFORMS = Path(__file__).resolve().parent.parent / "transforms"
FORBIDDEN = {"prefect", "elasticsearch", "elastic_transport", "requests", "httpx", "urllib3", "aiohttp", "socket"}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_no_transforms_module_imports_io_frameworks() -> None:
    offenders = {
        str(path.relative_to(TRANSFORMS)): sorted(_imported_roots(path) & FORBIDDEN)
        for path in TRANSFORMS.rglob("*.py")
        if _imported_roots(path) & FORBIDDEN
    }
    assert offenders == {}


def test_importing_transforms_loads_neither_prefect_nor_elasticsearch() -> None:
    probe = (
        "import sys, transforms, transforms.text, transforms.html; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'prefect', 'elasticsearch'}))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
