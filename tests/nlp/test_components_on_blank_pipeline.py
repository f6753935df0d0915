"""Each component on spacy.blank("en"): constructed empty it does nothing; a unit test
adds exactly the rule it tests."""

import spacy

from extract.nlp import pipeline  # noqa: F401  (registers factories)
from extract.nlp.tokenizer import make_tokenizer
from extract.types import AgentValue, Value


def blank():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    return nlp


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_empty_components_find_nothing():
    nlp = blank()
    for factory in ("all_document_context_v1", "all_abbreviations_v1", "all_lexicon_v1", "all_sentencizer_v1",
                    "all_table_cells_v1", "all_trials_v1", "all_values_v1", "all_bibliography_v1"):
        nlp.add_pipe(factory)
    doc = nlp("Blinatumomab in the TOWER trial: CR rate was 44% among 271 patients.")
    assert doc.ents == ()


def test_lexicon_one_rule():
    nlp = blank()
    lex = nlp.add_pipe("all_lexicon_v1")
    lex.add_patterns([{"canonical": "ponatinib", "names": ["ponatinib", "Iclusig"]}])
    doc = nlp("Iclusig (ponatinib) and ponatinib-associated toxicity; dasatinib.")
    assert ents(doc) == [("Iclusig", "AGENT"), ("ponatinib", "AGENT"), ("ponatinib", "AGENT")]
    assert [t.text for t in doc][5:8] == ["ponatinib", "-associated", "toxicity"]
    assert doc.ents[0]._.value == AgentValue(canonical="ponatinib", agents=("ponatinib",))


def test_lexicon_regimen_word_is_one_span():
    nlp = blank()
    lex = nlp.add_pipe("all_lexicon_v1")
    lex.add_patterns([{"canonical": "mini-hyper-cvd", "names": ["mini-hyper-CVD"]},
                      {"canonical": "inotuzumab", "names": ["inotuzumab"]},
                      {"canonical": "blinatumomab", "names": ["blinatumomab"]}])
    doc = nlp("dose-dense mini-Hyper-CVD-inotuzumab-blinatumomab and Low-intensity-blinatumomab")
    assert ents(doc) == [("mini-Hyper-CVD-inotuzumab-blinatumomab", "AGENT"), ("Low-intensity-blinatumomab", "AGENT")]
    assert doc.ents[0]._.value.agents == ("blinatumomab", "inotuzumab", "mini-hyper-cvd")


def test_abbreviation_defined_in_text_becomes_agent():
    nlp = blank()
    nlp.add_pipe("all_abbreviations_v1")
    lex = nlp.add_pipe("all_lexicon_v1")
    lex.add_patterns([{"canonical": "inotuzumab", "names": ["inotuzumab ozogamicin"]}])
    doc = nlp("We gave inotuzumab ozogamicin (INOZ) weekly. INOZ was well tolerated.")
    assert ents(doc) == [("inotuzumab ozogamicin", "AGENT"), ("INOZ", "AGENT"), ("INOZ", "AGENT")]
    assert doc.ents[2]._.value.canonical == "inotuzumab"


def test_trials_one_pattern():
    nlp = blank()
    trials = nlp.add_pipe("all_trials_v1")
    trials.add_patterns([{"id": "nct", "regex": r"NCT\d{8}"}])
    assert ents(nlp("See NCT01564784 and the TOWER trial.")) == [("NCT01564784", "TRIAL")]


def test_values_one_measure():
    nlp = blank()
    nlp.add_pipe("all_sentencizer_v1")
    values = nlp.add_pipe("all_values_v1")
    values.add_rules([{"type": "measure", "label": "CR", "regex": r"\bCR\b"}])
    doc = nlp("The CR rate was 86% and the ORR was 90%. Nothing 5%.")
    assert ents(doc) == [("86%", "CR"), ("90%", "CR")]  # without an ORR rule the CR cue reaches on
    values.add_rules([{"type": "measure", "label": "OTHER", "regex": r"\bORR\b"}])
    doc = nlp("The CR rate was 86% and the ORR was 90%. Nothing 5%.")
    assert ents(doc) == [("86%", "CR")]
    assert doc.ents[0]._.value == Value(number=86.0, unit="%")
    assert doc.ents[0]._.value.to_dict() == {"number": 86.0, "unit": "%"}


def test_table_cells_one_column():
    nlp = blank()
    cells = nlp.add_pipe("all_table_cells_v1")
    cells.add_columns([{"label": "MRD", "regex": r"mrd"}])
    doc = nlp("Study\tN\tMRD negativity, %\nX [1]\t38\t97∆\nY [2]\t25\tNA")
    assert ents(doc) == [("97∆", "MRD")]
    assert doc.ents[0]._.value == Value(number=97.0, unit="%", markers=("∆",))
    assert doc.ents[0]._.value.to_dict() == {"number": 97.0, "unit": "%", "markers": ["∆"]}


def test_bibliography_filter():
    nlp = blank()
    lex = nlp.add_pipe("all_lexicon_v1")
    lex.add_patterns([{"canonical": "blinatumomab", "names": ["blinatumomab"]}])
    bib = nlp.add_pipe("all_bibliography_v1")
    bib.add_patterns([{"type": "bibliography_heading", "regex": r"^References$"}])
    doc = nlp("We used blinatumomab.\nReferences\n1. Kantarjian H. Blinatumomab versus chemotherapy. 2017.")
    assert ents(doc) == [("blinatumomab", "AGENT")]


def test_trial_names_propagate_within_document():
    from extract import knowledge

    nlp = blank()
    trials = nlp.add_pipe("all_trials_v1")
    trials.add_patterns(list(knowledge.trial_pattern_entries()), list(knowledge.group_entries()))
    doc = nlp("The phase 3 INO-VATE ALL trial enrolled adults. In INO-VATE, CR was higher; TOWER was not named.")
    assert ents(doc) == [("INO-VATE", "TRIAL"), ("INO-VATE", "TRIAL")]
    doc = nlp.make_doc("In TOWER, blinatumomab was better.")
    doc._.context_trials = {"TOWER"}
    assert ents(trials(doc)) == [("TOWER", "TRIAL")]
