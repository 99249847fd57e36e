"""marsad command line (thin: parse arguments, call the library, print)."""
from __future__ import annotations

import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

app = typer.Typer(help="marsad (مرصد): Arabic news observatory — sourced dossiers from many outlets.",
                  no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Evaluate marsad against labelled data (../shared/eval).", no_args_is_help=True)
parse_app = typer.Typer(help="Parse single phrases (Duckling-style case files).", no_args_is_help=True)
tag_app = typer.Typer(help="Tag CoNLL files.", no_args_is_help=True)
train_app = typer.Typer(help="Train marsad's models.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(parse_app, name="parse")
app.add_typer(tag_app, name="tag")
app.add_typer(train_app, name="train")

err = Console(stderr=True, soft_wrap=True)  # one line per message, never wrapped
DbOpt = typer.Option(None, "--db", help="SQLite database file (default: under the user data dir).")


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=False)


def _read(paths: list[Path], source: str | None, stats: Counter, progress: Progress | None = None,
          max_chars: int | None = None):
    """Cleaned documents from the given paths; problems are printed one line each and counted (by kind and by
    reason, see `_reasons`), never raised."""
    from marsad.ingest import IngestError, read_path  # on first use: a command loads only what it runs
    from marsad.ingest.clean import clean  # on first use: a command loads only what it runs
    from marsad.model import RawArticle  # on first use: a command loads only what it runs

    colour = {"error": "red", "skipped": "yellow", "empty": "yellow"}
    task = progress.add_task("reading", total=None) if progress else None
    for p in paths:
        for item in read_path(p, source=source):
            if isinstance(item, IngestError):
                stats[item.kind] += 1
                stats[("reason", item.kind, item.short)] += 1
                err.print(f"[{colour[item.kind]}]{item.kind}[/{colour[item.kind]}] {escape(str(item))}")
                continue
            assert isinstance(item, RawArticle)
            try:
                doc = clean(item, max_chars=max_chars)
            except Exception as e:  # a cleaning bug on one article must not stop the batch
                stats["error"] += 1
                stats[("reason", "error", "cleaning failed")] += 1
                err.print(f"[red]error[/red] {escape(item.source_path)}: cleaning failed: {type(e).__name__}: {escape(str(e))}")
                continue
            if not doc.text.strip():
                stats["empty"] += 1
                stats[("reason", "empty", "no text left after cleaning")] += 1
                err.print(f"[yellow]empty[/yellow] {escape(item.source_path)}: no text left after cleaning")
                continue
            if any(r.rule == "max_doc_chars" for r in doc.removed):
                stats[("reason", "truncated", "longer than the document limit")] += 1
                err.print(f"[yellow]truncated[/yellow] {escape(item.source_path)}: cut to {len(doc.text):,} "
                          "characters (the document limit); the cut is noted in its `removed`")
            if progress:
                progress.advance(task)
            yield doc


def _reasons(stats: Counter) -> str:
    """Every record not stored, counted by reason: «skipped: unsupported file type '.exe' ×2; error: …»."""
    parts = [f"{kind}: {why} ×{n}" for key, n in sorted(stats.items(), key=lambda kv: str(kv[0]))
             if isinstance(key, tuple) and key[0] == "reason" for _, kind, why in [key]]
    return "; ".join(parts)


StrictOpt = typer.Option(False, "--strict", help="Exit 3 when any file or record could not be read (default: such "
                                                 "per-file problems are reported and the exit code is 0).")
MaxCharsOpt = typer.Option(None, "--max-chars", help="Longest document text kept (characters; the rest is cut and "
                                                     "noted). Default 100000 or MARSAD_MAX_DOC_CHARS.")


def _open_store(db: Optional[Path]):
    from marsad.store import Store  # on first use: a command loads only what it runs

    return Store(db)


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Files or folders (txt, html, json, jsonl, rss/atom, zip)."),
           source: Optional[str] = typer.Option(None, "--source", help="Outlet name for files that carry none."),
           db: Optional[Path] = DbOpt, strict: bool = StrictOpt, max_chars: Optional[int] = MaxCharsOpt):
    """Read articles into the store (re-running is idempotent: known articles are counted as duplicates)."""
    stats: Counter = Counter()
    t0 = time.perf_counter()
    with _open_store(db) as store, _progress() as progress:
        for doc in _read(paths, source, stats, progress, max_chars=max_chars):
            if store.add_document(doc):
                stats["ingested"] += 1
            else:
                stats["duplicates"] += 1
    secs = time.perf_counter() - t0
    err.print(f"ingested {stats['ingested']}, duplicates {stats['duplicates']}, empty {stats['empty']}, "
              f"skipped {stats['skipped']}, errors {stats['error']} in {secs:.1f} s → {store.path}")
    if reasons := _reasons(stats):
        err.print(f"reported — {escape(reasons)}")
    if stats["ingested"] + stats["duplicates"] == 0:
        raise typer.Exit(1)
    if strict and stats["error"] + stats["skipped"] + stats["empty"]:
        raise typer.Exit(3)


