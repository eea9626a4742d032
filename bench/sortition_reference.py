"""The Sortition Foundation's maximin (PyPI `sortition-algorithms`) on a sortition instance, next to Essaim.

Used by bench/sortition.sh, inside the virtual environment it makes:

  python bench/sortition_reference.py run DIR K [SEED]
      loads DIR/categories.csv and DIR/respondents.csv (the folder format of `essaim sortition
      analyze`), runs `find_distribution_maximin` with the HiGHS backend (`solver_backend=
      "highspy"`, the package's own MIP/LP layer over highspy; no Gurobi, no python-mip) for a
      panel of K, and prints one JSON object: min_probability (over the whole pool, 0 for anyone
      in no feasible panel), seconds (the algorithm call only, not Python's start, the imports or
      the CSV reading), version, and a few details (max_probability, panels, upper_bound).

  python bench/sortition_reference.py summary OUT
      prints the Markdown summary of a run of bench/sortition.sh from its folder OUT (one
      sub-folder per instance: data/, essaim.{json,time,status}, reference.{json,time,status,log},
      legacy.{json,status}) and exits 1 if Essaim or the reference failed (running out of time
      is not a failure), or if, where both finished, Essaim's LEXIMIN minimum and the reference's
      maximin minimum differ by more than 1e-4 (unless Essaim's is higher and within the
      reference's stopping gap, see below).

The maximin's column generation stops once no panel improves the bound by more than its EPS
(0.0005): its minimum is then certified only within [min_probability, upper_bound]. `upper_bound`
is read from the bound the package reports at each iteration, without changing the algorithm.
"""

import csv
import json
import logging
import os
import sys
import time
from importlib.metadata import version

TOLERANCE = 1e-4


