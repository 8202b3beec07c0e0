"""Short articles written for the story tests: two stories told by several outlets, a
wire copy with a changed first line, an updated version, and an unrelated article.
Places and people are invented; the countries are real so that actors can be coded."""

from __future__ import annotations

from datetime import date

from newsevents.models import Document

FERRY_WIRE = (
    "A passenger ferry capsized on Lake Orvan on Tuesday near the port of Kessel, leaving "
    "at least fourteen people missing, the Estonian coast guard said. Rescue boats from "
    "Kessel and Marrow searched the cold water through the night while helicopters "
    "dropped flares over the lake. The ferry, the Saint Ilsa, was carrying sixty "
    "passengers and a crew of six when strong winds struck in the afternoon. Survivors "
    "told reporters the vessel rolled over within minutes after water flooded the car "
    "deck. The regional governor ordered an inquiry into the ferry operator and said "
    "the search for the missing passengers would go on as long as there was hope."
)
# The same wire text under another outlet's own first line.
FERRY_COPY = (
    "Fourteen people are feared lost after a ferry accident in Estonia, officials say. "
    + FERRY_WIRE.split(". ", 1)[1]
)
# The wire text again, updated with a closing paragraph.
FERRY_UPDATE = FERRY_WIRE + (
    "\n\nBy Wednesday morning divers had recovered two bodies near the wreck, and the "
    "coast guard said eleven passengers were still unaccounted for."
)
FERRY_OWN = (
    "Divers resumed the search on Wednesday for passengers missing since the Saint Ilsa "
    "ferry sank on Lake Orvan off Kessel. Families gathered at the Kessel ferry terminal "
    "waiting for news as coast guard boats criss-crossed the lake. Investigators are "
    "examining whether the ferry operator ignored storm warnings before the ferry left "
    "Marrow. The Estonian prime minister visited Kessel and promised the families of the "
    "missing a full inquiry into the capsizing and the safety of lake ferries."
)
STRIKE_ONE = (
    "Dock workers at the port of Bramholt walked off the job on Monday demanding higher "
    "wages, halting container traffic at the busiest harbour in Norway. The dockers' "
    "union said the strike would last until the port authority raised pay by nine "
    "percent. Dozens of container ships waited at anchor outside Bramholt as cranes "
    "stood idle. The port authority called the walkout illegal and asked a labour court "
    "to order the dock workers back to the quays."
)
STRIKE_TWO = (
    "Container ships queued outside Bramholt for a second day on Tuesday as the strike "
    "by dock workers shut Norway's largest port. Union leaders rejected the port "
    "authority's offer of a five percent raise and said dockers would not return to the "
    "cranes. Exporters warned that the Bramholt strike was delaying shipments of timber "
    "and fish, and the labour court set a hearing on the walkout for Thursday."
)
CYCLING = (
    "The city council of Tarnow approved a budget for new cycling lanes along the river "
    "on Thursday. Councillors voted to build eleven kilometres of protected lanes and "
    "two bicycle bridges over the next three years. Shop owners on the old market "
    "square asked the council to keep delivery bays, and the mayor said the plans would "
    "be shown to residents at public meetings in the spring."
)


def article(doc_id: str, text: str, day: date, source: str, title: str) -> Document:
    """A document as the reader would give it: no parse, no mentions, no events."""
    return Document(id=doc_id, text=text, origin=f"test:{doc_id}", title=title,
                    url=f"https://{source}/{doc_id}", date=day, source=source)


def corpus() -> list[Document]:
    """Seven articles: five of the ferry story (three copies of one wire text among them),
    two of the strike, one unrelated."""
    return [
        article("ferry-wire", FERRY_WIRE, date(2021, 3, 2), "herald.example",
                "Ferry capsizes on Lake Orvan, fourteen missing"),
        article("ferry-copy", FERRY_COPY, date(2021, 3, 2), "courier.example",
                "Fourteen feared lost as ferry capsizes"),
        article("ferry-update", FERRY_UPDATE, date(2021, 3, 3), "gazette.example",
                "Ferry capsizes on Lake Orvan; two bodies found"),
        article("ferry-own", FERRY_OWN, date(2021, 3, 3), "tribune.example",
                "Divers search Lake Orvan for ferry passengers"),
        article("strike-one", STRIKE_ONE, date(2021, 3, 1), "herald.example",
                "Bramholt dock workers strike over pay"),
        article("strike-two", STRIKE_TWO, date(2021, 3, 2), "tribune.example",
                "Bramholt port strike enters second day"),
        article("cycling", CYCLING, date(2021, 3, 4), "courier.example",
                "Tarnow approves cycling lanes"),
    ]


FERRY = {"ferry-wire", "ferry-copy", "ferry-update", "ferry-own"}
STRIKE = {"strike-one", "strike-two"}
