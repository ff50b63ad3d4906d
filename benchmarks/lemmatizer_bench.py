#!/usr/bin/env python3
"""Voikko against spaCy's Finnish pipeline (spacy-fi-experimental-web-md) for search indexing.

Quality: lemma accuracy and compound-part recall on a table of inflected words from municipal
minutes, written by the team. Speed: words per second over the sample documents' text, both
measured in the same run; the ratio is what counts (these machines are noisy).

    python benchmarks/lemmatizer_bench.py [--repeat 20]

spaCy is optional: without spacy-fi-experimental-web-md installed only Voikko is measured.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (inflected form, lemma, compound parts that a search for a part should reach)
WORDS = [
    ("kaupunkistrategiasta", "kaupunkistrategia", {"kaupunki", "strategia"}),
    ("kaupunginvaltuuston", "kaupunginvaltuusto", {"valtuusto"}),
    ("kaupunginhallitukselle", "kaupunginhallitus", {"hallitus"}),
    ("tilinpäätöksen", "tilinpäätös", {"tili", "päätös"}),
    ("talousarvion", "talousarvio", {"talous", "arvio"}),
    ("valtionavustusta", "valtionavustus", {"valtio", "avustus"}),
    ("avustukset", "avustus", set()),
    ("avustuksesta", "avustus", set()),
    ("lautakunnan", "lautakunta", set()),
    ("sivistyslautakunnalle", "sivistyslautakunta", {"lautakunta"}),
    ("päätösehdotuksen", "päätösehdotus", {"päätös", "ehdotus"}),
    ("esittelijän", "esittelijä", set()),
    ("hyväksyi", "hyväksyä", set()),
    ("hyväksyttiin", "hyväksyä", set()),
    ("merkitsi", "merkitä", set()),
    ("tiedoksi", "tieto", set()),
    ("valmisteluun", "valmistelu", set()),
    ("äänestyksessä", "äänestys", set()),
    ("esteellinen", "esteellinen", set()),
    ("pöytäkirjan", "pöytäkirja", {"pöytä", "kirja"}),
    ("asemakaavan", "asemakaava", {"asema", "kaava"}),
    ("maakuntakaavan", "maakuntakaava", {"maakunta", "kaava"}),
    ("katuvalaistuksen", "katuvalaistus", {"katu", "valaistus"}),
    ("urakoitsijaksi", "urakoitsija", set()),
    ("tarjouksen", "tarjous", set()),
    ("uimahallin", "uimahalli", {"uima", "halli"}),
    ("peruskorjauksen", "peruskorjaus", {"perus", "korjaus"}),
    ("hankesuunnitelman", "hankesuunnitelma", {"hanke", "suunnitelma"}),
    ("varhaiskasvatuksen", "varhaiskasvatus", {"kasvatus"}),
    ("asiakasmaksut", "asiakasmaksu", {"asiakas", "maksu"}),
    ("kouluverkosta", "kouluverkko", {"koulu", "verkko"}),
    ("henkilöstökertomuksen", "henkilöstökertomus", {"henkilöstö", "kertomus"}),
    ("vastuuvapauden", "vastuuvapaus", {"vastuu", "vapaus"}),
    ("tilintarkastajan", "tilintarkastaja", {"tili", "tarkastaja"}),
    ("valtuutetuiksi", "valtuutettu", set()),
    ("kokouksen", "kokous", set()),
    ("laillisuus", "laillisuus", set()),
    ("kuntalain", "kuntalaki", {"kunta", "laki"}),
    ("hallintosäännön", "hallintosääntö", {"hallinto", "sääntö"}),
    ("oikaisuvaatimuksen", "oikaisuvaatimus", {"oikaisu", "vaatimus"}),
    ("investointiohjelmaan", "investointiohjelma", {"investointi", "ohjelma"}),
    ("liikuntapaikkojen", "liikuntapaikka", {"liikunta", "paikka"}),
    ("nuorisovaltuuston", "nuorisovaltuusto", {"nuoriso", "valtuusto"}),
    ("kiinteistöveron", "kiinteistövero", {"kiinteistö", "vero"}),
    ("jätevedenpuhdistamon", "jätevedenpuhdistamo", {"puhdistamo"}),
    ("sopimukseen", "sopimus", set()),
    ("yhteistyösopimuksen", "yhteistyösopimus", {"yhteistyö", "sopimus"}),
    ("lausunnon", "lausunto", set()),
    ("ympäristöluvan", "ympäristölupa", {"ympäristö", "lupa"}),
    ("rakennusluvat", "rakennuslupa", {"rakennus", "lupa"}),
]


def sample_text() -> str:
    import json
    return "\n".join(s["text"] for p in sorted((ROOT / "tests" / "golden").glob("*.json"))
                     for i in json.loads(p.read_text(encoding="utf-8"))["items"] for s in i["sections"])


def voikko_quality() -> tuple[float, float]:
    from minutes.language.analysis import VoikkoAnalyzer

    v = VoikkoAnalyzer()
    lemma_ok = parts_found = parts_total = 0
    for form, lemma, parts in WORDS:
        lemmas = set(v.lemmas(form)) | {form}
        lemma_ok += lemma in lemmas
        terms = set(v.terms(form))
        parts_found += len(parts & terms)
        parts_total += len(parts)
    return lemma_ok / len(WORDS), parts_found / parts_total


def spacy_quality(nlp) -> tuple[float, float]:
    lemma_ok = 0
    for (form, lemma, _), doc in zip(WORDS, nlp.pipe(form for form, _, _ in WORDS)):
        lemma_ok += doc[0].lemma_.casefold() == lemma
    return lemma_ok / len(WORDS), 0.0     # spaCy gives one lemma per token, no compound parts


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the sample text to analyse")
    args = parser.parse_args()
    from minutes.language.analysis import VoikkoAnalyzer, words

    text = sample_text()
    tokens = words(text) * args.repeat
    print(f"{len(tokens)} words of sample text, {len(WORDS)} words in the quality table")

    lemma_acc, part_recall = voikko_quality()
    cold = VoikkoAnalyzer()
    t_cold = timed(lambda: [cold._analysis(w) for w in tokens])          # no cache: every word analysed
    warm = VoikkoAnalyzer()
    t_warm = timed(lambda: [warm.terms(w) for w in tokens])              # as indexing runs: cached
    rows = [("voikko (no cache)", lemma_acc, part_recall, len(tokens) / t_cold),
            ("voikko (cached, as used)", lemma_acc, part_recall, len(tokens) / t_warm)]
    try:
        import spacy

        nlp = spacy.load("spacy_fi_experimental_web_md", exclude=["parser", "ner"])
    except (ImportError, OSError) as exc:
        print(f"spaCy Finnish pipeline not installed ({exc}); measured Voikko only")
    else:
        s_lemma, s_parts = spacy_quality(nlp)
        chunks = [text] * args.repeat
        t_spacy = timed(lambda: list(nlp.pipe(chunks, batch_size=4)))
        rows.append(("spacy-fi-experimental-web-md", s_lemma, s_parts, len(tokens) / t_spacy))
    base = rows[0][3]
    print(f"{'analyser':32} {'lemma acc.':>10} {'parts recall':>12} {'words/s':>10} {'speed vs voikko':>15}")
    for name, lemma, parts, speed in rows:
        print(f"{name:32} {lemma:10.3f} {parts:12.3f} {speed:10.0f} {speed / base:15.2f}x")


if __name__ == "__main__":
    main()
