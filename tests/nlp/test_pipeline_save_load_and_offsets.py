"""The assembled pipeline: save/load round trip, document offsets, CLI, displaCy page.
(Scores against the gold are asserted in tests/test_pipeline.py.)"""

import json

import pytest
import spacy

import extract.nlp  # noqa: F401  (registers factories and the tokenizer for spacy.load)
from extract.errors import RuleDataError
from extract.pipeline import document_entities
from extract.review.displacy import write_displacy_html
from extract.nlp.pipeline import main as pipeline_main
from extract.nlp.stored import StoredRules

TEXT = ("Among 97 patients (median age, 11 years) enrolled on the ELIANA trial, 65 (67%) achieved CR with "
        "tisagenlecleucel. The 3-year OS rate was 55%.\n\nInotuzumab ozogamicin (IO) was then given; IO "
        "produced an MRD negativity rate of 71%.\n")
# every component with data finds something here: a TSV table, a reference list
MORE = "Study\tN\tCR, %\nALPHA [1]\t38\t97\nReferences\n1. Smith J. Blinatumomab in adults. 2017."



def spans_of(doc):
    return [(e.start_char, e.end_char, e.label_, e._.value) for e in doc.ents]


def stored_components(nlp):
    return [(name, pipe) for name, pipe in nlp.pipeline if isinstance(pipe, StoredRules)]


def data_of(pipe) -> dict:
    """The lists a component saves, by file name."""
    return {file: list(getattr(pipe, attribute)) for file, (attribute, _) in pipe.stored_rules.items()}


def test_pipeline_names(nlp):
    assert nlp.pipe_names == ["context", "abbreviations", "lexicon", "sentences", "table_cells", "trials", "values",
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
    assert spans_of(loaded(MORE)) == spans_of(nlp(MORE))
    for name, pipe in stored_components(nlp):
        assert data_of(loaded.get_pipe(name)) == data_of(pipe), name
    assert [t.text for t in loaded.make_doc("(17–59) Hyper-CVAD")] == ["(", "17", "–", "59", ")", "Hyper-CVAD"]


def test_save_command(nlp, tmp_path):
    assert pipeline_main(["--save", str(tmp_path / "saved")]) == 0
    loaded = spacy.load(tmp_path / "saved")
    assert spans_of(loaded(TEXT)) and spans_of(loaded(TEXT)) == spans_of(nlp(TEXT))
    assert spans_of(loaded(MORE)) == spans_of(nlp(MORE))


def test_bytes_round_trip(nlp):
    assert {name for name, _ in stored_components(nlp)} == {"lexicon", "trials", "values", "table_cells",
                                                           "bibliography"}
    for name, pipe in stored_components(nlp):
        data = pipe.to_bytes()
        copy = type(pipe)(nlp, name).from_bytes(data)
        assert data_of(copy) == data_of(pipe) and copy.to_bytes() == data, name


def test_component_disk_round_trip(nlp, tmp_path):
    for name, pipe in stored_components(nlp):
        pipe.to_disk(tmp_path / name)
        assert sorted(p.name for p in (tmp_path / name).iterdir()) == sorted(pipe.stored_rules), name
        copy = type(pipe)(nlp, name).from_disk(tmp_path / name)
        assert data_of(copy) == data_of(pipe), name
    pipe = nlp.get_pipe("trials")
    pipe.to_disk(tmp_path / "no_groups", exclude=["groups"])
    assert [p.name for p in (tmp_path / "no_groups").iterdir()] == ["trial_patterns.jsonl"]


def test_bad_line_in_a_saved_pipeline_fails_on_load(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    patterns = tmp_path / "pipe" / "lexicon" / "patterns.jsonl"
    lines = patterns.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace('"canonical"', '"canonicl"', 1)
    patterns.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"patterns\.jsonl:3: AgentRule: unknown key 'canonicl'"):
        spacy.load(tmp_path / "pipe")


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
