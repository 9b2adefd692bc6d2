"""``python -m kg.cli``: the same as the ``kg`` command."""
from . import main

raise SystemExit(main())
