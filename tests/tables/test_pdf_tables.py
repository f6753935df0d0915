"""Tables: regions, cells, header mapping, cell parsing and footnote markers.

Corpus checks compare with the TSV tables of the reference text; layout checks run on
small PDFs drawn by tests/factories/table_pdf_factory.py under tmp_path.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import table_pdf_factory as factory

from extract.errors import EmptyFileError, NotAPDFError, TruncatedPDFError
from extract.numbers import footnote_markers, parse_pct_cell, split_citation
from extract.tables.fields import (
    Rule,
    header_field,
    map_columns,
    mrd_method,
    os_values,
)
from extract.tables.grid import join_fragments
from extract.tables.read import find_table_regions, read_tables
from extract.tables.record import TableRecord
from extract.textnorm import nfkc_form

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
JABBOUR = CORPUS / "jabbour-2023-jho.pdf"
SUCRE = CORPUS / "sucre-2025-cells.pdf"
REFERENCE = ROOT / "annotations" / "text" / "jabbour-2023-jho.reference.txt"

needs_corpus = pytest.mark.skipif(not JABBOUR.exists(), reason="corpus PDFs not present")


def reference_tables(path: Path) -> dict[str, list[list[str]]]:
    """Table number -> TSV rows (header first) from a reference text (MANIFEST format)."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    out: dict[str, list[list[str]]] = {}
    for i, block in enumerate(blocks):
        m = re.match(r"Table (\d+)\s", block)
        if m and "\n" not in block and i + 1 < len(blocks) and "\t" in blocks[i + 1]:
            out[m[1]] = [line.split("\t") for line in blocks[i + 1].splitlines()]
    return out


def cell_accuracy(got: list[list[str]], want: list[list[str]]) -> float:
    """Share of reference cells matched exactly (after NFKC) at the same row and column."""
    total = sum(len(r) for r in want)
    hits = 0
    for r, row in enumerate(want):
        for c, cell in enumerate(row):
            if r < len(got) and c < len(got[r]) and nfkc_form(got[r][c]) == nfkc_form(cell):
                hits += 1
    return hits / total


@pytest.fixture(scope="module")
def jabbour():
    return {t.number: t for t in read_tables(JABBOUR)}


def _record(table, study: str, ref: str | None = None) -> TableRecord:
    return next(r for r in table.records() if r.study == study and (ref is None or r.ref == ref))


# ---- corpus ------------------------------------------------------------------------------

@needs_corpus
@pytest.mark.parametrize("number", ["1", "2", "3"])
def test_jabbour_cells_match_reference(jabbour, number):
    want = reference_tables(REFERENCE)[number]
    table = jabbour[number]
    got = [table.header_texts, *table.row_texts]
    accuracy = cell_accuracy(got, want)
    print(f"Table {number}: cell accuracy {accuracy:.4f} ({len(want)} rows)")
    assert accuracy >= 0.99
    assert len(got) == len(want)


@needs_corpus
def test_jabbour_tsv_block_matches_reference(jabbour):
    """to_tsv() gives the reference's blocks exactly: title, blank line, TSV (after NFKC per line)."""
    def norm(text: str) -> str:
        return "\n".join(nfkc_form(line) for line in text.splitlines())

    reference = norm(REFERENCE.read_text(encoding="utf-8"))
    for table in jabbour.values():
        assert norm(table.to_tsv(footnotes=True)) in reference


@needs_corpus
def test_jabbour_titles_footnotes_pages(jabbour):
    assert sorted(jabbour) == ["1", "2", "3"]
    assert [t.page for t in jabbour.values()] == [6, 7, 9]
    assert jabbour["3"].title == "Table 3 Relapsed/refractory Ph-negative ALL"
    notes = [nfkc_form(n) for n in jabbour["3"].footnotes]
    assert notes[0] == "MRD measurable residual disease, NA not available"
    assert notes[-1] == "*79 infused; **among 66 patients in complete remission; ***55 infused"
    assert len(jabbour["1"].footnotes) == 3


