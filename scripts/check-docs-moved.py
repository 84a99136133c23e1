#!/usr/bin/env python3
"""Checks that the documentation lost nothing when the README was split into docs/.

Usage: scripts/check-docs-moved.py [OLD_REVISION [NEW_REVISION]]
  (defaults: 1c59fef, the last long README; d020369, the split's last commit)

A record of the split, not a continuing check: pages changed after the split on purpose (new
figures, chain version 3), so it compares against the pages as the split left them. Pass `HEAD`
as NEW_REVISION to compare with today's pages (later deliberate replacements then show).

Compares the README at OLD_REVISION with README.md plus docs/*.md at NEW_REVISION: every fenced code block, every table row and every prose line of the old README must appear
in the new text (whitespace collapsed; a prose line may have been re-wrapped). Prints what is
missing and exits 1 if anything is; each line it prints must be accounted for by hand.
"""
import glob, re, subprocess, sys

rev = sys.argv[1] if len(sys.argv) > 1 else "1c59fef"
old = subprocess.run(["git", "show", f"{rev}:README.md"], capture_output=True, text=True, check=True).stdout
newrev = sys.argv[2] if len(sys.argv) > 2 else "d020369"
listed = subprocess.run(["git", "ls-tree", "--name-only", f"{newrev}:docs"], capture_output=True, text=True,
                        check=True).stdout.split()
files = ["README.md"] + sorted(f"docs/{f}" for f in listed if f.endswith(".md"))
new = "\n".join(subprocess.run(["git", "show", f"{newrev}:{f}"], capture_output=True, text=True, check=True).stdout
                for f in files)

def norm(s):
    s = re.sub(r"^\s*#{1,6} ", "", s)  # headings moved a level up on their own page
    return re.sub(r"\s+", " ", s).strip()

# Lines changed on purpose: a cross-reference to a section ("below", "see X") became a link to
# the page it moved to, and the notes outside the repository are no longer named. Each entry is
# (old text, the text that replaces it); the replacement must be found instead.
REWORDED = [
    ("| the ledger (below) |", "| the ledger ([LEDGER.md](LEDGER.md)) |"),
    ("scheduled verification with alerting (below) |", "scheduled verification with alerting ([WATCH.md](WATCH.md)) |"),
    ("HTML (and PDF) (below) |", "HTML (and PDF) ([COMMITTEE.md](COMMITTEE.md#the-coin-dossier-report)) |"),
    ("signed verification records (below) |", "signed verification records ([COMMITTEE.md](COMMITTEE.md#signed-verification-records)) |"),
    ("finding by finding (below) |", "finding by finding ([COMMITTEE.md](COMMITTEE.md#diff-two-evaluations-side-by-side)) |"),
    ("(`bank-policy/1`, below)", "(`bank-policy/1`, [POLICY.md](POLICY.md))"),
    ('`valid` (above, "Envelopes and signatures")', '`valid` ([Envelopes and signatures](ENVELOPES.md), "ECDSA high S")'),
    ("all evidence (below).", "all evidence ([JSON-OUTPUT.md](JSON-OUTPUT.md))."),
    ('(see "The trust store" for the keys refused at load)', "(see [The trust store](TRUST-STORE.md) for the keys refused at load)"),
    ('see "Timestamps" below.', "see [Timestamps](#timestamps-rfc-3161) below."),
    ('(see "What `verify` says")', "(the proven signing time above; see also [What `verify` says](CLI.md#what-verify-says))"),
    ("![A coin dossier](docs/images/dossier.png)", "![A coin dossier](images/dossier.png)"),
    ('(see "Timestamps":', "(see [Timestamps](TRUST-STORE.md#timestamps-rfc-3161):"),
    ('("The job file")', "([The job file](WATCH.md#the-job-file))"),
    ("Layout", "The modules"),
    ("Where this differs from the shared design notes", "Design decisions behind the format and the rules"),
    (" BASEL.md gives none either.", ""),
    ("(DESIGN.md allows TOML or YAML)", "(a design that allowed TOML or YAML was narrowed)"),
]

for before, after in REWORDED:
    assert after == "" or after in new, f"the replacement of {before!r} is missing: {after!r}"
    old = old.replace(before, after)
new_norm = re.sub(r"\s+", " ", new)
new_lines = {norm(l) for l in new.split("\n")}
missing = {"code block": [], "table row": [], "line": []}

blocks, block, fence = [], [], False
for line in old.split("\n"):
    if line.strip().startswith("```"):
        if fence:
            blocks.append("\n".join(block))
            block = []
        fence = not fence
        continue
    if fence:
        block.append(line)
        continue
    if not line.strip():
        continue
    if line.startswith("|"):
        if norm(line) not in new_lines:
            missing["table row"].append(line)
    elif norm(line) not in new_norm:
        missing["line"].append(line)
for b in blocks:
    if norm(b) not in new_norm:
        missing["code block"].append(b)

total = 0
for kind, items in missing.items():
    for item in items:
        total += 1
        print(f"--- missing {kind}:\n{item}")
print(f"{len(REWORDED)} rewordings applied; {len(blocks)} code blocks, {sum(1 for l in old.split(chr(10)) if l.startswith('|'))} table rows checked; "
      f"{total} item(s) not found verbatim in README.md + docs/*.md")
sys.exit(1 if total else 0)
