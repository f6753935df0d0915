"""Every custom attribute of the pipeline, declared in one place.

* ``Span._.value``      – the typed value of an entity (`extract.types`), frozen: a `Value`
  for N, AGE, CR, MRD and OS (the number with its unit, sign, range, horizon ``years``, CR
  ``kind``, MRD ``method``...; see `extract.nlp.values`), an `AgentValue` (``canonical``,
  ``agents``) for AGENT, a `TrialValue` (``name``) for TRIAL; None where none was set.
  ``value.to_dict()`` is what entity records (entities.jsonl, ``ents``) write.
* ``Doc._.abbreviations`` – list of ``(short, long, short_start, long_start)`` character
  tuples found in the doc (Schwartz & Hearst 2003).
* ``Doc._.context_abbreviations`` – ``{short: long}`` defined elsewhere in the same
  document (set by the caller before the pipeline runs, e.g. `document_entities`).
* ``Doc._.context_trials`` – trial names recognised elsewhere in the same document
  (set by the caller); their later bare mentions ("In TOWER, ...") are TRIAL too.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per Doc (spaCy rebuilds it from the tokens on every access;
    retokenizing never changes it)."""
    text = doc.user_data.get(_TEXT_KEY)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != end:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


_TEXT_KEY = "all_nlp_text"


def register() -> None:
    """Declare the extensions (idempotent)."""
    if not Span.has_extension("value"):
        Span.set_extension("value", default=None)
    if not Doc.has_extension("abbreviations"):
        Doc.set_extension("abbreviations", default=None)
    if not Doc.has_extension("context_abbreviations"):
        Doc.set_extension("context_abbreviations", default=None)
    if not Doc.has_extension("context_trials"):
        Doc.set_extension("context_trials", default=None)


register()
