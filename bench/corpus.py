"""A generated corpus of many distinct articles, varied from real dumps (the seeds and aeb-dev's pages).

Each record is a real dump with one body line extended by a unique sentence, so every record extracts to its
own article (its own id) while keeping the real page's size, chrome and shape. Used by the ingest benchmark and
by the fault test, which both need thousands of articles."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from bench.aeb import dev_set

ROOT = Path(__file__).resolve().parent.parent
AEB_DEV = dev_set("aeb-dev").root


def base_dumps(root: Path = ROOT) -> list[tuple[str, str]]:
    """(kind, content) of every seed and aeb-dev page available: text dumps and HTML pages."""
    bases = [("text", path.read_text(encoding="utf-8")) for path in sorted((root / "seeds").glob("*.txt"))]
    bases += [("text", path.read_text(encoding="utf-8")) for path in sorted((AEB_DEV / "text").glob("*.txt"))]
    bases += [
        ("html", gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
        for path in sorted((AEB_DEV / "html").glob("*.html.gz"))
    ]
    return bases


def _vary(kind: str, content: str, number: int) -> str:
    """Mark every prose-sized paragraph: whichever of them extraction keeps, the article differs from the others."""
    note = f" Archive copy {number}."
    if kind == "html":
        return content.replace("</p>", note + "</p>") if "</p>" in content else content + f"<p>{note}</p>"
    return "\n".join(line + note if len(line.split()) >= 20 else line for line in content.split("\n"))


def records(
    count: int,
    kinds: tuple[str, ...] = ("text", "html"),
    bases: Sequence[tuple[str, str]] | None = None,
    first: int = 0,
) -> Iterator[dict[str, str]]:
    """`count` records cycling through `bases` (default: every base dump of these kinds), numbered from `first`
    (records numbered apart never share an article)."""
    bases = [base for base in (base_dumps() if bases is None else bases) if base[0] in kinds]
    for number in range(first, first + count):
        kind, content = bases[number % len(bases)]
        yield {kind: _vary(kind, content, number)}


def write_jsonl(
    path: Path, count: int, kinds: tuple[str, ...] = ("text", "html"), bases: Sequence[tuple[str, str]] | None = None
) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records(count, kinds, bases):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_folder(path: Path, count: int, kinds: tuple[str, ...] = ("text", "html")) -> Path:
    """The same records as `write_jsonl`, one dump file each (`.txt` or `.html`), as saved pages arrive."""
    path.mkdir(parents=True, exist_ok=True)
    for number, record in enumerate(records(count, kinds)):
        kind, content = next(iter(record.items()))
        (path / f"{number:06d}.{'html' if kind == 'html' else 'txt'}").write_text(content, encoding="utf-8")
    return path
