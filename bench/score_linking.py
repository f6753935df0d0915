"""Linking measured alone: the rows stage run on the tagger's entities and on the gold ones.

Usage: python bench/score_linking.py [--devset DIR] [--heldout DIR] [--no-corpus] [--diff SET]

For each set (the dev set, read at run time from ../shared/devset/passages.jsonl and
rows.csv; the corpus gold on its reference texts, annotations/; a held-out set such as
bench/heldout2) every document goes through the pipeline's own steps for text input: the
text's blocks (`text_document`), the nlp pipeline (`tag_blocks`: sentences, entities and
their values), then the rows stage (`assemble_paragraph` on every block the pipeline takes
rows from). That is done twice on the same sentences:

* **tagged**: the mentions are the tagger's entities (what `extract run` does on a .txt);
* **gold**: the mentions are the gold spans. Each gold span keeps the value the tagger
  computed for an entity of its label overlapping it; a gold span the tagger missed gets
  its value from the same number parsers the value tagger uses (percent, age, median
  duration, count) and, for an OS rate, the horizon its sentence states.

Rows are scored with `extract.evaluate.scoring.score_rows` against the set's gold rows
of source `text` (table rows are another stage's). The difference between the two figures
is what tagging costs; the gap from 1.0 of the gold figure is what linking costs.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package

from extract import numbers  # noqa: E402
from extract.evaluate import gold as gold_io  # noqa: E402
from extract.evaluate.scores import gold_doc_ids, gold_spans, reference_text  # noqa: E402
from extract.evaluate.scoring import score_rows  # noqa: E402
from extract.fileio import read_jsonl  # noqa: E402
from extract.nlp import values as value_rules  # noqa: E402
from extract.nlp.entities import tag_blocks  # noqa: E402
from extract.nlp.pipeline import load_nlp  # noqa: E402
from extract.pdf.text_input import text_document  # noqa: E402
from extract.pipeline import ROW_SOURCE_KINDS  # noqa: E402
from extract.rows.document import Paragraph, assemble_document  # noqa: E402
from extract.rows.mentions import Mention, Sentence, from_doc  # noqa: E402
from extract.rows.schema import comparable  # noqa: E402
from extract.types import ROW_FIELDS, Value  # noqa: E402

DEVSET = ROOT.parent / "shared" / "devset"
HELDOUT2 = ROOT / "bench" / "heldout2"
Span = tuple[int, int, str]


@dataclass
class Set:
    name: str
    texts: dict[str, str]
    spans: dict[str, list[Span]]
    rows: list[dict]  # gold rows, source text
    own_scorer: Path | None = None  # a set's own row scorer (the dev set's score_rows.py)


def _read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as fh:  # rows.csv starts with a BOM
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]
    return [r for r in rows if r.get("source") == "text"]


def devset(folder: Path) -> Set:
    records = list(read_jsonl(folder / "passages.jsonl"))
    return Set("dev set", {r["id"]: r["text"] for r in records},
               {r["id"]: [(s["start"], s["end"], s["label"]) for s in r["spans"]] for r in records},
               _read_rows(folder / "rows.csv"), folder / "score_rows.py")


def heldout(folder: Path) -> Set:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((folder / "texts").glob("*.txt"))}
    spans = {d["doc_id"]: [(s["start"], s["end"], s["label"]) for s in d["spans"]]
             for d in read_jsonl(folder / "spans.jsonl")}
    return Set(folder.name, texts, spans, _read_rows(folder / "rows.csv"))


def corpus() -> Set:
    docs = gold_doc_ids()
    rows = [r for r in _read_rows(gold_io.ANNOTATIONS_DIR / "rows.csv") if r["doc_id"] in docs]
    return Set("corpus (reference texts)", {d: reference_text(d) for d in docs},
               {d: gold_spans(d) for d in docs}, rows)


# ---------------------------------------------------------------- gold mentions with values

_DURATION_UNIT = re.compile(r"\b(?:months?|mos?|years?|yrs?|weeks?|wks?)\b", re.I)


def fallback_value(label: str, text: str, sentence: str, rel_start: int, rel_end: int, rules) -> Value | None:
    """The value the tagger's parsers give a span it did not tag itself."""
    if label == "N":
        m = re.search(r"\d+", text)
        number = float(m.group(0)) if m else numbers.word_to_number(text.strip())
        return Value(number=number, unit="patients") if number is not None else None
    if label == "AGE":  # "46 years", "18 to 88 years", "37 (17-59)"
        return numbers.parse_age(text)
    if label in ("CR", "MRD"):
        value = value_rules._percent_value(text if "%" in text else text + "%")
        if value and label == "MRD":
            method = value_rules.mrd_method(sentence, rel_start, rel_end, rules.find_methods(sentence))
            value = Value(**{**value.stated(), "method": method}) if method else value
        return value
    if label == "OS":
        if _DURATION_UNIT.search(text):
            return value_rules.ValueTagger._os_median(text)
        if "%" not in text:  # "7.7 and 4.0 months": the unit written once, after the list
            unit = _DURATION_UNIT.search(sentence, rel_end)
            if unit and unit.start() - rel_end < 40:
                return value_rules.ValueTagger._os_median(f"{text} {unit.group(0)}")
        value = value_rules._percent_value(text if "%" in text else text + "%")
        if value is None:
            return None
        horizon = value_rules._horizon(sentence, rel_start, rules.find_measures(sentence), None, rel_end)
        if horizon is None:
            horizon = value_rules._shared_horizon(sentence)
        return Value(number=value.number, unit="%", sign=value.sign, vague=value.vague, kind="rate", years=horizon)
    return None