def _analyse_docs(docs, workers: int, progress: Progress, save=None, engine: str = "local",
                  dask_address: Optional[str] = None):
    docs = list(docs)
    task = progress.add_task("analysing", total=len(docs))
    if engine == "dask":
        from marsad.engines import dask as eng  # on first use: a command loads only what it runs

        results = eng.run(docs, address=dask_address, workers=workers)
    else:
        from marsad.engines import local as eng  # on first use: a command loads only what it runs

        results = eng.run(docs, workers=workers)
    out = []
    for ad in results:
        if save:
            save(ad)
        out.append(ad)
        progress.advance(task)
    return out


def _dedupe(docs):
    seen, out = set(), []
    for d in docs:
        if d.id not in seen:
            seen.add(d.id)
            out.append(d)
    return out


@app.command()
def analyze(paths: Optional[list[Path]] = typer.Argument(None, help="Files/folders to analyse in one shot; "
                                                                      "none: the stored corpus."),
            json_out: Optional[Path] = typer.Option(None, "--json", help="Write the analysis JSON here."),
            report_dir: Optional[Path] = typer.Option(None, "--report", help="Also write the report to this folder."),
            source: Optional[str] = typer.Option(None, "--source", help="Outlet name for files that carry none."),
            workers: int = typer.Option(1, "--workers", "-w", help="Processes for the per-document stages."),
            engine: str = typer.Option("local", "--engine", help="local | dask"),
            dask_address: Optional[str] = typer.Option(None, "--dask-address",
                                                       help="A running Dask scheduler (default: a local cluster)."),
            db: Optional[Path] = DbOpt, strict: bool = StrictOpt, max_chars: Optional[int] = MaxCharsOpt):
    """Analyse articles: per-document stages, then the corpus stages; write JSON and/or a report."""
    from marsad.pipeline import build_corpus  # on first use: a command loads only what it runs

    if engine not in ("local", "dask"):
        err.print("[red]--engine must be local or dask[/red]")
        raise typer.Exit(2)

    stats: Counter = Counter()
    with _progress() as progress:
        if paths:
            docs = _dedupe(_read(paths, source, stats, progress, max_chars=max_chars))
            if not docs:
                err.print("[red]nothing could be read[/red]")
                raise typer.Exit(1)
            ads = _analyse_docs(docs, workers, progress, engine=engine, dask_address=dask_address)
            result = build_corpus(ads)
        else:
            with _open_store(db) as store:
                pending = store.pending_analysis()
                _analyse_docs(store.documents(pending), workers, progress, save=store.save_analysis, engine=engine,
                              dask_address=dask_address)
                ads = list(store.analyses())
                if not ads:
                    err.print("[red]the store holds no documents; run `marsad ingest PATH` first[/red]")
                    raise typer.Exit(1)
                task = progress.add_task("corpus stages", total=None)
                result = build_corpus(ads)
                store.save_corpus(result, ads)
                progress.update(task, total=1, completed=1)
    _write_outputs(result, json_out, report_dir)
    err.print(f"{len(result.documents)} documents, {len(result.entities)} entities, {len(result.claims)} claims, "
              f"{len(result.claim_groups)} claim groups, {len(result.stories)} stories")
    if reasons := _reasons(stats):
        err.print(f"reported — {escape(reasons)}")
    if strict and stats["error"] + stats["skipped"] + stats["empty"]:
        raise typer.Exit(3)


