"""The engines map a function over documents and hand results back in input order, with a
bounded number in flight, whether in this process or in spawned worker processes."""

import gc
import math
from concurrent.futures import Future

import pytest

from extract.engines import AHEAD_PER_WORKER, YOUNG_GC_THRESHOLD, _in_order, map_documents


def test_a_pool_returns_results_in_input_order():
    items = [30, 1, 25, 2, 20, 3, 15, 4]  # uneven work: later items finish first
    assert list(map_documents(math.factorial, items, jobs=2)) == [math.factorial(n) for n in items]


def test_one_job_runs_in_this_process():
    seen = []

    def local(item):  # not picklable: only the in-process path can call it
        seen.append(item)
        return -item

    assert list(map_documents(abs, [1, 2, 3], jobs=1, in_process=local)) == [-1, -2, -3]
    assert seen == [1, 2, 3]


def test_no_more_than_the_window_is_in_flight():
    in_flight, peak = set(), [0]

    def submit(item):
        future = Future()
        in_flight.add(item)
        peak[0] = max(peak[0], len(in_flight))
        future.set_result(item)
        return future

    out = []
    for result in _in_order(submit, range(50), window=4):
        in_flight.discard(result)
        out.append(result)
    assert out == list(range(50)) and peak[0] == 4


def test_a_fault_in_a_worker_reaches_the_caller():
    with pytest.raises(ValueError):
        list(map_documents(math.sqrt, [4.0, -1.0, 9.0] * AHEAD_PER_WORKER, jobs=2))


def test_reading_in_process_tunes_the_collector_and_puts_it_back():
    before = gc.get_threshold()
    during = []

    def observe(item):
        during.append((gc.get_threshold()[0], gc.get_freeze_count() > 0))
        return item

    assert list(map_documents(abs, [1, 2], jobs=1, in_process=observe)) == [1, 2]
    assert during == [(YOUNG_GC_THRESHOLD, True)] * 2  # what existed frozen, young objects collected less often
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
