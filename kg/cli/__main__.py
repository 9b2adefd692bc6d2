"""``python -m kg.cli``: the same as the ``kg`` command."""
from . import main

# The guard matters: `kg serve` starts its query worker with multiprocessing's "spawn",
# which imports this module again in the child under another name.
if __name__ == "__main__":
    raise SystemExit(main())
