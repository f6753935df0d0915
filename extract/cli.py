"""Command line: `python -m extract <command>` (see README, 'Command line')."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path

from extract import __version__
from extract.engines import DASK, ENGINES, LOCAL, default_jobs
from extract.errors import EngineError, ExtractError, RuleDataError, UnsupportedInputError
from extract.pipeline import (EXIT_CODES, Engine, document_entities, eval_main, load_document, review_blocks,
                              review_files, run, run_batch)
from extract.store.db import STORE_NAME, Store, StoreError, open_store
from extract.store.diff import FORMATS, diff_states, format_diff, history_json, history_text, row_history
from extract.store.export import repair
from extract.store.records import RunState


def _each_file(paths: list[str], handle: Callable[[Path], None]) -> int:
    """Run `handle` on every input; a bad file gets one line on stderr, the batch goes on."""
    return 1 if run_batch(paths, handle)[1] else 0


def cmd_text(args: argparse.Namespace) -> int:
    def handle(path: Path) -> None:
        doc = load_document(path)
        print("\n\n".join(block.text for block in doc.body_blocks()))

    return _each_file(args.files, handle)


def cmd_tables(args: argparse.Namespace) -> int:
    def handle(path: Path) -> None:
        from extract.tables.read import read_tables  # lazy: pdfplumber, not needed by `run` on a refresh

        if path.suffix.lower() != ".pdf":
            raise UnsupportedInputError(path, "tables reads PDF files only", "pass a .pdf file")
        tables = read_tables(path)
        if args.format == "json":
            print(json.dumps({"doc_id": path.stem, "tables": [t.to_dict() for t in tables]}, ensure_ascii=False))
        else:
            print("\n\n".join(t.to_tsv() for t in tables))

    return _each_file(args.files, handle)


def cmd_ents(args: argparse.Namespace) -> int:
    records = []

    def handle(path: Path) -> None:
        record = document_entities(path)
        records.append(record)
        print(json.dumps(record, ensure_ascii=False))

    status = _each_file(args.paths, handle)
    if args.html:
        from extract.review.displacy import write_displacy_html  # lazy: spaCy's displaCy, only for --html

        write_displacy_html(records, Path(args.html))
    return status


def _usable_out_dir(out: str) -> Path | None:
    """The output folder, or None (with one line on stderr) when it cannot be one."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        print(f"error: {path}: exists and is not a folder; pass another -o DIR", file=sys.stderr)
        return None
    return path


