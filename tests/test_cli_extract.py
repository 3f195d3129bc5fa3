"""`broadsheet extract`: JSON Lines on stdout, `rejected: <uri>: <reason>` on stderr, exit 1 on any rejection."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from broadsheet.cli import app
from tests.conftest import SEEDS


def test_extract_prints_one_article_per_seed() -> None:
    result = CliRunner().invoke(app, ["extract", str(SEEDS)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(list(SEEDS.glob("*.txt")))
    article = json.loads(lines[0])
    assert article["source"]["uri"].startswith(str(SEEDS))
    assert article["source"]["format"] == "text"


def test_extract_reports_what_it_could_not_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (tmp_path / "good.txt").write_bytes((SEEDS / "000_992f8b7952b07537.txt").read_bytes())
    result = CliRunner().invoke(app, ["extract", str(tmp_path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    rejected = sorted(line for line in result.stderr.splitlines() if line.startswith("rejected: "))
    assert rejected == [
        f"rejected: {tmp_path / 'empty.txt'}: empty input",
        f"rejected: {tmp_path / 'missing.txt'}: no such file or folder",
        f"rejected: {tmp_path / 'photo.jpg'}: binary content (JPEG image)",
    ]
