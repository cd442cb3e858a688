"""Progress of long runs: a progress bar when asked for, or a callback for apps.

The batch functions that walk a portfolio block by block
(:func:`loanrelief.batch.overdue_states`, :func:`loanrelief.batch.compare_levers`)
take ``progress=``: ``True`` draws a progress bar on standard error with tqdm (the
``progress`` extra), a callable is called with ``(done, total)`` accounts after each
block (for an app's own bar or log), and ``None`` (the default) reports nothing.
On Dask, Dask's own progress bars report the same work (see the Dask how-to).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from loanrelief._foundations.errors import InvalidTypeError
from loanrelief._foundations.optional import require

__all__ = ["Progress", "reporting"]

Progress = bool | Callable[[int, int], object] | None
"""What ``progress=`` takes: ``None``/``False``, ``True`` (a bar) or ``f(done, total)``."""


@contextlib.contextmanager
def reporting(progress: Progress, total: int, what: str) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(count)``, which reports ``count`` more of ``total`` items done.

    Parameters
    ----------
    progress : None, bool or callable
        ``None`` or ``False``: nothing; ``True``: a tqdm bar on standard error named
        ``what`` (needs the ``progress`` extra); a callable: ``progress(done, total)``
        after each advance.
    total : int
        How many items the run has.
    what : str
        The bar's description ("accounts").

    Raises
    ------
    InvalidTypeError
        If ``progress`` is none of these.
    MissingDependencyError
        With ``progress=True`` and tqdm not installed.

    Examples
    --------
    >>> seen = []
    >>> with reporting(lambda done, total: seen.append((done, total)), 5, "accounts") as advance:
    ...     advance(2)
    ...     advance(3)
    >>> seen
    [(2, 5), (5, 5)]
    """
    if progress is None or progress is False:
        yield lambda count: None
        return
    if progress is True:
        tqdm = require("tqdm", "progress", "progress=True")
        with tqdm.tqdm(total=total, desc=what, unit=" " + what.rsplit(maxsplit=1)[-1]) as bar:
            yield bar.update
        return
    if not callable(progress):
        raise InvalidTypeError(
            "progress", progress, "True (a progress bar), a callable f(done, total), or None"
        )
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        progress(done, total)

    yield advance
