#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fail on a dead relative link in the documentation.

The README sends newcomers into docs/, and those pages link to each other
and into the tree by path and by #anchor. A file moved or a heading
reworded breaks a link silently; this finds it before a reader does.

Every link outside code blocks and code spans in README.md and docs/*.md
(or the files given) is checked: [text](path), [text](path#anchor),
[text](#anchor), and reference definitions "[id]: path". The path must
name a file or directory inside the repository; an anchor into a Markdown
file must be the GitHub slug of one of its headings, and one into any
other file must be a line (#L12, #L12-L20) it has. Links with a scheme
(https:, mailto:) are not followed.

usage: doclinks.py [FILE...]   (default: README.md docs/*.md)
Exit status 0 when every link resolves, 1 otherwise.
"""
import pathlib
import re
import sys
import urllib.parse

TOP = pathlib.Path(__file__).resolve().parent.parent

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# [text](target) or [text](target "title"); the text may hold one level
# of brackets, the target may be written <like this>.
INLINE = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^\s)]+)"
                    r"(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
HTML_ANCHOR = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"", re.I)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
LINE_ANCHOR = re.compile(r"^L(\d+)(?:-L(\d+))?$")


def prose_lines(text):
    """(line number, line) of every line outside fenced code blocks."""
    fence = None
    for n, line in enumerate(text.splitlines(), 1):
        m = FENCE.match(line)
        if fence:
            # Closed by a line of the same character, at least as long.
            if m and m.group(1)[0] == fence[0] and \
                    len(m.group(1)) >= len(fence) and \
                    not line.strip().lstrip(fence[0]):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        yield n, line


def heading_text(raw):
    """The text GitHub renders for a heading's Markdown."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", raw)   # links, images
    text = re.sub(r"<[^>]+>", "", text)                      # inline HTML
    return text.replace("`", "")


def slug(text):
    """GitHub's anchor for a heading: lower case, punctuation other than
    '-' and '_' dropped, each space a '-'."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(path):
    """Every anchor a Markdown file offers, duplicates numbered as GitHub
    does (x, x-1, x-2, ...)."""
    seen = {}
    found = set()
    prev = ""
    for _, line in prose_lines(path.read_text()):
        found.update(HTML_ANCHOR.findall(line))
        m = ATX.match(line)
        title = None
        if m:
            title = m.group(2)
        elif SETEXT.match(line) and prev.strip() and \
                not re.match(r"^ {0,3}([#|>*+-]|\d+[.)])", prev):
            title = prev.strip()
        prev = line
        if title is None:
            continue
        base = slug(heading_text(title))
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def links(path):
    """(line number, target) of every link in a Markdown file."""
    for n, line in prose_lines(path.read_text()):
        m = REFERENCE.match(line)
        if m:
            yield n, m.group(1).strip("<>")
            continue
        # Code spans hold examples, not links; keep their place so that
        # a link whose text is code still matches.
        line = CODE_SPAN.sub("code", line)
        for m in INLINE.finditer(line):
            yield n, m.group(1).strip("<>")


def rel(path):
    """path as the reader names it: from the top of the tree."""
    return path.relative_to(TOP) if TOP in path.parents else path


def problem(source, target, cache):
    """Why target, linked from source, is dead; None when it resolves."""
    if SCHEME.match(target):
        return None
    part, _, anchor = target.partition("#")
    part = urllib.parse.unquote(part)
    dest = (source.parent / part).resolve() if part else source
    if TOP != dest and TOP not in dest.parents:
        return "points outside the repository"
    if not dest.exists():
        return "no such file"
    if not anchor:
        return None
    anchor = urllib.parse.unquote(anchor)
    if dest.is_dir():
        return "an anchor into a directory"
    if dest.suffix == ".md":
        if dest not in cache:
            cache[dest] = anchors(dest)
        if anchor not in cache[dest]:
            return f"no heading with anchor #{anchor} in {rel(dest)}"
        return None
    m = LINE_ANCHOR.match(anchor)
    if not m:
        return f"#{anchor} is neither a heading nor a line"
    count = len(dest.read_text(errors="replace").splitlines())
    if any(int(x) > count for x in m.groups() if x):
        return f"#{anchor}: {rel(dest)} has {count} lines"
    return None


def main():
    args = sys.argv[1:]
    if args and args[0] in ("-h", "--help"):
        print("usage: " + __doc__.split("usage: ", 1)[1].strip())
        return 0
    files = [pathlib.Path(a).resolve() for a in args] or \
        [TOP / "README.md"] + sorted((TOP / "docs").glob("*.md"))
    cache = {}
    dead = checked = 0
    for f in files:
        if not f.is_file():
            print(f"doclinks: {rel(f)}: no such file", file=sys.stderr)
            return 1
        for n, target in links(f):
            checked += 1
            why = problem(f, target, cache)
            if why:
                dead += 1
                print(f"{rel(f)}:{n}: dead link '{target}': {why}",
                      file=sys.stderr)
    if dead:
        print(f"doclinks: {dead} of {checked} links dead", file=sys.stderr)
        return 1
    print(f"doclinks: all {checked} links in {len(files)} file(s) resolve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
