"""red-dwarf (Pol.is's math reimplemented in Python) on a Pol.is export folder, next to Essaim.

Used by bench/deliberation.sh, inside the virtual environment it makes:

  python bench/deliberation_reddwarf.py run DIR OUT.json
      loads DIR/votes.csv and DIR/comments.csv, runs red-dwarf's Pol.is pipeline
      (`reddwarf.implementations.polis.run_pipeline` with its Pol.is defaults: at least 7 votes
      to be clustered, PCA with the sparsity-aware scaling, k-means from Pol.is's
      initialisation, 2 to 5 groups chosen by silhouette) and writes its timings and the group of
      each participant to OUT.json.

  python bench/deliberation_reddwarf.py summary OUT
      prints the Markdown summary of a run of bench/deliberation.sh from its folder OUT:
      OUT/data (the generated conversation and its planted-groups.csv), OUT/essaim.json (the
      output of `essaim deliberation analyze OUT/data --json`), OUT/essaim-runs.tsv (wall
      seconds and peak RSS KiB of that command, then the seconds of reading the folder and of
      the analysis as `--timings` reports them, per run), OUT/reddwarf-N.json
      and OUT/reddwarf-runs.tsv (wall seconds, peak RSS KiB per run). The adjusted Rand index
      compares Essaim's groups with red-dwarf's over the participants both clustered, and each
      with the planted groups.
"""

import json
import resource
import sys
import time
from importlib.metadata import version


def load(folder):
    """Votes as red-dwarf takes them (a list of dicts), and the moderated-out statements."""
    import pandas as pd

    votes = pd.read_csv(f"{folder}/votes.csv", usecols=["timestamp", "comment-id", "voter-id", "vote"])
    votes = votes.rename(
        columns={
            "timestamp": "modified",
            "comment-id": "statement_id",
            "voter-id": "participant_id",
        }
    )
    # A participant may change their vote: the latest counts, as in Pol.is (red-dwarf's pivot
    # refuses duplicates).
    votes = votes.sort_values("modified", kind="stable").drop_duplicates(
        ["participant_id", "statement_id"], keep="last"
    )
    comments = pd.read_csv(f"{folder}/comments.csv", usecols=["comment-id", "moderated"])
    moderated_out = comments.loc[comments["moderated"] < 0, "comment-id"].astype(int).tolist()
    # Votes on statements moderated out are left to red-dwarf, which zeroes those columns.
    return votes.to_dict("records"), moderated_out


