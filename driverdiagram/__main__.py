"""`python -m driverdiagram` does what the `driverdiagram` command does."""

import sys

from .cli import main

sys.exit(main())
