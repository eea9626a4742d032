#!/usr/bin/env python3
"""Build crates/domain/data/territories.tsv from @etalab/decoupage-administratif.

Usage:
    python3 scripts/territories/build.py PATH/TO/UNPACKED/package [OUTPUT]

PATH is the folder that `npm pack` + `tar xzf` produce (it holds data/*.json).
OUTPUT defaults to crates/domain/data/territories.tsv next to this script's repo.

What is kept (package version 6.0.0, millésime 2026):
- régions (data/regions.json), all of them, including the five overseas
  régions (DROM) and the eight "collectivités d'outre-mer" (COM: 975, 977,
  978, 984, 986, 987, 988, 989) that the package lists as régions;
- départements (data/departements.json), all of them, including DROM (971..976)
  and the same COM, which the package also lists as départements with the same
  code as their "région";
- EPCI à fiscalité propre (data/epci.json: CC, CA, CU, métropoles); the EPT of
  the Grand Paris (data/ept.json) are left out, they are not EPCI à fiscalité
  propre and a commune would then have two intercommunal parents;
- communes (data/communes.json) of type "commune-actuelle" only. Arrondissements
  municipaux (Paris, Lyon, Marseille), communes déléguées and communes associées
  are dropped: the package never marks them as current communes, and their
  postal codes are already carried by their commune (Paris holds 75001..75020).
  Arrondissements départementaux (data/arrondissements.json) are not used.

Columns (tab-separated, UTF-8, first line a header):
    level  code  name  parents  postal_codes  population
- parents: comma-separated "level:code" refs, broadest first. A commune has its
  région, its département and its EPCI if it belongs to one (four islands and
  the COM belong to none). A département has its région (for a COM, the
  "région" of the same code and name). An EPCI has the régions then
  départements of its member communes, since the package does not list them.
- postal_codes: communes only.
- population: "population municipale" of the commune as given by the package.
  For régions, départements and EPCI it is the sum over their communes, so that
  every level uses the same census vintage (the EPCI file from the DGCL carries
  the previous year's figures). Empty when no commune has a figure (TAAF,
  Clipperton).

Uses the Python 3 standard library only; the output is deterministic.
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

LEVELS = ("region", "departement", "epci", "commune")
HEADER = ("level", "code", "name", "parents", "postal_codes", "population")


def load(package: Path, name: str):
    with open(package / "data" / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def clean(text: str) -> str:
    # A tab or newline inside a field would break the TSV; none is expected.
    text = text.strip()
    if any(c in text for c in "\t\r\n"):
        raise ValueError(f"control character in {text!r}")
    return text


def ref(level: str, code: str) -> str:
    return f"{level}:{code}"


def code_key(code: str):
    # Sort "2A"/"2B" where Corsica's "20" used to be, and "971" after "95".
    return (len(code), code)


def build(package: Path):
    regions = load(package, "regions")
    departements = load(package, "departements")
    epcis = load(package, "epci")
    communes = [c for c in load(package, "communes") if c["type"] == "commune-actuelle"]

    epci_of = {}
    for e in epcis:
        for m in e["membres"]:
            if m["code"] in epci_of:
                raise ValueError(f"commune {m['code']} in two EPCI")
            epci_of[m["code"]] = e["code"]

    commune_by_code = {}
    for c in communes:
        if c["code"] in commune_by_code:
            raise ValueError(f"duplicate commune {c['code']}")
        commune_by_code[c["code"]] = c

    # Sums of commune populations; None stays None when no commune has one.
    pop_sum = defaultdict(lambda: None)

    def add(key, value):
        if value is None:
            return
        pop_sum[key] = (pop_sum[key] or 0) + value

    for c in communes:
        p = c.get("population")
        add(("region", c["region"]), p)
        add(("departement", c["departement"]), p)
        if c["code"] in epci_of:
            add(("epci", epci_of[c["code"]]), p)

    rows = []
    for r in sorted(regions, key=lambda r: code_key(r["code"])):
        rows.append(("region", r["code"], clean(r["nom"]), [], [], pop_sum[("region", r["code"])]))

    region_codes = {r["code"] for r in regions}
    dep_codes = {d["code"] for d in departements}
    for d in sorted(departements, key=lambda d: code_key(d["code"])):
        if d["region"] not in region_codes:
            raise ValueError(f"département {d['code']} has unknown région {d['region']}")
        parents = [ref("region", d["region"])]
        rows.append(
            ("departement", d["code"], clean(d["nom"]), parents, [], pop_sum[("departement", d["code"])])
        )

    for e in sorted(epcis, key=lambda e: e["code"]):
        members = [commune_by_code[m["code"]] for m in e["membres"]]
        regs = sorted({m["region"] for m in members}, key=code_key)
        deps = sorted({m["departement"] for m in members}, key=code_key)
        parents = [ref("region", x) for x in regs] + [ref("departement", x) for x in deps]
        rows.append(("epci", e["code"], clean(e["nom"]), parents, [], pop_sum[("epci", e["code"])]))

    for c in sorted(communes, key=lambda c: c["code"]):
        if c["departement"] not in dep_codes or c["region"] not in region_codes:
            raise ValueError(f"commune {c['code']} has an unknown parent")
        parents = [ref("region", c["region"]), ref("departement", c["departement"])]
        if c["code"] in epci_of:
            parents.append(ref("epci", epci_of[c["code"]]))
        postal = sorted(set(c.get("codesPostaux") or []))
        rows.append(("commune", c["code"], clean(c["nom"]), parents, postal, c.get("population")))

    return rows


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    package = Path(argv[1])
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if meta.get("name") != "@etalab/decoupage-administratif":
        print(f"{package} is not @etalab/decoupage-administratif", file=sys.stderr)
        return 2
    repo = Path(__file__).resolve().parents[2]
    out = Path(argv[2]) if len(argv) == 3 else repo / "crates" / "domain" / "data" / "territories.tsv"

    rows = build(package)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(HEADER) + "\n")
        for level, code, name, parents, postal, population in rows:
            fields = (
                level,
                code,
                name,
                ",".join(parents),
                ",".join(postal),
                "" if population is None else str(population),
            )
            f.write("\t".join(fields) + "\n")

    counts = defaultdict(int)
    for row in rows:
        counts[row[0]] += 1
    summary = ", ".join(f"{counts[level]} {level}" for level in LEVELS)
    print(f"wrote {out} from {meta['name']}@{meta['version']}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
