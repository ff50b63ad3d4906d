"""The statistical model the package uses where one is installed: the Finnish spaCy pipeline of
the ``minutes[nlp]`` extra (person names in the decisions, word vectors in strategy tagging)."""

STATISTICAL_MODEL = "spacy_fi_experimental_web_md"

__all__ = ["STATISTICAL_MODEL"]
