"""Text → Document: sentences, tokens, lemmas and grammatical case.

One shared code path for every language; what differs per language is the lemmatiser
hook its lexicon names (pymorphy3 for uk and ru, simplemma for en; see `kg.nlp.morph`).

>>> doc = parse("Китай і Казахстан поглиблюють співпрацю. Сі прибув до Астани.", "uk")
>>> [s.text for s in doc.sentences]
['Китай і Казахстан поглиблюють співпрацю.', 'Сі прибув до Астани.']
>>> [t.lemma for t in doc.sentences[1].tokens]
['сі', 'прибути', 'до', 'астана', '.']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .. import schema
from .morph import Analysis, analyse

# Words keep inner hyphens and apostrophes (Касим-Жомарт, Кот-д’Івуар, Xi'an); numbers keep
# their separators; «C+C5» and «С + С5» style names keep their plus.
_TOKEN = re.compile(
    r"[^\W\d_](?:[\w]|[-‐‑’'ʼ`](?=\w))*(?:\+\w+)?|\d+(?:[.,:/-]\d+)*(?:-[^\W\d_]+)?|\S", re.UNICODE)
# A text quotes names and titles of other languages, so every language's abbreviations hold.
_ABBREVIATIONS = frozenset().union(*(lg.abbreviations for lg in schema.load().languages.values()))
_END = frozenset(".!?…")
_OPEN_QUOTES = frozenset("«\"“„'(")
_CLOSERS = _END | frozenset("»\"”)")  # the tokens that may end a sentence before no line break


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    index: int
    analysis: Analysis

    @property
    def lemma(self) -> str:
        return self.analysis.lemma

    @property
    def lemmas(self) -> frozenset[str]:
        return self.analysis.lemmas

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Document:
    text: str
    lang: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]

    @cached_property
    def sentence_of(self) -> tuple[int, ...]:
        """The sentence index of each token."""
        out = [0] * len(self.tokens)
        for s in self.sentences:
            for t in s.tokens:
                out[t.index] = s.index
        return tuple(out)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def parse(text: str, lang: str) -> Document:
    raw = tokenize(text)
    tokens = tuple(Token(w, s, e, i, analyse(w, lang)) for i, (w, s, e) in enumerate(raw))
    return Document(text, lang, tokens, tuple(_sentences(text, tokens)))


def _sentences(text: str, tokens: tuple[Token, ...]):
    start_tok, n = 0, 0
    last = len(tokens) - 1
    # Only a token before a line break or one of the closing marks may end a sentence: those
    # few are found in one pass, and the rules read at them alone.
    for i in [i for i in range(last) if tokens[i].text in _CLOSERS or "\n" in text[tokens[i].end:tokens[i + 1].start]]:
        if _ends_sentence(text, tokens, i):
            span = tokens[start_tok:i + 1]
            s, e = span[0].start, span[-1].end
            yield Sentence(n, s, e, text[s:e], span)
            n, start_tok = n + 1, i + 1
    if tokens:  # the last token ends the last sentence
        span = tokens[start_tok:]
        s, e = span[0].start, span[-1].end
        yield Sentence(n, s, e, text[s:e], span)


def _ends_sentence(text: str, tokens: tuple[Token, ...], i: int) -> bool:
    tok, nxt = tokens[i], tokens[i + 1]
    gap = text[tok.end:nxt.start]
    if "\n" in gap:
        return True
    if tok.text not in _END and not (tok.text in "»\"”)" and i > 0 and tokens[i - 1].text in _END):
        return False
    if not gap:
        return False
    if tok.text == "." and i > 0:
        prev = tokens[i - 1].text
        if prev.lower() in _ABBREVIATIONS or (len(prev) == 1 and prev.isupper()):
            return False
    first = nxt.text[:1]
    return first.isupper() or first.isdigit() or nxt.text in _OPEN_QUOTES or first in "—–-"
