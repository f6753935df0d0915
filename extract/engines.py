"""Where the documents of a run are read: in this process, in a pool of local worker
processes (`-j N`), or on a Dask cluster (`--engine dask`). Each engine maps one function
over the items and yields the results in input order, so the single writer in the parent
stores them in the same order whatever ran them, and the outputs are the same bytes.

Only a bounded window of items is in flight at once: results are released as the writer
takes them, so memory does not grow with the number of documents. The function and its
items must be picklable (a module-level function, plain data).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from extract.errors import EngineError

T = TypeVar("T")
R = TypeVar("R")
LOCAL, DASK = "local", "dask"
ENGINES = (LOCAL, DASK)
# Items submitted ahead of the one the writer waits for, per worker: enough to keep every
# worker busy while one slow document holds the head of the line.
AHEAD_PER_WORKER = 2
# Young-generation threshold while documents are read: parsing a page makes many short-lived
# objects; at Python's default (700) the collector ran ~1,850 times per corpus PDF and took
# 22 % of the CPU (bench: gc callbacks, 4 corpus PDFs in one process).
YOUNG_GC_THRESHOLD = 20_000
SCHEDULER_TIMEOUT_S = 10


def default_jobs() -> int:
    """The cores this process may use (the machine's cores where affinity is unknown)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Ctrl-C reaches the whole process group; the parent alone handles it (stops the
    workers, reports one line). Workers started inside this block inherit an ignored SIGINT
    across exec, so none prints a traceback, even one still importing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _in_order(submit: Callable[[T], Future], items: Iterable[T], window: int) -> Iterator:
    """Submit items at most `window` ahead of the one being waited for; yield results in
    input order."""
    pending: deque = deque()
    source = iter(items)
    for item in source:
        pending.append(submit(item))
        if len(pending) >= window:
            break
    while pending:
        yield pending.popleft().result()
        for item in source:  # the writer has taken one: one more may start
            pending.append(submit(item))
            break


def tune_gc() -> tuple[int, int, int]:
    """Set the collector for reading documents, once what lasts (the spaCy pipeline,
    modules) is built: that is frozen, never walked again, and young objects are collected
    less often. The caller frees each document's cyclic garbage (`gc.collect()`) when it is
    done with it, so memory stays flat. Returns the thresholds before."""
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GC_THRESHOLD, 50, 1000)
    return before


def restore_gc(before: tuple[int, int, int]) -> None:
    gc.set_threshold(*before)
    gc.unfreeze()


def runs_in_process(engine: str, jobs: int, n_items: int) -> bool:
    """The local engine with one job (or one item) reads in this process: no worker to start."""
    return engine != DASK and (jobs <= 1 or n_items <= 1)


def map_in_process(fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    before = tune_gc()
    try:
        for item in items:
            yield fn(item)
    finally:
        restore_gc(before)


def map_in_pool(fn: Callable[[T], R], items: Iterable[T], jobs: int, initializer: Callable[[], None] | None = None,
                ) -> Iterator[R]:
    """`fn` over `items` in `jobs` fresh worker processes (spawned: no state inherited
    from the parent; `initializer` runs once in each, e.g. to build the spaCy pipeline).
    On an interrupt or any error in the parent the workers are stopped at once."""
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=initializer)

    def submit(item: T) -> Future:
        # a submission may start a worker (spawned workers start on demand): each one starts
        # with SIGINT ignored
        with _interrupts_ignored():
            return executor.submit(fn, item)

    try:
        yield from _in_order(submit, items, jobs * AHEAD_PER_WORKER)
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown(wait=True)


def _stop(executor: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (a document being read is
    dropped; nothing of it has reached the store, which only the parent writes)."""
    processes = list(getattr(executor, "_processes", {}).values())  # no public handle on the workers
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def map_on_dask(fn: Callable[[T], R], items: Iterable[T], scheduler: str | None, jobs: int) -> Iterator[R]:
    """`fn` over `items` on a Dask cluster: the scheduler at `scheduler` (tcp://HOST:PORT),
    or a cluster of `jobs` local worker processes started here. The workers must import this
    package (same version) and read the input paths (a shared file system)."""
    try:
        from dask.distributed import Client, LocalCluster  # lazy: dask only for --engine dask
    except ImportError:
        raise EngineError(scheduler or "dask", "dask.distributed is not installed",
                          'install the extra: pip install -c constraints.txt -e ".[dask]"') from None
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
    try:
        client = Client(cluster if cluster is not None else scheduler, timeout=SCHEDULER_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as err:
        raise EngineError(scheduler, f"cannot reach the Dask scheduler ({type(err).__name__})") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # pure=False: an item is run once per submission, never served from another run's result
        yield from _in_order(lambda item: client.submit(fn, item, pure=False), items, workers * AHEAD_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def map_documents(fn: Callable[[T], R], items: list[T], *, engine: str = LOCAL, jobs: int = 1,
                  scheduler: str | None = None, initializer: Callable[[], None] | None = None,
                  in_process: Callable[[T], R] | None = None) -> Iterator[R]:
    """`fn` over `items`, results in input order, on the engine asked for; in this process
    where `runs_in_process` says so (calling `in_process`, default `fn`)."""
    if engine == DASK:
        return map_on_dask(fn, items, scheduler, jobs)
    if runs_in_process(engine, jobs, len(items)):
        return map_in_process(in_process or fn, items)
    return map_in_pool(fn, items, min(jobs, len(items)), initializer)
