#!/usr/bin/env python3
"""Converts the world-countries data set into ingest-service's country taxonomy layer.

Usage (from ingest-service/):
    npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
    python3 tools/world-countries-to-yaml.py package/countries.json 5.1.0 \
        > src/main/resources/taxonomy/world-countries.yaml

Source: https://github.com/mledoze/countries (npm package world-countries), licensed under the Open Database
License (ODbL) 1.0; the generated file is a derived database under the same licence (see taxonomy/NOTICE).

Per country: the common and official English names, the English alternative spellings (no two-letter codes, no
ISO-style inverted "Korea, Republic of" forms, all-capital abbreviations only where listed below), the capitals,
the English demonyms and their plurals, and each of these without diacritics. Terms shared by several countries go
to the independent one when exactly one is independent ("Norwegian" is Norway's, not Bouvet Island's); otherwise
they become ambiguous for all ("Dominican", "Congolese"). The hand-made lists below add the usual short names the
data set lacks and mark words with another common meaning as ambiguous: see AMBIGUOUS.
"""
import json
import sys
import unicodedata

# Abbreviations that mean the country in running text; other all-capital spellings (CAR, PNG) are common words.
ABBREVIATIONS = {"GB": ["UK"], "AE": ["UAE"], "CD": ["DRC"], "KP": ["DPRK"], "SA": ["KSA"]}

# Usual short names the data set does not list.
EXTRA_TERMS = {
    "GB": ["Britain", "Britons", "England", "Scotland", "Wales", "Northern Ireland", "Edinburgh"],
    "CZ": ["Czech Republic"],
    "NL": ["Holland", "Netherlands"],
    "AE": ["Emirati", "Emiratis", "Abu Dhabi", "Dubai"],
    "MM": ["Burma", "Yangon", "Rangoon"],
    "CI": ["Abidjan"],
    "NG": ["Lagos", "Niger Delta"],
    "TR": ["Turkiye"],
    "CV": ["Cape Verde"],
    "SZ": ["Swaziland"],
    "PS": ["Gaza", "West Bank"],
    "VA": ["Holy See"],
    "SA": ["Saudi", "Saudis", "Riyadh"],
}

# Words that also name something else common: they confirm a country that the article names in another way, but
# never tag it alone (the Tagger's rule). The reason is kept here, next to the word.
AMBIGUOUS = {
    "JO": ["Jordan"],        # a given name and surname (Michael Jordan), the river
    "TD": ["Chad"],          # a given name
    "GE": ["Georgia"],       # the US state, a given name
    "TR": ["Turkey"],        # the bird, capitalised at a sentence start and in Title Case headlines
    "JE": ["Jersey"],        # New Jersey, the garment
    "SC": ["Victoria"],      # the Australian state, Canadian city, a given name
    "FK": ["Stanley"],       # a given name
    "IM": ["Douglas"],       # a given name and surname
    "BM": ["Hamilton"],      # a surname, Canadian and New Zealand cities
    "GY": ["Georgetown"],    # a Washington DC district and university
    "SH": ["Jamestown"],     # the Virginia settlement
    "MS": ["Plymouth"],      # the English city
    "AI": ["The Valley"],    # an ordinary phrase
    "CL": ["Santiago"],      # a given name, Santiago de Compostela
    "CR": ["San José", "San Jose"],  # the Californian city
    "BS": ["Nassau"],        # the New York county
    "MV": ["Male", "Malé"],  # the common word, once the accent is gone
    "PA": ["Panama City"],   # the Florida city
    "NZ": ["Wellington"],    # the Duke, the boot, several towns
    "JM": ["Kingston"],      # several cities (Norfolk Island's capital too)
    "KY": ["George Town"],   # the Malaysian city
    "MK": ["Macedonia", "Macedonian", "Macedonians"],  # the Greek region
    "KR": ["Korea", "Korean", "Koreans"],  # either Korea
    "KP": ["Korea", "Korean", "Koreans"],
    "CD": ["Congo"],         # either Congo
    "CG": ["Congo"],
    "NE": ["Niger"],         # the river
    "GN": ["Guinea"],        # New Guinea, guinea fowl in headlines
    "RE": ["Reunion", "Réunion", "Saint-Denis"],  # the common word; the Paris suburb
    "KM": ["Moroni"],        # a surname
    "BG": ["Sofia"],         # a given name
    "CF": ["Central African", "Central Africans"],  # the region's adjective
    "PR": ["San Juan"],      # many cities
    "GD": ["St. George's"],  # many towns
    "BQ": ["The Bottom"],    # an ordinary phrase
    "CC": ["West Island"],   # an ordinary phrase
    "PM": ["Saint-Pierre"],  # many French towns
    "IO": ["Diego Garcia"],  # a person's name
}

