"""review.html holds what a reviewer checks a row with: each row's values, its sentence
with the entities marked, the PDF page cropped around it with the boxes drawn; and a
"needs a look" list of documents the run may have misread. A PDF gone at export time is
said in the page, not an error."""

import base64
import io
import json
import re

from factories.pdf_factory import single_column
from PIL import Image

from extract.pipeline import review_files
from extract.review.needs_look import broken_blocks
from extract.store.db import STORE_NAME, open_store

PARAGRAPH = ("In the phase 2 ACME-7 trial, 42 patients received blinatumomab. The CR rate was 83% and the MRD "
             "negativity rate was 76%. The 2-year OS rate was 64%.")
# outcome values with no study or agent to hang them on: no row
NO_COHORT = """Results

The CR rate was 83%. The 2-year OS rate was 64%.
"""
LETTER_SPACED = """Results

In the phase 2 ACME-7 trial, 42 patients received blinatumomab. The CR rate was 83%.

T h e  o v e r a l l  s u r v i v a l  w a s  l o n g e r  i n  t h e  y o u n g e r  g r o u p
"""


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.DOTALL)
    return json.loads(found.group(1))


def test_a_pdf_row_has_its_values_sentence_marks_and_page_crop(review_run):
    out = review_run({"acme.pdf": lambda path: single_column(path, [PARAGRAPH], title="Results")})
    data = page_data((out / "review.html").read_text(encoding="utf-8"))
    row = next(r for r in data["rows"] if r["cr"] == "83")
    assert row["study"] == "ACME-7" and row["status"] == "predicted" and row["page"] == 1
    fields = {name: (value, read_from) for name, value, read_from in row["fields"]}
    assert fields["cr_pct"] == ("83", "83%") and fields["mrd_neg_pct"][0] == "76"
    marked = {row["sentence"][s:e]: label for s, e, label, read in row["marks"] if read}
    assert marked.get("83%") == "CR" and marked.get("76%") == "MRD"
    crop = Image.open(io.BytesIO(base64.b64decode(data["crops"][row["crop"]]))).convert("RGB")
    assert 100 < crop.width < 1200 and 30 < crop.height < 600  # a crop, not the page
    reds = sum(n for n, (r, g, b) in crop.getcolors(maxcolors=1 << 24) if r > 150 and g < 90 and b < 90)
    assert reds > 20  # the values' boxes are drawn


def test_a_pdf_missing_at_export_time_is_said_in_the_page(review_run):
    out = review_run({"acme.pdf": lambda path: single_column(path, [PARAGRAPH], title="Results")})
    (out.parent / "in" / "acme.pdf").unlink()
    with open_store(out / STORE_NAME, create=False) as store:
        files = review_files(store, store.latest_run().run_id)
    html = files["review.html"].decode("utf-8")
    assert "acme.pdf: not found at export time; page images left out" in html
    assert page_data(html)["crops"] == {} and all(r["crop"] is None for r in page_data(html)["rows"])


def test_needs_a_look_lists_failed_documents_values_without_rows_and_broken_blocks(review_run):
    out = review_run({"bad.pdf": "plain text pretending", "nocohort.txt": NO_COHORT, "spaced.txt": LETTER_SPACED})
    html = (out / "review.html").read_text(encoding="utf-8")
    look = re.search(r"<ul class='look' id='needs-look-list'>(.*?)</ul>", html, re.DOTALL).group(1)
    items = re.findall(r"<li>(.*?)</li>", look)
    assert any("failed" in i and "bad" in i for i in items)
    assert any("no rows" in i and "nocohort" in i and "CR 1" in i and "OS 1" in i for i in items)
    assert any("broken blocks" in i and "spaced" in i and "letter-spaced" in i for i in items)
    assert len(items) == 3  # one line each; the good documents are not listed


def test_broken_blocks_are_told_apart_from_ordinary_text():
    text = "\n\n".join(["An ordinary sentence about remission rates in adults.",
                        "C o m p l e t e  r e m i s s i o n  w a s  a c h i e v e d",
                        "Thecompleteremissionratewashigherintheyoungergroupofpatients",
                        "Glyphs (cid:12)(cid:34) lost"])
    assert [problem for problem, _ in broken_blocks(text)] == [
        "letter-spaced text", "words run together", "unmapped glyphs (cid:…)"]


# a median age above the top of its range: the validation suite flags the row
FLAGGED = """Results

In the phase 2 ACME-7 trial, 42 patients (median age, 81 years; range, 19 to 77 years) received blinatumomab. The CR rate was 83%.
"""


def test_validation_flags_are_said_in_words(review_run):
    out = review_run({"flagged.txt": FLAGGED})
    row = page_data((out / "review.html").read_text(encoding="utf-8"))["rows"][0]
    assert row["flags"] == ["age_max is below age_median"]


# markup in a paper's text stays text: it cannot end the page's data or add a script
MARKUP = """Results

In the phase 2 ACME-7 trial, 42 patients received blinatumomab. The CR rate was 83% </script><script>alert(1)</script> in <b>all</b> arms.
"""


def test_markup_in_a_document_cannot_break_out_of_the_page(review_run):
    out = review_run({"markup.txt": MARKUP})
    html = (out / "review.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and html.count("<script") == 2  # the data and the page's own script
    row = page_data(html)["rows"][0]
    assert "</script><script>alert(1)</script>" in row["sentence"]  # shown as written, as text


def test_a_refresh_that_adds_a_paper_draws_only_its_crops(review_run, monkeypatch):
    out = review_run({"acme.pdf": lambda path: single_column(path, [PARAGRAPH], title="Results")})
    first = page_data((out / "review.html").read_text(encoding="utf-8"))["crops"]
    assert first

    def no_pdf(path):  # the PDF read for rows is fine; only the crops must come from the store
        raise AssertionError(f"{path} opened to draw crops the store keeps")

    import extract.review.crops as crops
    monkeypatch.setattr(crops, "open_pdf", no_pdf)
    out = review_run({"other.txt": "Inotuzumab gave a CR rate of 70% in 30 adults."})  # the page is drawn again
    assert page_data((out / "review.html").read_text(encoding="utf-8"))["crops"] == first


def test_a_pdf_changed_since_the_run_gets_no_kept_images_either(review_run):
    out = review_run({"acme.pdf": lambda path: single_column(path, [PARAGRAPH], title="Results")})
    with (out.parent / "in" / "acme.pdf").open("ab") as handle:  # the run's images are in the store
        handle.write(b"\n% edited after the run\n")
    with open_store(out / STORE_NAME, create=False) as store:
        html = review_files(store, store.latest_run().run_id)["review.html"].decode("utf-8")
    assert "acme.pdf: changed since this run; page images left out" in html
    assert page_data(html)["crops"] == {}
