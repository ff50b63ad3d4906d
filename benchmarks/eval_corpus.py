#!/usr/bin/env python3
"""Evaluate the parser on the real corpus in ../shared/corpus/real (when it is present).

For every document listed in benchmarks/annotations/index.json the parser's record is compared
with the ground truth (see benchmarks/truth.py): items found (recall, precision, matched by §
number), titles (exact after white-space and invisible-character clean-up), case ids (exact),
proposal, decision and background text (token F1 per item; the share of items at F1 >= 0.9) and
history stages (recall and precision of (body, number) pairs; a stage's body matches as printed or by
its full name, `body_name`). Numbers are printed per system and for
the documents held out from development.

Meetings: for every document of benchmarks/annotations/meetings.json (all corpus documents that parse)
the record's organisation, body and meeting date are compared with the hand annotation: the
organisation must be the annotated official name ("Lapuan kaupunki", "Nykarleby stad") and the body
the annotated name, both after case folding and white-space clean-up; the date must be equal. A wrong
value (one given but not the annotated one) is counted apart from a missing one.

The layout path is what is measured: the parser never reads the HTML a CaseM PDF embeds.

    python benchmarks/eval_corpus.py [--corpus ../shared/corpus/real] [--ocr auto|never|always]
                                     [--json results.json] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from truth import (  # noqa: E402
    TruthItem,
    ahjo_truth,
    casem_html_from_pdf,
    casem_truth,
    clean,
    load_annotations,
    manual_truth,
)

from minutes import MinutesError, parse_document  # noqa: E402
from minutes.language.lexicon import fold  # noqa: E402
from minutes.parse.readers import DEFAULT_ENGINE, DEFAULT_OCR, ENGINES, OCR_MODES  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = Path(__file__).resolve().parent / "annotations"
TEXT_KINDS = ("proposal", "decision", "background")
MEETING_FIELDS = ("organization", "body", "date")
NOT_ITEM_TRUTH = {"index.json", "meetings.json"}
# The CaseM source HTML keeps the minutes' notes after a decision ("Pöytäkirjamerkintä: ...") in its
# decision field; the record files them as notice sections. Against that truth they are compared
# as part of the decision.
NOTE_HEADINGS = ("pöytäkirjamerkintä", "pöytäkirjamerkinnät", "protokollsanteckning")
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter:
    return Counter(_TOKEN.findall(clean(text).casefold()))


def f1(predicted: str, truth: str) -> float:
    p, t = tokens(predicted), tokens(truth)
    if not p and not t:
        return 1.0
    common = sum((p & t).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def truth_for(entry: dict, path: Path, manual: dict[str, dict]) -> list[TruthItem]:
    if entry["truth"] == "casem":
        html = path.read_text(encoding="utf-8") if path.suffix == ".html" else casem_html_from_pdf(path)
        return casem_truth(html)
    if entry["truth"] == "ahjo":
        return ahjo_truth(path.read_bytes())
    return manual_truth(manual[entry["annotation"]], path)


class Score:
    def __init__(self) -> None:
        self.c: dict[str, float] = defaultdict(float)

    def add(self, key: str, value: float = 1.0) -> None:
        self.c[key] += value

    def ratio(self, num: str, den: str) -> float | None:
        return self.c[num] / self.c[den] if self.c[den] else None

    def merge(self, other: "Score") -> None:
        for k, v in other.c.items():
            self.c[k] += v


def compare(record, truth: list[TruthItem], verbose: bool, name: str, notes_in_decision: bool = False) -> Score:
    s = Score()
    parsed = {i.number: i for i in record.items if i.number is not None}
    if len(truth) == 1 and len(record.items) == 1 and truth[0].number not in parsed:
        parsed = {truth[0].number: record.items[0]}   # a single item page without a § number
    s.add("items_true", len(truth))
    s.add("items_parsed", len(record.items))
    for t in truth:
        item = parsed.get(t.number)
        if item is None:
            if verbose:
                print(f"  {name}: § {t.number} not found")
            continue
        s.add("items_found")
        if t.title:
            s.add("title_n")
            ok = clean(item.title).casefold() == clean(t.title).casefold()
            s.add("title_ok", ok)
            if verbose and not ok:
                print(f"  {name} § {t.number} title: {item.title!r} != {t.title!r}")
        s.add("case_n")
        ok = (item.case_id or None) == (t.case_id or None)
        s.add("case_ok", ok)
        if verbose and not ok:
            print(f"  {name} § {t.number} case id: {item.case_id!r} != {t.case_id!r}")
        own = defaultdict(list)
        for section in item.sections:
            note = notes_in_decision and section.kind == "notice" and fold(section.heading or "") in NOTE_HEADINGS
            if note:
                own["decision"].append(f"{section.heading} {section.text}")
            else:
                own[section.kind].append(section.text)
        for kind in TEXT_KINDS:
            if kind not in t.texts:
                continue
            score = f1("\n".join(own.get(kind, [])), t.texts[kind])
            s.add(f"{kind}_n")
            s.add(f"{kind}_f1", score)
            s.add(f"{kind}_ok", score >= 0.9)
            if verbose and score < 0.9:
                print(f"  {name} § {t.number} {kind}: F1 {score:.2f}")
        truth_stages = {(fold(b), n) for b, n in t.history}
        # a stage matches by its body as printed ("Kh") or by its full name ("Kaupunginhallitus"),
        # whichever the truth gives
        parsed_stages = {next((k for k in ((fold(h.body), h.number), (fold(h.body_name or ""), h.number))
                               if k in truth_stages), (fold(h.body_name or h.body), h.number))
                         for h in item.history}
        s.add("history_true", len(truth_stages))
        s.add("history_parsed", len(parsed_stages))
        s.add("history_found", len(truth_stages & parsed_stages))
        if verbose and truth_stages != parsed_stages:
            print(f"  {name} § {t.number} history: missing {sorted(truth_stages - parsed_stages)}, "
                  f"extra {sorted(parsed_stages - truth_stages)}")
    s.add("items_matched_parsed", sum(1 for i in record.items if i.number in {t.number for t in truth}))
    return s


def report(label: str, s: Score) -> dict:
    row = {
        "items_recall": s.ratio("items_found", "items_true"),
        "items_precision": s.ratio("items_matched_parsed", "items_parsed"),
        "title": s.ratio("title_ok", "title_n"),
        "case_id": s.ratio("case_ok", "case_n"),
    }
    for kind in TEXT_KINDS:
        row[f"{kind}_f1"] = s.ratio(f"{kind}_f1", f"{kind}_n")
        row[f"{kind}_ge_0.9"] = s.ratio(f"{kind}_ok", f"{kind}_n")
    row["history_recall"] = s.ratio("history_found", "history_true")
    row["history_precision"] = s.ratio("history_found", "history_parsed")
    row["n_items"] = int(s.c["items_true"])
    cells = " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items() if v is not None)
    print(f"{label:<28} {cells}")
    return row


def same(value, truth) -> bool:
    """Organisation and body names compare after case folding and white-space clean-up; dates exactly."""
    if isinstance(truth, str) and isinstance(value, str):
        return fold(clean(value)) == fold(clean(truth))
    return value == truth


def compare_meeting(record, truth: dict, verbose: bool, name: str) -> Score:
    s = Score()
    meeting = record.meeting if record else None
    for key in MEETING_FIELDS:
        value = getattr(meeting, key, None)
        if key == "date" and value is not None:
            value = value.isoformat()
        ok = same(value, truth[key])
        s.add(f"{key}_n")
        s.add(f"{key}_ok", ok)
        s.add(f"{key}_wrong", not ok and value is not None)
        if verbose and not ok:
            print(f"  {name} {key}: {value!r} != {truth[key]!r}")
    s.add("documents")
    return s


def report_meetings(label: str, s: Score) -> dict:
    row: dict = {"documents": int(s.c["documents"])}
    for key in MEETING_FIELDS:
        row[key] = s.ratio(f"{key}_ok", f"{key}_n")
        row[f"{key}_wrong"] = s.ratio(f"{key}_wrong", f"{key}_n")
    cells = " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items())
    print(f"{label:<28} {cells}")
    return row


def evaluate_meetings(corpus: Path, engine: str, verbose: bool, parsed: dict) -> dict:
    """Organisation, body and date of every annotated document, per system and in all."""
    annotation = json.loads((ANNOTATIONS / "meetings.json").read_text(encoding="utf-8"))
    by_system: dict[str, Score] = defaultdict(Score)
    total = Score()
    for entry in annotation["documents"]:
        path = corpus / entry["file"]
        if entry["file"] not in parsed:
            try:
                parsed[entry["file"]] = parse_document(path, engine=engine)
            except MinutesError as exc:
                print(f"  {entry['file']}: {exc}")
                parsed[entry["file"]] = None
        s = compare_meeting(parsed[entry["file"]], entry, verbose, entry["file"])
        by_system[entry["system"]].merge(s)
        total.merge(s)
    print("== meetings (organisation, body, date correct; *_wrong: a value given that is not the annotated one)")
    results = {system: report_meetings(system, s) for system, s in sorted(by_system.items())}
    results["all"] = report_meetings("ALL", total)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--engine", default=DEFAULT_ENGINE, choices=sorted(ENGINES))
    parser.add_argument("--ocr", default=DEFAULT_OCR, choices=OCR_MODES,
                        help="which PDF pages are read by OCR (as `minutes parse --ocr`)")
    parser.add_argument("--json", type=Path, help="write the numbers here")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every mismatch")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing to evaluate")
        return 0
    index = json.loads((ANNOTATIONS / "index.json").read_text(encoding="utf-8"))
    manual = {a["file"]: a for a in load_annotations(ANNOTATIONS) if a["file"] not in NOT_ITEM_TRUTH}
    by_system: dict[str, Score] = defaultdict(Score)
    held_out: dict[str, Score] = defaultdict(Score)
    total, total_held = Score(), Score()
    parsed: dict = {}
    for entry in index["documents"]:
        path = args.corpus / entry["file"]
        truth = truth_for(entry, path, manual)
        try:
            record = parse_document(path, engine=args.engine, ocr=args.ocr)
        except MinutesError as exc:
            print(f"  {entry['file']}: {exc}")
            from minutes.record import Meeting, Record, Source
            record = Record(Source(str(path), "", "", None), "minutes", "fi", Meeting(), ())
        parsed[entry["file"]] = record
        s = compare(record, truth, args.verbose, entry["file"].split("/")[0], entry["truth"] == "casem")
        by_system[entry["system"]].merge(s)
        total.merge(s)
        if not entry["seen"]:
            held_out[entry["system"]].merge(s)
            total_held.merge(s)
    results = {"engine": args.engine, "ocr": args.ocr, "systems": {}, "held_out": {}}
    print("== all documents")
    for system, s in sorted(by_system.items()):
        results["systems"][system] = report(system, s)
    results["all"] = report("ALL", total)
    print("== held out from development")
    for system, s in sorted(held_out.items()):
        results["held_out"][system] = report(system, s)
    results["held_out_all"] = report("ALL held out", total_held)
    results["meetings"] = evaluate_meetings(args.corpus, args.engine, args.verbose, parsed)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
