"""Each component declares what it assigns and requires (`@Language.factory(assigns=...,
requires=...)`): the built pipeline has no unmet requirement, and run one step at a time
on one text each component sets exactly the attributes it declares."""



TEXT = ("Inotuzumab ozogamicin (IO) in the INO-VATE trial: IO gave CR in 80% of 109 patients; "
        "ponatinib-associated toxicity was rare.\n"
        "Study\tN\tCR, %\nALPHA [1]\t38\t97\n"
        "References\n1. Smith J. Blinatumomab in adults. 2017.")



def state(doc) -> dict:
    """The attributes a component may write, each as a comparable value."""
    return {
        "doc.ents": tuple((e.start_char, e.end_char, e.label_) for e in doc.ents),
        "token.is_sent_start": tuple(t.is_sent_start for t in doc) if doc.has_annotation("SENT_START") else None,
        "doc._.abbreviations": doc._.abbreviations,
        "doc._.context_abbreviations": doc._.context_abbreviations,
        "doc._.context_trials": doc._.context_trials,
    }


def test_no_unmet_requirement(nlp):
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}
    for name in nlp.pipe_names:
        assert nlp.get_pipe_meta(name).assigns, f"{name} declares nothing it assigns"


def test_each_component_sets_what_it_declares(nlp):
    doc = nlp.make_doc(TEXT)
    for name, component in nlp.pipeline:
        meta = nlp.get_pipe_meta(name)
        before, tokens = state(doc), [t.text for t in doc]
        doc = component(doc)
        after = state(doc)
        changed = {attr for attr in after if after[attr] != before[attr]}
        new_ents = [e for e in doc.ents if (e.start_char, e.end_char, e.label_) not in set(before["doc.ents"])]
        if new_ents:
            assert all(e._.value is not None for e in new_ents), name
            changed.add("span._.value")
        assert changed == set(meta.assigns), name
        assert ([t.text for t in doc] != tokens) == meta.retokenizes, name
    assert {e.label_ for e in doc.ents} == {"AGENT", "TRIAL", "CR", "N"}
