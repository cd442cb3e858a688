"""``python -m loanrelief``: the command line."""

import sys

from loanrelief.cli import main

sys.exit(main())
