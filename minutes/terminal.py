"""What a person at a terminal is shown: text from documents and file names with their control
characters made visible, so that a document cannot set the window title, write the clipboard or
clear the screen, and a file name cannot break a one-line message. JSON output stays exact."""

from __future__ import annotations

import regex

# C0 controls but tab and newline, DEL, C1 controls (CSI, OSC...), and the bidirectional
# overrides that reorder what is shown
_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = regex.compile(r"[\n\r\u2028\u2029]")
_SURROGATE = regex.compile(r"[\udc80-\udcff]")


def _escape(match: regex.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, one_line: bool = False) -> str:
    """``text`` with control characters as visible escapes ("\\x1b"); with ``one_line`` line
    breaks too. A byte of a file name that is not UTF-8 (a surrogate escape) shows as "\\xf6"."""
    text = _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xdc00:02x}", text)
    text = _CONTROL.sub(_escape, text)
    if one_line:
        text = _LINE_BREAKS.sub(_escape, text)
    return text
