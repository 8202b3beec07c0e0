"""The offline gazetteer and the country table (newsevents.places)."""

from __future__ import annotations

import re

import pytest

from newsevents.datafiles import packaged_table, split_list
from newsevents.places import Gazetteer, get_gazetteer, normalize_name


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


def test_lookup_finds_kaesong_in_north_korea(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Kaesong")
    assert found is not None and found.country == "PRK"
    assert found.lat == pytest.approx(37.97, abs=0.05)
    assert found.lon == pytest.approx(126.55, abs=0.05)


@pytest.mark.parametrize(
    ("name", "country"),
    [("Seoul", "KOR"), ("Pyongyang", "PRK"), ("Kaesŏng", "PRK"), ("KAESONG", "PRK"),
     ("Kiev", "UKR"), ("Peking", "CHN"), ("Moscow", "RUS")],
)
def test_lookup_finds_city_country(gazetteer: Gazetteer, name: str, country: str) -> None:
    found = gazetteer.lookup(name)
    assert found is not None and found.country == country


def test_lookup_keeps_text_and_gives_canonical_name(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Kiev")
    assert found is not None and (found.text, found.name) == ("Kiev", "Kyiv")


def test_lookup_washington_in_us_context_is_the_capital(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Washington", ["USA"])
    assert found is not None and found.country == "USA"
    assert (found.lat, found.lon) == pytest.approx((38.90, -77.04), abs=0.05)


def test_lookup_paris_defaults_to_france_by_population(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Paris")
    assert found is not None and found.country == "FRA"


def test_lookup_paris_in_us_context_is_an_american_paris(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Paris", ["USA"])
    assert found is not None and found.country == "USA"


def test_lookup_prefers_earlier_context_country(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Paris", ["USA", "FRA"])
    assert found is not None and found.country == "USA"


@pytest.mark.parametrize(
    ("name", "country"), [("Paris, Texas", "USA"), ("Paris, France", "FRA")],
)
def test_lookup_reads_comma_qualifier_as_context(gazetteer: Gazetteer, name: str,
                                                 country: str) -> None:
    found = gazetteer.lookup(name)
    assert found is not None and found.country == country


@pytest.mark.parametrize(("name", "country"), [
    # the Arabic article, an apostrophe and "city" are spelled in or out
    ("Al-Raqqa", "SYR"), ("Dara'a", "SYR"), ("Deir Ezzor City", "SYR"),
])
def test_lookup_reads_other_spellings_of_a_name(gazetteer: Gazetteer, name: str,
                                                country: str) -> None:
    found = gazetteer.lookup(name)
    assert found is not None and found.country == country


def test_lookup_puts_no_article_on_a_word(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Arab") is None


def test_lookup_unknown_name_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Xqzzyville Upon Nowhere") is None


@pytest.mark.parametrize("name", ["Korean Peninsula", "the Korean Peninsula"])
def test_lookup_finds_curated_place(gazetteer: Gazetteer, name: str) -> None:
    found = gazetteer.lookup(name)
    assert found is not None and found.name == "Korean Peninsula"
    assert found.lat is not None and found.lon is not None


@pytest.mark.parametrize(
    ("name", "canonical", "country"),
    [("DMZ", "Korean Demilitarized Zone", None), ("Gaza Strip", "Gaza Strip", "PSE"),
     ("Crimea", "Crimea", "UKR"), ("Golan Heights", "Golan Heights", "SYR")],
)
def test_lookup_curated_place_has_country(gazetteer: Gazetteer, name: str, canonical: str,
                                          country: str | None) -> None:
    found = gazetteer.lookup(name)
    assert found is not None and (found.name, found.country) == (canonical, country)


@pytest.mark.parametrize(
    ("name", "country"),
    [("South Korea", "KOR"), ("the U.S.", "USA"), ("Burma", "MMR"), ("Lebanon", "LBN"),
     ("Jordan", "JOR")],
)
def test_lookup_country_name_beats_towns_named_after_it(gazetteer: Gazetteer, name: str,
                                                        country: str) -> None:
    found = gazetteer.lookup(name)
    assert found is not None and found.country == country and found.lat is not None


@pytest.mark.parametrize(
    ("name", "code"),
    [("South Korea", "KOR"), ("Republic of Korea", "KOR"), ("ROK", "KOR"),
     ("North Korea", "PRK"), ("DPRK", "PRK"), ("United States", "USA"), ("America", "USA"),
     ("UK", "GBR"), ("Britain", "GBR"), ("Russian Federation", "RUS"), ("Iran", "IRN"),
     ("Viet Nam", "VNM"), ("Türkiye", "TUR"), ("Cote d'Ivoire", "CIV"), ("Kosovo", "XKX")],
)
def test_country_of_reads_names_and_aliases(gazetteer: Gazetteer, name: str, code: str) -> None:
    assert gazetteer.country_of(name) == code


@pytest.mark.parametrize("name", ["Seoul", "Washington", "Kremlin", "Korean Peninsula"])
def test_country_of_ignores_cities_and_places(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.country_of(name) is None


def test_country_gives_location_at_capital(gazetteer: Gazetteer) -> None:
    found = gazetteer.country("KOR")
    assert found is not None and found.name == "South Korea"
    assert (found.lat, found.lon) == pytest.approx((37.57, 126.98), abs=0.05)


def test_small_gazetteer_from_rows() -> None:
    countries = [{"code": "KOR", "iso2": "KR", "name": "South Korea", "aliases": "ROK",
                  "lat": "37.5", "lon": "127.0"}]
    cities = [{"name": "Busan", "countrycode": "KR", "latitude": 35.1, "longitude": 129.0,
               "population": 3_500_000, "alternatenames": ["Pusan"]}]
    found = Gazetteer(countries, cities=cities).lookup("Pusan")
    assert found is not None and (found.name, found.country) == ("Busan", "KOR")


@pytest.mark.parametrize(
    ("raw", "key"),
    [("the U.S.", "us"), ("Kaesŏng", "kaesong"), ("  Guinea-Bissau ", "guinea bissau"),
     ("Panmunjom's", "panmunjom"), ("Côte d\u2019Ivoire", "cote d'ivoire")],
)
def test_normalize_name(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


def test_countries_table_codes_are_unique_iso3() -> None:
    rows = packaged_table("countries.csv", ("code", "iso2", "name"))
    codes = [row["code"] for row in rows]
    assert len(rows) >= 245
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize(
    ("code", "column", "value"),
    [("USA", "name", "United States"), ("KOR", "name", "South Korea"),
     ("USA", "aliases", "U.S."), ("GBR", "aliases", "Britain"),
     ("PRK", "adjectives", "North Korean"), ("GBR", "adjectives", "Britons"),
     ("RUS", "metonyms", "Kremlin"), ("USA", "metonyms", "White House")],
)
def test_countries_table_holds_knowledge(code: str, column: str, value: str) -> None:
    row = next(r for r in packaged_table("countries.csv") if r["code"] == code)
    assert value in (split_list(row[column]) if column != "name" else [row[column]])


@pytest.mark.parametrize(("name", "country"), [
    ("Pa.", "USA"),  # AP style, not the town of Pa in Burkina Faso
    ("Calif.", "USA"),
    ("Texas", "USA"),
    ("Georgia", "GEO"),  # a country's name before a state's
    ("Afghanistan", "AFG"),
    ("Nairobi", None),  # a city qualifies nothing
])
def test_region_country_reads_the_qualifier_of_a_dateline(gazetteer: Gazetteer, name: str,
                                                          country: str | None) -> None:
    assert gazetteer.region_country(name) == country


@pytest.mark.parametrize(("name", "country"), [
    # provinces and states the city gazetteer lacks, from ISO 3166-2
    ("Helmand", "AFG"), ("Helmand province", "AFG"), ("Borno state", "NGA"),
    ("Gloucestershire", "GBR"),
    # a name two countries give a unit is no one's ("Punjab": India's and Pakistan's)
    ("Punjab", None),
])
def test_place_country_knows_provinces_and_states(gazetteer: Gazetteer, name: str,
                                                  country: str | None) -> None:
    assert gazetteer.place_country(name) == country


def test_place_country_prefers_a_province_to_a_town_of_another_name(
        gazetteer: Gazetteer) -> None:
    # "Borno" is also an other name of Borna in Germany
    assert gazetteer.place_country("Borno") == "NGA"
