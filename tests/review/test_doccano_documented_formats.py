"""doccano's sequence-labelling JSONL, as its documentation describes it (one example a
line: `{"text": ..., "label": [[start, end, LABEL], ...]}`; an export adds the example's
`id` and keeps the metadata keys of the import; projects with relations write
`entities` with `start_offset` / `end_offset`): our tasks are written that way and such
exports are read back. The examples are written here from that description."""

from __future__ import annotations

import json

from factories.review_exports import ABSTRACT


def _exported(loop) -> list[dict]:
    (loop.inputs / "abstract.txt").write_text(ABSTRACT, encoding="utf-8")
    assert loop.run() == 0
    path = loop.export("doccano")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_tasks_are_doccano_sequence_labelling_lines(loop):
    lines = _exported(loop)
    block = lines[-1]
    assert isinstance(block["text"], str) and all(isinstance(s, list) and len(s) == 3 for s in block["label"])
    assert [block["text"][s:e] for s, e, _ in block["label"]][:2] == ["ACME-7", "42"]
    assert {label for _, _, label in block["label"]} <= {"TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS"}


def _write(loop, records) -> str:
    path = loop.root / "export.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _swap(label_list, text):
    swap = {"83%": "MRD", "76%": "CR"}
    return [[s, e, swap.get(text[s:e], label)] for s, e, label in label_list]


def test_an_export_with_label_lists_changes_the_row(loop):
    lines = _exported(loop)
    exported = [{"id": i, **line, "label": _swap(line["label"], line["text"]), "Comments": []}
                for i, line in enumerate(lines, start=1)]
    assert loop.cli("review", "import", _write(loop, exported), "--annotator", "reviewer-2") == 0
    assert loop.run() == 0
    row = loop.rows().iloc[0]
    assert (row.cr_pct, row.mrd_neg_pct, row.status, row.corrected_by) == (76, 83, "corrected", "reviewer-2")


def test_an_export_with_entities_and_metadata_under_meta_is_read_too(loop):
    lines = _exported(loop)
    exported = []
    for i, line in enumerate(lines, start=1):
        meta = {k: v for k, v in line.items() if k.startswith("extract_")}
        entities = [{"id": k, "start_offset": s, "end_offset": e, "label": label}
                    for k, (s, e, label) in enumerate(_swap(line["label"], line["text"]))]
        exported.append({"id": i, "text": line["text"], "meta": meta, "entities": entities, "relations": []})
    assert loop.cli("review", "import", _write(loop, exported)) == 0
    assert loop.run() == 0
    assert loop.rows().iloc[0].cr_pct == 76


def test_unchanged_lines_add_nothing(loop, capsys):
    lines = _exported(loop)
    capsys.readouterr()
    assert loop.cli("review", "import", _write(loop, [{"id": i, **line} for i, line in enumerate(lines)])) == 0
    assert "0 correction(s) read" in capsys.readouterr().out
    assert loop.run() == 0
    assert loop.rows().iloc[0].status == "predicted"


def test_a_bad_line_names_its_line(loop, capsys):
    lines = _exported(loop)
    lines[-1]["label"].append([5, 2, "CR"])
    capsys.readouterr()
    assert loop.cli("review", "import", _write(loop, lines)) == 1
    err = capsys.readouterr().err
    assert f"export.jsonl: line {len(lines)}: span offsets 5..2 outside the task text" in err
