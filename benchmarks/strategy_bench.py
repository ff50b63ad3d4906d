#!/usr/bin/env python3
"""Tagging time against ingest time (issue 14: tagging 100,000 items takes less than a tenth of
their ingest time), both measured in this run on the same items.

The items are generated: minutes of a fictional town as text files, each meeting with 20 items
whose titles and paragraphs (12 to 30 sentences: real items average some 30 sentences) are drawn
(seeded) from sentences the team wrote about sport and youth, zoning and business, budgets and
taxes, and everyday administration, with routine formalities, tabled and returned matters among
them; one sentence in a hundred names a strategy, as in the real minutes, and each item has a
sentence of generated compounds, so that the vocabulary grows as a real archive's does. The baseline is ``minutes ingest`` of those
files (``run_batch``, 2 worker processes: parse, analyse decisions, store with the search index),
into a store with no strategy. Then ``Store.add_strategy`` tags every stored item with a strategy
of four goals (read, score, store the tags): by words alone (the default), and once more with the
word vectors as a strategy file with ``meaning: true`` asks; and the files are ingested again into
a store holding the strategy (the default; the batch's workers tag each
document they parse), alternating with ingests into a store without it, ``--rounds`` times each:
the difference of the medians is what tagging adds to ingest. Text files are the fastest format to
ingest (no PDF layout to read), so the ratio to text ingest is the least favourable to tagging.

Then the first ``--pdf-meetings`` meetings are written as PDFs (reportlab), once as plain lines and
once in a minutes system's printed layout, and ingested the same way: their time per item, times
the items, is what the archive would take to ingest as PDF, the form most minutes are published in.

    python benchmarks/strategy_bench.py [--items 100000] [--pdf-meetings 100] [--jobs 2] [--rounds 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from minutes.batch import run_batch  # noqa: E402
from minutes.record import Goal, Strategy  # noqa: E402
from minutes.store.sqlite import Store  # noqa: E402
from minutes.store.strategies import tag_strategy  # noqa: E402
from minutes.store.transaction import transaction  # noqa: E402

ITEMS_PER_MEETING = 20

TITLES = [
    "Avustukset nuorisojärjestöille vuodelle {y}", "Liikuntapaikkojen kunnostusohjelma", "Uimahallin peruskorjaus",
    "Asemakaavan muutos / {n}. kaupunginosa", "Tontin myynti yritykselle", "Elinkeino-ohjelman päivitys",
    "Talousarvion muutos vuodelle {y}", "Tuloveroprosentin vahvistaminen vuodelle {y}", "Kiinteistöveroprosentit",
    "Koulukuljetusten hankinta", "Katuvalaistuksen saneeraus", "Vesihuollon toiminta-alue",
    "Lausunto maakuntakaavaehdotuksesta", "Hallintosäännön muutos", "Virkavalinta / rakennustarkastaja",
    "Kokouksen laillisuus ja päätösvaltaisuus", "Pöytäkirjan tarkastus", "Ilmoitusasiat",
    "Viranhaltijapäätökset", "Talousarvion toteutuminen 1.1.–30.6.{y}", "Kuntalaisaloite leikkipuistosta",
    "Kirjaston aukioloajat", "Ruokapalvelujen hinnat", "Yksityisteiden avustukset",
]
SENTENCES = [
    "Kaupunki myöntää avustusta nuorison harrastustoimintaan ja liikuntaseurojen ohjaajakoulutukseen.",
    "Liikuntapaikkojen kunnostus parantaa kuntalaisten mahdollisuuksia liikkua lähellä kotia.",
    "Hyvinvointilautakunta käsitteli asian ja puolsi esitystä.",
    "Asemakaavan muutos mahdollistaa yritysten laajentumisen teollisuusalueella.",
    "Tonttien luovutuksella tuetaan elinkeinoelämää ja uusien työpaikkojen syntymistä.",
    "Talousarvioon on varattu määräraha, ja kustannukset jaetaan kustannuspaikoille.",
    "Tuloveroprosentti pidetään ennallaan, jotta talous pysyy tasapainossa.",
    "Säästötoimenpiteillä sopeutetaan menot tuloihin toimenpideohjelman mukaisesti.",
    "Kaupunginhallitus esittää valtuustolle, että asia hyväksytään.",
    "Hankinnasta pyydettiin tarjoukset, ja halvin hyväksyttävä tarjous valitaan.",
    "Asiasta on kuultu asukkaita ja järjestetty yleisötilaisuus.",
    "Päätöksen vaikutukset lapsiin on arvioitu erillisessä liitteessä.",
    "Lisätietoja antaa tekninen johtaja.",
    "Liitteenä on kartta ja selostus.",
    "Valmistelija toteaa, että esitys vastaa lainsäädännön vaatimuksia.",
    "Koulujen kerhotoimintaa ja iltapäivätoimintaa laajennetaan syksyllä.",
    "Vesihuoltolaitoksen toiminta-alue päivitetään vastaamaan nykyistä rakentamista.",
    "Esittelijä muutti ehdotustaan kokouksessa.",
    "Keskustelun kuluessa puheenvuoroja käyttivät useat jäsenet.",
    "Muutoksenhakuohjeet ovat pöytäkirjan liitteenä.",
    "Kustannusarvio on 250 000 euroa ja työt valmistuvat ensi vuonna.",
]
# sentences naming a strategy (this one or another's): about one in a hundred in real minutes
STRATEGY_SENTENCES = [
    "Hanke toteuttaa kaupunkistrategian tavoitetta kuntalaisten hyvinvoinnin lisäämisestä.",
    "Maakuntastrategian mukaan alueen saavutettavuutta parannetaan.",
    "Ilmastostrategian tavoitteiden mukaisesti energiankulutusta vähennetään.",
]
STRATEGY_SHARE = 0.01
# the vocabulary of real minutes is large (compounds, inflections, names): each item also gets a
# sentence of compounds of two or three members in six endings, over a hundred thousand forms in all
MODIFIERS = ["koulu", "katu", "vesi", "metsä", "kirjasto", "tie", "puisto", "ranta", "kylä", "piha", "sauna", "sali",
             "talo", "halli", "kenttä", "latu", "polku", "silta", "satama", "tori", "kauppa", "maja", "pelto",
             "järvi", "joki", "kallio", "niitty", "aukio", "kortteli", "rata"]
HEADS = ["suunnitelma", "hanke", "korjaus", "selvitys", "alue", "hankinta", "sopimus", "käyttö", "kunnostus",
         "rakentaminen", "huolto", "valaistus", "pysäköinti", "opastus", "aikataulu", "maksu", "vuokra", "lupa",
         "katselmus", "tarkastus"]
ENDINGS = ["", "n", "a", "ssa", "sta", "lle"]

DECISIONS = ["Hyväksyttiin.", "Hyväksyttiin.", "Hyväksyttiin.", "Asia jätettiin pöydälle.",
             "Asia palautettiin uudelleen valmisteltavaksi.", "Merkittiin tiedoksi."]

STRATEGY = Strategy("Koivulan kaupunki", "Koivula 2030", 2020, 2030, goals=(
    Goal("hyvinvointi", "Hyvinvoinnin lisääminen", "Kuntalaiset voivat hyvin, liikkuvat ja harrastavat.",
         ("hyvinvointi", "liikunta", "nuoriso", "harrastus", "koulu"),
         (Goal("nuoret", "Nuorten hyvä arki", None, ("nuoriso", "kerhotoiminta")),)),
    Goal("elinvoima", "Vetovoimainen kaupunki", "Yritykset ja asukkaat löytävät kaupungin.",
         ("yritys", "asemakaava", "elinkeino", "tontti", "työpaikka")),
    Goal("talous", "Kestävä talous", "Menot sovitetaan tuloihin.", ("talousarvio", "säästö", "veroprosentti")),
    Goal("ymparisto", "Vihreä Koivula", "Energiaa säästetään ja luontoa suojellaan.", ("energia", "ilmasto")),
))


def write_meetings(folder: Path, items: int, seed: int = 14) -> list[Path]:
    """Minutes of ``items`` items as text files, 20 items a meeting, dated across 2021–2026."""
    rng = random.Random(seed)
    paths = []
    for m in range(-(-items // ITEMS_PER_MEETING)):
        year = 2021 + m % 6
        day = f"{1 + m % 28}.{1 + (m // 28) % 12}.{year}"
        lines = ["Koivulan kaupunki", "Kaupunginhallitus", f"Pöytäkirja {m + 1}/{year}", f" Aika {day} klo 17:00 - 19:00",
                 " Paikka Kaupungintalo", ""]
        for k in range(min(ITEMS_PER_MEETING, items - m * ITEMS_PER_MEETING)):
            title = rng.choice(TITLES).format(y=year, n=rng.randint(1, 30))
            sentences = [rng.choice(STRATEGY_SENTENCES if rng.random() < STRATEGY_SHARE else SENTENCES)
                         for _ in range(rng.randint(12, 30))]
            words = ["".join(rng.sample(MODIFIERS, rng.randint(1, 2))) + rng.choice(HEADS) + rng.choice(ENDINGS)
                     for _ in range(6)]
            # the new words anywhere in the text (where the matter is stated too)
            sentences.insert(rng.randint(0, 3), f"Lisäksi käsitellään {', '.join(words)} ja "
                                                f"{rng.randint(1, 999)} muuta kohdetta.")
            body = " ".join(sentences)
            lines += [f"§ {k + 1} {title}", "Ehdotus", body, "Päätös", rng.choice(DECISIONS), ""]
        path = folder / f"kh-{m:05d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def write_pdfs(files: list[Path], folder: Path) -> list[Path]:
    """The same meetings as PDFs (reportlab: a heading and lines of text, as a minutes PDF prints
    them), for the PDF ingest baseline."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from xml.sax.saxutils import escape

    styles = getSampleStyleSheet()
    out = []
    for path in files:
        target = folder / (path.stem + ".pdf")
        story = [Paragraph(escape(line) or "&nbsp;", styles["Normal"])
                 for line in path.read_text(encoding="utf-8").splitlines()]
        SimpleDocTemplate(str(target), pagesize=A4, invariant=1).build(story)
        out.append(target)
    return out


