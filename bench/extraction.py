"""Benchmark: Broadsheet's extraction against its peers on every shared dev set, in both forms, in the same run.

    .venv/bin/python bench/extraction.py [--sets fundus,dragnet] [--forms html,text] [--jobs 2] [--no-peers]
        [--limit N] [--json out.json] [--list-losses] [--write-baseline] [--smoke] [--bench ../shared/bench]

Sets: aeb-dev and ext-dev's cleaneval, dragnet, fundus, l3s-gn1 and trafilatura (../shared/bench, read at run
time). Forms and extractors, every page extracted once by each, from the same bytes:
  html  Broadsheet, trafilatura 2.3.1 (`extract`, include_comments=False), readability-lxml (`summary`, made
        text by html-text, as the shared benchmark's peer row);
  text  Broadsheet, and the whole-dump floor (the browser-copy dump itself as the body).
Broadsheet reads each set as `broadsheet ingest` reads a folder of these files: `extract_batch` over the flow's
batches (500 inputs or 16 MB; so lines recurring across a batch's text dumps count as chrome), content sniffed,
no hints.
Scores: the shared scorers, loaded from their read-only paths: score.py (4-gram shingle P/R/F1) and, for the
trafilatura set, score_snippets.py (micro P/R/F1 over must / must-not snippets). A near-total loss is a page
whose own F1 is below 0.2 (rejections and empty outputs included); on the snippet set a page's own F1 is
2tp / (2tp + fp + fn) over that page's snippets. Fields (fundus): score_fields.py on Broadsheet's articles in
both forms and on trafilatura's metadata (`bare_extraction`, with_metadata; it gives no captions).

Speed: every extraction is timed in CPU seconds of the process doing it (the machines are shared, so wall time
would measure the neighbours), reported as pages per CPU-second per extractor over all pages run; the HTML ratio
Broadsheet / trafilatura is issue 9's speed goal. `--jobs N` spreads chunks of pages over N processes.

`--write-baseline` (a full run only) rewrites bench/baseline.json: Broadsheet's figures with the floors the quality
gates read (see bench/baseline.py for the slack). `--smoke` runs the first 3 pages of every set, for the test suite."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import multiprocessing
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import baseline  # noqa: E402
from bench.aeb import DEFAULT_BENCH, FIELDS_SET, LOSS_F1, SET_NAMES, BodyScore, DevSet, available, dev_set  # noqa: E402
from broadsheet.settings import get_settings  # noqa: E402
from readers import batched  # noqa: E402
from transforms import Article, BatchInput, Rejection, extract_batch  # noqa: E402
from transforms.model import REJECTION_LABELS  # noqa: E402
from transforms.pipeline import batch_recurring_lines  # noqa: E402

FORMS = ("html", "text")
BROADSHEET = "broadsheet"
EXTRACTORS = {"html": (BROADSHEET, "trafilatura", "readability"), "text": (BROADSHEET, "whole-dump")}
LABELS = {
    BROADSHEET: "Broadsheet",
    "trafilatura": "trafilatura",
    "readability": "readability-lxml",
    "whole-dump": "whole dump (floor)",
    "trafilatura-metadata": "trafilatura metadata",
}
CHUNK = 40  # pages per task: small enough to spread over the processes evenly
SMOKE_PAGES = 3
WARM_UP_PAGE = (
    b"<html><head><title>Warm-up</title></head><body><article><p>"
    + b"A sentence to warm up. " * 30
    + (b"</p></article></body></html>")
)

# The peers log every page they find hard; the table says how they did.
for _name in ("trafilatura", "readability", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


# --- extraction -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageOutput:
    """What one extractor made of one page: the body text, Broadsheet's article or rejection, or the peer's
    metadata record."""

    body: str
    article: Article | None = None
    rejection: Rejection | None = None
    metadata: dict[str, Any] | None = None


Pages = list[tuple[str, bytes]]
Outputs = dict[str, PageOutput]


def broadsheet(pages: Pages, recurring: frozenset[str]) -> Outputs:
    result = extract_batch([BatchInput(page_id, data) for page_id, data in pages], recurring=recurring)
    outputs = {a.source.uri: PageOutput("\n".join(a.paragraphs), article=a) for a in result.articles}
    outputs.update({r.uri: PageOutput("", rejection=r) for r in result.rejections})
    return outputs


def _each_page(extract: Callable[[bytes], str]) -> Callable[[Pages, frozenset[str]], Outputs]:
    """A peer page by page; a peer that raises on a page gave nothing for it (counted as empty)."""

    def run(pages: Pages, _recurring: frozenset[str]) -> Outputs:
        outputs = {}
        for page_id, data in pages:
            try:
                body = extract(data)
            except Exception:  # any failure of a peer is an empty output, not the end of the run
                body = ""
            outputs[page_id] = PageOutput(body)
        return outputs

    return run


def _trafilatura(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data, include_comments=False) or ""


def _readability(data: bytes) -> str:
    import html_text
    from readability import Document

    text: str = html_text.extract_text(Document(data).summary(html_partial=True))
    return text


def _whole_dump(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def trafilatura_metadata(pages: Pages, _recurring: frozenset[str]) -> Outputs:
    """trafilatura's title, author and date, as score_fields.py reads its metadata style."""
    import trafilatura

    outputs = {}
    for page_id, data in pages:
        document = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
        meta: dict[str, Any] = {"title": None, "author": None, "date": None}
        if isinstance(document, trafilatura.settings.Document):
            meta = {"title": document.title, "author": document.author, "date": document.date}
        outputs[page_id] = PageOutput("", metadata=meta)
    return outputs


