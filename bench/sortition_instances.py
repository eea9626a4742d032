"""Sortition instances for bench/sortition.sh, in the folder format of `essaim sortition analyze`.

  python3 bench/sortition_instances.py alternate N K DIR [SEED]
  python3 bench/sortition_instances.py realistic N K DIR [SEED]

Both write DIR/categories.csv (`category,feature,min,max`, one row per feature and its quota)
and DIR/respondents.csv (`id,<category>,...`, one row per person). Same arguments, same files:
all randomness comes from `random.Random(SEED)` (default 1). Standard library only.

alternate N K
    Alternate(n, k) of Flanigan et al. (Nature 2021): gender (female/male) × leaning
    (liberal/conservative); one female conservative, N/2 − 1 female liberals, N/2 male
    conservatives; every feature's quota is min K/2 − 1, max K. The lone female conservative is
    row 0 of respondents.csv: the greedy (legacy) selection picks her far more often than k/n,
    which a fair algorithm must not.

realistic N K
    N volunteers over 5 categories (gender 2, age 6, education 4, territory 5, occupation 3)
    drawn from skewed volunteer shares (older and more educated than the population, occupation
    depending on age), and quotas of the population share × K ± 10 %. Feasibility is certified
    by finding one panel that meets every quota (local search from a seeded start); if none is
    found the quotas are widened by one seat on each side and the search starts again.
"""

import csv
import os
import random
import sys

# category -> [(feature, population share, volunteer share)]. Volunteers for citizens' panels
# are older and more educated than the population they stand for (and retired people answer
# more often); the population shares are round figures of a French département.
# Each column sums to 1.
REALISTIC = {
    "gender": [
        ("female", 0.52, 0.47),
        ("male", 0.48, 0.53),
    ],
    "age": [
        ("16-24", 0.14, 0.06),
        ("25-34", 0.15, 0.10),
        ("35-44", 0.16, 0.14),
        ("45-54", 0.17, 0.19),
        ("55-64", 0.16, 0.24),
        ("65+", 0.22, 0.27),
    ],
    "education": [
        ("no-diploma", 0.22, 0.07),
        ("secondary", 0.43, 0.30),
        ("bachelor", 0.20, 0.33),
        ("postgraduate", 0.15, 0.30),
    ],
    "territory": [
        ("city-centre", 0.30, 0.38),
        ("suburb", 0.25, 0.24),
        ("small-town", 0.20, 0.17),
        ("rural", 0.20, 0.17),
        ("mountain", 0.05, 0.04),
    ],
    "occupation": [
        # Volunteers' occupation is drawn from their age (OCCUPATION_BY_AGE): about 51/6/43 %.
        ("employed", 0.55, None),
        ("unemployed", 0.08, None),
        ("inactive", 0.37, None),
    ],
}

# Occupation depends on age, so the categories are not independent (the quotas still follow the
# population's marginal shares only, as in practice). Volunteer weights, employed/unemployed/inactive.
OCCUPATION_BY_AGE = {
    "16-24": (0.35, 0.15, 0.50),
    "25-34": (0.78, 0.09, 0.13),
    "35-44": (0.82, 0.07, 0.11),
    "45-54": (0.80, 0.07, 0.13),
    "55-64": (0.55, 0.06, 0.39),
    "65+": (0.06, 0.01, 0.93),
}