def run(folder, out):
    import warnings

    # red-dwarf's models make pydantic warn at import; nothing to do with this run.
    warnings.filterwarnings("ignore", module="pydantic")
    from reddwarf.implementations.polis import run_pipeline
    from threadpoolctl import threadpool_info

    started = time.perf_counter()
    votes, moderated_out = load(folder)
    loaded = time.perf_counter()

    result = run_pipeline(
        votes=votes,
        mod_out_statement_ids=moderated_out,
        min_user_vote_threshold=7,
        max_group_count=5,
        random_state=0,
    )
    done = time.perf_counter()
    participants = result.participants_df
    clustered = participants[participants["to_cluster"]]
    assignments = {
        str(int(pid)): (None if pd_isna(g) else int(g))
        for pid, g in participants["cluster_id"].items()
    }
    labels = clustered["cluster_id"].dropna().astype(int)
    report = {
        "tool": "red-dwarf",
        "version": version("red-dwarf"),
        "entry_point": "reddwarf.implementations.polis.run_pipeline",
        "participants": int(len(participants)),
        "statements": int(result.raw_vote_matrix.shape[1]),
        "votes": len(votes),
        "clustered": int(len(clustered)),
        "groups": int(labels.nunique()),
        "group_sizes": sorted(labels.value_counts().tolist(), reverse=True),
        "load_seconds": loaded - started,
        "pipeline_seconds": done - loaded,
        "total_seconds": done - started,
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "threadpools": [
            {k: pool.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
            for pool in threadpool_info()
        ],
        "assignments": assignments,
    }
    with open(out, "w") as f:
        json.dump(report, f)
    print(
        f"red-dwarf {report['version']}: {report['groups']} groups {report['group_sizes']}, "
        f"pipeline {report['pipeline_seconds']:.2f} s, with CSV loading {report['total_seconds']:.2f} s, "
        f"peak RSS {report['peak_rss_kib'] / 1024:.0f} MiB",
        file=sys.stderr,
    )


def pd_isna(value):
    import pandas as pd

    return bool(pd.isna(value))


def groups_of(assignments):
    return {int(p): g for p, g in assignments.items() if g is not None}


def ari_between(a, b):
    from sklearn.metrics import adjusted_rand_score

    both = sorted(set(a) & set(b))
    if len(both) < 2:
        return None, len(both)
    return float(adjusted_rand_score([a[p] for p in both], [b[p] for p in both])), len(both)


def median(values):
    values = sorted(values)
    n = len(values)
    if n == 0:
        return float("nan")
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def read_tsv(path):
    with open(path) as f:
        return [[float(x) for x in line.split()] for line in f if line.strip()]


def machine():
    import os
    import platform

    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    return f"{len(os.sched_getaffinity(0))} cores ({model}), {kib / 2**20:.0f} GiB, Linux {platform.release()} {platform.machine()}"


def seconds(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def mib(kib):
    return f"{kib / 1024:.0f} MiB"


def fmt_ari(x):
    return "n/a" if x is None else f"{x:.3f}"


def summary(out):
    import glob
    import os

    with open(f"{out}/essaim.json") as f:
        essaim = json.load(f)
    runs = read_tsv(f"{out}/essaim-runs.tsv")
    e_wall, e_rss = median([r[0] for r in runs]), median([r[1] for r in runs])
    e_read, e_analysis = median([r[2] for r in runs]), median([r[3] for r in runs])
    rd_files = sorted(glob.glob(f"{out}/reddwarf-*.json"))
    rd = []
    for path in rd_files:
        with open(path) as f:
            rd.append(json.load(f))
    rd_runs = read_tsv(f"{out}/reddwarf-runs.tsv")
    r_pipeline = median([r["pipeline_seconds"] for r in rd])
    r_total = median([r["total_seconds"] for r in rd])
    r_wall, r_rss = median([r[0] for r in rd_runs]), median([r[1] for r in rd_runs])
    first = rd[0]

    ours, theirs = groups_of(essaim["assignments"]), groups_of(first["assignments"])
    between, both = ari_between(ours, theirs)
    planted = None
    planted_path = f"{out}/data/planted-groups.csv"
    if os.path.exists(planted_path):
        import pandas as pd

        table = pd.read_csv(planted_path)
        planted = dict(zip(table["participant"].astype(int), table["planted-group"].astype(int)))
    blas = ", ".join(
        sorted(
            {
                " ".join(str(x) for x in (p["internal_api"], p["version"]) if x)
                + (f" ({p['architecture']})" if p.get("architecture") else "")
                + f" × {p['num_threads']} threads"
                for p in first.get("threadpools", [])
            }
        )
    )
    sizes = lambda groups: ", ".join(str(g) for g in groups)
    print(
        f"### {essaim['participants']:,} participants × {essaim['statements']} statements, "
        f"{essaim['votes']:,} votes\n"
    )
    print(f"Machine: {machine()}. red-dwarf {first['version']} (`{first['entry_point']}`), {blas}.")
    print(
        f"Medians of {len(runs)} runs of Essaim and {len(rd_runs)} of red-dwarf; "
        f"{essaim['clustered']:,} participants clustered by Essaim, {first['clustered']:,} by red-dwarf.\n"
    )
    print("| | Essaim | red-dwarf | red-dwarf / Essaim |")
    print("|---|---:|---:|---:|")
    print(
        f"| full recompute (votes in memory to groups, repness, consensus) | {seconds(e_analysis)} "
        f"| {seconds(r_pipeline)} | {r_pipeline / e_analysis:.0f}× |"
    )
    print(
        f"| the same with the CSV files read | {seconds(e_read + e_analysis)} | {seconds(r_total)} "
        f"| {r_total / (e_read + e_analysis):.0f}× |"
    )
    print(
        f"| whole process, CSV reading included (wall, start to exit) | {seconds(e_wall)} "
        f"| {seconds(r_wall)} | {r_wall / e_wall:.0f}× |"
    )
    print(f"| peak memory (max RSS of the process) | {mib(e_rss)} | {mib(r_rss)} | {r_rss / e_rss:.1f}× |")
    print(
        f"| groups (sizes) | {len(essaim['groups'])} ({sizes(g['size'] for g in essaim['groups'])}) "
        f"| {first['groups']} ({sizes(first['group_sizes'])}) | |"
    )
    if planted is not None:
        e_planted, _ = ari_between(ours, planted)
        r_planted, _ = ari_between(theirs, planted)
        print(f"| adjusted Rand index against the planted groups | {fmt_ari(e_planted)} | {fmt_ari(r_planted)} | |")
    print(
        f"\nAdjusted Rand index between Essaim and red-dwarf: {fmt_ari(between)} over {both:,} "
        f"participants both clustered. red-dwarf's CSV loading into its input (pandas, outside "
        f"its pipeline): {seconds(r_total - r_pipeline)}; the process's remaining time is Python's "
        f"start and imports."
    )


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "run" and len(sys.argv) == 4:
        run(sys.argv[2], sys.argv[3])
    elif command == "summary" and len(sys.argv) == 3:
        summary(sys.argv[2])
    else:
        sys.exit(__doc__)
