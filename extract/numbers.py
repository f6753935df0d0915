"""Pure parsers for the numbers of this literature: shared by tables, nlp and rows.

Every function takes a string as printed (Unicode dashes, ≥, ∆ markers allowed) and
returns plain Python values; none of them raises on unparseable input (they return
None), so callers decide what a miss means.
"""

from __future__ import annotations

import re

from extract.textnorm import match_form
from extract.types import Value

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
# The number words as a regex alternation, for every stage that finds numbers in text.
NUMBER_WORDS = "|".join(_WORDS)

NUMBER = r"\d+(?:[.,]\d+)*"
# Comparison signs and the words that stand for them, leading ("more than 90%") or
# trailing ("25% or less"): one table for every stage.
SIGNS = {">": ">", "<": "<", "≥": "≥", "≤": "≤", ">=": "≥", "<=": "≤", "~": "~", "≈": "~",
         "approximately": "~", "about": "~", "nearly": "~", "almost": "~",
         "over": ">", "above": ">", "more than": ">", "greater than": ">",
         "under": "<", "below": "<", "less than": "<", "fewer than": "<",
         "up to": "≤", "at most": "≤", "at least": "≥",
         "or less": "≤", "or more": "≥", "or lower": "≤", "or higher": "≥", "or greater": "≥",
         "or fewer": "≤", "or above": "≥", "or below": "≤", "or longer": "≥", "or shorter": "≤"}
_LEADING_SIGNS = [w for w in SIGNS if not w.startswith("or ")]
_SIGN_RE = ("(?P<sign>" + "|".join(re.escape(w) for w in sorted(_LEADING_SIGNS, key=len, reverse=True))
            + r")?\s*")
_RANGE_SEP = r"\s*(?:-|to|and)\s*"
MISSING_CELLS = frozenset({"", "na", "n/a", "nr", "ne", "nd", "-", "--", "n.a.", "not reached",
                           "not available", "not reported"})
# Footnote markers printed after table values: ∆ ∆∆ * ** † ‡ § ¶ # and letters a–e? no:
# letters would eat units, so only symbols.
MARKER_CHARS = "∆*†‡§¶#"


def to_float(text: str) -> float | None:
    """'1.5' -> 1.5, '1,234' -> 1234.0, '12' -> 12.0, 'thirty-eight' -> 38.0."""
    s = match_form(text).strip().lower()
    if not s:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", s):
        return float(s)
    if re.fullmatch(r"\d+,\d{1,2}", s):  # decimal comma (European typesetting)
        return float(s.replace(",", "."))
    return word_to_number(s)


def word_to_number(text: str) -> float | None:
    """English number words up to 999: 'five' -> 5, 'thirty-eight' -> 38, 'one hundred and two' -> 102."""
    parts = [p for p in re.split(r"[\s-]+", text.strip().lower()) if p and p != "and"]
    if not parts or any(p not in _WORDS for p in parts):
        return None
    total, current = 0, 0
    for i, part in enumerate(parts):
        value = _WORDS[part]
        if part == "hundred":
            current = max(current, 1) * 100
        elif part in _TENS and i + 1 < len(parts) and _WORDS[parts[i + 1]] >= 10 and parts[i + 1] != "hundred":
            return None  # "twenty thirty" is not a number
        else:
            current += value
    total += current
    return float(total)


def _sign(raw: str | None) -> str | None:
    return SIGNS.get(raw.lower()) if raw else None


_PERCENT_RE = re.compile(
    _SIGN_RE + rf"(?P<a>{NUMBER})(?:\s*%?{_RANGE_SEP}(?P<b>{NUMBER}))?\s*(?:%|percent\b|per cent\b)",
    re.I,
)


def parse_percent(text: str) -> Value | None:
    """'> 90%' -> 90 with sign '>'; '95-100%' -> range 95..100 (number = low); '78 %' -> 78."""
    m = _PERCENT_RE.search(match_form(text))
    if not m:
        return None
    a = to_float(m["a"])
    b = to_float(m["b"]) if m["b"] else None
    if a is None:
        return None
    if b is not None:
        return Value(number=a, unit="%", sign=_sign(m["sign"]), low=a, high=b)
    return Value(number=a, unit="%", sign=_sign(m["sign"]))