def write_layout_pdfs(files: list[Path], folder: Path) -> list[Path]:
    """The same meetings as a minutes system prints them (``scripts/make_samples.py``'s CaseM
    layout: a running header of organisation, body, number and page, a cover page with the
    meeting's time, place and contents list, each item on its own pages with its § in the margin,
    its headings in bold and its text in the body column, wrapped as printed)."""
    import textwrap

    sys.path.insert(0, str(ROOT / "scripts"))
    from make_samples import parse_source, render_pdf

    out = []
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        organization, body, number, when = lines[0], lines[1], lines[2], lines[3].split(None, 1)[1]
        items, k = [], 6
        while k + 4 < len(lines):
            head, text, decision = lines[k], lines[k + 2], lines[k + 4]
            items.append((head.split(" ", 2)[1], head.split(" ", 2)[2], text, decision))
            k += 6
        markup = ["@format pdf-casem", f"@header {organization} | Pöytäkirja | {number.split()[-1]} | {{page}} ({{pages}})",
                  f"@header {body} | | {when.split()[0]}", f"> Aika | {when}", "> Paikka | Kaupungintalo",
                  "# Käsitellyt asiat"] + [f"> § {n} | {title}" for n, title, _, _ in items]
        for n, title, text, decision in items:
            page = ["!page", f"> § {n} |", f"# {title}", "# Ehdotus"]
            for line in textwrap.wrap(text, 78):
                if len(page) >= 48:
                    page += ["!page"]
                page.append("  " + line)
            markup += page + ["# Päätös", "  " + decision]
        target = folder / (path.stem + "-casem.pdf")
        target.write_bytes(render_pdf(parse_source(target.stem, "\n".join(markup))))
        out.append(target)
    return out


