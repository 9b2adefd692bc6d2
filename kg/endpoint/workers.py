"""A pool of read-only query workers, each a process with the store open, each query timed.

A query runs in a process rather than a thread because a thread cannot be stopped: one
that overruns the time limit gets its process killed. A spare worker, started with the
others and kept ready, takes its place at once (starting a process and opening the store
takes seconds), and a new spare starts in the background. Requests wait for a free
worker no longer than the time limit.
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

TEXT = "text/plain; charset=utf-8"
START_TIMEOUT = 120.0  # seconds a new worker may take to import and open the store


@dataclass(frozen=True)
class Job:
    """One query for a worker: the text, the format to answer in, and the protocol's dataset."""

    query: str
    format: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base: str | None = None  # for the query's relative IRIs: the endpoint's own URL


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


def _worker_main(conn, directory: str) -> None:
    """Open the store read-only, say so, then answer `Job`s on `conn` until it closes."""
    from rdflib import URIRef

    from .. import KnowledgeGraph
    from ..errors import KGError, QueryError

    try:
        graph = KnowledgeGraph.open(directory, read_only=True)
    except KGError as e:
        conn.send(str(e))
        return
    conn.send("ready")
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            dataset = {}
            if job.default_graphs is not None or job.named_graphs is not None:
                dataset = {"default_graphs": [URIRef(g) for g in job.default_graphs or ()],
                           "named_graphs": [URIRef(g) for g in job.named_graphs or ()]}
            result = graph.store.query(job.query, base=job.base, **dataset)
            answer = Answer(200, result.media_type(job.format), result.serialize(job.format))
        except QueryError as e:
            answer = Answer(400, TEXT, f"{e}\n".encode())
        except KGError as e:
            answer = Answer(500, TEXT, f"{e}\n".encode())
        except RecursionError:
            answer = Answer(400, TEXT, b"the query is nested too deeply\n")
        except Exception as e:  # noqa: BLE001 - a serialiser's failure on one answer (e.g. RDF/XML
            # cannot write a predicate IRI without a local name) must not end the worker
            answer = Answer(500, TEXT, f"cannot write the answer as {job.format}: {e}\n".encode())
        conn.send(answer)


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, ctx, directory: Path):
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, str(directory)),
                                   daemon=True, name="kg-serve-worker")
        self.process.start()
        child.close()
        self.conn = parent

    def wait_ready(self, timeout: float) -> str | None:
        """None once the store is open; else why the worker could not start."""
        try:
            if self.conn.poll(timeout):
                said = self.conn.recv()
                return None if said == "ready" else said
        except (EOFError, OSError):
            pass
        return "the query worker did not start"

    def ask(self, job: Job, timeout: float) -> Answer | None:
        """The answer, or None when the query overran `timeout` or the worker died."""
        try:
            self.conn.send(job)
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError):
            pass
        return None

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """`size` workers on the store in `directory`; `run` gives a job to a free one."""

    def __init__(self, directory: Path, size: int = 2, timeout: float = 10.0):
        self.directory, self.size, self.timeout = Path(directory), size, timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._spare: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start every worker and wait until each has the store open.

        Raises `KGError` naming the reason when one cannot open it."""
        from ..errors import KGError

        workers = [self._spawn() for _ in range(self.size + 1)]
        for n, worker in enumerate(workers):
            problem = worker.wait_ready(START_TIMEOUT)
            if problem is not None:
                self.close()
                raise KGError(f"cannot serve {self.directory}: {problem}")
            (self._idle if n < self.size else self._spare).put(worker)

    def run(self, job: Job) -> Answer:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer(503, TEXT, f"every query worker stayed busy for {self.timeout:g} s; "
                                     "try again later\n".encode())
        answer = worker.ask(job, self.timeout)
        if answer is not None:
            self._idle.put(worker)
            return answer
        died = not worker.process.is_alive()
        self._replace(worker)
        if died:
            return Answer(500, TEXT, b"the query worker stopped on this query; try a simpler one\n")
        return Answer(503, TEXT, f"the query ran longer than the time limit ({self.timeout:g} s) "
                                 "and was stopped\n".encode())

    def _spawn(self) -> Worker:
        worker = Worker(self._ctx, self.directory)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: Worker) -> None:
        """Kill `worker`, put the spare in its place, and start a new spare in the background
        (or, when no spare was ready, a worker for the free place)."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            if self._closed:
                return
        try:
            self._idle.put(self._spare.get_nowait())
            refill = self._spare
        except queue.Empty:
            refill = self._idle

        def start() -> None:
            fresh = self._spawn()
            if fresh.wait_ready(START_TIMEOUT) is None and not self._closed:
                refill.put(fresh)
            else:
                fresh.kill()
                with self._lock:
                    self._all.discard(fresh)

        threading.Thread(target=start, name="kg-serve-respawn", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()
