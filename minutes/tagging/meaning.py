"""Meaning beyond shared words: the cosine similarity of an item's and a goal's mean word
vectors, from the word vectors of the Finnish statistical pipeline (the ``minutes[nlp]`` extra,
floret vectors: every word has one, compounds and unknown words from their pieces), for a strategy
whose file asks for it (``meaning: true``). Without the extra there is no similarity and tagging
rests on words alone."""

from __future__ import annotations

import functools

from minutes.language.models import STATISTICAL_MODEL
from minutes.language.stopwords import is_stop_word

from .text import Word

MIN_LENGTH = 3


def is_content(form: str) -> bool:
    """Whether a lower-case word carries meaning for the vectors: letters, not a stop word."""
    return len(form) >= MIN_LENGTH and form.isalpha() and not is_stop_word(form)


class Meaning:
    """Mean word vectors of texts. Each base form's vector is looked up once and kept as a row of
    one matrix; a text is the rows of its words (a word said twice counts twice)."""

    def __init__(self, vocab) -> None:
        import numpy

        self._numpy = numpy
        self._vocab = vocab
        self._rows: dict[str, int] = {}
        self._matrix = numpy.zeros((1024, vocab.vectors.shape[1]), dtype=numpy.float32)

    def row(self, lemma: str) -> int:
        """The row of one base form's vector."""
        row = self._rows.get(lemma)
        if row is None:
            row = self._rows[lemma] = len(self._rows)
            if row == len(self._matrix):
                self._matrix = self._numpy.concatenate([self._matrix, self._numpy.zeros_like(self._matrix)])
            self._matrix[row] = self._vocab.get_vector(lemma)
        return row

    def rows(self, lemmas: list[str]) -> list[int]:
        """The rows of base forms' vectors, those not looked up yet fetched together (floret
        vectors straight from the table: no lexeme is made for them)."""
        rows = self._rows
        new = [lemma for lemma in dict.fromkeys(lemmas) if lemma not in rows]
        if new:
            if self._vocab.vectors.mode != "floret":
                return [self.row(lemma) for lemma in lemmas]
            start = len(rows)
            while start + len(new) > len(self._matrix):
                self._matrix = self._numpy.concatenate([self._matrix, self._numpy.zeros_like(self._matrix)])
            self._matrix[start:start + len(new)] = self._vocab.vectors.get_batch(new)
            rows.update(zip(new, range(start, start + len(new))))
        return [rows[lemma] for lemma in lemmas]

    def mean(self, rows: list[int]):
        """The normalised mean of the vectors of ``rows``, or None for none."""
        if not rows:
            return None
        np = self._numpy
        total = self._matrix[rows].sum(axis=0)
        norm = float(np.linalg.norm(total))
        return total / norm if norm else None

    def text(self, words: list[Word]):
        """The normalised mean vector of the content words of ``words`` (their first base form)."""
        return self.mean([self.row(w.lemmas[0]) for w in words if is_content(w.form)])

    def similarity(self, a, b) -> float:
        return 0.0 if a is None or b is None else float(self._numpy.dot(a, b))


@functools.lru_cache(maxsize=1)
def meaning() -> Meaning | None:
    """The word vectors of the statistical pipeline, or None when it is not installed."""
    try:
        import spacy

        nlp = spacy.load(STATISTICAL_MODEL, exclude=["tok2vec", "tagger", "morphologizer", "parser", "ner",
                                                     "lemmatizer", "attribute_ruler", "senter",
                                                     "trainable_lemmatizer"])
    except (ImportError, OSError):
        return None
    if not nlp.vocab.vectors.shape[0]:
        return None
    return Meaning(nlp.vocab)


__all__ = ["Meaning", "meaning", "is_content"]
