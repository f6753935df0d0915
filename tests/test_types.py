"""The typed entity values of extract/types.py: frozen, and `to_dict` writes exactly the dict
entity records (entities.jsonl, `ents`) have always held: set keys only, in the order of each
producer, markers and agents as lists."""

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.rows.mentions import Mention
from extract.types import (MEDIAN_KEYS, PARSED_KEYS, RATE_KEYS, SIGNED_RATE_KEYS, AgentValue, TrialValue,
                           Value)


def test_values_are_frozen_and_slotted():
    value = Value(number=86.0, unit="%")
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.number = 90.0
    for frozen, field in ((AgentValue("ponatinib", ("ponatinib",)), "canonical"), (TrialValue("TOWER"), "name")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(frozen, field, "x")
        assert not hasattr(frozen, "__dict__")
    assert not hasattr(value, "__dict__")
    assert dataclasses.replace(value, kind="rate") == Value(number=86.0, unit="%", kind="rate")


def test_unset_fields_are_left_out():
    assert Value().to_dict() == {}
    assert Value(unit="years").to_dict() == {"unit": "years"}
    # empty markers and a False `vague` are unset; a zero is a value
    assert Value(number=0.0, unit="%", markers=(), vague=False).to_dict() == {"number": 0.0, "unit": "%"}
    assert Value(number=97.0, unit="%", markers=("∆",)).to_dict() == {"number": 97.0, "unit": "%", "markers": ["∆"]}
    assert Value(number=25.0, unit="%", sign="≤", vague=True).to_dict()["vague"] is True


def test_parsed_values_write_their_keys_in_field_order():
    full = Value(number=20.3, unit="%", sign="<", low=1.0, high=2.0, years=3.0, kind="rate", markers=("**",))
    assert list(full.to_dict()) == ["number", "unit", "sign", "low", "high", "years", "kind", "markers"]
    age = Value(number=37.0, unit="years", kind="median", low=17.0, high=59.0)
    assert list(age.to_dict()) == ["number", "unit", "low", "high", "kind"]


def test_text_rates_write_the_sign_where_it_was_read():
    read_around = Value(number=30.0, unit="%", sign="≤", low=30.0, high=35.0, vague=True, kind="rate",
                        years=2.0, key_order=RATE_KEYS)
    assert list(read_around.to_dict()) == ["number", "unit", "low", "high", "sign", "vague", "kind", "years"]
    carried = dataclasses.replace(read_around, sign="~", vague=False, key_order=SIGNED_RATE_KEYS)
    assert list(carried.to_dict()) == ["number", "unit", "sign", "low", "high", "kind", "years"]
    mrd = Value(number=80.0, unit="%", method="flow", key_order=RATE_KEYS)
    assert list(mrd.to_dict()) == ["number", "unit", "method"]


def test_text_medians_write_unit_and_kind_first():
    median = Value(unit="months", kind="median", number=7.7, sign="<", key_order=MEDIAN_KEYS)
    assert list(median.to_dict()) == ["unit", "kind", "number", "sign"]
    span = Value(unit="months", kind="median", low=3.0, high=6.0, number=3.0, key_order=MEDIAN_KEYS)
    assert list(span.to_dict()) == ["unit", "kind", "low", "high", "number"]


def test_key_order_is_not_part_of_the_value():
    a = Value(number=81.0, unit="%", kind="rate", years=3.0)
    b = dataclasses.replace(a, key_order=RATE_KEYS)
    assert a == b and hash(a) == hash(b)
    assert list(a.to_dict()) != list(b.to_dict())
    assert "key_order" not in repr(b) and "key_order" not in a.to_dict()


def test_agent_and_trial_values():
    agent = AgentValue("blinatumomab;inotuzumab", ("blinatumomab", "inotuzumab"))
    assert json.dumps(agent.to_dict()) == '{"canonical": "blinatumomab;inotuzumab", "agents": ["blinatumomab", "inotuzumab"]}'
    assert AgentValue("", ()).to_dict() == {"canonical": "", "agents": []}  # both keys, always
    assert TrialValue("TOWER").to_dict() == {"name": "TOWER"}


def test_a_mention_reads_its_number_through_numeric():
    assert Mention("CR", 0, 3, "86%", Value(number=86.0, unit="%")).numeric.number == 86.0
    # no value, or an agent's: every numeric field reads as unset
    for mention in (Mention("CONTROL", 0, 0, ""), Mention("N", 0, 4, "ZUMA", TrialValue("ZUMA"))):
        assert mention.numeric == Value() and mention.numeric.number is None


_numbers = st.none() | st.floats(min_value=0, max_value=1000, allow_nan=False)
_words = st.none() | st.sampled_from(["%", "months", ">", "≤", "rate", "median", "flow"])


@given(number=_numbers, unit=_words, sign=_words, low=_numbers, high=_numbers, years=_numbers, kind=_words,
       markers=st.lists(st.sampled_from(["∆", "*", "**"]), max_size=2).map(tuple), vague=st.booleans(),
       method=_words, order=st.sampled_from([PARSED_KEYS, RATE_KEYS, SIGNED_RATE_KEYS, MEDIAN_KEYS]))
def test_to_dict_writes_every_set_field_once_in_key_order(number, unit, sign, low, high, years, kind, markers,
                                                          vague, method, order):
    value = Value(number=number, unit=unit, sign=sign, low=low, high=high, years=years, kind=kind,
                  markers=markers, vague=vague, method=method, key_order=order)
    written = value.to_dict()
    unset = {"number": None, "unit": None, "sign": None, "low": None, "high": None, "years": None,
             "kind": None, "markers": (), "vague": False, "method": None}
    assert set(written) == {name for name, empty in unset.items() if getattr(value, name) != empty}
    # the order's keys first, in its order; any field it does not name after them
    named = [k for k in written if k in order]
    assert named == [k for k in order if k in written]
    assert list(written)[:len(named)] == named
    assert json.loads(json.dumps(written)) == written
    assert dataclasses.replace(value).to_dict() == written  # replace keeps the order