def gold_sentences(sentences: list[Sentence], spans: list[Span], rules) -> list[Sentence]:
    """The tagger's sentences with the gold spans as their mentions (a span goes to the
    sentence it starts in); values as the module docstring says."""
    out = []
    for sentence in sentences:
        mentions = []
        for start, end, label in sorted(spans):
            if not sentence.start <= start < sentence.end:
                continue
            text = sentence.text[start - sentence.start:end - sentence.start]
            tagged = [m for m in sentence.mentions if m.label == label and m.start < end and start < m.end]
            value = tagged[0].value if tagged else None
            if value is None and label not in ("TRIAL", "AGENT"):
                value = fallback_value(label, text, sentence.text, start - sentence.start, end - sentence.start, rules)
            mentions.append(Mention(label, start, end, text, value))
        out.append(Sentence(sentence.start, sentence.end, sentence.text, mentions))
    return out


def rows_of(doc_id: str, text: str, spans: list[Span] | None, nlp) -> list[dict]:
    """The rows stage's rows of one text, read over the whole document as the pipeline does
    (`assemble_document`, headings as context): on the tagger's entities, or on `spans`."""
    document = text_document(text, doc_id=doc_id, path=f"{doc_id}.txt")
    rules = nlp.get_pipe("values").rules
    paragraphs = []
    for block, doc in tag_blocks(document, nlp):
        sentences = from_doc(doc, offset=block.start)
        if spans is not None:
            sentences = gold_sentences(sentences, spans, rules)
        paragraphs.append(Paragraph(sentences, rows=block.kind in ROW_SOURCE_KINDS))
    return [r.to_record() for r in assemble_document(doc_id, paragraphs)]


def own_score(scorer: Path, gold: list[dict], pred: list[dict]) -> dict:
    """The set's own scorer (loaded at run time from its folder) on the same rows."""
    spec = importlib.util.spec_from_file_location("set_score_rows", scorer)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def normed(rows):
        return [{f: module.norm({f: "" if r.get(f) is None else str(r.get(f))}, f) for f in module.FIELDS}
                | {"doc_id": r["doc_id"], "source": r.get("source") or "text"} for r in rows]
    return module.score(normed(gold), normed(pred))


def score_set(data: Set, nlp) -> dict:
    out = {}
    for mode in ("tagged", "gold"):
        pred = [r for d in sorted(data.texts)
                for r in rows_of(d, data.texts[d], data.spans.get(d, []) if mode == "gold" else None, nlp)]
        out[mode] = score_rows(data.rows, pred)
        out[mode]["pred_rows"] = pred
        if data.own_scorer is not None and data.own_scorer.is_file():
            out[mode]["own"] = own_score(data.own_scorer, data.rows, pred)
    return out


