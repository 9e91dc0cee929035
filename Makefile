# SPDX-License-Identifier: GPL-2.0
#
# igmpguard: the user-facing build. Kernel objects are built by Kbuild
# from a per-kernel copy of the tree (scripts/build-module.sh); host
# programs and tests have their own Makefiles under scripts/ and tests/.

KVER ?= $(shell uname -r)
KVERS ?= $(sort $(patsubst /lib/modules/%/build,%,$(wildcard /lib/modules/*/build)))
VERSION := $(shell cat VERSION)
FUZZ_SECONDS ?= 60
IGMPGUARD_CACHE ?= $(HOME)/.cache/igmpguard
export IGMPGUARD_CACHE

PREFIX ?= /usr
DESTDIR ?=

MAKEFLAGS += --no-print-directory

.PHONY: all deps module modules-all tool unit ctl-test vectors-check fuzz fuzz-smoke \
	difftest bench-validator sparse style docs demo bench bench-path vmtest \
	debug-kernel vmtest-debug vmtest-all check clean help

all: module tool

deps:
	@scripts/install-deps.sh

help:
	@echo "make                 build igmpguard.ko for KVER (default: running kernel) and igmpguardctl"
	@echo "make modules-all     build the module for every kernel under /lib/modules/*/build (W=1)"
	@echo "make demo            a scripted attack on igmpguard in a QEMU guest, with commentary (KVER=...)"
	@echo "make check           everything CI runs: unit, fuzz smoke, difftest, builds, sparse, style, vmtest"
	@echo "make unit            host unit tests of the validator (ASan/UBSan and valgrind)"
	@echo "make ctl-test        igmpguardctl against a fake sysfs/procfs tree"
	@echo "make fuzz            libFuzzer targets, FUZZ_SECONDS=$(FUZZ_SECONDS) each"
	@echo "make difftest        compare verdicts with tshark's dissectors"
	@echo "make docs            generated tables in docs/reference.md, dead links in README.md and docs/"
	@echo "make bench-validator validator cost per packet class"
	@echo "make bench           validator and packet-path benchmarks (figures, JSON in bench-results/)"
	@echo "make bench-path      packet path in QEMU per kernel, against no module and nftables (KVERS=...)"
	@echo "make vmtest          selftests in QEMU guests, KVERS=\"$(KVERS)\""
	@echo "make debug-kernel    build the KASAN/kmemleak/lockdep/UBSAN kernel in $(IGMPGUARD_CACHE)"
	@echo "make vmtest-debug    selftests on the debug kernel, leak and log checks, KASAN canary"
	@echo "make vmtest-all      vmtest and vmtest-debug side by side (as make check runs them)"
	@echo "make install         module for KVER, igmpguardctl, man page, completion, modprobe.d example (DESTDIR, PREFIX)"
	@echo "make uninstall       remove what make install put there (same DESTDIR, PREFIX, KVER)"
	@echo "make dkms-install    sources to /usr/src/igmpguard-$(VERSION), dkms add, build for KVERS (root)"
	@echo "make dkms-uninstall  dkms remove every igmpguard version, delete /usr/src/igmpguard-* (root)"
	@echo "make deb             igmpguard-dkms and igmpguard-tools .debs in build/deb/"
	@echo "make pkgtest         packages, DKMS and make install end to end, guests included (root)"

# W=1 as in modules-all: the same flags keep the same objects, so that
# make install (pkgtest) and make vmtest do not recompile each other's.
module:
	@scripts/build-module.sh $(KVER) W=1

modules-all:
	@set -e; for k in $(KVERS); do scripts/build-module.sh $$k W=1; done

tool:
	@$(MAKE) -C scripts/igmpguardctl

unit:
	@$(MAKE) -C tests unit

ctl-test:
	@$(MAKE) -C tests ctl

vectors-check:
	@/usr/bin/python3 scripts/gen-vectors.py --check

fuzz:
	@$(MAKE) -C tests fuzz-validator FUZZ_SECONDS=$(FUZZ_SECONDS)
	@$(MAKE) -C scripts/igmpguardctl fuzz-pcap-run FUZZ_SECONDS=$(FUZZ_SECONDS)

fuzz-smoke:
	@$(MAKE) fuzz FUZZ_SECONDS=20

difftest: tool
	@tests/difftest.sh

bench-validator:
	@$(MAKE) -C tests bench-validator

# W=1 with C=2: with the flags of modules-all, its objects stay valid and
# only sparse runs (without, both rebuild every object of every kernel).
sparse:
	@set -e; for k in $(KVERS); do scripts/build-module.sh $$k W=1 C=2; done

style:
	@scripts/style.sh

# The generated tables in docs/reference.md, and every relative link in
# README.md and docs/.
docs:
	@python3 scripts/gen-reason-doc.py --check
	@python3 tests/doclinks.py

# The newest installed kernel, not the running one, unless KVER is given.
demo: deps
	@scripts/vm/demo.sh $(if $(filter command line environment,$(origin KVER)),--kver $(KVER))

# Figures only: neither fails on a time. KVERS picks the kernels of the
# packet-path bench; BENCH_ROUNDS and BENCH_SECONDS change its runs.
bench: modules-all
	@bench/run.sh all $(addprefix --kver ,$(KVERS))

bench-path: modules-all
	@bench/run.sh path $(addprefix --kver ,$(KVERS))

# ipv6_off.py wants a guest booted without IPv6, so a second, short run.
vmtest: modules-all tool
	@scripts/vm/vmtest.sh $(addprefix --kver ,$(KVERS))
	@VMTEST_OUT=$(CURDIR)/build/vmtest-ipv6-off scripts/vm/vmtest.sh \
		$(addprefix --kver ,$(KVERS)) --append ipv6.disable=1 --tests ipv6_off

# Built once from linux-source-6.1, then reused from the cache.
debug-kernel:
	@scripts/vm/debug-kernel/build.sh

vmtest-debug: tool
	@scripts/vm/vmtest-debug.sh

# A TCG guest keeps one core busy (scripts/vm/vmtest.sh), and the debug
# lane is one guest for most of its run: it takes one core, vmtest's
# guests the others, instead of each lane waiting for the other. Each
# prints its own time; either failing fails the target. The tool is
# built first: both lanes want it, and two makes must not build it at once.
VMTEST_SIDE_JOBS := $(shell n=$$(nproc); echo $$((n > 1 ? n - 1 : 1)))
vmtest-all: tool
	@timed() { start=$$(date +%s); rc=0; $(MAKE) "$$@" || rc=$$?; \
		echo "make vmtest-all: $$1 $$([ $$rc = 0 ] && echo passed || echo FAILED) in $$(($$(date +%s) - start))s"; \
		return $$rc; }; \
	VMTEST_JOBS=$(VMTEST_SIDE_JOBS) timed vmtest & vmtest=$$!; \
	timed vmtest-debug & debug=$$!; \
	rc=0; wait $$vmtest || rc=1; wait $$debug || rc=1; exit $$rc

CHECK_STAGES := deps unit ctl-test vectors-check fuzz-smoke difftest modules-all sparse style \
	docs pkgtest vmtest-all

# The stages in turn, each with its time, so that CI's log shows where the
# minutes go.
check:
	@set -e; for stage in $(CHECK_STAGES); do \
		start=$$(date +%s); \
		$(MAKE) $$stage; \
		echo "make check: $$stage passed in $$(($$(date +%s) - start))s"; \
	done
	@echo "make check: all passed"

# Packaging and installation (scripts/pkg/). Everything is under the
# chosen DESTDIR, PREFIX and KVER; modprobe.d stays in /etc.
.PHONY: install uninstall dkms-install dkms-uninstall deb pkgtest

install: module tool
	@DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" KVER="$(KVER)" scripts/pkg/install.sh install

uninstall:
	@DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" KVER="$(KVER)" scripts/pkg/install.sh uninstall

dkms-install:
	@scripts/pkg/dkms.sh install $(KVERS)

dkms-uninstall:
	@scripts/pkg/dkms.sh uninstall

deb:
	@scripts/pkg/deb.sh

pkgtest:
	@scripts/pkg/pkgtest.sh

clean:
	rm -rf build
