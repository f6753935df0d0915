"""Where the document's context enters the pipeline: component ``all_document_context_v1``.

A block of a document is one Doc, but some of what the components read spans the whole
document: abbreviations defined in another paragraph ("inotuzumab ozogamicin (IO)") and
trial names found elsewhere ("the TOWER study ... In TOWER, ..."). The caller sets them on
the Doc before the pipeline runs (`Doc._.context_abbreviations`, `Doc._.context_trials`,
see `extract.nlp.entities.tag_blocks`). This first step makes them always set, empty for a
Doc that comes alone, so the components that read them declare that they require them and
`nlp.analyze_pipes()` sees where they come from.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.nlp import attributes  # noqa: F401  (declares the Doc._.context_* attributes)


class DocumentContext:
    """Sets the context attributes the caller left unset to empty ones."""

    def __init__(self, nlp: Language, name: str = "all_document_context"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if doc._.context_abbreviations is None:
            doc._.context_abbreviations = {}
        if doc._.context_trials is None:
            doc._.context_trials = frozenset()
        return doc


@Language.factory("all_document_context_v1", assigns=["doc._.context_abbreviations", "doc._.context_trials"])
def make_document_context(nlp: Language, name: str) -> DocumentContext:
    return DocumentContext(nlp, name)
