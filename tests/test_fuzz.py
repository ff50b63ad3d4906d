"""Fuzzing every reader: random bytes, and random structure edits of the sample documents
(truncations, flipped bytes, inserted junk, removed ranges, edits inside a DOCX's XML parts).
Any outcome but a record or a documented ``MinutesError`` fails."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from limits import within

from minutes import MinutesError, parse_bytes
from minutes.record import Record

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BY_FORMAT = {path.suffix: path for path in sorted(SAMPLES.iterdir()) if path.is_file()}
DOCUMENTED = {"unsupported_format", "corrupt", "encrypted", "no_text_layer", "no_items", "too_large"}


def _outcome(data: bytes, name: str) -> None:
    with within(60):
        try:
            record = parse_bytes(data, name)
        except MinutesError as exc:
            assert exc.category in DOCUMENTED, exc
            assert 3 <= exc.exit_code <= 7
            return
    assert isinstance(record, Record)
    record.to_dict()


EDIT = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 512)),
)


def _apply(data: bytes, edits) -> bytes:
    for edit in edits:
        at = int(edit[1] * len(data))
        if edit[0] == "truncate":
            data = data[:at]
        elif edit[0] == "flip":
            data = data[:at] + bytes([data[at] ^ edit[2]]) + data[at + 1:] if at < len(data) else data
        elif edit[0] == "insert":
            data = data[:at] + edit[2] + data[at:]
        else:
            data = data[:at] + data[at + edit[2]:]
    return data


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("suffix", sorted(BY_FORMAT))
@FUZZ
@given(edits=st.lists(EDIT, min_size=1, max_size=4))
def test_edited_samples_parse_or_fail_cleanly(suffix, edits):
    path = BY_FORMAT[suffix]
    _outcome(_apply(path.read_bytes(), edits), path.name)


@FUZZ
@given(part=st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml", "[Content_Types].xml"]),
       edits=st.lists(EDIT, min_size=1, max_size=3))
def test_edited_word_parts_parse_or_fail_cleanly(part, edits):
    source = zipfile.ZipFile(io.BytesIO(BY_FORMAT[".docx"].read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, _apply(content, edits) if info.filename == part else content)
    _outcome(out.getvalue(), "muokattu.docx")


@FUZZ
@given(data=st.binary(max_size=4096), name=st.sampled_from(["x.pdf", "x.docx", "x.html", "x.txt", "x"]))
def test_random_bytes_parse_or_fail_cleanly(data, name):
    _outcome(data, name)
