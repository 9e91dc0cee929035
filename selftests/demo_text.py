# SPDX-License-Identifier: GPL-2.0
"""The demo's commentary and tallies, shared by demo.py and its acts in
demo_*.py."""

WIDTH = 76


def say(text=""):
    print(text, flush=True)


def heading(text):
    say()
    say("=" * WIDTH)
    say(text)
    say("=" * WIDTH)


def sub(text):
    say()
    say("--- %s %s" % (text, "-" * max(3, WIDTH - 5 - len(text))))


class Tally:
    def __init__(self):
        self.sent = 0
        self.delivered = 0
        self.bad = []
        self.reasons = {}

    def add(self, delivered, want, what):
        self.sent += 1
        self.delivered += bool(delivered)
        if bool(delivered) != want:
            self.bad.append(what)