_RANGE_RE = re.compile(rf"(?P<a>{NUMBER})\s*(?:-|to)\s*(?P<b>{NUMBER})", re.I)


def parse_range(text: str) -> tuple[float, float] | None:
    """'17–59' -> (17, 59); 'range, 18 to 88 years' -> (18, 88). Low must not exceed high."""
    m = _RANGE_RE.search(match_form(text))
    if not m:
        return None
    low, high = to_float(m["a"]), to_float(m["b"])
    if low is None or high is None or low > high:
        return None
    return low, high


_HORIZON_RE = re.compile(
    rf"(?P<n>{NUMBER}|[a-z]+(?:-[a-z]+)?)\s*-?\s*(?P<unit>years?|yrs?|y|months?|mo)\b", re.I
)


def parse_horizon(text: str) -> float | None:
    """Time horizon in years: '3-year' -> 3, '1.5 year' -> 1.5, 'five-year' -> 5, '18-month' -> 1.5."""
    for m in _HORIZON_RE.finditer(match_form(text)):
        n = to_float(m["n"])
        if n is None:
            continue
        unit = m["unit"].lower()
        return n / 12 if unit.startswith("mo") else n
    return None


_DURATION_RE = re.compile(rf"(?P<n>{NUMBER})\s*(?P<unit>months?|mos?|years?|yrs?|weeks?)\b", re.I)


def parse_months(text: str) -> float | None:
    """A duration in months: '17 months' -> 17, '1.5 years' -> 18, '7.7' (bare) -> 7.7."""
    s = match_form(text)
    m = _DURATION_RE.search(s)
    if m:
        n = to_float(m["n"])
        unit = m["unit"].lower()
        if n is None:
            return None
        if unit.startswith("y"):
            return n * 12
        if unit.startswith("w"):
            return round(n * 12 / 52, 2)
        return n
    bare = s.strip()
    return to_float(bare) if re.fullmatch(NUMBER, bare) else None


def split_markers(cell: str) -> tuple[str, tuple[str, ...]]:
    """'97∆' -> ('97', ('∆',)); '96∆∆' -> ('96', ('∆∆',)); '55** (5-year)' -> ('55 (5-year)', ('**',))."""
    markers: list[str] = []

    def take(m: re.Match) -> str:
        markers.append(m.group(0))
        return ""

    cleaned = re.sub(r"(?<=[\d)A-Za-z])(∆+|\*+|†+|‡+|§+|¶+|#+)", take, match_form(cell))
    return " ".join(cleaned.split()), tuple(markers)


def is_missing(cell: str) -> bool:
    """'NA', 'N/A', 'NR', '—', '' -> True."""
    return match_form(cell).strip().strip(".").lower() in MISSING_CELLS or match_form(cell).strip() in {"-", "--"}


def parse_count(cell: str) -> Value | None:
    """A patient count cell or token: '38' -> 38; '97*' -> 97 with marker '*'; 'NA' -> None."""
    text, markers = split_markers(cell)
    if is_missing(text):
        return None
    m = re.fullmatch(rf"\s*(?:n\s*=\s*)?(?P<n>{NUMBER}|[a-z]+(?:-[a-z]+)?)\s*", text, re.I)
    if not m:
        return None
    n = to_float(m["n"])
    if n is None or n != int(n) or n <= 0:
        return None
    return Value(number=n, unit="patients", markers=markers)


_AGE_CELL_RE = re.compile(rf"^\s*(?P<m>{NUMBER})\s*\((?P<r>[^)]*)\)\s*$")


