"""Settings for every test, doctest and docs page: the examples are written in English.

A reader's own ``LOANRELIEF_LANG=zh`` would turn every ``str()`` in the doctests into
Chinese; the tests that check Chinese ask for it themselves.
"""

import os

os.environ.pop("LOANRELIEF_LANG", None)