def _write_outputs(result, json_out: Optional[Path], report_dir: Optional[Path]):
    from marsad import report as rep  # on first use: a command loads only what it runs

    if json_out:
        rep.write_json(result, json_out)
        err.print(f"JSON → {json_out}")
    if report_dir:
        _say_written(rep.write_all(result, report_dir), report_dir)


def _say_written(paths: list[Path], folder: Path, verbose: bool = False) -> None:
    """One line for a written report, not one per file (a day of news is hundreds of story pages): how many files,
    where, and which; `verbose` lists every file as well."""
    if verbose:
        for p in paths:
            err.print(f"report → {p}")
    pages = [p for p in paths if p.name.startswith("story-") and p.suffix == ".html"]
    named = [p.name for p in paths if p not in pages]
    if pages:   # the story pages are counted after the index that links them
        at = named.index("report.html") + 1 if "report.html" in named else len(named)
        named.insert(at, f"{len(pages)} story page{'s' * (len(pages) != 1)} (story-*.html)")
    err.print(f"report → {folder}: {len(paths)} file{'s' * (len(paths) != 1)} ({', '.join(named)})")


@app.command()
def report(fmt: str = typer.Option("html", "--format", "-f", help="md | html | json | csv | all"),
           out: Path = typer.Option(Path("out"), "--out", help="Output folder."),
           db: Optional[Path] = DbOpt,
           verbose: bool = typer.Option(False, "--verbose", "-v", help="List every file written.")):
    """Write the report of the stored corpus (run `marsad analyze` first)."""
    from marsad import report as rep  # on first use: a command loads only what it runs

    if fmt not in {"md", "html", "json", "csv", "all"}:
        err.print(f"[red]unknown format {fmt!r}[/red] (md, html, json, csv, all)")
        raise typer.Exit(2)
    with _open_store(db) as store:
        result = store.load_analysis()
    if not result.documents:
        err.print("[red]the store holds no analysed documents; run `marsad analyze` first[/red]")
        raise typer.Exit(1)
    _say_written(rep.write_all(result, out, formats=None if fmt == "all" else [fmt]), out, verbose)


@app.command()
def search(query: str, as_json: bool = typer.Option(False, "--json", help="Print hits as JSON."),
           limit: int = typer.Option(20, "--limit"), offset: int = typer.Option(0, "--offset"),
           db: Optional[Path] = DbOpt):
    """Arabic full-text search of the stored articles."""
    from marsad.store import search as s  # on first use: a command loads only what it runs

    with _open_store(db) as store:
        res = s.search(store.conn, query, limit=limit, offset=offset)
    if as_json:
        print(json.dumps(res["hits"], ensure_ascii=False, indent=1))
        return
    err.print(f"{res['total']} hits")
    for h in res["hits"]:
        print(f"{h['id']}  {h.get('published') or '':10}  {h.get('source_name') or '':14}  {h['title'] or ''}")
        print(f"    {h['snippet'][:160]}")


