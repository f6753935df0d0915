"""The PDF text layer: corpus accuracy against the reference texts, layout cases on
small generated PDFs, and the pure decisions (columns, furniture, hyphens) one by one.

Reference body rule (for the corpus comparison). The reference texts hold one block per
blank-line-separated line. Body blocks are all blocks except:
  * figure captions: blocks starting "Fig. N" / "Figure N";
  * table titles: blocks starting "Table N";
  * table bodies: blocks containing a tab;
  * table footnotes: after a table title, every following block that starts with a
    symbol (∆, *, †, ...) or is an abbreviation list ("MRD measurable residual disease":
    an all-capital abbreviation followed by a lower-case word), up to the first block
    that is neither (the next heading or paragraph).
Texts are compared after `textnorm.nfkc_form` (NFKC, dash/space folding, whitespace
collapsed). Word accuracy = reference words matched in order (difflib LCS blocks on
word lists) / reference words. Paragraph recovery = reference body blocks found as one
whole output block (exact equality after nfkc_form) / reference body blocks.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from extract.pdf import layout
from extract.pdf.blocks import Draft, continues_url, stitch
from extract.pdf.clean import EdgeLine, Vocabulary, find_furniture, is_page_number, keep_line_end_hyphen, mask_digits
from extract.pdf.layout import Segment, Word, group_segments, order_regions
from extract.pipeline import load_document
from extract.textnorm import nfkc_form

from factories import pdf_factory as factory

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ["jabbour-2023-jho", "sucre-2025-cells"]

_CAPTION = re.compile(r"^(?:Fig\.?|Figure)\s*\d+")
_TABLE_TITLE = re.compile(r"^Table\s+\d+")
_TABLE_NOTE = re.compile(r"^(?:[^\w\s]|[A-Z][A-Z0-9/-]+ [a-z])")


def reference_body(path: Path) -> list[str]:
    """Body blocks of a reference text (rule in the module docstring)."""
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    body, in_table = [], False
    for block in blocks:
        if _TABLE_TITLE.match(block):
            in_table = True
            continue
        if _CAPTION.match(block) or "\t" in block:
            continue
        if in_table and _TABLE_NOTE.match(block):
            continue
        in_table = False
        body.append(block)
    return body


def score(output_blocks: list[str], reference_blocks: list[str]) -> tuple[float, float]:
    """(in-order word accuracy, share of reference paragraphs recovered whole)."""
    out = [nfkc_form(b) for b in output_blocks]
    ref = [nfkc_form(b) for b in reference_blocks]
    ref_words, out_words = " ".join(ref).split(), " ".join(out).split()
    matcher = difflib.SequenceMatcher(None, ref_words, out_words, autojunk=False)
    matched = sum(m.size for m in matcher.get_matching_blocks())
    available: dict[str, int] = {}
    for block in out:
        available[block] = available.get(block, 0) + 1
    whole = 0
    for block in ref:
        if available.get(block, 0):
            available[block] -= 1
            whole += 1
    return matched / len(ref_words), whole / len(ref)


@pytest.fixture(scope="module")
def corpus_docs():
    return {name: load_document(ROOT / "corpus" / f"{name}.pdf") for name in CORPUS}


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_matches_reference(corpus_docs, name):
    doc = corpus_docs[name]
    reference = reference_body(ROOT / "annotations" / "text" / f"{name}.reference.txt")
    words, paragraphs = score([b.text for b in doc.body_blocks()], reference)
    print(f"\n{name}: word accuracy {words:.2%}, paragraphs recovered {paragraphs:.2%}")
    assert words >= 0.995
    assert paragraphs >= 0.95


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_char_boxes_cover_every_character(corpus_docs, name):
    doc = corpus_docs[name]
    for block in doc.blocks:
        assert len(block.char_boxes) == len(block.text)
    # any offset maps back to a page and a box on it
    offset = doc.text.index("residual disease")
    page, boxes = doc.locate(offset, offset + 16)
    assert 1 <= page <= doc.n_pages and boxes and boxes[0][1] < boxes[0][3]


def test_corpus_floats_are_typed_not_body(corpus_docs):
    doc = corpus_docs["jabbour-2023-jho"]
    kinds = {b.kind for b in doc.blocks}
    assert {"title", "heading", "paragraph", "caption", "table", "footnote"} <= kinds
    body = "\n".join(b.text for b in doc.body_blocks())
    assert "Page 2 of 10" not in body and "Journal of Hematology & Oncology (2023)" not in body
    assert not any(_CAPTION.match(b.text) for b in doc.body_blocks())


# ---------------------------------------------------------------------------------------
# Layout cases on generated PDFs


def _body(doc) -> list[str]:
    return [b.text for b in doc.body_blocks()]


def test_single_column_paragraphs(tmp_path):
    paragraphs = [factory.filler(60, seed=1), factory.filler(45, seed=2), factory.filler(30, seed=3)]
    doc = load_document(factory.single_column(tmp_path / "single.pdf", paragraphs))
    assert _body(doc) == ["Introduction", *paragraphs]
    assert doc.body_blocks()[0].kind in ("heading", "title")


def test_two_columns_with_spanning_table(tmp_path):
    abstract = "Abstract text spans the full width of the page. " + factory.filler(50, seed=4)
    left = [factory.filler(40, seed=5), factory.filler(35, seed=6)]
    right = [factory.filler(30, seed=7)]
    run_on = "This paragraph starts on page one. " + factory.filler(420, seed=8)
    after = [factory.filler(40, seed=9)]
    rows = [["Arm", "N", "CR, %", "OS, %"], ["Alpha-regimen", "38", "100", "81 (3-year)"],
            ["Beta-regimen", "25", "90", "69 (2-year)"]]
    path = factory.two_columns_with_table(
        tmp_path / "two.pdf", "A Title Spanning Both Columns", abstract, left, right, run_on,
        rows, "Table 1 Outcomes by arm", "CR complete remission, OS overall survival", after)
    doc = load_document(path)
    body = _body(doc)
    assert body[0] == "A Title Spanning Both Columns"
    assert body[1:] == [abstract, *left, *right, run_on, *after]
    # the table and its parts are typed blocks, kept out of the body
    assert not any("Alpha-regimen" in text or "Outcomes by arm" in text for text in body)
    assert any(b.kind in ("table", "caption") and "Outcomes by arm" in b.text for b in doc.blocks)
    # the paragraph continued across the page is one block with boxes on both pages
    block = next(b for b in doc.blocks if b.text == run_on)
    assert {box[0] for box in block.char_boxes} == {1, 2}


def test_three_columns_reading_order(tmp_path):
    cols = [[factory.filler(30, seed=10)], [factory.filler(35, seed=11)],
            [factory.filler(25, seed=12), factory.filler(30, seed=13)]]
    run_on = "Column one ends with this paragraph. " + factory.filler(60, seed=14)
    doc = load_document(factory.three_columns(tmp_path / "three.pdf", cols, run_on))
    assert _body(doc) == [cols[0][0], run_on, cols[1][0], *cols[2]]


def test_line_end_hyphens_kept_or_removed(tmp_path):
    before = ["Chemotherapy was given. A low-dose schedule was compared with the treatment "
              "standard and chemotherapy intensity."]
    lines = ["Patients had low-", "dose chemotherapy and the treat-", "ment included Hyper-",
             "CVAD with intensive chemo-", "therapy and CD19-", "directed agents."]
    doc = load_document(factory.explicit_lines(tmp_path / "hyphen.pdf", lines, before))
    assert _body(doc)[-1] == ("Patients had low-dose chemotherapy and the treatment included Hyper-CVAD with "
                              "intensive chemotherapy and CD19-directed agents.")


@pytest.mark.skipif(not factory.DEJAVU.exists(), reason="DejaVu Sans TTF not installed")
def test_ligatures_expanded_and_signs_kept(tmp_path):
    lines = ["The e\ufb03cacy of the \ufb01rst \ufb02ow assay di\ufb00ered in", "patients aged ≥ 65 years,",
             "≤ 10\u22124 cells, 30–50% and a ∆ marker."]
    doc = load_document(factory.unicode_text(tmp_path / "lig.pdf", lines))
    text = _body(doc)[0]
    assert text == "The efficacy of the first flow assay differed in patients aged ≥ 65 years, ≤ 10\u22124 cells, 30–50% and a ∆ marker."
    block = doc.body_blocks()[0]
    assert len(block.char_boxes) == len(block.text)
    # the two letters of an expanded ligature share the glyph's box
    i = text.index("ffi")
    assert block.char_boxes[i] == block.char_boxes[i + 1] == block.char_boxes[i + 2]


def test_running_header_and_page_numbers_removed(tmp_path):
    paragraphs = [factory.filler(120, seed=20), factory.filler(150, seed=21), factory.filler(90, seed=22)]
    path = factory.running_furniture(tmp_path / "furniture.pdf", "Journal of Tests (2024) 12:34", paragraphs)
    doc = load_document(path)
    assert _body(doc) == paragraphs
    assert "Journal of Tests" not in doc.text and "Page 2 of 3" not in doc.text


def test_footnotes_typed_and_kept_out_of_body(tmp_path):
    paragraphs = [factory.filler(80, seed=30), factory.filler(60, seed=31)]
    notes = [("*", "Corresponding author: someone at example dot org"), ("1", "Data cut-off was 1 March 2024.")]
    doc = load_document(factory.with_footnotes(tmp_path / "notes.pdf", paragraphs, notes))
    assert _body(doc) == paragraphs
    footnotes = [b.text for b in doc.blocks if b.kind == "footnote"]
    assert footnotes == ["* Corresponding author: someone at example dot org", "1 Data cut-off was 1 March 2024."]


# ---------------------------------------------------------------------------------------
# Pure decisions


def _word(text: str, x0: float, top: float, size: float = 10.0) -> Word:
    width = 5.0 * len(text)
    step = width / max(1, len(text))
    boxes = [(x0 + i * step, top, x0 + (i + 1) * step, top + size) for i in range(len(text))]
    return Word(text, x0, top, x0 + width, top + size, boxes, size, False)


def _seg(x0: float, top: float, x1: float, text: str = "x") -> Segment:
    return Segment([Word(text, x0, top, x1, top + 10, [(x0, top, x1, top + 10)] * len(text), 10.0, False)])


def test_group_segments_splits_at_gutters_and_keeps_superscripts():
    words = [_word("left", 50, 100), _word("side", 75, 100), _word("right", 300, 101),
             _word("10", 100, 200), _word("-6", 111, 197, size=6)]
    texts = sorted(s.text for s in group_segments(words))
    assert texts == ["10 -6", "left side", "right"]


def test_order_two_columns_under_full_width_block():
    segments = [_seg(50, 50, 540, "abstract")]  # spans both columns
    segments += [_seg(50, 100 + 12 * i, 280, f"L{i}") for i in range(5)]
    segments += [_seg(300, 100 + 12 * i, 540, f"R{i}") for i in range(5)]
    regions = order_regions(segments, body_size=10.0)
    order = [s.text for region in regions for s in region]
    assert order == ["abstract", "L0", "L1", "L2", "L3", "L4", "R0", "R1", "R2", "R3", "R4"]


def test_order_aligned_gaps_do_not_cut_columns():
    # both columns have a paragraph gap at the same height: still column by column
    segments = []
    for x0, x1, name in ((50, 280, "L"), (300, 540, "R")):
        segments += [_seg(x0, 100 + 12 * i + (30 if i >= 3 else 0), x1, f"{name}{i}") for i in range(6)]
    order = [s.text for region in order_regions(segments, 10.0) for s in region]
    assert order == [f"L{i}" for i in range(6)] + [f"R{i}" for i in range(6)]


def test_order_margin_notes_after_title_block():
    segments = [_seg(180, 50, 540, "title"), _seg(180, 70, 540, "abstract")]
    segments += [_seg(50, 150 + 12 * i, 160, f"M{i}") for i in range(2)]
    segments += [_seg(180, 150 + 12 * i, 540, f"B{i}") for i in range(4)]
    order = [s.text for region in order_regions(segments, 10.0) for s in region]
    assert order == ["title", "abstract", "M0", "M1", "B0", "B1", "B2", "B3"]


def test_three_column_gutters_found():
    segments = [_seg(x, 100 + 12 * i, x + 150) for x in (50, 220, 390) for i in range(4)]
    assert len(layout.vertical_gaps(segments, 6.0)) == 2


def test_furniture_by_repetition_and_page_number():
    edges = []
    for page in range(4):
        edges.append(EdgeLine(page, 0, "Journal of Tests (2024) 12:34", 0.04, True))
        edges.append(EdgeLine(page, 1, f"Page {page + 1} of 4", 0.04, True))
        edges.append(EdgeLine(page, 2, ["First body line.", "Another one.", "Third text.", "Last page."][page], 0.1, True))
    edges.append(EdgeLine(0, 3, "Journal of Tests (2024) 12:34. https://doi.org/10.1/x", 0.95, False))
    found = find_furniture(edges, 4)
    assert {(p, 0) for p in range(4)} <= found and {(p, 1) for p in range(4)} <= found
    assert (0, 3) in found
    assert not any(key == 2 for _, key in found)


def test_page_number_shapes():
    assert is_page_number("12") and is_page_number("Page 3 of 10") and is_page_number("3 of 14")
    assert not is_page_number("12 patients")
    assert mask_digits("Page 3  of 10") == "page # of #"


@pytest.mark.parametrize("left,right,evidence,keep", [
    ("treat-", "ment", "treatment is given", False),         # the joined word occurs
    ("low-", "dose", "", True),                              # a hyphenated prefix
    ("Hyper-", "CVAD", "", True),                            # capital after the hyphen
    ("CD19-", "directed", "", True),                         # digit before the hyphen
    ("chemotherapy-", "free", "", True),                     # a compound head
    ("summa-", "rizes", "", False),                          # no evidence: a line break
    ("dose-", "dense", "a dose-dense schedule", True),       # the hyphenated form occurs
    ("mini-Hyper-", "CVD", "", True),
    ("high-", "risk", "highrisk", False),                    # document evidence beats rules
    ("guide-", "line", "two guidelines", False),             # a plural counts as evidence
    ("anti-", "inflammatory", "", True),                     # doubled vowel kept apart
    ("low-", "er", "", False),                               # too short for a compound
])
def test_line_end_hyphen_decision(left, right, evidence, keep):
    assert keep_line_end_hyphen(left, right, Vocabulary([evidence])) is keep


def test_vocabulary_ignores_split_halves():
    vocab = Vocabulary.from_lines(["the treat-", "ment of patients"])
    assert vocab["treat"] == 0 and vocab["ment"] == 0 and vocab["patients"] == 1


def test_url_broken_at_line_end_is_joined():
    assert continues_url("https:", "//doi.org/10.1/x")
    assert continues_url("(https://creativecommons.org/", "licenses/by/4.0/).")
    assert not continues_url("trial.", "Next")
    assert not continues_url("www.example.org.", "The")


def _draft(text: str, region: int, kind: str = "paragraph", last_full: bool = True) -> Draft:
    return Draft([_seg(50, 100, 280, text)], page=region, region=region, kind=kind, last_full=last_full, size=10.0)


def test_stitch_joins_a_paragraph_across_a_break_and_moves_floats_after_it():
    first = _draft("the first half of a sentence that goes on", 1)
    caption = _draft("Fig. 1 A caption", 2, kind="caption")
    rest = _draft("into the next column.", 3)
    merged = stitch([first, caption, rest], indent_style=True)
    assert [d.kind for d in merged] == ["paragraph", "caption"]
    assert [page for page, _ in merged[0].parts] == [1, 3]


def test_stitch_keeps_a_paragraph_that_ended_with_a_short_line():
    first = _draft("A paragraph that ends here.", 1, last_full=False)
    second = _draft("A new paragraph at the top of the next column.", 2)
    assert len(stitch([first, second], indent_style=True)) == 2