def _fmt(x) -> str:
    return "    -" if x is None else f"{x:.3f}"


def print_set(data: Set, scores: dict) -> None:
    print(f"\n== {data.name}: {len(data.texts)} texts, {len(data.rows)} gold text rows")
    print(f"{'field':18}{'tagged F1':>10}{'gold F1':>10}")
    for name in ROW_FIELDS:
        print(f"{name:18}{_fmt(scores['tagged']['fields'][name]['f1']):>10}{_fmt(scores['gold']['fields'][name]['f1']):>10}")
    for mode in ("tagged", "gold"):
        s = scores[mode]
        o = s["overall"]
        exact = sum(p["exact"] for p in s["pairs"])
        print(f"{mode:7} entities: row field F1 {_fmt(o['f1'])} (P {_fmt(o['precision'])}, R {_fmt(o['recall'])}); "
              f"exact rows {exact}/{s['n_gold']}; {s['n_pred']} predicted")
        if "own" in s:
            own = s["own"]
            print(f"{'':7} the set's own scorer: field F1 {_fmt(own['ALL']['f1'])} (P {_fmt(own['ALL']['p'])}, "
                  f"R {_fmt(own['ALL']['r'])}); exact rows {own['exact_rows']['exact']}/{own['exact_rows']['gold_rows']}")


def print_diff(data: Set, scored: dict) -> None:
    for pair in scored["pairs"]:
        g, p = pair["gold"], pair["pred"]
        diffs = [f"{k}: gold={g.get(k)!r} pred={p.get(k)!r}" for k in ROW_FIELDS
                 if comparable(k, g.get(k)) != comparable(k, p.get(k))]
        if diffs:
            print(f"{g['doc_id']} [{g.get('subgroup', '')}]\n    " + "\n    ".join(diffs))
    aligned_g = {id(pair["gold"]) for pair in scored["pairs"]}
    aligned_p = {id(pair["pred"]) for pair in scored["pairs"]}

    def label(row):
        return ", ".join(f"{k}={row.get(k)}" for k in ROW_FIELDS if comparable(k, row.get(k)) is not None)
    for g in data.rows:
        if id(g) not in aligned_g:
            print(f"{g['doc_id']} MISSED: {label(g)}")
    for p in scored.get("pred_rows", []):
        if id(p) not in aligned_p:
            print(f"{p['doc_id']} SPURIOUS: {label(p)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=DEVSET, help="folder with passages.jsonl and rows.csv")
    ap.add_argument("--heldout", type=Path, action="append", help=f"held-out set folder (default {HELDOUT2})")
    ap.add_argument("--no-corpus", action="store_true", help="skip the corpus gold")
    ap.add_argument("--only", choices=["devset", "corpus", "heldout"], help="score one kind of set")
    ap.add_argument("--diff", choices=["tagged", "gold"], help="print the row disagreements of one mode")
    ap.add_argument("--json", type=Path, help="also write the overall scores as JSON")
    args = ap.parse_args(argv)

    sets = []
    if args.only in (None, "devset") and (args.devset / "passages.jsonl").is_file():
        sets.append(devset(args.devset))
    if args.only in (None, "corpus") and not args.no_corpus:
        sets.append(corpus())
    if args.only in (None, "heldout"):
        sets += [heldout(p) for p in (args.heldout or [HELDOUT2])]
    nlp = load_nlp()
    summary = {}
    for data in sets:
        scores = score_set(data, nlp)
        print_set(data, scores)
        if args.diff:
            print(f"\n-- {data.name}, {args.diff} entities: disagreements")
            print_diff(data, scores[args.diff])
        summary[data.name] = {mode: {"f1": s["overall"]["f1"], "exact": sum(p["exact"] for p in s["pairs"]),
                                     "n_gold": s["n_gold"],
                                     **({"own_f1": s["own"]["ALL"]["f1"], "own_exact": s["own"]["exact_rows"]["exact"]}
                                        if "own" in s else {})}
                              for mode, s in scores.items()}
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
