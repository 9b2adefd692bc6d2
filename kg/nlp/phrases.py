"""Finding lemma phrases in a document: the one matcher behind gazetteer names and lexicons.

A phrase is a sequence of lemmas; a token matches a lemma when any of its readings has it,
so «Казахстаном», «Казахстану» and «Казахстан» all match `казахстан`.

>>> from kg.nlp import parse
>>> index = PhraseIndex([(("поглиблювати", "співпраця"), "coop"), (("співпраця",), "coop1")])
>>> doc = parse("Вони поглиблюють співпрацю.", "uk")
>>> [(m.start, m.end, m.payload) for m in index.find(doc.tokens)]
[(1, 3, 'coop')]
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

_DASHES = {"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"}


def norm_lemma(lemma: str) -> str:
    return _DASHES.get(lemma, lemma).replace("’", "'").replace("ʼ", "'")


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    payload: Any


class PhraseIndex:
    """Lemma sequences → payloads, matched longest first, left to right, without overlaps."""

    def __init__(self, phrases: Iterable[tuple[Sequence[str], Any]] = ()):
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = defaultdict(list)
        # many phrases at once (a gazetteer's names): sort each bucket once, not after each add
        for lemmas, payload in phrases:
            key = tuple(norm_lemma(x) for x in lemmas)
            if key:
                self._by_first[key[0]].append((key, payload))
        for bucket in self._by_first.values():
            bucket.sort(key=lambda kp: (-len(kp[0]), kp[0]))

    def add(self, lemmas: Sequence[str], payload: Any) -> None:
        key = tuple(norm_lemma(x) for x in lemmas)
        if key:
            bucket = self._by_first[key[0]]
            bucket.append((key, payload))
            bucket.sort(key=lambda kp: (-len(kp[0]), kp[0]))

    def __len__(self) -> int:
        return sum(map(len, self._by_first.values()))

    def find(self, tokens: Sequence, accept: Callable[[Sequence, int, int, Any], bool] | None = None,
             overlapping: bool = False) -> list[PhraseMatch]:
        """Matches in `tokens` (objects with `.lemmas`); `accept` may veto a candidate."""
        out: list[PhraseMatch] = []
        starts_phrase = self._by_first.keys().isdisjoint
        # Most tokens start no phrase: one C-level test per token, in a comprehension, finds the
        # few that may, and the scan visits only those (it was a Python loop over every token).
        candidates = [i for i, t in enumerate(tokens) if not starts_phrase(t.lemmas)]
        i = 0  # the first token a match may start at
        for c in candidates:
            if c < i:
                continue  # inside the previous match
            best = self._longest_at(tokens, c, accept)
            if best:
                out.extend(best if overlapping else [m for m in best if m.end == best[0].end])
                i = c + 1 if overlapping else best[0].end
        return out

    def _longest_at(self, tokens: Sequence, i: int, accept) -> list[PhraseMatch]:
        found: list[PhraseMatch] = []
        buckets = [self._by_first[f] for f in tokens[i].lemmas if f in self._by_first]
        if not buckets:
            return found
        # longest first; among equals a fixed order, so the output does not vary between runs
        candidates = buckets[0] if len(buckets) == 1 else sorted(
            (kp for b in buckets for kp in b), key=lambda kp: (-len(kp[0]), kp[0]))
        for key, payload in candidates:
            end = i + len(key)
            if end > len(tokens):
                continue
            if all(key[k] in tokens[i + k].lemmas for k in range(1, len(key))):
                if accept is None or accept(tokens, i, end, payload):
                    if found and end < found[0].end:
                        break
                    found.append(PhraseMatch(i, end, payload))
        return found
