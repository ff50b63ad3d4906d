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


class Meaning:
    """Mean word vectors of texts, each word's vector looked up once."""

    def __init__(self, vocab) -> None:
        import numpy

        self._numpy = numpy
        self._vocab = vocab
        self._cache: dict[str, object] = {}

    def vector(self, words: list[Word]):
        """The normalised mean vector of the content words (their first lemma), or None."""
        np = self._numpy
        vectors = []
        for word in words:
            if len(word.form) < MIN_LENGTH or not word.form.isalpha() or is_stop_word(word.form):
                continue
            lemma = word.lemmas[0]
            v = self._cache.get(lemma)
            if v is None:
                v = self._cache[lemma] = self._vocab.get_vector(lemma)
            vectors.append(v)
        if not vectors:
            return None
        mean = np.mean(vectors, axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else None

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


__all__ = ["Meaning", "meaning"]
