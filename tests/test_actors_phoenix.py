"""The Phoenix actor tables: armed groups and dated roles, below the project's own tables."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from _scripts import load_script

from newsevents.actors import load_kb
from newsevents.actors.kb import KnowledgeBase, load_user_actors
from newsevents.models import Document


def codes(doc: Document) -> dict[str, str | None]:
    return {m.actor.text: m.actor.code for m in doc.mentions}


@pytest.mark.parametrize(("text", "mention", "code"), [
    # spaCy tags "Boko Haram" a person: a group's whole name still codes it.
    ("Boko Haram fighters attacked a village near Maiduguri.", "Boko Haram", "NGAREB"),
    ("Gunmen loyal to the Taliban stormed a checkpoint.", "Taliban", "AFGREB"),
    ("Hezbollah fired rockets across the border.", "Hezbollah", "LBNREB"),
    # Phoenix codes UNITA with CAMEO's old code for Angola, ANG
    ("UNITA rebels shelled the town.", "UNITA", "AGOREB"),
])
def test_armed_groups_are_coded(coded: Callable[..., Document], text: str, mention: str,
                                code: str) -> None:
    assert codes(coded(text))[mention] == code


def test_a_dated_role_is_chosen_by_the_article_date(coded: Callable[..., Document]) -> None:
    # Ann Veneman: US agriculture secretary 2001-05, then head of UNICEF.
    text = "Ann Veneman toured a clinic on Monday."
    assert codes(coded(text, day=date(2003, 6, 2)))["Ann Veneman"] == "USAGOV"
    assert codes(coded(text, day=date(2008, 6, 2)))["Ann Veneman"] == "IGO"


def test_an_expired_role_is_not_used() -> None:
    kb = load_kb()
    # A Nigerian minister for some months of 2007, and nothing else in the dictionary.
    assert kb.person("Abdallah M. Wali", date(2007, 5, 1)) is not None
    assert kb.person("Abdallah M. Wali", date(2020, 5, 1)) is None


def test_the_leaders_table_wins_where_both_know_a_person() -> None:
    kb = load_kb()
    # Phoenix has Barack Obama as an open-ended USAGOV from 2009 and as USAELI before;
    # leaders.csv ends his presidency on 2017-01-20.
    person = kb.person("Barack Obama", date(2005, 3, 1))
    assert person is not None and person.curated and person.role == "President"
    later = kb.person("Barack Obama", date(2020, 3, 1))
    assert later is not None and later.curated


def test_organizations_table_wins_over_phoenix_groups() -> None:
    kb = load_kb()
    org = kb.organization("United Nations")
    assert org is not None and org.name == "United Nations" and org.sector == "IGO"


def test_unsafe_names_are_not_indexed() -> None:
    kb = load_kb()
    # One-word English words (a company "Apple", a surname "Moon") and country names.
    assert kb.organization("Apple") is None
    assert kb.organization("Afghanistan") is None
    assert all(p.curated for p in kb.people.get("moon", []))


def test_a_users_file_wins_over_phoenix(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("name,aliases,country,sector,role,start,end\n"
                    "Ann Veneman,,CAN,BUS,Chair,2000-01-01,\n", encoding="utf-8")
    kb = KnowledgeBase()
    base = load_kb()
    kb.people = {k: list(v) for k, v in base.people.items()}
    load_user_actors(kb, path)
    person = kb.person("Ann Veneman", date(2003, 6, 2))
    assert person is not None and person.country == "CAN"


def _tool() -> ModuleType:
    return load_script("tools/derive_phoenix.py")


@pytest.mark.parametrize(("code", "mapped"), [
    ("NGAREB", ("NGA", "REB")),
    ("NGAGOVAGR", ("NGA", "GOV")),  # the first block the project's sectors hold
    ("IMGMUSALQ", ("IMG", "REB")),  # international militarised group
    ("IGOUNOKID", (None, "IGO")),
    ("MNCUSA", None),  # a company of no stated country
    ("MEAREB", None),  # a region
    ("ELI", None),
    ("TMPGOV", ("TLS", "GOV")),  # an old CAMEO code, as legacy_codes.csv maps it
])
def test_phoenix_codes_map_to_the_projects_scheme(code: str, mapped: object) -> None:
    tool = _tool()
    assert tool.map_code(code, {"NGA", "USA", "TLS"}, {"REB", "GOV", "ELI"}, {"MUS"},
                         {"TMP": "TLS"}) == mapped


def test_phoenix_names_and_dates_are_read() -> None:
    tool = _tool()
    assert tool.display("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_") == ("Aden Abyan Islamic Army",
                                                               ["AAIA"])
    assert tool.display("AL-QAEDA_IN_THE_ARABIAN_PENINSULA")[0] == (
        "Al-Qaeda in the Arabian Peninsula")
    # Phoenix ranges include their last day; the project's end is the first day out.
    assert tool._restriction("USAGOV 010120-050120") == (
        "USAGOV", date(2001, 1, 20), date(2005, 1, 21))
    assert tool._restriction("NGAGOV >070529") == ("NGAGOV", date(2007, 5, 29), None)
    assert tool._restriction("KORGOV 2004017-20061201") is None  # malformed: not placed


def test_international_armed_groups_are_img(coded: Callable[..., Document]) -> None:
    # CAMEO's international militarised group, as the real-news gold codes al-Qaeda.
    assert codes(coded("Al-Qaeda claimed the bombing in a statement."))["Al-Qaeda"] == "IMGREB"


def test_a_users_file_wins_over_the_leaders_table(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("name,aliases,country,sector,role,start,end\n"
                    "Barack Obama,,KEN,ELI,Elder,2009-01-01,\n", encoding="utf-8")
    person = load_kb((str(path),)).person("Barack Obama", date(2012, 3, 1))
    assert person is not None and person.country == "KEN"
