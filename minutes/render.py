"""A readable outline of a record, for people at a terminal."""

from __future__ import annotations

import textwrap

from .record import Decision, Record, Stage
from .terminal import printable

SNIPPET = 240
SHA_PREFIX = 16


def _snippet(text: str, width: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def stage_name(stage: Stage) -> str:
    """A handling's body as printed, with its full name where that differs: "Kh (Kaupunginhallitus)"."""
    if stage.body_name and stage.body_name != stage.body:
        return f"{stage.body} ({stage.body_name})"
    return stage.body


def render_text(record: Record) -> str:
    """Meeting header, then each item with its fields, sections and earlier handlings."""
    m = record.meeting
    out: list[str] = []
    title = " · ".join(x for x in (m.organization, m.body, m.number and f"{record.document_type} {m.number}") if x)
    out.append(title or printable(record.source.path, one_line=True))
    when = m.date.isoformat() if m.date else "date unknown"
    if m.start:
        when += f" {m.start}" + (f"–{m.end}" if m.end else "")
    out.append(f"{when}" + (f", {m.place}" if m.place else "") + f"  [{record.language}, {record.source.format}]")
    if m.participants:
        counts = {s: sum(1 for p in m.participants if p.status == s) for s in ("present", "absent", "other")}
        out.append("participants: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    for item in record.items:
        out.append("")
        number = f"§ {item.number}" if item.number is not None else "§ ?"
        out.append(f"{number}  {item.title}" + (f"  ({item.case_id})" if item.case_id else ""))
        if item.presenter:
            out.append(f"    presenter: {item.presenter}")
        if item.decision is not None:
            out.append(f"    {decision_summary(item.decision)}")
        for section in item.sections:
            heading = f" ({section.heading})" if section.heading else ""
            out.append(f"    [{section.kind}]{heading}")
            out.extend(textwrap.wrap(_snippet(section.text), 96, initial_indent="      ",
                                     subsequent_indent="      "))
        for stage in item.history:
            day = stage.date.isoformat() if stage.date else "?"
            kinds = ", ".join(s.kind for s in stage.sections) or "listed"
            out.append(f"    earlier: {stage_name(stage)} {day} § {stage.number if stage.number is not None else '?'}"
                       f"  [{kinds}]")
    for warning in record.warnings:
        page = f"page {warning.page}: " if warning.page else ""
        out.append(f"warning: {page}{warning.message}")
    return "\n".join(out) + "\n"


def render_item(record: Record, item) -> str:
    """One item in full: where it was decided, its fields, every section and earlier handlings."""
    m = record.meeting
    out = [f"{item.id}",
           f"{m.organization or '?'} · {m.body or '?'} · {m.date.isoformat() if m.date else 'undated'}"
           f"  ({record.document_type}, {printable(record.source.path, one_line=True)})", ""]
    number = f"§ {item.number}" if item.number is not None else "§ ?"
    out.append(f"{number}  {item.title}")
    if item.case_id:
        out.append(f"case: {item.case_id}")
    if item.preparers:
        out.append("preparers: " + "; ".join(item.preparers))
    if item.presenter:
        out.append(f"presenter: {item.presenter}")
    out += render_decision(item.decision)
    for section in item.sections:
        out.append("")
        out.append(f"[{section.kind}]" + (f" {section.heading}" if section.heading else ""))
        for paragraph in section.text.split("\n"):
            out.extend(textwrap.wrap(paragraph, 96) or [""])
    for stage in item.history:
        day = stage.date.isoformat() if stage.date else "?"
        out.append("")
        out.append(f"== earlier: {stage_name(stage)} {day} § {stage.number if stage.number is not None else '?'}")
        out += render_decision(stage.decision)
        for section in stage.sections:
            out.append(f"[{section.kind}] " + _snippet(section.text, 160))
    return "\n".join(out) + "\n"


def decision_summary(decision: Decision) -> str:
    """One line: "decision: as_proposed, decided; 1 vote, 1 motion, 1 disqualified"."""
    counts = [(len(decision.votes), "vote"), (len(decision.motions), "motion"),
              (len(decision.disqualifications), "disqualified"), (len(decision.dissents), "dissent")]
    extra = ", ".join(f"{n} {label}" + ("s" if n > 1 and label != "disqualified" else "") for n, label in counts if n)
    return f"decision: {decision.outcome}, {decision.resolution}" + (f"; {extra}" if extra else "")


def render_decision(decision: Decision | None) -> list[str]:
    """The lines of what a handling decided: outcome and resolution (with the sentence the outcome
    rests on), each vote, motion, disqualification and dissent; none when not analysed."""
    if decision is None:
        return []
    out = [f"decision: {decision.outcome}, {decision.resolution}"
           + (f" — {_snippet(decision.outcome_evidence, 120)}" if decision.outcome_evidence else "")]
    for vote in decision.votes:
        c = vote.counts
        counts = f"yes {c.yes}, no {c.no}" + (f", blank {c.blank}" if c.blank else "") + (
            f", absent {c.absent}" if c.absent else "")
        means = "; ".join(f"{label} = {_snippet(text, 60)}" for label, text in (("yes", vote.yes_means),
                                                                                ("no", vote.no_means)) if text)
        out.append(f"  vote: {counts}" + (f" ({means})" if means else "")
                   + (f", {len(vote.ballots)} names in the roll call" if vote.ballots else ""))
    for m in decision.motions:
        seconded = f", seconded by {', '.join(m.seconded_by)}" if m.seconded_by else ""
        out.append(f"  motion: {m.kind} by {m.by or '?'}{seconded}: {m.result or 'result not printed'}"
                   + (f" — {_snippet(m.text, 80)}" if m.text else ""))
    out += [f"  disqualified: {d.name}" + (f" ({d.reason})" if d.reason else "") for d in decision.disqualifications]
    out += [f"  dissent: {d.name}" + (f" — {_snippet(d.text, 80)}" if d.text else "") for d in decision.dissents]
    return out


def version_line(version) -> str:
    """One line for people about a stored version (``store.versions.Version``): type, sha256
    prefix, when ingested, path."""
    mark = " (decided)" if version.decided else ""
    return (f"{version.document_type:8} sha256 {version.sha256[:SHA_PREFIX]}  ingested {version.ingested_at}  "
            f"{printable(version.path, one_line=True)}{mark}")


def render_versions(shown, others) -> str:
    """Which stored version is shown, and the others, one line each (nothing for a lone version)."""
    if not others:
        return ""
    out = ["", "shown:  " + version_line(shown), "other versions (minutes show ID --version TYPE):"]
    out.extend("  " + version_line(v) for v in others)
    return "\n".join(out) + "\n"


def render_links(links: dict) -> str:
    """An item's references and the items that refer to it, as ``Store.item_links`` gives them."""
    out = []
    references = links.get("references") or []
    if references:
        out += ["", "references:"]
        for ref in references:
            target = ref.get("resolved_to") or ("(not stored)" if ref["kind"] == "decision" else "")
            out.append(f"  [{ref['kind']}] {' '.join(ref['text'].split())}" + (f"  -> {target}" if target else ""))
    referenced_by = links.get("referenced_by") or []
    if referenced_by:
        out += ["", "referred to by:"] + [f"  {item_id}" for item_id in referenced_by]
    return "\n".join(out) + "\n" if out else ""


# ---- people and counts ------------------------------------------------------------------------

def _where(entry: dict) -> str:
    """An item of a person's activity: "2025-05-14  Tekninen lautakunta § 43  Title", with the
    earlier handling printed in it where it happened there."""
    number = f"§ {entry['number']}" if entry.get("number") is not None else "§ ?"
    line = f"{entry.get('date') or '?':10}  {entry.get('body') or '?'} {number}  {_snippet(entry.get('title') or '', 70)}"
    handling = entry.get("handling")
    if handling:
        line += f"  (in the handling of {handling.get('body') or '?'} {handling.get('date') or '?'})"
    return line


def render_person(person: dict) -> str:
    """One person of ``minutes person`` (``PersonActivity.to_dict()``) as text: their roles, then
    each kind of activity with its items and ids."""
    out = [person["name"], "roles: " + (", ".join(person["roles"]) or "none recorded")]
    if person["meetings"]:
        out.append(f"meetings ({len(person['meetings'])}):")
        out += [f"  {m.get('date') or '?':10}  {m.get('organization') or '?'} · {m.get('body') or '?'}  "
                f"[{', '.join(m['roles'])}]  {m['meeting_id']}" for m in person["meetings"]]
    sections = (("presented", "items presented", None), ("prepared", "items prepared", None),
                ("motions", "motions", lambda e: f"{e['kind']}, {e['result'] or 'result not printed'}"
                 + (f", seconded by {', '.join(e['seconded_by'])}" if e["seconded_by"] else "")
                 + (f": {_snippet(e['text'], 100)}" if e.get("text") else "")),
                ("seconded", "motions seconded", lambda e: f"{e['kind']} by {e['by'] or '?'}, "
                 f"{e['result'] or 'result not printed'}"),
                ("votes", "votes cast", lambda e: e["vote"] + (
                    f" (yes: {_snippet(e['yes_means'], 60)}; no: {_snippet(e['no_means'], 60)})"
                    if e.get("yes_means") or e.get("no_means") else "")),
                ("disqualifications", "disqualifications", lambda e: e.get("reason") or "reason not printed"),
                ("dissents", "dissents", lambda e: _snippet(e.get("text") or "", 100) or "text not printed"))
    for key, label, detail in sections:
        entries = person[key]
        if not entries:
            continue
        out.append(f"{label} ({len(entries)}):")
        for e in entries:
            out.append(f"  {_where(e)}")
            out.append(f"      {(detail(e) + '  ') if detail else ''}{e['item_id']}")
    return "\n".join(out) + "\n"


STAT_COLUMNS = ("items", "analysed", "as_proposed", "amended", "rejected", "tabled", "returned", "withdrawn",
                "no_decision", "voted", "motions", "adopted", "disqualified", "dissents")


def _percent(count: int, share: float | None) -> str:
    return f"{count} ({share * 100:.0f}%)" if share is not None else str(count)


def stats_cells(counts: dict) -> list[str]:
    """The cells of one group of ``minutes stats`` as a table shows them (``STAT_COLUMNS``):
    outcomes and items voted on with their share of the items analysed, motions adopted with the
    share of motions."""
    o = counts["outcomes"]
    return [str(counts["items"]), str(counts["analysed"]),
            *(_percent(o[k]["count"], o[k]["share"]) for k in STAT_COLUMNS[2:9]),
            _percent(counts["votes"]["items"], counts["votes"]["share"]), str(counts["motions"]["count"]),
            _percent(counts["motions"]["adopted"], counts["motions"]["success"]),
            str(counts["disqualifications"]["count"]), str(counts["dissents"]["count"])]


def render_stats(stats: dict) -> str:
    """``minutes stats`` as a text table (``Stats.to_dict()``): one row per group and the total."""
    rows = [[stats["by"], *STAT_COLUMNS]]
    for counts in [*stats["groups"], stats["total"]]:
        group = counts["group"] if counts["group"] is not None else "(unknown)"
        rows.append([_snippet(group, 40), *stats_cells(counts)])
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if k == 0 else cell.rjust(w) for k, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    return "\n".join(lines) + "\n"


def search_summary(results: dict) -> str:
    """The line ``minutes search`` prints above its hits (``Results.to_dict()``): how many items
    matched, which are shown, and how the query was read."""
    total, offset, shown = results["total"], results["offset"], len(results["hits"])
    counted = f"{total}{'' if results.get('total_exact', True) else '+'} match{'es' if total != 1 else ''}"
    if not total:
        head = "no matches"
    elif not shown:
        head = f"{counted}, none from {offset + 1}"
    else:
        head = f"{counted}, {offset + 1}–{offset + shown} shown"
    parts = [head]
    if results["mode"] == "any":
        parts.append("no item holds all of " + ", ".join(results["ranked_only"])
                     + ": ranked by any of them, more of them first")
    if results["required"]:
        parts.append("required: " + ", ".join(results["required"]))
    if results["stop_words"]:
        parts.append("not required: " + ", ".join(results["stop_words"]))
    if results["excluded"]:
        parts.append("excluded: " + ", ".join(results["excluded"]))
    return printable("; ".join(parts))


def render_hit(hit: dict) -> str:
    """One hit of ``minutes search`` (``Hit.to_dict()``): date, organisation, body, § and title,
    the snippet, the id, and why it matched when explained."""
    version = "  [agenda]" if hit["document_type"] == "agenda" else ""
    number = hit["number"] if hit["number"] is not None else "?"
    where = " · ".join(x for x in (hit["organization"], hit["body"]) if x) or "?"
    out = [f"{hit['date'] or '?':10}  {where}  § {number}  {hit['title']}{version}",
           f"            {hit['snippet']}", f"            {hit['item_id']}"]
    why = hit.get("explanation")
    if why is not None:
        words = "; ".join(f"{w} in {', '.join(groups)}" for w, groups in why["words"].items()) or "none"
        columns = ", ".join(f"{c} {s:.2f}" for c, s in sorted(why["columns"].items(), key=lambda kv: -kv[1]))
        out.append(f"            score {hit['score']:.2f}{' (a list item: scored down)' if why['list_item'] else ''}"
                   f"; found: {words}; each field alone: {columns or 'none'}")
    return printable("\n".join(out))
