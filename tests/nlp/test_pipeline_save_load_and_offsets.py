"""The assembled pipeline: save/load round trip, document offsets, CLI, displaCy page.
(Scores against the gold are asserted in tests/test_pipeline.py.)"""

import json

import pytest
import spacy

import extract.nlp  # noqa: F401  (registers factories and the tokenizer for spacy.load)
from extract.pipeline import document_entities
from extract.review.displacy import write_displacy_html
from extract.nlp.pipeline import build_nlp, main as pipeline_main

TEXT = ("Among 97 patients (median age, 11 years) enrolled on the ELIANA trial, 65 (67%) achieved CR with "
        "tisagenlecleucel. The 3-year OS rate was 55%.\n\nInotuzumab ozogamicin (IO) was then given; IO "
        "produced an MRD negativity rate of 71%.\n")


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def spans_of(doc):
    return [(e.start_char, e.end_char, e.label_, e._.value) for e in doc.ents]


def test_pipeline_names(nlp):
    assert nlp.pipe_names == ["abbreviations", "lexicon", "sentences", "table_cells", "trials", "values",
                              "bibliography"]
    assert {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names} >= {"all_lexicon_v1", "all_values_v1"}


def test_save_load_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "lexicon" / "patterns.jsonl").exists()
    assert (tmp_path / "pipe" / "trials" / "trial_patterns.jsonl").exists()
    assert (tmp_path / "pipe" / "values" / "rules.jsonl").exists()
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == nlp.pipe_names
    assert spans_of(loaded(TEXT)) == spans_of(nlp(TEXT))
    assert [t.text for t in loaded.make_doc("(17–59) Hyper-CVAD")] == ["(", "17", "–", "59", ")", "Hyper-CVAD"]


def test_save_command(tmp_path):
    assert pipeline_main(["--save", str(tmp_path / "saved")]) == 0
    assert spans_of(spacy.load(tmp_path / "saved")(TEXT))


def test_bytes_round_trip(nlp):
    for name in ("lexicon", "trials", "values", "table_cells", "bibliography"):
        pipe = nlp.get_pipe(name)
        data = pipe.to_bytes()
        assert type(pipe)(nlp, name).from_bytes(data).to_bytes() == data


def test_document_entities_offsets_index_the_file(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(TEXT, encoding="utf-8")
    record = document_entities(path)
    assert record["doc_id"] == "paper" and record["text"] == TEXT
    got = [(s["text"], s["label"]) for s in record["spans"]]
    assert got == [("97", "N"), ("11 years", "AGE"), ("ELIANA", "TRIAL"), ("67%", "CR"), ("tisagenlecleucel", "AGENT"),
                   ("55%", "OS"), ("Inotuzumab ozogamicin", "AGENT"), ("IO", "AGENT"), ("IO", "AGENT"),
                   ("71%", "MRD")]
    for s in record["spans"]:
        assert TEXT[s["start"]:s["end"]] == s["text"]
        assert isinstance(s["value"], dict)


def test_cli_ents_and_html(tmp_path, capsys):
    from extract.cli import main

    path = tmp_path / "abstract.md"
    path.write_text(TEXT, encoding="utf-8")
    html = tmp_path / "out" / "ents.html"
    assert main(["ents", str(path), "--html", str(html)]) == 0
    record = json.loads(capsys.readouterr().out.strip().splitlines()[0])
    assert {"doc_id", "text", "spans"} <= set(record)
    assert html.exists() and "ELIANA" in html.read_text(encoding="utf-8")
    assert not [p for p in html.parent.iterdir() if p.name.endswith(".tmp")]


def test_write_displacy_html_is_atomic(tmp_path):
    out = write_displacy_html([{"doc_id": "x", "text": "ponatinib", "spans": [
        {"start": 0, "end": 9, "label": "AGENT", "text": "ponatinib", "value": {}}]}], tmp_path / "x.html")
    assert "ponatinib" in out.read_text(encoding="utf-8")
