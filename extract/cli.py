"""Command line: `python -m extract <command>` (see README, 'Command line')."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from extract.errors import ExtractError, RuleDataError, UnsupportedInputError
from extract.pipeline import document_entities, eval_main, load_document, run, run_batch
from extract.review.displacy import write_displacy_html
from extract.tables.read import read_tables


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
    return 2 if out is None else run(args.paths or ["corpus"], out)


def cmd_eval(args: argparse.Namespace) -> int:
    try:
        return eval_main(coverage=args.coverage, errors=args.errors, out_dir=Path(args.out),
                             **({"annotations_dir": Path(args.annotations)} if args.annotations else {}))
    except ExtractError as err:  # a bad gold or correction file: say which and where
        print(f"error: {err.one_line()}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="main job: inputs -> rows.csv, entities.jsonl, validation, scores")
    p.add_argument("paths", nargs="*", help="files or folders (default: corpus/)")
    p.add_argument("-o", "--out", default="outputs", help="output folder (default: outputs/)")
    p.set_defaults(func=cmd_run)

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

    p = sub.add_parser("eval", help="scores against annotations/ -> outputs/metrics.json")
    p.add_argument("--coverage", action="store_true", help="list numbers in results sentences that no gold span covers")
    p.add_argument("--annotations", help="annotations folder (default: the project's annotations/)")
    p.add_argument("--errors", action="store_true", help="list every entity false positive and miss in context")
    p.add_argument("-o", "--out", default="outputs")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        return 0
    except RuleDataError as err:  # a bad knowledge data line, met when the pipeline is built
        print(f"error: {err.one_line()}", file=sys.stderr)
        return 1
