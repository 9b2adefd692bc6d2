"""Where articles are extracted: in this process, in worker processes, or on a Dask cluster.

An executor maps an iterable of `Article` values to their results — an `Extraction`, or an
`ExtractionError` naming the article — and yields them **in input order**, whatever order
the work finishes in, so a graph built with one executor is the graph built with any other.
Each keeps a bounded number of articles in flight, so memory stays flat however long the
input; each reads its input lazily, only as results are taken.

Executors are looked up by name in `kg.registry.executors` (built-in: ``serial``,
``processes``, ``dask``; more through the ``kg.executors`` entry point group) and called as
``executor(articles, extractor, **options)``.

>>> from kg.model import Article
>>> a, b = Article.create("China backs Kazakhstan.", lang="en"), Article.create("Астана приймає саміт.", lang="uk")
>>> [r.article.id for r in serial([a, b])] == [a.id, b.id]
True
"""
from __future__ import annotations

import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from .errors import ExecutorError
from .model import Article, Extraction
from .pipeline import Extractor, extract_checked, warm_up

Result = Extraction | Exception


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def serial(articles: Iterable[Article], extractor: Extractor | None = None, **_: object) -> Iterator[Result]:
    """Each article in turn, in this process."""
    for article in articles:
        yield extract_checked(article, extractor)


def processes(articles: Iterable[Article], extractor: Extractor | None = None, *, workers: int | None = None,
              chunk: int = 4, in_flight: int | None = None, ahead: int = 0, **_: object) -> Iterator[Result]:
    """Articles in `workers` processes (the available cores unless given), `chunk` articles a
    task and at most `in_flight` tasks submitted ahead of the one awaited: unless given, 4 a
    worker, or enough for `ahead` articles when that is more (a build passes the articles it
    writes at once, so that the workers are not idle while it writes). Each worker loads the
    gazetteer and lexicons once, as it starts.

    A run with fewer articles than one round of tasks does not pay for starting processes:
    it runs in this process. Raises `ExecutorError` when `extractor` cannot be sent to
    another process (a lambda, or a function of a module that cannot be imported by name)."""
    workers = workers or available_cores()
    _check_picklable(extractor, "processes")
    articles = iter(articles)
    first = list(islice(articles, workers * chunk))
    if len(first) < workers * chunk or workers == 1:
        yield from serial(_chained(first, articles), extractor)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent holds an open store (threads, file locks) a fork would copy
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(extractor,))
    try:
        yield from _in_order(lambda batch: pool.submit(_extract_batch, batch),
                             _batches(_chained(first, articles), chunk),
                             in_flight or max(4 * workers, -(-ahead // chunk)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def dask(articles: Iterable[Article], extractor: Extractor | None = None, *, address: str = "local",
         workers: int | None = None, chunk: int = 8, in_flight: int | None = None, **_: object) -> Iterator[Result]:
    """Articles as tasks on a Dask distributed cluster: the scheduler at `address`
    (``tcp://host:8786``), or ``local`` for a `distributed.LocalCluster` of `workers`
    processes on this machine. Every worker must have kg installed, the same version.

    Tasks of `chunk` articles are submitted at most `in_flight` ahead (4 a worker thread
    unless given) and their results taken in input order; Dask places, retries and moves
    them. Raises `ExecutorError` when Dask is not installed or the scheduler cannot be reached."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ExecutorError("the dask executor needs Dask: pip install 'kg[dask]'") from None
    _check_picklable(extractor, "dask")
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers or available_cores(), threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout=30)
    except OSError as e:
        if cluster is not None:
            cluster.close()
        raise ExecutorError(f"cannot reach the Dask scheduler at {address} ({e})") from None
    try:
        threads = sum(client.nthreads().values()) or 1
        client.run(_start_worker, extractor)
        yield from _in_order(lambda batch: client.submit(_extract_batch_with, batch, extractor, pure=False),
                             _batches(articles, chunk), in_flight or 4 * threads)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _in_order(submit, batches: Iterator[list[Article]], in_flight: int) -> Iterator[Result]:
    """Submit batches, keeping at most `in_flight` pending, and yield results in input order."""
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(islice(articles, size)):
        yield batch


def _chained(first: list[Article], rest: Iterator[Article]) -> Iterator[Article]:
    yield from first
    yield from rest


def picklable(extractor: Extractor | None) -> bool:
    """Whether `extractor` can be sent to another process (`kg.pipeline.extract` can)."""
    try:
        pickle.dumps(extractor)
    except Exception:  # noqa: BLE001 - pickle raises many kinds
        return False
    return True


def _check_picklable(extractor: Extractor | None, name: str) -> None:
    try:
        pickle.dumps(extractor)
    except Exception as e:  # noqa: BLE001 - pickle raises many kinds
        raise ExecutorError(f"the {name} executor cannot send the extractor {extractor!r} to its workers "
                            f"({type(e).__name__}: {e}); give a function importable by name, or run serially") from None


# -- in the workers ---------------------------------------------------------------------------
_worker_extractor: Extractor | None = None


def _start_worker(extractor: Extractor | None) -> None:
    global _worker_extractor
    _worker_extractor = extractor
    if extractor is None:
        warm_up()


def _extract_batch(batch: list[Article]) -> list[Result]:
    return [extract_checked(article, _worker_extractor) for article in batch]


def _extract_batch_with(batch: list[Article], extractor: Extractor | None) -> list[Result]:
    return [extract_checked(article, extractor) for article in batch]


__all__ = ["available_cores", "picklable", "serial", "processes", "dask"]