@needs_corpus
def test_jabbour_records(jabbour):
    t1, t3 = jabbour["1"], jabbour["3"]
    eliana = _record(t3, "ELIANA")
    assert (eliana.n, eliana.n_markers, eliana.ref) == (97, ["*"], "129")
    assert (eliana.age_median, eliana.age_min, eliana.age_max) == (11, 3, 24)
    assert (eliana.cr_pct, eliana.mrd_neg_pct, eliana.mrd_method) == (66, 98, "flow")
    assert (eliana.os_pct, eliana.os_years, eliana.os_median_months) == (55, 5, None)
    assert eliana.notes["*"] == "79 infused"
    tower = _record(t3, "TOWER")
    assert (tower.os_median_months, tower.os_pct, tower.os_years) == (7.7, None, None)
    assert tower.mrd_neg_pct == 76
    # Table 3's ∆∆ note reads "flow cytometry or RT-PCR": two methods, so no method
    assert tower.mrd_method is None
    inovate = _record(t3, "INO-VATE")
    assert (inovate.os_pct, inovate.os_years, inovate.os_median_months) == (20.3, 3, 7.7)
    kte = _record(t3, "KTE-X19")
    assert kte.agents_text == "Brexucabtagene autoleucel" and kte.n_markers == ["***"]
    assert _record(t3, "MDACC", "123").agents_text == "Mini-Hyper-CVD-Inotuzumab-Blinatumomab"
    gimema = _record(t1, "GIMEMA LAL1913")
    assert (gimema.mrd_neg_pct, gimema.mrd_method) == (96, "pcr")  # Table 1's ∆∆ is RT-PCR
    graall = _record(t1, "GRAALL-2014-Quest")
    assert graall.cr_pct is None and (graall.os_pct, graall.os_years) == (92, 1.5)
    combo = _record(t1, "Hyper-CVAD-blinatumomab-inotuzumab")
    assert combo.agents_text == "Blinatumomab and inotuzumab" and combo.ref == "70"
    assert sum(len(t.records()) for t in jabbour.values()) == 16
    for rec in t3.records():
        assert rec.page == 9 and len(rec.bbox) == 4
    json.dumps([t.to_dict() for t in jabbour.values()], ensure_ascii=False)


@needs_corpus
def test_cells_have_boxes(jabbour):
    cell = jabbour["3"].rows[2][2]
    assert cell.text == "97*" and cell.page == 9
    x0, top, x1, bottom = cell.bbox
    assert 0 < x0 < x1 and 0 < top < bottom


@needs_corpus
def test_regions_cover_title_body_and_footnotes():
    with pdfplumber.open(JABBOUR) as pdf:
        found = {p.page_number: find_table_regions(p) for p in pdf.pages}
        assert {k: len(v) for k, v in found.items() if v} == {6: 1, 7: 1, 9: 1}
        region = found[9][0]
        page = pdf.pages[8]
        inside = page.within_bbox(region.bbox).extract_text()
        assert inside.startswith("Table 3") and "***55 infused" in inside
        below = page.crop((0, region.bbox[3] + 1, page.width, page.height)).extract_text()
        assert "infused" not in below


@needs_corpus
def test_no_false_tables_in_sucre():
    assert read_tables(SUCRE) == []


# ---- generated layouts -------------------------------------------------------------------

def _assert_standard(table):
    header, rows = factory.expected_cells()
    assert table.header_texts == header
    assert table.row_texts == rows
    assert table.footnotes == factory.NOTES


@pytest.mark.parametrize("rules", ["grid", "booktabs", "none"])
def test_single_table_any_rules(tmp_path, rules):
    tables = read_tables(factory.single_table_pdf(tmp_path / "t.pdf", rules))
    assert len(tables) == 1
    _assert_standard(tables[0])
    recs = tables[0].records()
    assert recs[1].study == "Beta-Gamma-Delta" and recs[1].mrd_method == "ngs"
    assert recs[0].mrd_method == "flow" and recs[3].mrd_neg_pct is None


def test_page_wide_table_on_two_column_page(tmp_path):
    path = factory.two_column_pdf(tmp_path / "wide.pdf")
    tables = read_tables(path)
    assert len(tables) == 1
    _assert_standard(tables[0])
    with pdfplumber.open(path) as pdf:
        (region,) = find_table_regions(pdf.pages[0])
        text_below = pdf.pages[0].crop((0, region.bbox[3] + 1, pdf.pages[0].width, pdf.pages[0].height))
        assert "clonoSEQ" not in text_below.extract_text()


def test_column_wide_table_beside_running_text(tmp_path):
    (table,) = read_tables(factory.two_column_pdf(tmp_path / "narrow.pdf", page_wide=False))
    assert table.header_texts == ["Study", "N", "CR, %", "OS, %"]
    assert table.row_texts[1] == ["BETA [2]", "31", "71", "NA"]
    assert table.footnotes == ["CR complete remission"]
    rec = table.records()[0]
    assert (rec.study, rec.n, rec.cr_pct, rec.os_pct, rec.os_years) == ("ALPHA", 40, 80, 55, 2)


@pytest.mark.parametrize("titled,rules", [(True, "booktabs"), (False, "booktabs"), (False, "grid")])
def test_table_continued_on_next_page(tmp_path, titled, rules):
    path, first_cells = factory.continued_pdf(tmp_path / "c.pdf", titled, rules)
    tables = read_tables(path)
    assert len(tables) == 1
    table = tables[0]
    assert [p for p, _ in table.parts] == [1, 2]
    assert [r[0] for r in table.row_texts] == [r[0] for r in first_cells]
    assert table.footnotes == factory.NOTES
    assert table.records()[-1].n == 34
    with pdfplumber.open(path) as pdf:
        (region,) = find_table_regions(pdf.pages[1])
        assert region.number == "1" and region.continued


