"""Members' motions as printed in Finnish and Finland-Swedish minutes (issue 12): who moved, who
seconded, what kind and, where the sentence says, what became of it. Sentences written by the team
after the printing conventions of many municipalities and vendors (none copied from a corpus)."""

from __future__ import annotations

import pytest

from minutes.parse.decisions.motions import find_motions

# (text, [(by, seconded_by, kind, result printed in the text or None)])
MOTIONS = [
    # "X ehdotti Y:n kannattamana, että …"
    ("Jäsen Matti Korhonen ehdotti jäsen Sari Lahden kannattamana, että asia palautetaan uudelleen "
     "valmisteltavaksi.",
     [("Matti Korhonen", ("Sari Lahti",), "return", None)]),
    ("Keskustelun kuluessa Sirpa Koponen ehdotti Juha Laakson kannattamana, että asia jätetään pöydälle.",
     [("Sirpa Koponen", ("Juha Laakso",), "table", None)]),
    # "X ehdotti, että … Y kannatti X:n ehdotusta."
    ("Valtuutettu Anna Heinonen ehdotti, että päätösehdotukseen lisätään maininta liikenneturvallisuudesta. "
     "Valtuutettu Timo Salminen kannatti Heinosen ehdotusta.",
     [("Anna Heinonen", ("Timo Salminen",), "amendment", None)]),
    # several seconders after the motion
    ("Keskustelun kuluessa jäsen Tuomas Hiltunen ehdotti, että lautakunta hylkää hakemuksen. Jäsenet Eija Vainio "
     "ja Petri Turunen kannattivat Hiltusen ehdotusta.",
     [("Tuomas Hiltunen", ("Eija Vainio", "Petri Turunen"), "counter_proposal", None)]),
    ("Valtuutettu Mervi Lindholm ehdotti, että valtuusto hylkää esityksen. Ehdotusta kannattivat valtuutetut "
     "Jorma Kettunen, Aila Savolainen ja Reijo Pitkänen.",
     [("Mervi Lindholm", ("Jorma Kettunen", "Aila Savolainen", "Reijo Pitkänen"), "counter_proposal", None)]),
    # "X teki Y:n kannattamana seuraavan muutosehdotuksen: …"
    ("Kaupunginhallituksen puheenjohtaja Jussi Nieminen teki Liisa Mäkelän kannattamana seuraavan "
     "muutosehdotuksen: kohdan 2 määrä muutetaan 20 000 euroksi.",
     [("Jussi Nieminen", ("Liisa Mäkelä",), "amendment", None)]),
    # "X ehdotti asian palauttamista valmisteluun. Ehdotusta kannattivat Y ja Z."
    ("Jäsen Kari Lehtonen ehdotti asian palauttamista valmisteluun. Ehdotusta kannattivat Päivi Hämäläinen ja "
     "Jari Koivisto.", [("Kari Lehtonen", ("Päivi Hämäläinen", "Jari Koivisto"), "return", None)]),
    # "X esitti asian pöydälle panoa, jota Y kannatti"
    ("Jäsen Outi Rantanen esitti asian pöydälle panoa, jota jäsen Mikko Laaksonen kannatti.",
     [("Outi Rantanen", ("Mikko Laaksonen",), "table", None)]),
    ("Jäsen Esa Hyvönen teki hylkäysehdotuksen, jota kannatti jäsen Marjut Tuominen.",
     [("Esa Hyvönen", ("Marjut Tuominen",), "counter_proposal", None)]),
    # a motion nobody seconded
    ("Jäsen Outi Rantanen ehdotti asian jättämistä pöydälle. Pöydällepanoehdotus raukesi kannattamattomana.",
     [("Outi Rantanen", (), "table", "fell")]),
    ("Jäsen Seppo Heikkinen teki vastaehdotuksen, että avustus myönnetään täysimääräisenä. Vastaehdotusta ei "
     "kannatettu, joten se raukesi.", [("Seppo Heikkinen", (), "counter_proposal", "fell")]),
    # party abbreviations in brackets
    ("Valtuutettu Hanna Järvinen (kok.) ehdotti valtuutettu Ville Karjalaisen (vas.) kannattamana, että asia "
     "palautetaan valmisteluun.", [("Hanna Järvinen", ("Ville Karjalainen",), "return", None)]),
    ("Valtuutettu Hanna Järvinen (kok) ehdotti, että asia palautetaan valmisteluun. Ehdotusta kannatti "
     "valtuutettu Ville Karjalainen (vas).", [("Hanna Järvinen", ("Ville Karjalainen",), "return", None)]),
    # seconders in the genitive, after the motion's object
    ("Jäsen Arto Niemelä ehdotti asian palauttamista uudelleen valmisteluun jäsen Kaisa Mattilan ja jäsen Raimo "
     "Koskisen kannattamana.", [("Arto Niemelä", ("Kaisa Mattila", "Raimo Koskinen"), "return", None)]),
    ("Jäsen Pirkko Laitinen ehdotti Jouni Salosen ja Sanna Peltosen kannattamana, että asia jätetään pöydälle.",
     [("Pirkko Laitinen", ("Jouni Salonen", "Sanna Peltonen"), "table", None)]),
    # the result printed: rejected in a vote
    ("Jäsen Seppo Heikkinen ehdotti jäsen Leena Ojalan kannattamana, että avustusta ei myönnetä. "
     "Heikkisen ehdotus hylättiin äänin 4–7.",
     [("Seppo Heikkinen", ("Leena Ojala",), "counter_proposal", "rejected")]),
    # the mover named in the genitive with the seconders ("X:n ehdotusta kannatti Y")
    ("Jäsen Heikki Aaltonen teki muutosehdotuksen, jonka mukaan kohta 4 poistetaan. Jäsen Ritva Manninen "
     "kannatti Aaltosen tekemää ehdotusta.", [("Heikki Aaltonen", ("Ritva Manninen",), "amendment", None)]),
    # a withdrawn motion
    ("Jäsen Esa Hyvönen ehdotti, että asia jätetään pöydälle. Hyvönen veti ehdotuksensa pois.",
     [("Esa Hyvönen", (), "table", "withdrawn")]),
    # two motions in one handling
    ("Jäsen Matti Korhonen ehdotti Sari Lahden kannattamana, että asia palautetaan valmisteluun. Jäsen Outi "
     "Rantanen ehdotti Mikko Laaksosen kannattamana, että hakemus hylätään.",
     [("Matti Korhonen", ("Sari Lahti",), "return", None),
      ("Outi Rantanen", ("Mikko Laaksonen",), "counter_proposal", None)]),
    # Swedish: "X föreslog, understödd av Y, att …"
    ("Ledamoten Karin Nyström föreslog, understödd av Mats Backman, att ärendet återremitteras för ny beredning.",
     [("Karin Nyström", ("Mats Backman",), "return", None)]),
    ("Ledamoten Lars Sjöberg föreslog att anslaget höjs till 30 000 euro. Henrik Wikström understödde Sjöbergs "
     "förslag.", [("Lars Sjöberg", ("Henrik Wikström",), "counter_proposal", None)]),
    ("Anna Lindqvist yrkade på återremiss. Förslaget understöddes av Peter Söderholm och Maria Granqvist.",
     [("Anna Lindqvist", ("Peter Söderholm", "Maria Granqvist"), "return", None)]),
    ("Ledamoten Ulf Strand föreslog bordläggning av ärendet. Förslaget förföll i brist på understöd.",
     [("Ulf Strand", (), "table", "fell")]),
    ("Under diskussionen föreslog Nina Holmberg, understödd av Jonas Ek och Sara Lund, att ärendet bordläggs.",
     [("Nina Holmberg", ("Jonas Ek", "Sara Lund"), "table", None)]),
    ("Fullmäktigeledamoten Anders Sund (SFP) föreslog att beslutsförslaget kompletteras med en kläm om "
     "uppföljning. Förslaget understöddes av ledamoten Eva Björk (SDP).",
     [("Anders Sund", ("Eva Björk",), "amendment", None)]),
    # a label, the mover and the motion's words, then "Kannattaja:" (one vendor's layout)
    ("Vastaehdotus:\nValtuutettu Riikka Harju: Hylätään ehdotus.\n\nKannattaja: Valtuutettu Pasi Leino",
     [("Riikka Harju", ("Pasi Leino",), "counter_proposal", None)]),
    ("Palautusehdotus:\nJäsen Tomi Vuori: Asia palautetaan uudelleen valmisteltavaksi.\n\nKannattajat: Jäsen "
     "Elina Sarlin, jäsen Kimmo Hakala", [("Tomi Vuori", ("Elina Sarlin", "Kimmo Hakala"), "return", None)]),
    # the seconder between the mover and the verb
    ("Keskustelun kuluessa jäsen Aino Laine jäsen Eero Mäen kannattamana ehdotti, että asia jätetään "
     "pöydälle.",
     [("Aino Laine", ("Eero Mäki",), "table", None)]),
    # a member's "esitti, että"
    ("Jäsen Marko Ahola esitti, että asia palautetaan valmisteluun. Ahola sai kannatusta jäsen Irma Toivoselta.",
     [("Marko Ahola", ("Irma Toivonen",), "return", None)]),
    # seconders named for the earlier of two motions
    ("Jäsen Matti Korhonen ehdotti, että asia palautetaan valmisteluun. Jäsen Outi Rantanen ehdotti, että "
     "hakemus hylätään. Jäsen Sari Lahti kannatti Korhosen ehdotusta.",
     [("Matti Korhonen", ("Sari Lahti",), "return", None), ("Outi Rantanen", (), "counter_proposal", None)]),
    # the motion nobody seconded, printed as the chair's finding
    ("Jäsen Matti Korhonen ehdotti asian jättämistä pöydälle. Puheenjohtaja totesi Korhosen ehdotuksen "
     "rauenneen kannattamattomana.", [("Matti Korhonen", (), "table", "fell")]),
    ("Jäsen Matti Korhonen ehdotti, että avustus evätään. Ehdotusta ei kannatettu.",
     [("Matti Korhonen", (), "counter_proposal", "fell")]),
    # Swedish: "med understöd av", "gjorde ett ändringsförslag", "yrkade … understödd av"
    ("Ledamoten Karin Nyström föreslog, med understöd av ledamoten Mats Backman, att ärendet bordläggs.",
     [("Karin Nyström", ("Mats Backman",), "table", None)]),
    ("Ledamoten Jan Öhman gjorde ett ändringsförslag om att beslutet kompletteras med en ny kläm. Förslaget "
     "understöddes av Lena Forsman.", [("Jan Öhman", ("Lena Forsman",), "amendment", None)]),
    ("Jan Öhman yrkade, understödd av Lena Forsman, på att ärendet återremitteras.",
     [("Jan Öhman", ("Lena Forsman",), "return", None)]),
    ("Ledamoten Ulf Strand föreslog att ärendet bordläggs. Förslaget understöddes inte och förföll.",
     [("Ulf Strand", (), "table", "fell")]),
    ("Ledamoten Ulf Strand föreslog att ansökan avslås. Ordföranden konstaterade att Strands förslag förkastades "
     "med rösterna 3–6.", [("Ulf Strand", (), "counter_proposal", "rejected")]),
    # the mover in the allative, then a relative clause; support announced
    ("Puheenjohtaja antoi puheenvuoron valtuutettu Virtaselle, joka ehdotti, että asia palautetaan valmisteluun. "
     "Valtuutettu Laura Kallio ilmoitti kannattavansa Virtasen ehdotusta.",
     [("Virtanen", ("Laura Kallio",), "return", None)]),
    # the motion named only where it is seconded
    ("Keskustelun kuluessa jäsen Laineen tekemää palautusehdotusta kannatti jäsen Eero Mäki.",
     [("Laine", ("Eero Mäki",), "return", None)]),
    # a motion known from the roll call by side and the motions printed after the vote
    ("Suoritetussa nimenhuutoäänestyksessä esittelijän ehdotuksen puolesta äänestivät Niemi ja Koski. Lindin "
     "vastaehdotuksen puolesta äänesti hänen lisäkseen häntä kannattanut Oja. Lindin vastaehdotus oli seuraava: "
     "Hakemus hylätään.", [("Lind", ("Oja",), "counter_proposal", None)]),
    # seconders in a passive with brackets, a "Kannatus:" label, a support noun with the ablative,
    # a clause joined to the motion's own sentence
    ("Jäsen Tiina Harju ehdotti, että asia jätetään pöydälle. Ehdotusta kannatettiin (Oskari Vuori).",
     [("Tiina Harju", ("Oskari Vuori",), "table", None)]),
    ("Jäsen Tiina Harju ehdotti, että asia palautetaan valmisteluun. Kannatus: Oskari Vuori.",
     [("Tiina Harju", ("Oskari Vuori",), "return", None)]),
    ("Jäsen Tiina Harju ehdotti, että hakemus hylätään. Ehdotus sai kannatuksen Oskari Vuorelta.",
     [("Tiina Harju", ("Oskari Vuori",), "counter_proposal", None)]),
    ("Jäsen Tiina Harju ehdotti, että asia palautetaan valmisteluun, ja jäsen Oskari Vuori kannatti ehdotusta.",
     [("Tiina Harju", ("Oskari Vuori",), "return", None)]),
    # the seconder's genitive between the verb and a longer object
    ("Jäsen Tiina Harju esitti jäsen Oskari Vuoren kannattamana asian pöydälle panoa.",
     [("Tiina Harju", ("Oskari Vuori",), "table", None)]),
    # Swedish: the mover's genitive before "förslag", "fick understöd av", a "Understödd av" sentence,
    # the seconder between the mover and the verb
    ("Ledamoten Britt Sjöberg föreslog att ärendet bordläggs. Sjöbergs förslag understöddes av Nils Ek och "
     "Tove Lund.", [("Britt Sjöberg", ("Nils Ek", "Tove Lund"), "table", None)]),
    ("Ledamoten Britt Sjöberg föreslog att ärendet återremitteras. Förslaget fick understöd av Nils Ek.",
     [("Britt Sjöberg", ("Nils Ek",), "return", None)]),
    ("Ledamoten Britt Sjöberg föreslog att ärendet bordläggs. Understödd av Nils Ek.",
     [("Britt Sjöberg", ("Nils Ek",), "table", None)]),
    ("Britt Sjöberg, understödd av Nils Ek, föreslog att ärendet återremitteras.",
     [("Britt Sjöberg", ("Nils Ek",), "return", None)]),
    # not motions: the presenter's own change, seconding the presenter, a proposal in the agenda text
    ("Kaupunginjohtaja muutti ehdotustaan siten, että kohta 3 poistetaan. Jäsen Aino Laine kannatti esittelijän "
     "muutettua ehdotusta.", []),
    ("Kaupunginhallitus ehdottaa valtuustolle, että valtuusto hyväksyy talousarvion.", []),
]


@pytest.mark.parametrize("text, expected", MOTIONS)
def test_motion_language(text, expected):
    found = [(m.motion.by, m.motion.seconded_by, m.motion.kind, m.motion.result) for m in find_motions(text)]
    assert found == expected