def sample_dir() -> Path:
    """The bundled sample corpus (data/sample in the source tree)."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[1]):
        if (base / "data/sample").is_dir():
            return base / "data/sample"
    raise FileNotFoundError("data/sample not found (run from the marsad source tree)")


@app.command()
def demo(out: Path = typer.Option(Path("out"), "--out", help="Report folder."),
         workers: int = typer.Option(1, "--workers", "-w")):
    """Analyse the bundled sample corpus and write the report (Markdown, HTML, JSON) to OUT."""
    from marsad.pipeline import build_corpus  # on first use: a command loads only what it runs

    stats: Counter = Counter()
    with _progress() as progress:
        docs = _dedupe(_read([sample_dir()], None, stats, progress))
        ads = _analyse_docs(docs, workers, progress)
        result = build_corpus(ads)
    _write_outputs(result, out / "analysis.json", out)
    err.print(f"{len(result.documents)} documents, {len(result.claims)} claims, {len(result.stories)} stories")


# ---------------------------------------------------------------- parse / tag / train / eval / serve
def _load_cases(path: Path) -> list[dict]:
    try:
        cases = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        err.print(f"[red]{path}: {e}[/red]")
        raise typer.Exit(2)
    if not isinstance(cases, list):
        err.print(f"[red]{path}: expected a JSON list of cases[/red]")
        raise typer.Exit(2)
    return cases


@parse_app.command("numbers")
def parse_numbers(cases: Path):
    """Parse each case's text as one number/quantity; print a JSON list (null or {value|low,high, unit})."""
    from marsad.evaluate import phrase_numbers as duckling_numbers  # on first use: a command loads only what it runs

    print(json.dumps(duckling_numbers.parse_cases(_load_cases(cases)), ensure_ascii=False))


@parse_app.command("time")
def parse_time(cases: Path, prefer: str = typer.Option("future", "--prefer", help="past | future")):
    """Parse each case's text as one time expression against its reference_time; print a JSON list."""
    from marsad.evaluate import phrase_time as duckling_time  # on first use: a command loads only what it runs

    if prefer not in ("past", "future"):
        err.print("[red]--prefer must be past or future[/red]")
        raise typer.Exit(2)
    print(json.dumps(duckling_time.parse_cases(_load_cases(cases), prefer), ensure_ascii=False))


@tag_app.command("ner")
def tag_ner(file: Path):
    """Tag a CoNLL file (`token [TAG]` lines): prints `token PRED` per token line, blank lines kept."""
    from marsad.extract import ner  # on first use: a command loads only what it runs

    out = sys.stdout
    for line in ner.tag_conll(file):
        out.write(line + "\n")


@train_app.command("ner")
def train_ner(work_dir: Path = typer.Option(Path(".work/ner_crf"), "--work-dir"),
              cv: int = typer.Option(0, "--cv", help="K-fold cross-validation on the train part instead (nothing "
                                                     "shipped)")):
    """Train the NER model (a CRF, marsad/extract/ner_crf.py) on ANERcorp's train part and SaudiNewsNet's word
    statistics, and install it into marsad/models/ner."""
    from marsad.extract import ner_crf_train  # on first use: a command loads only what it runs

    if cv:
        ner_crf_train.cross_validate(cv, str(work_dir) + "_cv")
    else:
        ner_crf_train.main(str(work_dir))


@eval_app.command("ner")
def eval_ner(train: Path = typer.Option(Path("../shared/eval/anercorp/ANERCorp_train.txt"), "--train")):
    """Score the shipped NER model on the dev split (last 10% of ANERcorp train sentences)."""
    from marsad.evaluate import ner as ev  # on first use: a command loads only what it runs

    print(json.dumps(ev.evaluate_dev(str(train)), indent=1))


@eval_app.command("news")
def eval_news(folder: Path = typer.Option(Path("../shared/corpus/expected/news-dev"), "--dir"),
              work: Path = typer.Option(Path("out/eval-news"), "--work", help="Where the input and analysis go.")):
    """Analyse the annotated real-news stories and score them with ../shared/tools/newsscore.py (all, per story)."""
    from marsad.evaluate.news import evaluate_news  # on first use: a command loads only what it runs

    print(json.dumps(evaluate_news(sorted(folder.glob("*.json")), work), indent=1, ensure_ascii=False))


@eval_app.command("duckling")
def eval_duckling(folder: Path = typer.Option(Path("../shared/eval/duckling-ar"), "--dir")):
    """Score number and time parsing on Duckling's Arabic corpus."""
    from marsad.evaluate import phrases as duckling  # on first use: a command loads only what it runs

    print(json.dumps(duckling.evaluate_all(folder), indent=1))


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port"),
          db: Optional[Path] = DbOpt):
    """Start the web workbench and HTTP API."""
    from marsad.web.app import serve as run_server  # on first use: a command loads only what it runs

    run_server(host=host, port=port, db=db)


def main():  # pragma: no cover
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
