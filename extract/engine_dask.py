"""The Dask engine (`--engine dask`): the same per-file function, on a Dask cluster.

    python -m extract ARCHIVE -o outputs --engine dask --scheduler tcp://scheduler:8786
    python -m extract ARCHIVE -o outputs --engine dask -j 4     # a LocalCluster of 4 worker processes

Each file is one Dask task, `dask_process(path, root, settings)`. On the Dask worker it does not
run in the Dask worker's own process: it goes to a pool of isolated worker processes
(`extract.pool.WorkerPool`, one per Dask worker thread), so a file gets the same limits as with
the local engine (time, CPU time, memory cap, its own process group and temp folder, a crash
costs the file, not the Dask worker). The rows come back to the client, which journals them and
writes the tables exactly as the local engine does (`extract.journal`, `extract.cli`).

The files must be readable at the same paths on every Dask worker (a shared file system).
"""
from __future__ import annotations

import atexit
import logging
import pickle
import threading
from pathlib import Path
from typing import Callable

from .batch import BatchStats
from .pipeline import failure_rows, process_file
from .settings import Settings

_pools: dict[bytes, "object"] = {}
_pools_lock = threading.Lock()


def _pool_for(settings: Settings, process: Callable):
    from .pool import WorkerPool
    key = pickle.dumps((settings, process))
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            pool = _pools[key] = WorkerPool(settings, process, size=1)
            atexit.register(pool.close)
        return pool


def dask_process(path: str, root: str, settings: Settings, process: Callable = process_file) -> dict:
    """Runs on a Dask worker: one file, in an isolated worker process of this Dask worker's pool."""
    return _pool_for(settings, process).call((Path(path), Path(root)))


def run_dask(files: list[tuple[Path, Path]], settings: Settings,
             on_result: Callable[[dict[str, list[dict]]], None],
             on_progress: Callable[[int], None] | None = None,
             scheduler: str | None = None, process: Callable = process_file,
             n_workers: int | None = None, memory_limit: str | int | None = 0) -> BatchStats:
    """Process `files` on a Dask cluster (`scheduler` address, or a LocalCluster); `on_result` gets each file's rows.

    At most two tasks per Dask worker thread are in flight, so the client's memory does not grow
    with the number of files.
    """
    import time

    from distributed import Client, LocalCluster, as_completed

    stats = BatchStats(files=len(files))
    t0 = time.perf_counter()

    record = stats.recorder(on_result, on_progress)

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        cluster = LocalCluster(n_workers=max(1, n_workers or settings.workers or 1), threads_per_worker=1,
                               processes=True, dashboard_address=":0", memory_limit=memory_limit,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        threads = max(1, sum(client.nthreads().values()))
        todo = iter(files)
        pending: dict = {}
        done = as_completed()

        def submit() -> bool:
            task = next(todo, None)
            if task is None:
                return False
            path, root = task
            fut = client.submit(dask_process, str(path), str(root), settings, process, pure=False)
            pending[fut] = task
            done.add(fut)
            return True

        for _ in range(2 * threads):
            if not submit():
                break
        for fut in done:
            task = pending.pop(fut)
            try:
                result = fut.result()
            except Exception as e:  # noqa: BLE001 - a lost Dask worker costs the file, not the run
                result = failure_rows(*task, "worker", "dask-error",
                                      f"the Dask task for this file failed: {type(e).__name__}: {e}")
            fut.release()
            record(result)
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    stats.seconds = time.perf_counter() - t0
    return stats
