"""The rows stage's view of nlp output: sentences with their entity mentions.

Kept free of spaCy so assembly rules are pure functions over plain data; `from_doc`
adapts a tagged spaCy `Doc`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.types import EntityValue, Value

_NO_VALUE = Value()


@dataclass(frozen=True)
class Mention:
    label: str
    start: int  # offsets in the sentence's document text
    end: int
    text: str
    value: EntityValue | None = field(default=None, hash=False, compare=False)

    @property
    def numeric(self) -> Value:
        """The `Value` of an N, AGE, CR, MRD or OS mention; an empty one where the entity
        carries none (or another kind of value), so its fields read as unset."""
        return self.value if isinstance(self.value, Value) else _NO_VALUE


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    mentions: list[Mention]

    def of(self, *labels: str) -> list[Mention]:
        return [m for m in self.mentions if m.label in labels]

    def between(self, start: int, end: int) -> str:
        """Sentence text between two document offsets."""
        return self.text[max(start - self.start, 0): max(end - self.start, 0)]


def from_doc(doc, offset: int = 0) -> list[Sentence]:
    """Sentences of a spaCy Doc with their entities; offsets shifted by `offset`."""
    sentences = []
    for sent in doc.sents:
        mentions = [
            Mention(ent.label_, offset + ent.start_char, offset + ent.end_char, ent.text,
                    ent._.value if ent.has_extension("value") else None)
            for ent in sent.ents
        ]
        sentences.append(Sentence(offset + sent.start_char, offset + sent.end_char, sent.text, mentions))
    return sentences
