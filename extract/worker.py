"""One worker process of the batch: its own process group, temp folder, memory, CPU and time limits.

The parent starts a worker with `Worker.start` (a fresh interpreter, `python -c ...child_main`):

* it leads its own process group, so whatever it starts (LibreOffice converting a .doc,
  Tesseract) is killed with it when it times out or crashes;
* it dies with its parent: PR_SET_PDEATHSIG (SIGKILL), and a watchdog thread that kills the
  worker's group when the pipe from the parent reaches end of file; the run's reaper
  (`extract.reaper`) kills the groups of workers whose parent died;
* it enforces its own limits: an address-space cap (`--memory-mb`), a CPU-time limit per file
  (RLIMIT_CPU, `--cpu-timeout`: load on the machine does not count against a file), and the
  wall-clock budget (`--timeout`) as a backstop to the parent's (in case the parent stalls);
* its TMPDIR is a private folder inside the run's temp folder (`extract.run_temp`), removed
  when the worker ends, so a killed conversion leaves no `/tmp/cchc_doc_*` behind.

Before it takes a task the worker loads the per-file function and checks that the memory cap
leaves room to read a file, then says "ready"; one whose cap is too small says why and the
parent raises `WorkerStartError` (a setting to fix, not a bad file).
"""
from __future__ import annotations

import math
import os
import pickle
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable

READY = "__ready__"
STARTUP_FAILED = "__startup_failed__"
HEADROOM_MB = 128  # address space a worker needs beyond its loaded libraries to read a file
WALL_GRACE_S = 10.0  # the worker's own wall-clock backstop fires this long after the parent's budget
PR_SET_PDEATHSIG = 1
PACKAGE_PARENT = str(Path(__file__).resolve().parents[1])


class WorkerStartError(RuntimeError):
    """No worker process could start (e.g. the memory cap is below what loading the libraries takes)."""


def _address_space_mb() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            m = re.search(r"^VmSize:\s+(\d+)\s+kB", f.read(), re.M)
    except OSError:
        return None
    return int(m.group(1)) // 1024 if m else None


def limit_memory(mb: int | None) -> str | None:
    """Cap this process's address space at `mb`; a message if the cap leaves no room to work."""
    if not mb:
        return None
    used = _address_space_mb()
    if used is not None and used + HEADROOM_MB > mb:
        need = math.ceil((used + 2 * HEADROOM_MB) / 256) * 256
        return (f"the memory cap of {mb} MB is too small: a worker process uses {used} MB of address space "
                f"just to load its libraries and needs more to read a file; use --memory-mb {need} or more "
                "(0 = no cap)")
    try:
        import resource
        limit = mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    return None


def limit_cpu(seconds: float | None) -> None:
    """Let this process use at most `seconds` more CPU time (RLIMIT_CPU soft limit: SIGXCPU when spent)."""
    if not seconds:
        return
    import resource
    ru = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(ru.ru_utime + ru.ru_stime + seconds)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies; exit now if it already has."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:
        os._exit(1)


def _kill_own_group() -> None:
    try:
        os.killpg(os.getpgid(0), signal.SIGKILL)
    finally:
        os._exit(1)


class Watchdog(threading.Thread):
    """In the worker: kills the worker's group when the parent goes away or a file overruns its wall-clock budget."""

    def __init__(self, fd: int, budget_s: float) -> None:
        super().__init__(daemon=True, name="cchc-watchdog")
        self.fd, self.budget_s = fd, budget_s
        self.task_started: float | None = None

    def run(self) -> None:
        import select
        while True:
            try:
                readable, _, _ = select.select([self.fd], [], [], 0.5)
                if readable and not os.read(self.fd, 64):
                    _kill_own_group()  # end of file: the parent is gone
            except OSError:
                _kill_own_group()
            started = self.task_started
            if started is not None and time.monotonic() - started > self.budget_s + WALL_GRACE_S:
                _kill_own_group()  # the parent should have stopped this file already


def child_main(argv: list[str]) -> None:
    """Entry point of a worker process: `child_main([sock_fd, watchdog_fd, parent_pid])`."""
    sock_fd, watch_fd, parent_pid = (int(x) for x in argv[:3])
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU, SIGABRT: no core files
    except (ImportError, ValueError, OSError):
        pass
    conn = Connection(sock_fd)
    try:
        sys_path, payload = conn.recv()
    except (EOFError, OSError):
        return
    sys.path[:0] = [p for p in sys_path if p not in sys.path]  # the parent's imports work here too
    try:
        settings, process = pickle.loads(payload)
    except Exception as e:  # noqa: BLE001 - say why, the parent stops the run
        conn.send((STARTUP_FAILED, f"a worker process could not load the per-file function: {type(e).__name__}: {e}"))
        return
    from .pipeline import failure_rows
    watchdog = Watchdog(watch_fd, float(getattr(settings, "timeout_s", 300.0)))
    watchdog.start()
    problem = limit_memory(getattr(settings, "memory_mb", None))
    try:
        conn.send((STARTUP_FAILED, problem) if problem else READY)
    except (BrokenPipeError, OSError):
        return
    if problem:
        return
    cpu_s = getattr(settings, "cpu_timeout_s", None) or getattr(settings, "timeout_s", None)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        path, root = task
        limit_cpu(cpu_s)
        watchdog.task_started = time.monotonic()
        try:
            result = process(path, root, settings)
        except BaseException as e:  # noqa: BLE001 - report, never die silently
            result = failure_rows(path, root, "worker", type(e).__name__, f"{type(e).__name__}: {e}")
        watchdog.task_started = None
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


