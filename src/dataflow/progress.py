"""Progress of long work, for a person watching a terminal.

The library marks its long stages with :func:`stage` (reading files, judging transfers,
running the rules, writing, laying out a diagram); nothing is shown unless a caller shows them
with :func:`shown`, as the command line does when standard error is a terminal. The display
appears only once the work has taken :data:`SHOW_AFTER` seconds and is erased when it ends, so
quick commands print nothing, and it is drawn by ``rich``, imported only then.

>>> with shown(sys.stderr):                                    # doctest: +SKIP
...     report = dataflow.check(dataflow.load("big-map/"))
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any, Protocol

__all__ = ["SHOW_AFTER", "Stage", "shown", "stage", "watched"]

#: Seconds of work before progress appears.
SHOW_AFTER = 1.0


class Stage(Protocol):
    """A stage under way: :meth:`advance` it as its units of work are done."""

    def advance(self, amount: int = 1) -> None: ...


class _Unseen:
    def advance(self, amount: int = 1) -> None:
        """Nothing watches: nothing to do."""


_UNSEEN = _Unseen()
_DISPLAY: ContextVar[_Display | None] = ContextVar("dataflow_progress", default=None)


def watched(stage: Stage) -> bool:
    """Whether a stage is shown: a loop need not advance one that is not, a unit at a time."""
    return stage is not _UNSEEN


@contextmanager
def stage(title: str, total: int | None = None) -> Iterator[Stage]:
    """A stage of long work: ``title`` says what it does, ``total`` how many units it has
    (``None`` when that is not known: elapsed time is shown instead)."""
    display = _DISPLAY.get()
    if display is None:
        yield _UNSEEN
        return
    with display.stage(title, total) as shown_stage:
        yield shown_stage


@contextmanager
def shown(stream: IO[str], after: float | None = None) -> Iterator[None]:
    """Show the stages of the work done inside on ``stream``, a terminal, once it has taken
    ``after`` seconds (default :data:`SHOW_AFTER`)."""
    display = _Display(stream, SHOW_AFTER if after is None else after)
    token = _DISPLAY.set(display)
    try:
        with display:
            yield
    finally:
        _DISPLAY.reset(token)


class _Task:
    """A stage on the display; advanced a unit at a time, it is redrawn every
    1/200th of its total."""

    def __init__(self, progress: Any, task: Any, total: int | None) -> None:
        self._progress, self._task = progress, task
        self._step = max(1, (total or 0) // 200)
        self._total = total
        self._pending = self._done = 0

    def advance(self, amount: int = 1) -> None:
        self._pending += amount
        if self._pending >= self._step:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self._done += self._pending
            self._progress.update(self._task, advance=self._pending, done=(
                f"{self._done:,}/{self._total:,}" if self._total else f"{self._done:,}"))
            self._pending = 0


class _Display:
    """A ``rich`` progress display, started by a timer, erased when stopped."""

    def __init__(self, stream: IO[str], after: float) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(),
            TextColumn("{task.fields[done]}", markup=False), TimeElapsedColumn(),
            console=Console(file=stream, force_terminal=True, highlight=False),
            transient=True, refresh_per_second=5,
            # the work's own output goes where it was sent: a redirected standard output
            # must get the report, not the terminal
            redirect_stdout=False, redirect_stderr=False)
        self._lock = threading.Lock()
        self._ended = False
        self._timer = threading.Timer(after, self._start)
        self._timer.daemon = True

    def _start(self) -> None:
        with self._lock:
            if not self._ended:
                self.progress.start()

    def __enter__(self) -> _Display:
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()
        with self._lock:
            self._ended = True
            self.progress.stop()

    @contextmanager
    def stage(self, title: str, total: int | None) -> Iterator[Stage]:
        # a title may hold a file name: no control character reaches the terminal
        task = self.progress.add_task("".join(c if c.isprintable() else "?" for c in title),
                                      total=total, done="")
        shown_task = _Task(self.progress, task, total)
        try:
            yield shown_task
        finally:
            shown_task.flush()
            self.progress.remove_task(task)
