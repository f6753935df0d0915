"""`diff` on known changes, exactly: one paper changed, one added, one removed, each row
with its reason, a changed row field by field, in text, CSV and JSON."""

from __future__ import annotations

import json

from factories.evidence_texts import BOLD, acme, rows_of

from extract.cli import main

CARA = BOLD.replace("BOLD-3", "CARA-1").replace("inotuzumab", "ponatinib")
OLD_EVIDENCE = "The CR rate was 83% and the MRD negativity rate was 76%. The 2-year OS rate was 64%."
NEW_EVIDENCE = OLD_EVIDENCE.replace("83%", "85%")


def _two_runs(folder, refresh) -> dict[str, str]:
    folder.write("acme.txt", acme(83))
    folder.write("bold.txt", BOLD)
    refresh()
    ids = dict(zip(rows_of(folder.out)["doc_id"], rows_of(folder.out)["row_id"]))
    folder.write("acme.txt", acme(85))
    folder.remove("bold.txt")
    folder.write("cara.txt", CARA)
    refresh()
    ids.update(zip(rows_of(folder.out)["doc_id"], rows_of(folder.out)["row_id"]))
    return ids


def diff_of(folder, capsys, *args: str) -> str:
    capsys.readouterr()
    assert main(["diff", "-o", str(folder.out), *args]) == 0
    return capsys.readouterr().out


def test_diff_text_lists_each_change_with_its_reason(folder, refresh, capsys):
    ids = _two_runs(folder, refresh)
    assert diff_of(folder, capsys) == (
        "run 1 → run 2: 1 added, 1 removed, 1 changed\n"
        "documents: changed acme; new cara; removed bold\n"
        f"~ {ids['acme']}  acme  text  ACME-7 / blinatumomab  (document changed)\n"
        "    cr_pct: 83.0 → 85.0\n"
        f"    evidence: {OLD_EVIDENCE} → {NEW_EVIDENCE}\n"
        f"+ {ids['cara']}  cara  text  CARA-1 / ponatinib  (new document)\n"
        f"- {ids['bold']}  bold  text  BOLD-3 / inotuzumab  (document removed)\n")


def test_diff_csv_has_one_line_per_changed_field(folder, refresh, capsys):
    ids = _two_runs(folder, refresh)
    assert diff_of(folder, capsys, "--format", "csv") == (
        "change,row_id,doc_id,source,row,field,old,new,reason\n"
        f"changed,{ids['acme']},acme,text,ACME-7 / blinatumomab,cr_pct,83.0,85.0,document changed\n"
        f"changed,{ids['acme']},acme,text,ACME-7 / blinatumomab,evidence,{OLD_EVIDENCE},{NEW_EVIDENCE},"
        "document changed\n"
        f"added,{ids['cara']},cara,text,CARA-1 / ponatinib,,,,new document\n"
        f"removed,{ids['bold']},bold,text,BOLD-3 / inotuzumab,,,,document removed\n")


def test_diff_json_and_run_selection(folder, refresh, capsys):
    ids = _two_runs(folder, refresh)
    data = json.loads(diff_of(folder, capsys, "--format", "json"))
    assert (data["from_run"], data["to_run"], data["summary"]) == (1, 2, {"added": 1, "removed": 1, "changed": 1})
    assert data["rows"][0] == {"change": "changed", "row_id": ids["acme"], "doc_id": "acme", "source": "text",
                               "row": "ACME-7 / blinatumomab", "reason": "document changed",
                               "fields": [{"field": "cr_pct", "old": 83.0, "new": 85.0},
                                          {"field": "evidence", "old": OLD_EVIDENCE, "new": NEW_EVIDENCE}]}
    # from nothing to run 1: every row new
    first = json.loads(diff_of(folder, capsys, "--to", "1", "--format", "json"))
    assert first["from_run"] is None and [(r["change"], r["reason"]) for r in first["rows"]] == \
        [("added", "new document"), ("added", "new document")]
    # the same run on both sides: nothing
    assert diff_of(folder, capsys, "--from", "2", "--to", "-1") == \
        "run 2 → run 2: no changes\ndocuments: no change\n"


def test_the_report_says_what_changed_since_the_last_run(folder, refresh):
    ids = _two_runs(folder, refresh)
    report = (folder.out / "report.md").read_text(encoding="utf-8")
    section = report[report.index("## Changes since the last run"):report.index("## Documents")]
    assert section == (
        "## Changes since the last run\n\n"
        "Documents: changed: acme; new: cara; removed: bold. 0 unchanged document(s) reused from the store.\n"
        "Rows: 1 added, 1 removed, 1 changed.\n\n"
        "| change | row_id | document | source | row | reason | fields |\n|---|---|---|---|---|---|---|\n"
        f"| changed | {ids['acme']} | acme | text | ACME-7 / blinatumomab | document changed "
        "| cr_pct: 83.0 → 85.0; evidence changed |\n"
        f"| added | {ids['cara']} | cara | text | CARA-1 / ponatinib | new document |  |\n"
        f"| removed | {ids['bold']} | bold | text | BOLD-3 / inotuzumab | document removed |  |\n\n")


def test_history_shows_every_value_of_a_row_over_time(folder, refresh, capsys):
    ids = _two_runs(folder, refresh)
    folder.write("acme.txt", acme(88))
    refresh()
    capsys.readouterr()
    assert main(["history", ids["acme"][:6], "-o", str(folder.out), "--format", "json"]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert [(r["run"], r["change"], r["reason"], r["row"]["cr_pct"]) for r in runs] == [
        (1, "added", "new document", 83.0), (2, "changed", "document changed", 85.0),
        (3, "changed", "document changed", 88.0)]
    assert main(["history", ids["bold"], "-o", str(folder.out)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == f"row {ids['bold']} · bold · text · BOLD-3 / inotuzumab"
    assert [line.split("  ")[0] for line in text.splitlines() if line.startswith("run ")] == ["run 1", "run 2"]
    assert "removed (document removed)" in text and "    cr_pct: 71.0" in text


def test_history_of_an_unknown_row_is_one_line_and_exit_1(folder, refresh, capsys):
    folder.write("acme.txt", acme())
    refresh()
    capsys.readouterr()
    assert main(["history", "zzzz", "-o", str(folder.out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no row has this id" in err[0]
