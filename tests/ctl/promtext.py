#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A strict check of the Prometheus text exposition format (0.0.4).

Imported by ctl-test.py; run as a program by scripts/pkg/checks.sh on the
file the packaged timer wrote.

usage: promtext.py FILE [METRIC | METRIC=VALUE]...
Exit 0 when FILE is valid, has a sample of every METRIC and an unlabelled
sample of METRIC with VALUE; otherwise the problems on stderr and exit 1.
"""

import re
import sys

METRIC = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r"[a-zA-Z_][a-zA-Z0-9_]*"
LVALUE = r'"(?:[^"\\\n]|\\[\\"n])*"'
NUMBER = r"(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)"
HELP_RE = re.compile(r"^# HELP (%s) ((?:[^\\\n]|\\[\\n])*)$" % METRIC)
TYPE_RE = re.compile(r"^# TYPE (%s) (counter|gauge|histogram|summary|untyped)$" % METRIC)
SAMPLE_RE = re.compile(r"^(%s)(?:\{((?:%s=%s(?:,%s=%s)*,?)?)\})? (%s)(?: -?\d+)?$" % (
    METRIC, LABEL, LVALUE, LABEL, LVALUE, NUMBER))
PAIR_RE = re.compile(r"(%s)=(%s)" % (LABEL, LVALUE))


def prom_check(text):
    """Problems with @text as Prometheus text format 0.0.4, and the samples.

    Strict: every line is HELP, TYPE or a sample; a family has at most one
    HELP and one TYPE, both before its samples; a family's samples are
    contiguous; counters end in _total; no series appears twice; label
    names are unique within a sample; the text ends with a newline.
    """
    problems, samples = [], {}
    helps, types, done, seen = set(), {}, set(), set()
    current = None
    if not text.endswith("\n"):
        problems.append("does not end with a newline")
    for no, line in enumerate(text.split("\n")[:-1], 1):
        m = HELP_RE.match(line) or TYPE_RE.match(line)
        if m:
            name = m.group(1)
            kind = "HELP" if line.startswith("# HELP") else "TYPE"
            if name in done or (current == name and name in seen):
                problems.append("%d: %s of %s after its samples" % (no, kind, name))
            if kind == "HELP":
                if name in helps:
                    problems.append("%d: second HELP for %s" % (no, name))
                helps.add(name)
            else:
                if name in types:
                    problems.append("%d: second TYPE for %s" % (no, name))
                types[name] = m.group(2)
                if m.group(2) == "counter" and not name.endswith("_total"):
                    problems.append("%d: counter %s not named *_total" % (no, name))
            if current != name and current is not None:
                done.add(current)
            current = name
            continue
        m = SAMPLE_RE.match(line)
        if not m:
            problems.append("%d: not HELP, TYPE or a sample: %r" % (no, line))
            continue
        name, labels, value = m.group(1), m.group(2) or "", m.group(3)
        if name != current:
            if name in done or name in seen:
                problems.append("%d: samples of %s not contiguous" % (no, name))
            if current is not None:
                done.add(current)
            current = name
        if name not in types:
            problems.append("%d: sample of %s before its TYPE" % (no, name))
        seen.add(name)
        pairs = PAIR_RE.findall(labels)
        names = [p[0] for p in pairs]
        if len(set(names)) != len(names):
            problems.append("%d: repeated label name" % no)
        key = (name, tuple(sorted(pairs)))
        if key in samples:
            problems.append("%d: series repeated" % no)
        samples[key] = float(value)
    return problems, samples


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 1
    with open(argv[1]) as f:
        problems, samples = prom_check(f.read())
    names = set(name for name, _ in samples)
    for want in argv[2:]:
        name, eq, value = want.partition("=")
        if name not in names:
            problems.append("no sample of %s" % name)
        elif eq and samples.get((name, ())) != float(value):
            problems.append("%s is %s, not %s" % (name, samples.get((name, ())), value))
    for p in problems:
        sys.stderr.write("%s: %s\n" % (argv[1], p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