# Spellings in the data set that are mostly something else and are dropped altogether.
DROP = {"IM": ["Mann"], "DM": ["Dominique"], "IS": ["Island"], "TH": ["Prathet"], "BN": ["the Abode of Peace"]}


def fold(term):
    """The term without diacritics: Brasília -> Brasilia, Côte d'Ivoire -> Cote d'Ivoire."""
    return "".join(c for c in unicodedata.normalize("NFKD", term) if not unicodedata.combining(c))


def latin(term):
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in term)


def plural(demonym):
    if demonym.endswith(("s", "sh", "ch", "ese", "x", "z", "i")):
        return None
    return demonym + "s"


def terms_of(country):
    code = country["cca2"]
    names = [country["name"]["common"], country["name"]["official"]]
    for spelling in country["altSpellings"]:
        if spelling in ABBREVIATIONS.get(code, []):
            names.append(spelling)
        elif len(spelling) > 2 and latin(spelling) and spelling != spelling.upper():
            names.append(spelling)
    names += ABBREVIATIONS.get(code, [])
    names += country.get("capital", [])
    for form in country.get("demonyms", {}).get("eng", {}).values():
        if form:
            names.append(form)
            if plural(form):
                names.append(plural(form))
    names += EXTRA_TERMS.get(code, [])
    terms = []
    for name in names:
        for term in (name.strip(), fold(name.strip())):
            # ISO-style inverted names ("Korea, Republic of") and glosses in brackets never stand in running text.
            if "," in term or "(" in term:
                continue
            if term and term not in terms and term not in DROP.get(code, []):
                terms.append(term)
    return terms


def main(path, version):
    countries = [c for c in json.load(open(path, encoding="utf-8")) if len(c.get("cca2", "")) == 2]
    terms = {c["cca2"]: terms_of(c) for c in countries}
    independent = {c["cca2"]: c.get("independent") is True for c in countries}
    owners = {}
    for code, listed in terms.items():
        for term in listed:
            owners.setdefault(term, []).append(code)
    ambiguous = {code: [] for code in terms}
    for code, listed in AMBIGUOUS.items():
        for term in listed:
            ambiguous[code].append(term)
    for term, codes in owners.items():
        if len(codes) == 1:
            continue
        sovereign = [c for c in codes if independent[c]]
        for code in codes:
            if len(sovereign) == 1 and code != sovereign[0]:
                terms[code].remove(term)
            elif len(sovereign) != 1 and term not in ambiguous[code]:
                ambiguous[code].append(term)
    print("# GENERATED by tools/world-countries-to-yaml.py - do not edit; change the script and run it again.")
    print("# Source: world-countries %s (https://github.com/mledoze/countries), ODbL 1.0; see taxonomy/NOTICE." % version)
    print("# Read with the taxonomy format (taxonomy.yaml); 'ambiguous' terms only confirm a country named otherwise.")
    print('version: "world-countries %s"' % version)
    print("countries:")
    for country in sorted(countries, key=lambda c: c["cca2"]):
        code = country["cca2"]
        plain = [t for t in terms[code] if t not in ambiguous[code]]
        print("  - code: %s" % code)
        print("    name: %s" % json.dumps(country["name"]["common"], ensure_ascii=False))
        print("    terms: %s" % json.dumps(plain, ensure_ascii=False))
        if ambiguous[code]:
            print("    ambiguous: %s" % json.dumps(ambiguous[code], ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
