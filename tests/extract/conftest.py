"""The extraction tables share one harness, case_table.py, imported by name from this folder
(the suite imports test files without making their folders packages)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
