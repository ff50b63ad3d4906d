"""Property tests: segmentation loses no text and keeps order, whatever the item texts are."""

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes import parse_bytes
from minutes.language.lexicon import load_lexicon

WORD = st.text(alphabet="abcdefghijklmnoprstuvyäö", min_size=3, max_size=10)
SENTENCE = st.lists(WORD, min_size=2, max_size=9).map(lambda w: " ".join(w).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)
_TOKENS = regex.compile(r"\p{L}+")


def _is_plain(text: str) -> bool:
    lex = load_lexicon()
    return all(lex.heading_kind(line, styled=True) is None for line in text.splitlines())


ITEM = st.fixed_dictionaries({
    "title": st.lists(WORD, min_size=1, max_size=6).map(lambda w: " ".join(w).capitalize()),
    "background": PARAGRAPH.filter(_is_plain),
    "proposal": PARAGRAPH.filter(_is_plain),
    "decision": PARAGRAPH.filter(_is_plain),
})


def render(first: int, items: list[dict]) -> str:
    out = ["Pöytäkirja 3/2025", ""]
    for k, item in enumerate(items):
        out += [f"§ {first + k} {item['title']}", item["background"], "", "Ehdotus", item["proposal"], "",
                "Päätös", item["decision"], ""]
    return "\n".join(out)


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text.casefold())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1, max_value=400), st.lists(ITEM, min_size=1, max_size=6))
def test_no_text_lost_and_order_kept(first, items):
    record = parse_bytes(render(first, items).encode(), "generated.txt")
    assert [i.number for i in record.items] == list(range(first, first + len(items)))
    for parsed, item in zip(record.items, items):
        assert parsed.title == item["title"]
        by_kind = {s.kind: s.text for s in parsed.sections}
        for kind in ("background", "proposal", "decision"):
            assert tokens(by_kind.get(kind, "")) == tokens(item[kind]), kind


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_or_fails_cleanly(text):
    from minutes.errors import MinutesError

    try:
        record = parse_bytes(text.encode("utf-8", "surrogatepass"), "any.txt")
    except MinutesError:
        return
    assert record.to_dict()["schema"] == "minutes.record/1"
