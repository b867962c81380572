"""Run the batch's tasks on any `concurrent.futures`-style executor (a Dask cluster's, a
thread pool in tests), `capacity` at a time.

Isolation is then the executor's business. A task's CPU time cannot be watched from
here, so the limit that holds inside it is the reader's own (CPU time, in the worker);
this pool only abandons a task still running WALL_CLOCK_FACTOR times the limit after it
was submitted (the same wall-clock safety net as the local pool). The local default
with full isolation is `gapcheck.batch.worker.IsolatedPool`.

`function` may be a handle the executor resolves on its workers (a Dask future of the
scattered work, see BatchSettings.share), so the work is shipped once per worker rather
than pickled into every task.
"""

from __future__ import annotations

import concurrent.futures as cf
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from gapcheck.batch.worker import (
    POLL_SECONDS,
    WALL_CLOCK_FACTOR,
    Failure,
    TaskResult,
    call_guarded,
    short_reason,
)


def _run_on_executor(
    function: Callable[[Any], Any], task: Any
) -> tuple[Any, Failure | None, float, float]:
    started, cpu_started = time.perf_counter(), time.process_time()
    value, failure = call_guarded(function, task)
    return value, failure, time.perf_counter() - started, time.process_time() - cpu_started


class ExecutorPool:
    """The same tasks on any concurrent.futures-style executor, `capacity` at a time."""

    def __init__(
        self,
        executor: cf.Executor,
        function: Callable[[Any], Any],  # or a stand-in the executor resolves (Dask future)
        *,
        capacity: int,
        timeout: float | None = None,
    ) -> None:
        self.executor = executor
        self.function = function
        self.capacity = max(1, capacity)
        self.timeout = timeout
        self.restarts = 0
        self.peak_rss_mb = 0.0

    def map(self, tasks: Iterable[tuple[int, Any]]) -> Iterator[TaskResult]:
        pending = iter(tasks)  # pulled only when there is room: tasks may carry file bytes
        running: dict[cf.Future[Any], tuple[int, float]] = {}
        exhausted = False
        try:
            while not exhausted or running:
                while not exhausted and len(running) < self.capacity:
                    item = next(pending, None)
                    if item is None:
                        exhausted = True
                        break
                    task_id, task = item
                    future = self.executor.submit(_run_on_executor, self.function, task)
                    running[future] = (task_id, time.monotonic())
                done, _ = cf.wait(
                    list(running), timeout=POLL_SECONDS, return_when=cf.FIRST_COMPLETED
                )
                for future in done:
                    task_id, submitted = running.pop(future)
                    yield self._collect(future, task_id, submitted)
                if self.timeout is not None:
                    net = self.timeout * WALL_CLOCK_FACTOR
                    now = time.monotonic()
                    for future, (task_id, submitted) in list(running.items()):
                        if now - submitted > net:
                            future.cancel()
                            del running[future]
                            failure = Failure(
                                "timeout",
                                f"took longer than {net:g} s of wall-clock time without "
                                "finishing; the cluster may be overloaded; run again",
                            )
                            yield TaskResult(task_id, None, failure, now - submitted)
        finally:
            for future in running:
                future.cancel()

    @staticmethod
    def _collect(future: cf.Future[Any], task_id: int, submitted: float) -> TaskResult:
        try:
            value, failure, seconds, cpu = future.result()
        except Exception as exc:  # the executor lost the worker or the task
            reason = short_reason(f"the worker running it failed ({type(exc).__name__}: {exc})")
            return TaskResult(task_id, None, Failure("crash", reason), time.monotonic() - submitted)
        return TaskResult(task_id, value, failure, seconds, cpu)


def _warm_up(work: Any) -> None:
    """Run on each Dask worker once: build the detector before the first task needs it."""
    warm_up = getattr(work, "warm_up", None)
    if callable(warm_up):
        warm_up()


def dask_share(client: Any) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """BatchSettings.share for a Dask client: send the work to every worker once and warm
    it up there (as the local pool's initializer does), then let tasks refer to it.

    Any: distributed's annotations are partial, and the client is only duck-typed here.
    """

    def share(work: Callable[[Any], Any]) -> Callable[[Any], Any]:
        handle: Any = client.scatter(work, broadcast=True, hash=False)
        workers = list(client.scheduler_info().get("workers", {}))
        warmed = [
            client.submit(_warm_up, handle, workers=[address], pure=False) for address in workers
        ]
        client.gather(warmed)
        return handle  # type: ignore[no-any-return]  # resolved to the work on each worker

    return share