def write_instance(folder, categories, quotas, header, rows):
    """categories: [(category, [feature, ...])]; quotas: {(category, feature): (min, max)}."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "categories.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["category", "feature", "min", "max"])
        for category, features in categories:
            for feature in features:
                out.writerow([category, feature, *quotas[(category, feature)]])
    with open(os.path.join(folder, "respondents.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["id", *header])
        out.writerows(rows)


def alternate(n, k, folder, seed):
    if n % 2 or k % 2 or not 2 <= k <= n:
        sys.exit("alternate needs an even N and an even K with 2 <= K <= N")
    rng = random.Random(seed)
    others = [("female", "liberal")] * (n // 2 - 1) + [("male", "conservative")] * (n // 2)
    # Shuffled so that no solver gains from the pool being sorted by type.
    rng.shuffle(others)
    people = [("female", "conservative"), *others]
    width = len(str(n))
    rows = [[f"p{i:0{width}d}", g, l] for i, (g, l) in enumerate(people)]
    categories = [("gender", ["female", "male"]), ("leaning", ["liberal", "conservative"])]
    quotas = {(c, f): (k // 2 - 1, k) for c, features in categories for f in features}
    write_instance(folder, categories, quotas, ["gender", "leaning"], rows)
    print(f"alternate: {n} people, panel {k}, quotas [{k // 2 - 1}, {k}] -> {folder}", file=sys.stderr)


def draw_volunteer(rng):
    person = {}
    for category, features in REALISTIC.items():
        if category == "occupation":
            weights = OCCUPATION_BY_AGE[person["age"]]
        else:
            weights = [volunteer for _, _, volunteer in features]
        person[category] = rng.choices([f for f, _, _ in features], weights=weights)[0]
    return person


def population_quotas(k, widen):
    """Population share × K ± 10 %, rounded, then `widen` more seats each side, within [0, K]."""
    quotas = {}
    for category, features in REALISTIC.items():
        for feature, share, _ in features:
            target = share * k
            low = max(0, round(target * 0.9) - widen)
            high = min(k, round(target * 1.1) + widen)
            quotas[(category, feature)] = (low, high)
    return quotas


def find_panel(people, k, quotas, rng, steps=200_000):
    """A panel of k people meeting every quota, or None if local search finds none.

    A found panel is a certificate of feasibility; not finding one proves nothing, which is why
    the caller widens the quotas rather than reporting the instance infeasible.
    """
    keys = [[(c, p[c]) for c in REALISTIC] for p in people]
    chosen = rng.sample(range(len(people)), k)
    inside = set(chosen)
    outside = [i for i in range(len(people)) if i not in inside]
    count = {key: 0 for key in quotas}
    for i in chosen:
        for key in keys[i]:
            count[key] += 1

    def excess(key, c):
        low, high = quotas[key]
        return max(0, low - c) + max(0, c - high)

    violation = sum(excess(key, c) for key, c in count.items())
    for _ in range(steps):
        if violation == 0:
            return sorted(chosen)
        a, b = rng.randrange(k), rng.randrange(len(outside))
        leaving, joining = keys[chosen[a]], keys[outside[b]]
        delta = 0
        for out_key, in_key in zip(leaving, joining):
            if out_key != in_key:
                delta += excess(out_key, count[out_key] - 1) - excess(out_key, count[out_key])
                delta += excess(in_key, count[in_key] + 1) - excess(in_key, count[in_key])
        # Sideways moves too: plateaus are common when only one or two quotas are left unmet.
        if delta <= 0:
            for out_key, in_key in zip(leaving, joining):
                count[out_key] -= 1
                count[in_key] += 1
            chosen[a], outside[b] = outside[b], chosen[a]
            violation += delta
    return None


def realistic(n, k, folder, seed):
    if not 1 <= k <= n:
        sys.exit("realistic needs 1 <= K <= N")
    rng = random.Random(seed)
    people = [draw_volunteer(rng) for _ in range(n)]
    widen = 0
    while True:
        quotas = population_quotas(k, widen)
        panel = find_panel(people, k, quotas, rng)
        if panel is not None:
            break
        widen += 1
        if widen > k:
            sys.exit("realistic: no feasible panel even with the widest quotas")
    width = len(str(n))
    header = list(REALISTIC)
    rows = [[f"v{i:0{width}d}", *(p[c] for c in header)] for i, p in enumerate(people)]
    categories = [(c, [f for f, _, _ in features]) for c, features in REALISTIC.items()]
    write_instance(folder, categories, quotas, header, rows)
    note = f", quotas widened by {widen}" if widen else ""
    print(f"realistic: {n} volunteers, panel {k}, feasible{note} -> {folder}", file=sys.stderr)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) in (4, 5) and args[0] in ("alternate", "realistic"):
        seed = int(args[4]) if len(args) == 5 else 1
        generate = alternate if args[0] == "alternate" else realistic
        generate(int(args[1]), int(args[2]), args[3], seed)
    else:
        sys.exit(__doc__)
