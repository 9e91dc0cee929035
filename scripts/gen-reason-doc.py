#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Keep the reference's reason and knob tables generated from the C lists.

include/igmpguard/reason-list.h and knob-list.h are the single source of
truth; docs/reference.md shows them between <!-- reasons:begin/end --> and
<!-- knobs:begin/end --> markers. With --check, exit 1 if the document is
out of date instead of rewriting it.
"""
import pathlib
import re
import sys

TOP = pathlib.Path(__file__).resolve().parent.parent
DOC = "docs/reference.md"
REASON = re.compile(r'IGG_REASON\((\w+), (\w+), (\w+),\s*"([^"]*)"\)')
KNOB = re.compile(
    r'IGG_BOOL_KNOB\((\w+), IGG_R_(\w+), IGG_R_(\w+), (\d),\s*"([^"]*)"\)')


def reasons():
    text = (TOP / "include/igmpguard/reason-list.h").read_text()
    return [(n, c.lower(), d) for _, n, c, d in REASON.findall(text)]


def knobs():
    text = (TOP / "include/igmpguard/knob-list.h").read_text()
    names = {e: n for e, n, _, _ in REASON.findall(
        (TOP / "include/igmpguard/reason-list.h").read_text())}
    return [(k, ", ".join(f"`{names[r]}`" for r in (r4, r6) if r != "NONE"),
             "Y" if d == "1" else "N", h)
            for k, r4, r6, d, h in KNOB.findall(text)]


def reason_table():
    rows = ["| reason | class | meaning |", "|---|---|---|"]
    rows += [f"| `{n}` | {c} | {d} |" for n, c, d in reasons()]
    return rows


def knob_table():
    rows = ["| parameter | default | reasons | meaning |", "|---|---|---|---|"]
    rows += [f"| `{k}` | {d} | {r} | {h} |" for k, r, d, h in knobs()]
    return rows


def splice(text, tag, rows):
    begin, end = f"<!-- {tag}:begin -->", f"<!-- {tag}:end -->"
    if begin not in text or end not in text:
        sys.exit(f"gen-reason-doc: {DOC} lacks {begin} ... {end}")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return head + begin + "\n" + "\n".join(rows) + "\n" + end + tail


def main():
    doc = TOP / DOC
    old = doc.read_text()
    new = splice(splice(old, "reasons", reason_table()), "knobs", knob_table())
    if "--check" in sys.argv[1:]:
        if new != old:
            sys.exit(f"gen-reason-doc: {DOC} tables are stale; "
                     "run scripts/gen-reason-doc.py")
        print(f"gen-reason-doc: {DOC} tables match the C lists")
        return
    doc.write_text(new)


if __name__ == "__main__":
    main()