def load(folder, k):
    from sortition_algorithms import Settings, read_in_features, read_in_people

    # The package calls a category a "feature" and a feature a "value": rename the columns.
    with open(os.path.join(folder, "categories.csv"), newline="") as f:
        quotas = [
            {"feature": r["category"], "value": r["feature"], "min": r["min"], "max": r["max"]}
            for r in csv.DictReader(f)
        ]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], quotas, number_to_select=k)
    with open(os.path.join(folder, "respondents.csv"), newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        header = list(reader.fieldnames)
    settings = Settings(id_column="id", columns_to_keep=[])
    people, _ = read_in_people(header, rows, features, settings)
    return features, people, [r["id"] for r in rows]


class StderrProgress:
    """The package's progress events on standard error, at most one update every 10 s, so that
    a run stopped by the time limit still tells how far it got."""

    def __init__(self):
        self.started = time.perf_counter()
        self.last = float("-inf")

    def line(self, message):
        print(f"[{time.perf_counter() - self.started:7.1f} s] {message}", file=sys.stderr, flush=True)

    def start_phase(self, name, total=None, *, message=None):
        self.line(message or name)

    def update(self, current, *, message=None):
        now = time.perf_counter()
        if now - self.last >= 10:
            self.last = now
            self.line(message or str(current))

    def end_phase(self):
        self.last = float("-inf")


def run(folder, k, seed):
    from sortition_algorithms.committee_generation import find_distribution_maximin, standardize_distribution
    from sortition_algorithms.committee_generation import maximin
    from sortition_algorithms.utils import set_random_provider

    logging.disable(logging.WARNING)
    # Seeds both the package's own draws and HiGHS's random_seed (taken from the same provider);
    # the order of its sets of panels follows string hashes, fixed by PYTHONHASHSEED in the script.
    set_random_provider(seed)
    features, people, ids = load(folder, k)

    # The package does not return its final upper bound (the best panel's weight under the last
    # dual prices); it passes it to this report helper at each iteration, so wrap the helper.
    bounds = []
    report_update = maximin._add_report_update

    def record_bound(report, value, upper, committees):
        bounds.append(value)
        report_update(report, value, upper, committees)

    maximin._add_report_update = record_bound

    # HiGHS prints its banner on the process's standard output from C: send it to standard
    # error so that standard output carries the JSON alone.
    sys.stdout.flush()
    saved_stdout = os.dup(1)
    os.dup2(2, 1)
    try:
        started = time.perf_counter()
        committees, probabilities, _ = find_distribution_maximin(
            features,
            people,
            k,
            check_same_address_columns=[],
            solver_backend="highspy",
            progress_reporter=StderrProgress(),
        )
        seconds = time.perf_counter() - started
    finally:
        os.dup2(saved_stdout, 1)
        os.close(saved_stdout)

    committees, probabilities = standardize_distribution(committees, probabilities)
    marginal = dict.fromkeys(ids, 0.0)
    for committee, p in zip(committees, probabilities):
        for person in committee:
            marginal[person] += p
    result = {
        "tool": "sortition-algorithms",
        "version": version("sortition-algorithms"),
        "highspy": version("highspy"),
        "entry_point": "sortition_algorithms.committee_generation.find_distribution_maximin",
        "solver_backend": "highspy",
        "pool": len(ids),
        "panel": k,
        "min_probability": min(marginal.values()),
        "max_probability": max(marginal.values()),
        "upper_bound": bounds[-1] if bounds else None,
        "iterations": len(bounds),
        "panels": len(committees),
        "seconds": seconds,
    }
    print(json.dumps(result))


def machine():
    import platform

    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    return (
        f"{os.cpu_count()} cores, {len(os.sched_getaffinity(0))} usable ({model}), "
        f"{kib / 2**20:.0f} GiB, Linux {platform.release()} {platform.machine()}"
    )


def seconds(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def mib(kib):
    return f"{kib / 1024:.0f} MiB"


def read_json(path):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return None
    with open(path) as f:
        try:
            return json.load(f)
        except json.JSONDecodeError:
            return None


def read_time(path):
    """Wall seconds and peak RSS KiB written by the script's measure(), or None."""
    if not os.path.exists(path):
        return None
    with open(path) as f:
        lines = [line.split() for line in f if line.strip()]
    # GNU time writes "Command exited with non-zero status N" before the figures when the command fails.
    return (float(lines[-1][0]), float(lines[-1][1])) if lines and len(lines[-1]) == 2 else None


def read_status(path):
    """"ok", or what went wrong, as the script wrote it; None if that step was not run."""
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read().strip()


def last_progress(path):
    """The last progress line a reference run wrote before it stopped."""
    if not os.path.exists(path):
        return None
    with open(path, errors="replace") as f:
        lines = [line.strip() for line in f if line.startswith("[")]
    return lines[-1] if lines else None


def summary(out):
    instances = sorted(d for d in os.listdir(out) if os.path.isfile(os.path.join(out, d, "essaim.status")))
    versions = None
    print("### Sortition: Essaim's LEXIMIN next to the maximin of sortition-algorithms\n")
    failures = []
    rows = []
    for name in instances:
        folder = os.path.join(out, name)
        essaim, e_time = read_json(f"{folder}/essaim.json"), read_time(f"{folder}/essaim.time")
        e_status = read_status(f"{folder}/essaim.status")
        ref, r_time = read_json(f"{folder}/reference.json"), read_time(f"{folder}/reference.time")
        r_status = read_status(f"{folder}/reference.status")
        legacy = read_json(f"{folder}/legacy.json")
        if ref:
            versions = f"sortition-algorithms {ref['version']}, highspy {ref['highspy']}"

        if e_status == "ok":
            e_cell = f"{seconds(e_time[0])}, {mib(e_time[1])}"
            if essaim.get("seconds") is not None:
                e_cell += f" (solver {seconds(essaim['seconds'])})"
            e_result = (
                f"{essaim['min_probability']:.4f} / {essaim['max_probability']:.4f} / "
                f"{essaim['gini']:.3f} / {essaim['panels']}"
            )
        else:
            e_cell, e_result = e_status, ""

        if r_status == "ok":
            r_cell = f"{seconds(ref['seconds'])} (process {seconds(r_time[0])}, {mib(r_time[1])})"
            r_result = f"{ref['min_probability']:.4f}"
            if ref.get("upper_bound") is not None and ref["upper_bound"] - ref["min_probability"] > TOLERANCE:
                r_result += f" (≤ {ref['upper_bound']:.4f})"
        else:
            r_cell, r_result = r_status, ""
            progress = last_progress(f"{folder}/reference.log")
            if progress:
                r_cell += f" (last: {progress})"

        if e_status == "ok" and r_status == "ok":
            gap = essaim["min_probability"] - ref["min_probability"]
            upper = ref.get("upper_bound")
            if abs(gap) <= TOLERANCE:
                agree = f"yes ({gap:+.1e})"
            elif gap > 0 and upper is not None and essaim["min_probability"] <= upper + TOLERANCE:
                # The reference stopped within its EPS: Essaim's higher minimum is below the
                # reference's own upper bound, so it contradicts nothing.
                agree = f"within the reference's stopping gap ({gap:+.1e})"
            else:
                agree = f"**no** ({gap:+.1e})"
                failures.append(f"{name}: minimum probabilities differ by {gap:+.1e}")
        else:
            agree = "n/a"
            if e_status != "ok":
                failures.append(f"{name}: Essaim {e_status}")
            if r_status != "ok" and not r_status.startswith("did not finish"):
                failures.append(f"{name}: reference {r_status}")

        legacy_status = read_status(f"{folder}/legacy.status")
        if legacy_status == "ok":
            legacy_cell = f"{legacy['min_probability']:.4f}, row 0: {legacy['probabilities'][0]:.4f}"
        elif legacy_status:
            legacy_cell = legacy_status
            failures.append(f"{name}: Essaim legacy {legacy_status}")
        else:
            legacy_cell = ""
        pool = essaim["pool"] if essaim else (ref["pool"] if ref else "?")
        panel = essaim["panel"] if essaim else (ref["panel"] if ref else "?")
        cells = [name, pool, panel, e_cell, e_result, r_cell, r_result, agree, legacy_cell]
        rows.append("| " + " | ".join(str(c) for c in cells) + " |")

    print(f"Machine: {machine()}. Reference: {versions or 'sortition-algorithms'}, "
          f"`find_distribution_maximin`, HiGHS backend.\n")
    print(
        "| instance | pool | panel | Essaim LEXIMIN (wall, peak RSS) | min / max / gini / panels "
        "| reference maximin (algorithm only) | reference min | min agree (1e-4) | Essaim legacy: min, row 0 |"
    )
    print("|---|---:|---:|---:|---|---:|---:|---|---|")
    for row in rows:
        print(row)
    print(
        "\nRow 0 of the alternate instances is the lone female conservative: a fair selection gives "
        "her k/n like everyone else. Essaim's times are the whole command (reading the CSV files "
        "included); the reference's is its algorithm call alone."
    )
    if failures:
        print("\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "run" and len(sys.argv) in (4, 5):
        run(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) == 5 else 1)
    elif command == "summary" and len(sys.argv) == 3:
        summary(sys.argv[2])
    else:
        sys.exit(__doc__)