def test_columns_in_another_order_without_age(tmp_path):
    (table,) = read_tables(factory.reordered_pdf(tmp_path / "r.pdf"))
    assert table.header_texts[:3] == ["Median OS (months)", "No. of patients", "Trial"]
    recs = table.records()
    zuma = recs[1]
    assert (zuma.study, zuma.ref, zuma.n, zuma.n_markers) == ("ZUMA-3", "131", 71, ["*"])
    assert (zuma.cr_pct, zuma.mrd_neg_pct, zuma.mrd_method) == (56, 97, "ngs")
    assert (zuma.os_median_months, zuma.os_pct) == (25.4, None)
    assert zuma.agents_text == "Brexucabtagene autoleucel"
    assert zuma.age_median is None and zuma.notes == {"*": "55 infused"}


def test_running_text_is_no_table(tmp_path):
    assert read_tables(factory.no_table_pdf(tmp_path / "n.pdf")) == []


def test_bad_files_raise_typed_errors(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        read_tables(empty)
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello")
    with pytest.raises(NotAPDFError):
        read_tables(fake)
    good = factory.single_table_pdf(tmp_path / "t.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good[: len(good) // 2])
    with pytest.raises(TruncatedPDFError):
        read_tables(cut)


def test_cli_tables_prints_tsv_and_json(tmp_path, capsys):
    from extract.cli import main

    path = factory.single_table_pdf(tmp_path / "t.pdf")
    assert main(["tables", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Table 1 Outcomes of frontline trials\n\n\tAgent\tN\t")
    assert main(["tables", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tables"][0]["records"][0]["n"] == 38


# ---- pure functions ----------------------------------------------------------------------

@pytest.mark.parametrize("header,field", [
    ("Complete remission, %", "cr_pct"), ("CR/CRi rate", "cr_pct"), ("MRD negativity, %", "mrd_neg_pct"),
    ("Median age (range), years", "age"), ("N", "n"), ("No. of patients", "n"), ("Patients, n", "n"),
    ("Overall survival, % (x-year)/Median (months)", "os"), ("3-year OS", "os"), ("Agent", "agents"),
    ("Study", "study"), ("Trial", "study"), ("Event-free survival", None), ("", None),
])
def test_header_field(header, field):
    assert header_field(header) == field


def test_header_rules_are_data():
    rules = (Rule("cr_pct", re.compile(r"\bRR\b")),)
    assert header_field("RR, %", rules) == "cr_pct" and header_field("Complete remission", rules) is None


def test_empty_header_over_labels_is_study():
    fields = map_columns(["", "N", "CR, %"], [["ALPHA [1]", "BETA"], ["12", "14"], ["50", "60"]])
    assert fields == ["study", "n", "cr_pct"]
    assert map_columns(["", "N"], [["12", "13"], ["1", "2"]]) == [None, "n"]


@pytest.mark.parametrize("note,method", [
    ("MRD negativity assessed by multicolor multiparameter flow cytometry at a sensitivity of 10−4", "flow"),
    ("MRD negativity assessed by RT-PCR at a sensitivity of 10−4", "pcr"),
    ("MRD by next-generation sequencing (clonoSEQ)", "ngs"), ("NGS-MRD", "ngs"),
    ("MRD negativity assessed by either multicolor multiparameter flow cytometry or RT-PCR", None),
    ("measurable residual disease", None),
])
def test_mrd_method(note, method):
    assert mrd_method(note) == method


def test_footnote_markers_resolve_exact_marker():
    assert footnote_markers("∆ MRD by flow") == {"∆": "MRD by flow"}
    assert footnote_markers("∆∆ MRD by RT-PCR") == {"∆∆": "MRD by RT-PCR"}
    assert footnote_markers("*79 infused; **among 66 patients in complete remission; ***55 infused") == {
        "*": "79 infused", "**": "among 66 patients in complete remission", "***": "55 infused"}
    assert footnote_markers("MRD measurable residual disease") == {}


def test_cell_parsers():
    assert split_citation("Hyper-CVAD-blinatumomab [70]") == ("Hyper-CVAD-blinatumomab", "70")
    assert split_citation("GMALL Bold") == ("GMALL Bold", None)
    v = parse_pct_cell("96∆∆")
    assert (v.number, v.markers) == (96, ("∆∆",))
    assert parse_pct_cell("NA") is None and parse_pct_cell("88 (78%)").number == 78
    assert parse_pct_cell(">90").sign == ">"
    assert os_values("55** (5-year)/NA", "Overall survival, % (x-year)/Median (months)") == {
        "os_pct": 55, "os_years": 5, "os_median_months": None}
    assert os_values("NA/7.7", "Overall survival, % (x-year)/Median (months)")["os_median_months"] == 7.7
    assert os_values("81", "3-year OS, %") == {"os_pct": 81, "os_years": 3, "os_median_months": None}
    assert os_values("14.1", "Median OS (months)") == {"os_pct": None, "os_years": None, "os_median_months": 14.1}


def test_join_fragments():
    assert join_fragments("Hyper-CVAD-blinatumomab-", "inotuzumab [70]") == "Hyper-CVAD-blinatumomab-inotuzumab [70]"
    assert join_fragments("Blinatumomab and", "inotuzumab") == "Blinatumomab and inotuzumab"
    assert join_fragments("", "x") == "x" and join_fragments("a -", "b") == "a - b"


@given(st.integers(min_value=0, max_value=100), st.sampled_from(["", "∆", "∆∆", "*", "**", "†"]))
def test_pct_cell_roundtrip(number, marker):
    v = parse_pct_cell(f"{number}{marker}")
    assert v.number == number and v.markers == ((marker,) if marker else ())


def test_sideways_table_on_portrait_page(tmp_path):
    path = factory.sideways_pdf(tmp_path / "side.pdf")
    (table,) = read_tables(path)
    _assert_standard(table)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        (region,) = find_table_regions(page)
        x0, top, x1, bottom = region.bbox
        assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height
        x0, top, x1, bottom = table.rows[0][0].bbox  # cell boxes are page coordinates too
        assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height


def test_other_house_style(tmp_path):
    (table,) = read_tables(factory.styled_pdf(tmp_path / "s.pdf"))
    assert table.number == "2" and table.title == "TABLE 2 Salvage studies in relapsed adult ALL"
    # the spanning 'Outcomes' stays in the header (over one of its columns); the partial
    # rule under it does not end the header
    header = table.header_texts
    assert header[:4] == ["Study", "N", "Age, years", "CR, n (%)"] and header[5] == "OS"
    assert header[4].endswith("MRD neg., %") and "Outcomes" in " ".join(header)
    assert table.row_texts[0] == ["KAPPA [4]", "38b", "46 (18-79)", "25 (66)", "90a", "14.1 mo"]
    assert len(table.rows) == 3 and len(table.footnotes) == 3
    kappa, lam, mu = table.records()
    assert (kappa.n, kappa.n_markers, kappa.cr_pct) == (38, ["b"], 66)
    assert (kappa.mrd_neg_pct, kappa.mrd_method, kappa.os_median_months) == (90, "ngs", 14.1)
    assert (lam.mrd_neg_pct, lam.os_median_months, lam.os_pct) == (None, None, None)
    assert mu.age_median is None and mu.cr_pct == 63


def test_two_tables_on_a_page(tmp_path):
    path = factory.two_tables_pdf(tmp_path / "two.pdf")
    first, second = read_tables(path)
    _assert_standard(first)
    assert second.title == "Table 2 Narrow results"
    assert [second.header_texts, *second.row_texts] == [
        ["Study", "N", "CR, %", "OS, %"], ["ALPHA [1]", "40", "80", "55 (2-year)"], ["BETA [2]", "31", "71", "NA"]]
    assert second.footnotes == ["CR complete remission"]
    with pdfplumber.open(path) as pdf:
        regions = find_table_regions(pdf.pages[0])
    assert [r.number for r in regions] == ["1", "2"]
    assert regions[1].bbox[0] > pdf.pages[0].width / 2 - 10  # the right column only


def test_landscape_page_rotated_by_page_attribute(tmp_path):
    (table,) = read_tables(factory.rotated_page_pdf(tmp_path / "rot.pdf"))
    assert [table.header_texts, *table.row_texts] == [
        ["Study", "N", "CR, %"], ["ALPHA [1]", "40", "80"], ["BETA [2]", "31", "71"], ["GAMMA [3]", "22", "64"]]
    assert table.footnotes == ["CR complete remission"]
    assert [r.cr_pct for r in table.records()] == [80, 71, 64]


def test_table_over_three_pages(tmp_path):
    path = factory.three_page_pdf(tmp_path / "three.pdf")
    (table,) = read_tables(path)
    assert [p for p, _ in table.parts] == [1, 2, 3] and len(table.rows) == 45
    assert table.row_texts[-1][0] == "Trial-45 [45]" and table.footnotes == ["* MRD by flow cytometry"]
    assert {r.mrd_method for r in table.records()} == {"flow"}
    with pdfplumber.open(path) as pdf:
        assert [len(find_table_regions(p)) for p in pdf.pages] == [1, 1, 1]
