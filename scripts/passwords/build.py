#!/usr/bin/env python3
"""Build crates/domain/data/common-passwords.txt from @zxcvbn-ts/language-common.

Usage:
    python3 scripts/passwords/build.py PATH/TO/UNPACKED/package [OUTPUT]

PATH is the folder that `npm pack` + `tar xzf` produce (it holds
src/passwords.json, a JSON array of common passwords ranked by frequency).
OUTPUT defaults to crates/domain/data/common-passwords.txt in this repo.

Output: one password per line, lowercased, deduplicated, sorted by code point
(the order Rust's `str` comparison uses, so the crate can binary-search it), and
only entries of at least 8 characters: shorter ones are refused by the length
rule anyway. A short hand-written list of common French passwords is added.

Uses the Python 3 standard library only; the output is deterministic.
"""

import json
import sys
from pathlib import Path

MIN_LENGTH = 8

# Common French passwords (AZERTY keyboard, "mot de passe", a few favourites)
# that an English-centred list misses; kept deliberately short.
FRENCH = [
    "azertyuiop",
    "azertyuiop123",
    "motdepasse",
    "motdepasse123",
    "123456789012",
    "soleil123456",
    "jetaime123456",
    "bonjour123456",
    "doudou123456",
    "marseille1234",
    "allezlom1234",
]


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    package = Path(argv[1])
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if meta.get("name") != "@zxcvbn-ts/language-common":
        print(f"{package} is not @zxcvbn-ts/language-common", file=sys.stderr)
        return 2
    repo = Path(__file__).resolve().parents[2]
    out = Path(argv[2]) if len(argv) == 3 else repo / "crates" / "domain" / "data" / "common-passwords.txt"

    source = json.loads((package / "src" / "passwords.json").read_text(encoding="utf-8"))
    words = set()
    for entry in source + FRENCH:
        if not isinstance(entry, str):
            raise ValueError(f"unexpected entry {entry!r}")
        word = entry.strip().lower()
        # A newline inside an entry would split it into two lines.
        if "\n" in word or "\r" in word:
            raise ValueError(f"line break in {entry!r}")
        if len(word) >= MIN_LENGTH:
            words.add(word)
    added = sorted(w for w in FRENCH if w not in {e.lower() for e in source})

    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for word in sorted(words):
            f.write(word + "\n")
    print(
        f"wrote {out} from {meta['name']}@{meta['version']}: "
        f"{len(words)} passwords, {len(added)} French ones added"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