def timed_ingest(db: Path, files: list[Path], jobs: int, strategy: Strategy | None = None) -> tuple[float, int]:
    """(seconds, items stored) of ``minutes ingest`` of ``files`` into a new store at ``db`` (holding
    ``strategy`` before the files when one is given)."""
    with Store(fresh(db)) as store:
        if strategy is not None:
            store.add_strategy(strategy)
        started = time.perf_counter()
        run_batch(store, files, jobs=jobs)
        store.refresh_search()
        seconds = time.perf_counter() - started
        return seconds, store.conn.execute("SELECT count(*) FROM items").fetchone()[0]


def fresh(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--pdf-meetings", type=int, default=100, help="meetings ingested as PDF for the PDF baseline")
    ap.add_argument("--jobs", type=int, default=2, help="ingest worker processes (the machine's cores)")
    ap.add_argument("--keep", type=Path, help="keep the files and the store in this folder")
    ap.add_argument("--rounds", type=int, default=2,
                    help="ingests with and without the strategy, alternating (the medians are compared)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "minutes").mkdir(exist_ok=True)
        (folder / "pdf").mkdir(exist_ok=True)
        files = write_meetings(folder / "minutes", args.items)
        with Store(fresh(folder / "bench.db")) as store:
            started = time.perf_counter()
            summary = run_batch(store, files, jobs=args.jobs)
            store.refresh_search()
            ingest = time.perf_counter() - started
            stored = store.conn.execute("SELECT count(*) FROM items").fetchone()[0]
            print(f"ingest as text: {len(files)} files, {stored} items ({summary.line()}) in {ingest:.1f} s "
                  f"({stored / ingest:.0f} items/s)")
            results = {}
            started = time.perf_counter()
            store.add_strategy(STRATEGY)            # what `minutes strategy add` runs
            results["strategy add (words alone, the default)"] = time.perf_counter() - started
            tags = store.conn.execute("SELECT count(*), count(DISTINCT item_pk), sum(advances) FROM strategy_tags"
                                      ).fetchone()
            (pk, definition), = store.conn.execute("SELECT pk, definition FROM strategies").fetchall()
            started = time.perf_counter()
            with transaction(store.conn):           # the same with the word vectors (`meaning: true`)
                tag_strategy(store.conn, pk, definition, use_meaning=True)
            results["strategy add, meaning: true (word vectors)"] = time.perf_counter() - started
            for label, seconds in results.items():
                print(f"{label}: {seconds:.1f} s")
            print(f"{tags[0]} tags on {tags[1]} items, {tags[2]} advancing (words alone)")
        # ingest with the strategy stored against ingest without, alternating, ``--rounds`` times
        # each (the first plain ingest above is the first round's): the difference of the medians
        plain, tagged_runs = [ingest], []
        for round_ in range(args.rounds):
            if round_:
                plain.append(timed_ingest(folder / "plain.db", files, args.jobs)[0])
            tagged_runs.append(timed_ingest(folder / "tagged.db", files, args.jobs, STRATEGY)[0])
        print("ingest as text without the strategy: " + ", ".join(f"{t:.1f}" for t in plain) + " s; with the "
              "strategy stored (the workers tag what they parse): " + ", ".join(f"{t:.1f}" for t in tagged_runs) + " s")
        ingest = statistics.median(plain)
        results["tagging during ingest (ingest with the strategy − without, medians)"] = (
            statistics.median(tagged_runs) - ingest)
        sample = files[: args.pdf_meetings]
        pdfs = write_pdfs(sample, folder / "pdf")
        pdf_seconds, pdf_items = timed_ingest(folder / "pdf.db", pdfs, args.jobs)
        pdf_ingest = pdf_seconds / pdf_items * stored
        print(f"ingest as PDF: {len(pdfs)} of the meetings, {pdf_items} items in {pdf_seconds:.1f} s "
              f"({pdf_items / pdf_seconds:.0f} items/s): {stored} items would take {pdf_ingest:.0f} s")
        (folder / "casem").mkdir(exist_ok=True)
        printed = write_layout_pdfs(sample, folder / "casem")
        casem_seconds, casem_items = timed_ingest(folder / "casem.db", printed, args.jobs)
        casem_ingest = casem_seconds / casem_items * stored
        print(f"ingest as PDF in a minutes system's layout: {len(printed)} of the meetings, {casem_items} items in "
              f"{casem_seconds:.1f} s ({casem_items / casem_seconds:.0f} items/s): {stored} items would take "
              f"{casem_ingest:.0f} s")
        print()
        print("| run | seconds | share of text ingest | share of plain PDF ingest | share of printed minutes ingest |")
        print("|---|---|---|---|---|")
        print(f"| ingest of {stored} items as text (baseline) | {ingest:.1f} | 1.000 | | |")
        print(f"| ingest of them as plain PDF (from {pdf_items} items) | {pdf_ingest:.0f} | | 1.000 | |")
        print(f"| ingest of them as printed minutes, CaseM layout (from {casem_items} items) | {casem_ingest:.0f} "
              "| | | 1.000 |")
        for label, seconds in results.items():
            print(f"| tagging them, {label} | {seconds:.1f} | **{seconds / ingest:.3f}** | "
                  f"**{seconds / pdf_ingest:.3f}** | **{seconds / casem_ingest:.3f}** |")
        default = max(v for k, v in results.items() if "meaning: true" not in k)
        vectors = results["strategy add, meaning: true (word vectors)"]
        for name, baseline in (("as text", ingest), ("as plain PDF", pdf_ingest), ("as printed minutes", casem_ingest)):
            print(f"tagging under a tenth of ingest {name}: {'met' if default < baseline / 10 else 'NOT met'} "
                  f"(with meaning: true, {'met' if vectors < baseline / 10 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