EXTRACT: dict[str, Callable[[Pages, frozenset[str]], Outputs]] = {
    BROADSHEET: broadsheet,
    "trafilatura": _each_page(_trafilatura),
    "readability": _each_page(_readability),
    "whole-dump": _each_page(_whole_dump),
    "trafilatura-metadata": trafilatura_metadata,
}


@dataclass(frozen=True)
class Task:
    """One extractor over a chunk of one set's pages in one form. `recurring`: for Broadsheet, the lines recurring
    across the inputs of the flow batch the chunk is part of (computed once per batch, whichever chunk a page is
    in, as `extract_batch` would)."""

    bench: Path
    set_name: str
    form: str
    extractor: str
    ids: tuple[str, ...]
    recurring: frozenset[str] = frozenset()


@functools.cache
def warm_up(extractor: str) -> None:
    """Run an extractor once on a tiny page in this process, so its imports and first-use setup are not timed."""
    EXTRACT[extractor]([("warm-up", WARM_UP_PAGE)], frozenset())


def run_task(task: Task) -> tuple[Task, Outputs, float, int]:
    """The task's outputs, the CPU seconds its extraction took (reading the pages aside) and the bytes read."""
    devset = dev_set(task.set_name, task.bench)
    pages = [(page_id, devset.page(task.form, page_id)) for page_id in task.ids]
    warm_up(task.extractor)
    started = time.process_time()
    outputs = EXTRACT[task.extractor](pages, task.recurring)
    return task, outputs, time.process_time() - started, sum(len(data) for _, data in pages)


def flow_batches(devset: DevSet, form: str, ids: list[str]) -> Iterator[tuple[list[str], frozenset[str]]]:
    """The pages in the batches the flow would make of a folder of these files (at most `extract_batch_size`
    inputs or about `extract_batch_bytes`), each with its cross-dump evidence as `extract_batch` computes it."""
    settings = get_settings()
    inputs = [BatchInput(page_id, devset.page(form, page_id)) for page_id in ids]
    for batch in batched(inputs, settings.extract_batch_size, settings.extract_batch_bytes):
        batch_inputs = [item for item in batch if isinstance(item, BatchInput)]
        yield [item.uri for item in batch_inputs], batch_recurring_lines(batch_inputs, settings.max_article_bytes)


# --- scoring --------------------------------------------------------------------------------------------------------


@dataclass
class Result:
    """One extractor on one set in one form."""

    outputs: Outputs = field(default_factory=dict)
    cpu_seconds: float = 0.0
    megabytes: float = 0.0
    score: BodyScore | None = None

    @property
    def rejections(self) -> Counter[str]:
        """Counted by code, named by the code's label ("binary content"), whatever each case's details."""
        return Counter(REJECTION_LABELS[o.rejection.code] for o in self.outputs.values() if o.rejection is not None)

    def measured(self) -> baseline.Measured:
        assert self.score is not None
        return baseline.Measured(self.score.f1, self.score.precision, self.score.recall, len(self.score.losses))


def score_outputs(devset: DevSet, outputs: Outputs) -> BodyScore:
    """The body metrics over the pages in `outputs` (every page the extractor was given)."""
    return devset.score({page_id: {"articleBody": output.body} for page_id, output in outputs.items()}, outputs)