def parse_age(text: str) -> Value | None:
    """Median age and/or range, in years.

    '37 (17–59)' -> median 37, 17..59; 'median age, 46 years' -> 46;
    'range, 18 to 88 years' -> 18..88 (no median); '64' -> 64.
    """
    s, markers = split_markers(text)
    if is_missing(s):
        return None
    m = _AGE_CELL_RE.match(s)
    if m:
        rng = parse_range(m["r"])
        return Value(number=to_float(m["m"]), unit="years", kind="median",
                     low=rng[0] if rng else None, high=rng[1] if rng else None, markers=markers)
    rng = parse_range(s)
    if rng and re.search(r"\brange\b|^\s*" + NUMBER + r"\s*(?:-|to)", s, re.I):
        return Value(unit="years", low=rng[0], high=rng[1], markers=markers)
    num = re.search(rf"(?P<n>{NUMBER})", s)
    if not num:
        return None
    return Value(number=to_float(num["n"]), unit="years", kind="median", markers=markers)


def parse_os_cell(cell: str) -> dict[str, Value | None]:
    """A table OS cell: 'rate (horizon)' and/or '/median months'.

    '81 (3-year)' -> rate 81 % at 3 years; '20.3 (3-year)/7.7' -> rate and median 7.7;
    'NA/7.7' -> median only; '55** (5-year)/NA' -> rate with marker '**'.
    Returns {"rate": Value|None, "median": Value|None}.
    """
    text, markers = split_markers(cell)
    rate_part, _, median_part = text.partition("/")
    rate = None
    if not is_missing(rate_part):
        m = re.match(rf"\s*(?P<sign>[<>≥≤~])?\s*(?P<n>{NUMBER})\s*%?\s*(?:\((?P<h>[^)]*)\))?", rate_part)
        if m:
            rate = Value(number=to_float(m["n"]), unit="%", sign=_sign(m["sign"]),
                         years=parse_horizon(m["h"]) if m["h"] else None, kind="rate",
                         markers=markers)
    median = None
    if median_part and not is_missing(median_part):
        months = parse_months(median_part)
        if months is not None:
            median = Value(number=months, unit="months", kind="median")
    return {"rate": rate, "median": median}


# --- tables additions ---

_CITATION_RE = re.compile(r"\s*\[(?P<ref>\d+(?:\s*[,–-]\s*\d+)*)\]")


def split_citation(label: str) -> tuple[str, str | None]:
    """'Hyper-CVAD-blinatumomab [70]' -> ('Hyper-CVAD-blinatumomab', '70'); no bracket -> (label, None)."""
    refs = [m["ref"] for m in _CITATION_RE.finditer(label)]
    cleaned = " ".join(_CITATION_RE.sub(" ", label).split())
    return cleaned, (", ".join(refs) if refs else None)


def parse_pct_cell(cell: str) -> Value | None:
    """A table rate cell in percent: '100' -> 100; '97∆' -> 97 with marker '∆';
    '88 (78%)' -> 78 (the percent of a 'count (percent)' cell); 'NA' -> None; '>90' -> 90, sign '>'."""
    text, markers = split_markers(cell)
    if is_missing(text):
        return None
    pct = parse_percent(text)
    if pct is not None:
        return Value(number=pct.number, unit="%", sign=pct.sign, low=pct.low, high=pct.high, markers=markers)
    m = re.match(rf"\s*(?P<sign>[<>≥≤~])?\s*(?P<n>{NUMBER})", match_form(text))
    if not m:
        return None
    number = to_float(m["n"])
    if number is None or number > 100:
        return None
    return Value(number=number, unit="%", sign=_sign(m["sign"]), markers=markers)


_NOTE_MARKER_RE = re.compile(r"(?:^|(?<=[;.,]\s)|(?<=[;.,]))\s*(?P<m>∆+|\*+|†+|‡+|§+|¶+|#+)\s*")


def footnote_markers(note: str) -> dict[str, str]:
    """Markers a table footnote explains: '∆∆ MRD ... RT-PCR' -> {'∆∆': 'MRD ... RT-PCR'};
    '*79 infused; **among 66 patients' -> {'*': '79 infused', '**': 'among 66 patients'}."""
    text = match_form(note).strip()
    found = list(_NOTE_MARKER_RE.finditer(text))
    if not found or found[0].start() != 0:
        return {}
    out: dict[str, str] = {}
    for m, nxt in zip(found, found[1:] + [None]):
        body = text[m.end():nxt.start() if nxt else len(text)]
        out.setdefault(m["m"], body.strip().rstrip(";,").strip())
    return out
