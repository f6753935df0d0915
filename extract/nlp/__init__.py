"""spaCy stage: sentences and entities TRIAL AGENT N AGE CR MRD OS with `Span._.value`.

Importing this package registers the tokenizer (``all_tokenizer_v1``) and the
component factories (``all_*_v1``), so a saved pipeline loads with ``spacy.load``.
"""

from extract.nlp.pipeline import build_nlp, load_nlp  # noqa: F401