def fields_predictions(devset: DevSet, outputs: Outputs, metadata: bool) -> dict[str, Any]:
    """Broadsheet's articles (as `broadsheet extract` prints them), or with `metadata` the peer's metadata
    records, as score_fields.py reads them."""
    if metadata:
        return devset.fields_input({page: o.metadata for page, o in outputs.items() if o.metadata}, simple=True)
    return devset.fields_input({page: json.loads(o.article.to_json()) for page, o in outputs.items() if o.article})


@dataclass
class Run:
    """Every result of one benchmark run: results[set][form][extractor], fields[column] (fundus)."""

    bench: Path
    pages: dict[str, list[str]]
    results: dict[str, dict[str, dict[str, Result]]]
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)


def plan(bench: Path, sets: list[str], forms: list[str], peers: bool, limit: int | None) -> Iterator[Task]:
    for name in sets:
        devset = dev_set(name, bench)
        ids = devset.ids[:limit] if limit else devset.ids
        for form in forms:
            peer_names = [e for e in EXTRACTORS[form] if e != BROADSHEET] if peers else []
            if form == "html" and peers and devset.fields() is not None:
                peer_names.append("trafilatura-metadata")
            for batch, recurring in flow_batches(devset, form, ids):
                for start in range(0, len(batch), CHUNK):
                    chunk = tuple(batch[start : start + CHUNK])
                    yield Task(bench, name, form, BROADSHEET, chunk, recurring)
                    yield from (Task(bench, name, form, peer, chunk) for peer in peer_names)


def execute(tasks: list[Task], jobs: int) -> Iterable[tuple[Task, Outputs, float, int]]:
    if jobs <= 1:
        return map(run_task, tasks)
    # Workers forked from a clean server process: the caller (the test suite) may hold threads and their locks.
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver"))
    # Slow peers first, so the last chunks to finish are short ones.
    order = sorted(tasks, key=lambda task: task.extractor not in ("readability", "trafilatura"))
    return _closing(pool, pool.map(run_task, order))


def _closing(
    pool: ProcessPoolExecutor, results: Iterator[tuple[Task, Outputs, float, int]]
) -> Iterator[tuple[Task, Outputs, float, int]]:
    with pool:
        yield from results


def measure(bench: Path, sets: list[str], forms: list[str], peers: bool, jobs: int, limit: int | None) -> Run:
    tasks = list(plan(bench, sets, forms, peers, limit))
    run = Run(bench, {}, {name: {form: {} for form in forms} for name in sets})
    for task, outputs, seconds, size in execute(tasks, jobs):
        result = run.results[task.set_name][task.form].setdefault(task.extractor, Result())
        result.outputs.update(outputs)
        result.cpu_seconds += seconds
        result.megabytes += size / 1e6
    for name in sets:
        devset = dev_set(name, bench)
        run.pages[name] = devset.ids[:limit] if limit else devset.ids
        for form in forms:
            by_extractor = run.results[name][form]
            for extractor, result in by_extractor.items():
                if extractor != "trafilatura-metadata":
                    result.score = score_outputs(devset, result.outputs)
            if devset.fields() is not None:
                for extractor in (BROADSHEET, "trafilatura-metadata"):
                    if extractor in by_extractor:
                        column = f"{LABELS[extractor]} {form}" if extractor == BROADSHEET else LABELS[extractor]
                        outputs = by_extractor[extractor].outputs
                        predictions = fields_predictions(devset, outputs, metadata=extractor != BROADSHEET)
                        scored = devset.score_fields(predictions, outputs)
                        run.fields[column] = scored
    # Broadsheet's columns first, the peer's last.
    run.fields = dict(sorted(run.fields.items(), key=lambda item: not item[0].startswith(LABELS[BROADSHEET])))
    return run


# --- report ---------------------------------------------------------------------------------------------------------


def _rate(result: Result, pages: int) -> str:
    return f"{pages / result.cpu_seconds:.0f}" if result.cpu_seconds else ""


