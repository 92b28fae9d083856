"""`python -m service.cli`: the `hecha` command."""

import sys

from . import main

sys.exit(main())
