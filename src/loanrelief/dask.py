"""Portfolios beyond one machine: the batch kernels mapped over Dask partitions.

Requires the ``dask`` extra (``pip install '.[dask]'`` in a clone). Each function maps
one :mod:`loanrelief.batch` kernel over the chunks of Dask arrays or the partitions
of a Dask DataFrame (one element or row per loan): every chunk is computed by the
in-memory kernel, so the result equals the in-memory run exactly, and a portfolio
larger than memory runs on a cluster unchanged. Nothing is computed until you call
``.compute()`` (or ``dask.compute``) on the result.
"""

from loanrelief.batch._dask import KERNELS, amortize_totals, map_frame, overdue_states

__all__ = ["KERNELS", "amortize_totals", "map_frame", "overdue_states"]