def cmd_run(args: argparse.Namespace) -> int:
    out = _usable_out_dir(args.out)  # checked before the work, not after it
    if out is None:
        return 2
    if args.jobs < 1:
        print(f"error: -j {args.jobs}: pass a number of worker processes of 1 or more", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != DASK:
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    if args.parquet and importlib.util.find_spec("pyarrow") is None:
        print("error: --parquet needs pyarrow: pip install -c constraints.txt -e \".[parquet]\"", file=sys.stderr)
        return 2
    engine = Engine(engine=args.engine, jobs=args.jobs, scheduler=args.scheduler, quiet=args.quiet)
    return run(args.paths or ["corpus"], out, store_path=Path(args.store) if args.store else None, full=args.full,
               allow_empty=args.allow_empty, fail_on_validation=args.fail_on_validation, ledger=_ledger(args),
               engine=engine, parquet=args.parquet)


def _store_path(args: argparse.Namespace) -> Path:
    return Path(args.store) if args.store else Path(args.out) / STORE_NAME


def _open_existing(args: argparse.Namespace) -> Store:
    """The store the read-only commands read, after completing an interrupted export."""
    store = open_store(_store_path(args), create=False)
    note = repair(store, review_files)
    if note:
        print(note, file=sys.stderr)
    return store


def _run_id(store: Store, value: str | None, default: int | None, what: str) -> int | None:
    if value is None:
        return default
    try:
        run_id = int(value)
    except ValueError:
        raise StoreError(store.path, f"--{what} {value!r} is not a run number", "list them with `python -m extract runs`")
    if run_id < 0:  # -1: the last complete run, -2: the one before, ...
        ids = store.complete_run_ids()
        if -run_id > len(ids):
            raise StoreError(store.path, f"--{what} {value}: only {len(ids)} complete run(s)", "pass a run number")
        return ids[run_id]
    if store.run(run_id) is None:
        raise StoreError(store.path, f"no run {run_id} in this store", "list them with `python -m extract runs`")
    return run_id


def cmd_diff(args: argparse.Namespace) -> int:
    with _open_existing(args) as store:
        ids = store.complete_run_ids()
        if not ids:
            raise StoreError(store.path, "no complete run in this store", "run `python -m extract run` first")
        to_run = _run_id(store, args.to_run, ids[-1], "to")
        earlier = [i for i in ids if i < to_run]
        from_run = _run_id(store, args.from_run, earlier[-1] if earlier else None, "from")
        before = store.run_state(from_run) if from_run is not None else None
        print(format_diff(diff_states(before, store.run_state(to_run)), args.format), end="")
    return 0


RUNS_HEADER = ("run", "started (UTC)", "status", "exit", "docs", "read", "reused", "failed", "removed", "rows",
               "flagged", "added", "deleted", "changed", "seconds", "extractor")


def cmd_runs(args: argparse.Namespace) -> int:
    with _open_existing(args) as store:
        runs = store.runs()
    if args.format == "json":
        print(json.dumps([vars(r) for r in runs], ensure_ascii=False, indent=2))
        return 0
    lines = ["\t".join(RUNS_HEADER)]
    for r in runs:
        lines.append("\t".join(str(x) for x in (
            r.run_id, r.started_at, r.status, r.exit_status, r.n_documents, r.n_analysed, r.n_reused, r.n_failed,
            r.n_removed, r.n_rows, r.n_flagged, r.n_added, r.n_deleted, r.n_changed, f"{r.seconds:.2f}",
            r.fingerprint)))
        if r.message:
            lines.append(f"\t{r.message}")
    print("\n".join(lines))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with _open_existing(args) as store:
        matches = store.row_ids_like(args.row_id)
        if args.row_id in matches:
            matches = [args.row_id]
        if len(matches) != 1:
            what = "no row has this id" if not matches else f"{len(matches)} rows start with it ({', '.join(matches[:5])})"
            raise StoreError(store.path, f"history {args.row_id}: {what}",
                             "pass a row_id from rows.csv (a unique prefix is enough)")
        row_id = matches[0]
        states = [_row_state(store, run_id, row_id) for run_id in store.complete_run_ids()]
    entries = row_history(row_id, states)
    print(history_json(row_id, entries) if args.format == "json" else history_text(row_id, entries), end="")
    return 0


def _row_state(store: Store, run_id: int, row_id: str) -> RunState:
    state = store.run_state(run_id)
    return RunState(run=state.run, documents=state.documents,
                    rows={row_id: state.rows[row_id]} if row_id in state.rows else {})


def cmd_eval(args: argparse.Namespace) -> int:
    try:
        return eval_main(coverage=args.coverage, errors=args.errors, out_dir=Path(args.out), gold=args.gold,
                         ledger=_ledger(args), **({"annotations_dir": Path(args.annotations)} if args.annotations else {}))
    except ExtractError as err:  # a bad gold or correction file: say which and where
        print(f"error: {err.one_line()}", file=sys.stderr)
        return 1


def cmd_review_export(args: argparse.Namespace) -> int:
    from extract.review.commands import export_rows, export_tasks  # lazy: only for review

    out = Path(args.output)
    if args.rows:
        with _open_existing(args) as store:
            return export_rows(store, out)
    blocks, errors = review_blocks(args.paths or ["corpus"], _store_path(args), _ledger(args))
    export_tasks(blocks, args.format, out)
    return 1 if errors else 0


def cmd_review_import(args: argparse.Namespace) -> int:
    from extract.review.importing import import_file  # lazy: only for review

    try:
        with open_store(_store_path(args)) as store:
            done = import_file(Path(args.file), store, _ledger(args), args.annotator)
    except ExtractError as err:  # a bad export: which file, which line, nothing imported
        print(f"error: {err.one_line()}", file=sys.stderr)
        return 1
    if done.ledger_file is None:
        print(f"{done.path}: imported before; nothing added")
    else:
        print(f"{done.path}: {done.read} correction(s) read ({done.fmt}), {done.added} new; ledger "
              f"{done.ledger_file}; `python -m extract run` applies them")
    return 0


def _ledger(args: argparse.Namespace) -> Path | None:
    return Path(args.corrections) if getattr(args, "corrections", None) else None


def cmd_annotations_build(args: argparse.Namespace) -> int:
    from extract.review.commands import fold_corrections  # lazy: only for annotations build

    try:
        for line in fold_corrections(args.doc_ids, _ledger(args), Path(args.annotations) if args.annotations else None):
            print(line)
    except ExtractError as err:
        print(f"error: {err.one_line()}", file=sys.stderr)
        return 1
    return 0


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="PATH", help=f"the evidence store (default: OUT/{STORE_NAME})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="main job: inputs -> rows.csv, entities.jsonl, validation, scores",
                       epilog="exit status: " + "; ".join(f"{k}: {v}" for k, v in EXIT_CODES.items()))
    p.add_argument("paths", nargs="*", help="files or folders (default: corpus/)")
    p.add_argument("-o", "--out", default="outputs", help="output folder (default: outputs/)")
    _store_option(p)
    p.add_argument("--full", action="store_true", help="read every document again, even those the store holds")
    p.add_argument("--allow-empty", action="store_true",
                   help="accept an empty table when no input is found or every input fails (default: exit 2)")
    p.add_argument("--no-fail-on-validation", dest="fail_on_validation", action="store_false",
                   help="exit 0 when validation flags rows (default: exit 3)")
    _corrections_option(p)
    p.add_argument("-j", "--jobs", type=int, default=default_jobs(), metavar="N",
                   help="worker processes reading documents (default: this machine's cores, %(default)s here; "
                        "1 reads in this process); outputs are the same for every N")
    p.add_argument("--engine", choices=ENGINES, default=LOCAL,
                   help="local: a process pool on this machine; dask: a dask.distributed cluster (pip extra [dask])")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="the Dask scheduler to send documents to (default with --engine dask: a local cluster of "
                        "-j workers)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or progress line on stderr")
    p.add_argument("--parquet", action="store_true", help="also write rows.parquet (needs the pip extra [parquet])")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("diff", help="rows added, removed and changed between two runs, field by field, with a reason")
    p.add_argument("--from", dest="from_run", metavar="RUN", help="earlier run (default: the one before --to; "
                                                                  "-1 is the last run, -2 the one before)")
    p.add_argument("--to", dest="to_run", metavar="RUN", help="later run (default: the last run)")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("-o", "--out", default="outputs", help="output folder whose store to read (default: outputs/)")
    _store_option(p)
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("runs", help="the runs in the store: time, counts, exit status, extractor fingerprint")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("-o", "--out", default="outputs", help="output folder whose store to read (default: outputs/)")
    _store_option(p)
    p.set_defaults(func=cmd_runs)

    p = sub.add_parser("history", help="every value of one row over the runs, with the reason of each change")
    p.add_argument("row_id", help="a row_id from rows.csv (a unique prefix is enough)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("-o", "--out", default="outputs", help="output folder whose store to read (default: outputs/)")
    _store_option(p)
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("text", help="cleaned body text of PDFs, one paragraph per block")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_text)

    p = sub.add_parser("tables", help="tables found in PDFs, as TSV blocks or JSON")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=("tsv", "json"), default="tsv")
    p.set_defaults(func=cmd_tables)

    p = sub.add_parser("ents", help="entities as JSONL, one object per document")
    p.add_argument("paths", nargs="+")
    p.add_argument("--html", help="also write a displaCy page of the entities to this file")
    p.set_defaults(func=cmd_ents)

    p = sub.add_parser("eval", help="scores against annotations/ -> outputs/eval/metrics.json")
    p.add_argument("--coverage", action="store_true", help="list numbers in results sentences that no gold span covers")
    p.add_argument("--annotations", help="annotations folder (default: the project's annotations/)")
    p.add_argument("--errors", action="store_true", help="list every entity false positive and miss in context")
    p.add_argument("-o", "--out", default="outputs")
    p.add_argument("--gold", choices=("annotations", "corrections", "all"), default="annotations",
                   help="score against annotations/ (default), the corrected blocks of the corrections ledger, or both")
    _corrections_option(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("review", help="annotators' corrections: export tasks or rows for review, import the results")
    review = p.add_subparsers(dest="review_command", required=True)
    p = review.add_parser("export", help="review tasks (Label Studio JSON + labelling config, doccano JSONL) "
                                         "or, with --rows, the rows with a verdict column (CSV)")
    p.add_argument("paths", nargs="*", help="files or folders (default: corpus/)")
    p.add_argument("--format", choices=("label-studio", "doccano"), default="label-studio")
    p.add_argument("--rows", action="store_true", help="the last run's rows with a verdict column, as CSV")
    p.add_argument("-o", dest="output", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--out", default="outputs", help="output folder whose store to read (default: outputs/)")
    _store_option(p)
    _corrections_option(p)
    p.set_defaults(func=cmd_review_export)
    p = review.add_parser("import", help="a Label Studio JSON or doccano JSONL export, or a reviewed rows CSV: "
                                         "checked whole, added to the corrections ledger and the store")
    p.add_argument("file")
    p.add_argument("--annotator", help="who made the corrections (default: the tool's user)")
    p.add_argument("--out", default="outputs", help="output folder whose store to use (default: outputs/)")
    _store_option(p)
    _corrections_option(p)
    p.set_defaults(func=cmd_review_import)

    p = sub.add_parser("annotations", help="gold annotations")
    sub_annotations = p.add_subparsers(dest="annotations_command", required=True)
    p = sub_annotations.add_parser("build", help="fold documents' corrections into annotations/ "
                                                 "(spans/<doc>.jsonl and text/<doc>.reference.txt)")
    p.add_argument("doc_ids", nargs="*", help="documents (default: every corrected document)")
    p.add_argument("--annotations", help="annotations folder (default: the project's annotations/)")
    _corrections_option(p)
    p.set_defaults(func=cmd_annotations_build)
    return parser


def _corrections_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corrections", metavar="DIR",
                        help="the corrections ledger (default: the project's annotations/corrections/)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # workers are stopped; the store holds only whole transactions
        print("interrupted: no run recorded; documents already read are kept in the store and reused by the "
              "next run", file=sys.stderr)
        return 130
    except (RuleDataError, StoreError, EngineError) as err:  # a bad data line; a store or engine that cannot be used
        print(f"error: {err.one_line()}", file=sys.stderr)
        return 1