# --- in the parent --------------------------------------------------------------------------------

_spawner_lock = threading.Lock()
_spawner: "_Spawner | None" = None


class _Spawner(threading.Thread):
    """Starts processes from one long-lived thread.

    PR_SET_PDEATHSIG fires when the *thread* that started the process ends; a pool used from
    short-lived threads (a Dask worker's task threads) starts its workers through this one.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True, name="cchc-spawner")
        import queue
        self.jobs: "queue.Queue" = queue.Queue()

    def run(self) -> None:
        while True:
            fn, box, done = self.jobs.get()
            try:
                box.append((True, fn()))
            except BaseException as e:  # noqa: BLE001 - handed back to the caller
                box.append((False, e))
            done.set()

    def call(self, fn: Callable[[], Any]) -> Any:
        box: list = []
        done = threading.Event()
        self.jobs.put((fn, box, done))
        done.wait()
        ok, value = box[0]
        if not ok:
            raise value
        return value


def _start_process(fn: Callable[[], Any]) -> Any:
    global _spawner
    if threading.current_thread() is threading.main_thread():
        return fn()
    with _spawner_lock:
        if _spawner is None:
            _spawner = _Spawner()
            _spawner.start()
    return _spawner.call(fn)


@dataclass
class Worker:
    proc: subprocess.Popen
    conn: Connection
    watch_fd: int  # write end of the watchdog pipe: closing it (or dying) ends the worker
    tmpdir: Path
    task: tuple[Path, Path] | None = None
    started: float = 0.0
    ready: bool = False
    reaped: bool = False
    on_end: Callable[[int], None] | None = field(default=None, repr=False)

    @classmethod
    def start(cls, payload: bytes, tmpdir: Path, on_start: Callable[[int], None] | None = None,
              on_end: Callable[[int], None] | None = None) -> "Worker":
        """Start a worker that will run the pickled `(settings, process)` in `payload`."""
        ours, theirs = socket.socketpair()
        watch_r, watch_w = os.pipe()
        env = {**os.environ, "TMPDIR": str(tmpdir)}
        code = "import sys; sys.path.insert(0, sys.argv[1]); from extract.worker import child_main; child_main(sys.argv[2:])"
        args = [sys.executable, "-c", code, PACKAGE_PARENT, str(theirs.fileno()), str(watch_r), str(os.getpid())]
        try:
            proc = _start_process(lambda: subprocess.Popen(
                args, pass_fds=(theirs.fileno(), watch_r), process_group=0, env=env, stdin=subprocess.DEVNULL))
        except BaseException:
            ours.close()
            os.close(watch_w)
            raise
        finally:
            theirs.close()
            os.close(watch_r)
        if on_start:
            on_start(proc.pid)
        conn = Connection(ours.detach())
        w = cls(proc=proc, conn=conn, watch_fd=watch_w, tmpdir=Path(tmpdir), on_end=on_end)
        try:
            conn.send((list(sys.path), payload))
        except OSError:
            pass  # it died already: the parent sees the end of its connection
        return w

    def send(self, task: tuple[Path, Path]) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def kill_group(self) -> None:
        """SIGKILL the worker's process group (the worker and what it started).

        Called before the worker is reaped, so its pid (= the group id) cannot have been reused.
        """
        if self.reaped:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:  # gone already, or not ours to signal
            pass

    def reap(self, timeout: float = 10.0) -> int | None:
        """Wait for the (killed or ending) worker; its exit code (negative: the signal that ended it)."""
        if not self.reaped:
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.reaped = True
            if self.on_end:
                self.on_end(self.proc.pid)
        return self.proc.returncode

    def exit_signal(self) -> signal.Signals | None:
        code = self.proc.returncode
        try:
            return signal.Signals(-code) if code is not None and code < 0 else None
        except ValueError:
            return None

    def exit_description(self) -> str:
        sig, code = self.exit_signal(), self.proc.returncode
        return f"killed by signal {sig.name}" if sig else f"exited with code {code}"

    def retire(self, graceful: bool = False) -> None:
        """End the worker (asked to stop when `graceful`), kill its group, remove its temp folder."""
        if graceful and not self.reaped:
            from multiprocessing.connection import wait
            try:
                self.conn.send(None)
                deadline = time.monotonic() + 2
                while time.monotonic() < deadline and wait([self.conn], deadline - time.monotonic()):
                    self.conn.recv()  # until the end of the connection: the worker has exited
            except (EOFError, OSError):
                pass
        self.kill_group()
        self.reap()
        for close in (self.conn.close, lambda: os.close(self.watch_fd)):
            try:
                close()
            except OSError:
                pass
        self.watch_fd = -1
        shutil.rmtree(self.tmpdir, ignore_errors=True)
