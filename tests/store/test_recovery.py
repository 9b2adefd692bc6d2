"""An update killed midway: what a reader sees, and how the next writer repairs it
(on-disk oxigraph stores keep a journal; the memory store saves whole files atomically)."""
from __future__ import annotations

import pytest

from kg.store.oxigraph import OxigraphStore


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


def killed_after_additions(store: OxigraphStore, extractions) -> None:
    def apply(additions, removals, drop):
        if additions:
            store._store.extend(store._native(additions))
        raise Killed
    store._apply = apply
    with pytest.raises(Killed):
        store.update(extractions)


def test_a_killed_update_leaves_the_old_data_and_is_repaired_on_the_next_open(tmp_path, ex):
    a = ex("One.", [("China", "cooperatesWith", "Kazakhstan")], published="2025-01-01")
    b = ex("Two.", [("Kazakhstan", "cooperatesWith", "China"), ("Russia", "attacks", "Ukraine")],
           published="2025-02-01")
    expected = OxigraphStore()
    expected.update([a])

    store = OxigraphStore(tmp_path / "store")
    store.update([a])
    before = set(store.quads())
    killed_after_additions(store, [b])
    assert before <= set(store.quads())      # nothing that was there is gone
    store.close()

    reader = OxigraphStore(tmp_path / "store", read_only=True)
    assert reader.needs_recovery()
    assert before <= set(reader.quads())
    reader.close()

    writer = OxigraphStore(tmp_path / "store")
    assert writer.recovered and not writer.needs_recovery()
    assert set(writer.quads()) == set(expected.quads())   # b is dropped; the next build reads it again
    default = "SELECT * WHERE { ?s ?p ?o }"
    assert set(writer.query(default)) == set(expected.query(default))  # the default graph is repaired too
    writer.update([b])
    expected.update([b])
    assert set(writer.quads()) == set(expected.quads())
