"""Hand-built sentences and mentions for the rows stage's tests (no spaCy)."""

from __future__ import annotations

from extract.rows.mentions import Mention, Sentence
from extract.types import AgentValue, Value


def sentence(text: str, start: int, *marks: tuple[str, str, Value | AgentValue | None]) -> Sentence:
    """A sentence at document offset `start`; each mark (label, text, value) is the first
    occurrence of its text after the previous mark."""
    mentions, at = [], 0
    for label, piece, value in marks:
        i = text.index(piece, at)
        mentions.append(Mention(label, start + i, start + i + len(piece), piece, value))
        at = i + len(piece)
    return Sentence(start, start + len(text), text, mentions)


def agent(name: str):
    return ("AGENT", name, AgentValue(name.lower(), (name.lower(),)))


def rate(label: str, text: str):
    return (label, text, Value(number=float(text.rstrip("%")), unit="%"))


def size(text: str, number: int | None = None):
    return ("N", text, Value(number=float(number if number is not None else text)))


def trial(name: str):
    return ("TRIAL", name, None)