def set_table(run: Run, name: str) -> list[str]:
    pages = len(run.pages[name])
    lines = [
        f"### {name} ({pages} pages)",
        "",
        "| form | extractor | F1 | precision | recall | empty | F1 < 0.2 | pages/CPU-s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for form, by_extractor in run.results[name].items():
        for extractor in EXTRACTORS[form]:
            result = by_extractor.get(extractor)
            if result is None or result.score is None:
                continue
            s = result.score
            lines.append(
                f"| {form} | {LABELS[extractor]} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} | {s.empty} | "
                f"{len(s.losses)} | {_rate(result, pages)} |"
            )
    for form, by_extractor in run.results[name].items():
        if BROADSHEET in by_extractor:
            result = by_extractor[BROADSHEET]
            listed = ", ".join(
                f"{label} {count}{_details(result, label)}" for label, count in result.rejections.most_common()
            )
            lines.append(f"\nBroadsheet {form} rejections: {sum(result.rejections.values())} ({listed or 'none'})")
    return [*lines, ""]


def _details(result: Result, label: str) -> str:
    """The details of one code's rejections ("text dump 10, HTML page 1"), when any were given."""
    details = Counter(
        o.rejection.detail
        for o in result.outputs.values()
        if o.rejection is not None and o.rejection.detail and REJECTION_LABELS[o.rejection.code] == label
    )
    return f" ({', '.join(f'{detail} {count}' for detail, count in details.most_common())})" if details else ""


def _f1(run: Run, name: str, form: str, extractor: str) -> BodyScore | None:
    result = run.results[name].get(form, {}).get(extractor)
    return result.score if result else None


def summary_table(run: Run) -> list[str]:
    """One row per set: issue 9's goals side by side."""
    lines = [
        "| set | pages | HTML F1: Broadsheet / trafilatura / readability | losses (F1 < 0.2) B / t / r | "
        "text F1: Broadsheet / floor | text losses | HTML rejected / text rejected |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in run.results:

        def cell(form: str, extractors: tuple[str, ...], losses: bool = False) -> str:
            scores = [_f1(run, name, form, extractor) for extractor in extractors]  # noqa: B023
            return " / ".join("-" if s is None else (str(len(s.losses)) if losses else f"{s.f1:.3f}") for s in scores)

        rejected = []
        for form in FORMS:
            result = run.results[name].get(form, {}).get(BROADSHEET)
            rejected.append("-" if result is None else str(sum(result.rejections.values())))
        lines.append(
            f"| {name} | {len(run.pages[name])} | {cell('html', EXTRACTORS['html'])} | "
            f"{cell('html', EXTRACTORS['html'], losses=True)} | {cell('text', EXTRACTORS['text'])} | "
            f"{cell('text', (BROADSHEET,), losses=True)} | {' / '.join(rejected)} |"
        )
    return lines


def goals(run: Run) -> list[str]:
    """Issue 9's goals 2 and 3 per set: met or not, in this run."""
    lines = []
    for name in run.results:
        html = {e: _f1(run, name, "html", e) for e in EXTRACTORS["html"]}
        text = {e: _f1(run, name, "text", e) for e in EXTRACTORS["text"]}
        checks = []
        b, t, r = html[BROADSHEET], html["trafilatura"], html["readability"]
        if b and t and r:
            checks.append(f"HTML >= best peer {'yes' if b.f1 >= max(t.f1, r.f1) else 'NO'}")
            fewer = len(b.losses) < len(t.losses) or not b.losses
            checks.append(f"fewer losses than trafilatura {'yes' if fewer else 'NO'}")
        tb, floor = text[BROADSHEET], text["whole-dump"]
        if tb and b:
            checks.append(f"text within 0.03 of HTML {'yes' if tb.f1 >= b.f1 - 0.03 else 'NO'}")
        if tb and floor:
            checks.append(f"text >= floor + 0.10 {'yes' if tb.f1 >= floor.f1 + 0.10 else 'NO'}")
        if checks:
            lines.append(f"- {name}: " + "; ".join(checks))
    return lines


# Resamples of a set's pages behind each lead's interval: enough for a steady 95% interval, a few seconds a set.
RESAMPLES = 1000


@dataclass(frozen=True)
class Lead:
    """Broadsheet's HTML F1 minus the better peer's on one set, and how far resampling its pages moves it."""

    observed: float
    low: float  # 2.5th percentile over the resamples
    high: float  # 97.5th
    share_led: float  # of the resamples, where Broadsheet is at or above the better peer


def html_leads(run: Run) -> dict[str, Lead]:
    """How sure each set's HTML lead is: the lead recomputed by the set's own scorer over resamples of its pages
    (the same sample for every extractor), which is how it could move on other pages of the same kind, such as
    the held-out half. An interval reaching below zero is a lead that may not survive there."""
    leads = {}
    for name in run.results:
        ours, *peers = (_f1(run, name, "html", extractor) for extractor in EXTRACTORS["html"])
        if ours is None or None in peers or not run.pages[name]:
            continue
        devset, rivals = dev_set(name, run.bench), [peer for peer in peers if peer is not None]
        pages = sorted(ours.page_counts)
        rng = random.Random(0)  # seeded: the same outputs print the same interval
        moved = sorted(_lead(devset, ours, rivals, rng.choices(pages, k=len(pages))) for _ in range(RESAMPLES))
        leads[name] = Lead(
            observed=_lead(devset, ours, rivals, pages),
            low=moved[int(0.025 * RESAMPLES)],
            high=moved[int(0.975 * RESAMPLES) - 1],
            share_led=sum(value >= 0 for value in moved) / RESAMPLES,
        )
    return leads


def lead_table(leads: dict[str, Lead]) -> list[str]:
    lines = [
        "| set | HTML lead over the better peer | 95% interval over resampled pages | resamples led |",
        "|---|---|---|---|",
    ]
    for name, lead in leads.items():
        lines.append(f"| {name} | {lead.observed:+.4f} | {lead.low:+.4f} .. {lead.high:+.4f} | {lead.share_led:.0%} |")
    return lines


def _lead(devset: DevSet, ours: BodyScore, peers: list[BodyScore], sample: Sequence[str]) -> float:
    return devset.f1_over(ours, sample) - max(devset.f1_over(peer, sample) for peer in peers)


def speed_table(run: Run) -> list[str]:
    lines = ["| form | extractor | pages | MB | CPU s | pages/CPU-s |", "|---|---|---|---|---|---|"]
    rates: dict[tuple[str, str], float] = {}
    for form in FORMS:
        for extractor in EXTRACTORS[form]:
            results = [r[form][extractor] for r in run.results.values() if extractor in r.get(form, {})]
            if not results:
                continue
            pages = sum(len(r.outputs) for r in results)
            seconds = sum(r.cpu_seconds for r in results)
            megabytes = sum(r.megabytes for r in results)
            rates[form, extractor] = pages / seconds if seconds else 0.0
            lines.append(
                f"| {form} | {LABELS[extractor]} | {pages} | {megabytes:.1f} | {seconds:.1f} | "
                f"{rates[form, extractor]:.1f} |"
            )
    if rates.get(("html", "trafilatura")):
        ratio = rates["html", BROADSHEET] / rates["html", "trafilatura"]
        lines.append(f"\nHTML speed: Broadsheet at {ratio:.2f}x trafilatura's pages per CPU-second (goal >= 1.3x).")
    return lines


def fields_table(run: Run) -> list[str]:
    if not run.fields:
        return []
    table = dev_set(FIELDS_SET, run.bench).fields_table(run.fields)
    return [f"### fields on {FIELDS_SET} ({len(run.pages[FIELDS_SET])} pages)", "", table]


def baseline_notes(run: Run) -> list[str]:
    """Where this run stands against the floors in bench/baseline.json (same corpus only)."""
    if not baseline.BASELINE.exists():
        return []
    floors = baseline.read()
    lines = []
    for name, by_form in run.results.items():
        problem = baseline.corpus_problem(floors, name, dev_set(name, run.bench).digest())
        if problem:
            lines.append(f"- {problem}")
            continue
        for form, by_extractor in by_form.items():
            if BROADSHEET not in by_extractor or len(run.pages[name]) != floors["sets"][name]["pages"]:
                continue
            measured = by_extractor[BROADSHEET].measured()
            was = floors["sets"][name][form]["f1"]
            shortfalls = baseline.body_shortfalls(floors, name, form, measured)
            status = "; ".join(shortfalls) if shortfalls else "holds"
            change = f"F1 {measured.f1:.4f} vs baseline {was:.4f} ({measured.f1 - was:+.4f})"
            lines.append(f"- {name} {form}: {change}: {status}")
    for form in FORMS:
        column = f"{LABELS[BROADSHEET]} {form}"
        if column in run.fields and len(run.pages.get(FIELDS_SET, [])) == floors["sets"][FIELDS_SET]["pages"]:
            shortfalls = baseline.field_shortfalls(floors, form, run.fields[column])
            lines.append(f"- fields {form}: " + ("; ".join(shortfalls) if shortfalls else "holds"))
    return lines


def report(run: Run, list_losses: bool) -> str:
    lines = ["## Extraction on the shared dev sets", "", *summary_table(run), "", *goals(run), ""]
    leads = html_leads(run)
    if leads:
        lines += ["### how sure each HTML lead is", "", *lead_table(leads), ""]
    for name in run.results:
        lines += set_table(run, name)
        if list_losses:
            for form, by_extractor in run.results[name].items():
                for extractor, result in by_extractor.items():
                    if result.score and result.score.losses:
                        losses = " ".join(result.score.losses)
                        lines.append(f"{name} {form} {LABELS[extractor]} F1 < {LOSS_F1}: {losses}")
            lines.append("")
    lines += fields_table(run)
    lines += ["", "### speed (every page above, CPU time of the extracting process)", "", *speed_table(run)]
    notes = baseline_notes(run)
    if notes:
        lines += ["", "### against bench/baseline.json", "", *notes]
    return "\n".join(lines)


def as_json(run: Run) -> dict[str, Any]:
    sets: dict[str, Any] = {}
    for name, by_form in run.results.items():
        sets[name] = {"pages": len(run.pages[name]), "digest": dev_set(name, run.bench).digest()}
        for form, by_extractor in by_form.items():
            sets[name][form] = {
                extractor: {
                    "f1": r.score.f1,
                    "precision": r.score.precision,
                    "recall": r.score.recall,
                    "empty": r.score.empty,
                    "losses": r.score.losses,
                    "rejections": dict(r.rejections),
                    "cpu_seconds": r.cpu_seconds,
                    "page_f1": r.score.page_f1,
                }
                for extractor, r in by_extractor.items()
                if r.score is not None
            }
    for name, lead in html_leads(run).items():
        sets[name]["html_lead"] = asdict(lead)
    fields = {column: {k: v for k, v in m.items() if k != "misses"} for column, m in run.fields.items()}
    return {"bench": str(run.bench), "sets": sets, "fields": fields}


def write_baseline(run: Run) -> None:
    fundus = dev_set(FIELDS_SET, run.bench)
    baseline.write(
        {
            name: {
                "digest": dev_set(name, run.bench).digest(),
                "pages": len(run.pages[name]),
                **{form: run.results[name][form][BROADSHEET].measured() for form in FORMS},
            }
            for name in run.results
        },
        {
            "set": FIELDS_SET,
            "digest": fundus.digest(),
            **{form: run.fields[f"{LABELS[BROADSHEET]} {form}"] for form in FORMS},
        },
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--sets", default=",".join(SET_NAMES), help="comma-separated; default: all")
    parser.add_argument("--forms", default=",".join(FORMS), help="html,text (default both)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--no-peers", action="store_true", help="Broadsheet only: no peers, no whole-dump floor")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set (by id)")
    parser.add_argument("--json", type=Path, help="write every figure, per-page F1 included, here")
    parser.add_argument("--list-losses", action="store_true", help="print the ids of pages with F1 < 0.2")
    parser.add_argument("--write-baseline", action="store_true", help=f"rewrite {baseline.BASELINE.name}")
    parser.add_argument("--smoke", action="store_true", help=f"the first {SMOKE_PAGES} pages of each set, 1 job")
    args = parser.parse_args(argv)

    sets, forms = args.sets.split(","), args.forms.split(",")
    if args.smoke:
        args.limit, args.jobs = SMOKE_PAGES, 1
    unknown = sorted(set(sets) - set(SET_NAMES)) + sorted(set(forms) - set(FORMS))
    if unknown:
        parser.error(f"unknown set or form: {', '.join(unknown)}")
    missing = [name for name in sets if not available(name, args.bench)]
    if missing:
        raise SystemExit(f"no dev set {', '.join(missing)} under {args.bench}")
    if args.write_baseline and (args.limit or sets != list(SET_NAMES) or forms != list(FORMS)):
        parser.error("--write-baseline needs a full run: every set, both forms, no --limit")

    started = time.perf_counter()
    run = measure(args.bench, sets, forms, not args.no_peers, args.jobs, args.limit)
    print(report(run, args.list_losses))
    print(f"\n({time.perf_counter() - started:.0f} s wall, {args.jobs} job(s))")
    if args.json:
        args.json.write_text(json.dumps(as_json(run), indent=1), "utf-8")
    if args.write_baseline:
        write_baseline(run)
        print(f"wrote {baseline.BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
