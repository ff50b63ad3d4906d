"""A readable outline of a record, for people at a terminal."""

from __future__ import annotations

import textwrap

from .record import Record, Stage
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
    for section in item.sections:
        out.append("")
        out.append(f"[{section.kind}]" + (f" {section.heading}" if section.heading else ""))
        for paragraph in section.text.split("\n"):
            out.extend(textwrap.wrap(paragraph, 96) or [""])
    for stage in item.history:
        day = stage.date.isoformat() if stage.date else "?"
        out.append("")
        out.append(f"== earlier: {stage_name(stage)} {day} § {stage.number if stage.number is not None else '?'}")
        for section in stage.sections:
            out.append(f"[{section.kind}] " + _snippet(section.text, 160))
    return "\n".join(out) + "\n"


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
