import pytest

from minutes.parse.normalize import join_lines, normalize_text

NORMALIZE_TESTS = [
    ("Step-\u200bkoulutus", "Step-koulutus"),
    ("laillisuus,\u200b ja", "laillisuus, ja"),
    ("talous\u00adarvio", "talousarvio"),
    ("\ufb01nanssi", "finanssi"),
    ("a\u00a0\u00a0 b\tc", "a b c"),
    ("Pa\u0308a\u0308to\u0308s", "Päätös"),
    ("  reunat  ", "reunat"),
    ("\ufeffalku", "alku"),
]

JOIN_TESTS = [
    (["talousarvio-", "valmistelun aikana"], "talousarviovalmistelun aikana"),
    (["Maankäyttö-", "ja rakennuslaki"], "Maankäyttö- ja rakennuslaki"),
    (["sosiaali-", "tai terveyspalvelut"], "sosiaali- tai terveyspalvelut"),
    (["liikenne-", "ennuste"], "liikenne-ennuste"),
    (["KV-", "asia"], "KV-\nasia"),
    (["rivi yksi", "", "rivi kaksi"], "rivi yksi\nrivi kaksi"),
    (["summa 1 200 -", "300 euroa"], "summa 1 200 -\n300 euroa"),
    (["vuosille 2025-", "2027 (optio)"], "vuosille 2025-2027 (optio)"),
]


@pytest.mark.parametrize("raw, expected", NORMALIZE_TESTS)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("lines, expected", JOIN_TESTS)
def test_join_lines(lines, expected):
    assert join_lines(lines) == expected
