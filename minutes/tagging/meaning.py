"""Meaning beyond shared words: the cosine similarity of an item's and a goal's mean word
vectors, from the word vectors of the Finnish statistical pipeline (the ``minutes[nlp]`` extra,
floret vectors: every word has one, compounds and unknown words from their pieces). Without the
extra there is no similarity and tagging rests on words alone."""

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
    """Mean word vectors of texts, each base form's vector looked up once."""

    def __init__(self, vocab) -> None:
        import numpy

        self._numpy = numpy
        self._vocab = vocab
        self._cache: dict[str, object] = {}

    def word(self, lemma: str):
        """The vector of one base form."""
        v = self._cache.get(lemma)
        if v is None:
            v = self._cache[lemma] = self._vocab.get_vector(lemma)
        return v

    def mean(self, vectors: list):
        """The normalised mean of word vectors, or None for none."""
        if not vectors:
            return None
        np = self._numpy
        mean = np.mean(vectors, axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else None

    def text(self, words: list[Word]):
        """The normalised mean vector of the content words of ``words`` (their first base form)."""
        return self.mean([self.word(w.lemmas[0]) for w in words if is_content(w.form)])

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
