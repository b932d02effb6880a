# EU–Korea Digital Partnership portal. See README.md.
#   make run    install what is missing, build, start the whole stack on :$(PORT)
#   make stop   stop every process this checkout started
#   make cluster  the same on a three-node Galera cluster behind HAProxy, two app
#               instances, one nginx on :$(CLUSTER_PORT) (docs/scaling.md); also
#               make cluster-status, cluster-stop-node N=k, cluster-start-node N=k
#   make test   the same stack on :$(TEST_PORT) with sanitizers, then every test
#   make check-layers  no include goes up a layer of cgi/ (cgi/README.md)
#   make valgrind  the HTTP tests against the app under valgrind
#   make bench  wrk against the release build: bench/results.md (with bench/cluster.sh)
#   make fuzz   every fuzz target for FUZZ_SECONDS (fuzz/README.md)
#   make clean  stop, then remove build/ and var/

PORT ?= 8080
TEST_PORT ?= 18080
VALGRIND_PORT ?= 18090
BENCH_PORT ?= 18100
SHOTS_PORT ?= 18110
CLUSTER_PORT ?= 8080
# The failure test's own cluster (tests/cluster): ports CLUSTER_TEST_PORT .. +22.
CLUSTER_TEST_PORT ?= 18140
BENCH_CLUSTER_PORT ?= 18170
SHELL := /bin/bash

CC := gcc
CXX := g++
PKGS := fcgi libmariadb libctemplate libsodium libcmark yajl xlsxwriter liboath libqrencode
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread

WARN := -Wall -Wextra -Werror
CPPFLAGS := -D_GNU_SOURCE -Icgi -Ibuild/gen -MMD -MP
CFLAGS := -std=c11 $(WARN) -Wshadow -Wstrict-prototypes -Wformat=2 -Wvla-larger-than=4096
CXXFLAGS := -std=c++11 $(WARN)
# Release build (make run) and sanitizer build (make test).
REL := -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
SAN := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# Everything but the program entry points (cgi/*.c): the layers of cgi/
# (cgi/README.md), shared by the app, portalctl and the tests.
LAYERS := base db model ops http view pages
CORE := $(patsubst cgi/%.c,%,$(foreach l,$(LAYERS),$(wildcard cgi/$(l)/*.c)))
CORE_CXX := view/tmpl
GEN_C := messages
GEN_CXX := tmpl_names

TEMPLATES := $(wildcard templates/*.tpl)
LANGS := en ko
LOCALIZED := $(foreach l,$(LANGS),$(patsubst templates/%,build/templates/$(l)/%,$(TEMPLATES)))
GEN_HEADERS := build/gen/messages.h build/gen/tmpl_names.h
# The schema version the code is built for: the highest sql/NNN_*.sql.
GEN_HEADERS += build/gen/schema_version.h

UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
# C tests that need the test instance's MariaDB: run by the HTTP suite (tests/db/).
DB_TESTS := $(patsubst tests/db/%.c,build/dbtests/%,$(wildcard tests/db/*.c))

objs = $(addprefix build/$(1)/,$(addsuffix .o,$(CORE) $(CORE_CXX) $(GEN_C) $(GEN_CXX)))

.PHONY: bench-cluster cluster cluster-status cluster-stop-node cluster-start-node
.PHONY: all deps test-deps test-packages run stop test unit valgrind bench screenshots clean check-layers
.DEFAULT_GOAL := all

all: build/portal build/portalctl templates

templates: $(LOCALIZED)
.PHONY: templates

deps:
	@tools/deps.sh

# The browser tests' npm packages (exact versions in the lock file), installed
# again only when the lock file changes. Nothing downloads a browser: the
# tests drive Debian's chromium.
BROWSER_MODULES := tests/browser/node_modules/.installed

test-deps: $(BROWSER_MODULES)

test-packages:
	@tools/deps.sh --test

$(BROWSER_MODULES): tests/browser/package.json tests/browser/package-lock.json | test-packages
	@echo "  NPM   tests/browser (npm ci)"
	@cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# ---- generated sources -------------------------------------------------------
build/templates/%.tpl: $(TEMPLATES) templates/messages/en.txt templates/messages/ko.txt tools/localize.awk
	@mkdir -p $(@D)
	@lang=$$(basename $$(dirname $@)); \
	awk -v catalogue=templates/messages/$$lang.txt -f tools/localize.awk templates/$(notdir $@) > $@.tmp && mv $@.tmp $@

build/gen/messages.h build/gen/messages.c &: templates/messages/en.txt templates/messages/ko.txt tools/gen-messages.awk
	@mkdir -p build/gen
	@echo "  GEN   build/gen/messages.[ch]"
	@awk -v out_h=build/gen/messages.h -v out_c=build/gen/messages.c -f tools/gen-messages.awk \
		templates/messages/en.txt templates/messages/ko.txt

build/gen/tmpl_names.h build/gen/tmpl_names.cc &: $(LOCALIZED) tools/gen-tmpl-names.sh
	@mkdir -p build/gen
	@echo "  GEN   build/gen/tmpl_names.{h,cc}"
	@tools/gen-tmpl-names.sh build/gen/tmpl_names.h build/gen/tmpl_names.cc $(LOCALIZED)

build/gen/schema_version.h: $(wildcard sql/[0-9][0-9][0-9]_*.sql)
	@mkdir -p build/gen
	@echo "  GEN   $@"
	@v=$$(ls sql | sed -n 's/^\([0-9][0-9][0-9]\)_[a-z0-9_]*\.sql$$/\1/p' | sort | tail -n1); \
	printf '#define SCHEMA_VERSION_CODE %d\n' "$$((10#$${v:-0}))" > $@.tmp && mv $@.tmp $@

# ---- objects: build/rel (optimised) and build/san (sanitizers) ---------------
define variant
build/$(1)/%.o: cgi/%.c | $(GEN_HEADERS)
	@mkdir -p $$(@D)
	@echo "  CC    $$@"
	@$$(CC) $$(CPPFLAGS) $$(CFLAGS) $(2) $$(PKG_CFLAGS) -c $$< -o $$@
build/$(1)/%.o: cgi/%.cc | $(GEN_HEADERS)
	@mkdir -p $$(@D)
	@echo "  CXX   $$@"
	@$$(CXX) $$(CPPFLAGS) $$(CXXFLAGS) $(2) $$(PKG_CFLAGS) -c $$< -o $$@
build/$(1)/%.o: build/gen/%.c | $(GEN_HEADERS)
	@mkdir -p $$(@D)
	@echo "  CC    $$@"
	@$$(CC) $$(CPPFLAGS) $$(CFLAGS) $(2) -c $$< -o $$@
build/$(1)/%.o: build/gen/%.cc | $(GEN_HEADERS)
	@mkdir -p $$(@D)
	@echo "  CXX   $$@"
	@$$(CXX) $$(CPPFLAGS) $$(CXXFLAGS) -Wno-unused-variable $(2) $$(PKG_CFLAGS) -c $$< -o $$@
build/$(1)/portal: build/$(1)/main.o build/$(1)/worker.o $$(call objs,$(1))
	@echo "  LINK  $$@"
	@$$(CXX) $(2) -o $$@ $$^ $$(PKG_LIBS)
build/$(1)/portalctl: build/$(1)/portalctl.o $$(call objs,$(1))
	@echo "  LINK  $$@"
	@$$(CXX) $(2) -o $$@ $$^ $$(PKG_LIBS)
endef
$(eval $(call variant,rel,$(REL)))
$(eval $(call variant,san,$(SAN)))

# Replaced, not overwritten: the running instance keeps its old file.
build/portal build/portalctl: build/%: build/rel/%
	@cp $< $@.new && mv -f $@.new $@

build/tests/%: tests/unit/%.c tests/unit/check.h $(call objs,san)
	@mkdir -p $(@D)
	@echo "  TEST  $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -Itests/unit -o $@ $< $(call objs,san) $(PKG_LIBS) -lstdc++

build/dbtests/%: tests/db/%.c tests/unit/check.h $(call objs,san)
	@mkdir -p $(@D)
	@echo "  TEST  $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -Itests/unit -o $@ $< $(call objs,san) $(PKG_LIBS) -lstdc++

include fuzz/Makefile.inc
-include $(wildcard build/*/*.d build/*/*/*.d)

# ---- the two commands ----------------------------------------------------------
run: deps all
	@tools/stack.sh start var/run $(PORT) build/portal
	@echo
	@echo "The portal is running: http://127.0.0.1:$(PORT)/"
	@echo
	@echo "Demo accounts (login, password, authenticator key: add the key to any TOTP app; also in var/run/demo-accounts.txt):"
	@sed 's/^/  /' var/run/demo-accounts.txt
	@echo
	@echo "Logs: var/run/log/ (app.log, nginx-*.log, mariadb.log). Stop it with: make stop"

stop:
	@for d in var/run var/test var/bench var/valgrind var/shots var/test-b var/test-c; do [ -d $$d ] && tools/stack.sh stop $$d; done; true
	@for d in var/cluster var/test-cluster var/bench-cluster; do [ -d $$d ] && tools/cluster.sh stop $$d; done; true

# ---- the Galera cluster (tools/cluster.sh, docs/scaling.md) ---------------------
cluster: deps all
	@tools/deps.sh --cluster
	@s=$$(date +%s); tools/cluster.sh start var/cluster $(CLUSTER_PORT) build/portal && \
	echo && tools/cluster.sh status var/cluster && echo && \
	echo "The portal is running on a three-node Galera cluster: http://127.0.0.1:$(CLUSTER_PORT)/ (started in $$(( $$(date +%s) - s )) s)" && \
	echo && echo "Demo accounts (login, password; also in var/cluster/demo-accounts.txt):" && \
	sed 's/^/  /' var/cluster/demo-accounts.txt && echo && \
	echo "Logs: var/cluster/node*/mariadb.log, var/cluster/app*/log/, var/cluster/web/log/." && \
	echo "make cluster-status | cluster-stop-node N=k | cluster-start-node N=k; stop it all with: make stop"

cluster-status:
	@tools/cluster.sh status var/cluster

cluster-stop-node:
	@tools/cluster.sh stop-node var/cluster $(N)

cluster-start-node:
	@tools/cluster.sh start-node var/cluster $(N)

test: deps test-deps build/san/portal build/san/portalctl templates $(addprefix build/tests/,$(UNIT_TESTS)) $(DB_TESTS)
	@TEST_PORT=$(TEST_PORT) CLUSTER_TEST_PORT=$(CLUSTER_TEST_PORT) tests/run-all.sh

# The README's pictures: the browser tests' screenshot scenario on a fresh
# instance (var/shots), written to docs/screenshots/.
screenshots: deps test-deps all
	@rm -rf var/shots && tools/stack.sh start var/shots $(SHOTS_PORT) build/portal >/dev/null
	@SCREENSHOTS_DIR=docs/screenshots node tests/browser/run.js --port $(SHOTS_PORT) --instance var/shots \
		-k screenshots; rc=$$?; tools/stack.sh stop var/shots; exit $$rc

# wrk against the release build; writes bench/results.md (bench/run.sh).
bench: deps all build/bench/hashtime
	@tools/deps.sh --bench --cluster
	@BENCH_PORT=$(BENCH_PORT) bench/run.sh
	@BENCH_PORT=$(BENCH_PORT) BENCH_CLUSTER_PORT=$(BENCH_CLUSTER_PORT) bench/cluster.sh

# Only the cluster run of make bench: single server vs Galera cluster (bench/cluster.sh).
bench-cluster: deps all
	@tools/deps.sh --bench --cluster
	@BENCH_PORT=$(BENCH_PORT) BENCH_CLUSTER_PORT=$(BENCH_CLUSTER_PORT) bench/cluster.sh

build/bench/hashtime: bench/hashtime.c
	@mkdir -p $(@D)
	@echo "  CC    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -O2 -o $@ $< $$(pkg-config --cflags --libs libsodium)

# The HTTP suite against the release build under valgrind (tests/valgrind.sh);
# the suite's portalctl and its extra instances (operations tests) are the
# sanitizer build's, as in make test.
valgrind: deps all build/san/portal build/san/portalctl $(DB_TESTS)
	@tools/deps.sh --valgrind
	@VALGRIND_PORT=$(VALGRIND_PORT) tests/valgrind.sh

# The include rule of cgi/'s layers (cgi/README.md); make test runs it too (tests/static).
check-layers:
	@tools/check-layers.sh

unit: $(addprefix build/tests/,$(UNIT_TESTS))
	@tests/run-unit.sh

clean: stop
	rm -rf build var

# ---- install (docs/operations.md) ------------------------------------------------
#   make install [DESTDIR=...] [PREFIX=/usr/local] [SERVER_NAME=portal.example.org]
# then, on the machine, as root: $(PREFIX)/lib/eukr-portal/setup.sh
PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
SERVER_NAME ?= portal.example.org
# The binaries installed: build/ (release); tests/install installs build/san.
INSTALL_BIN ?= build
.PHONY: install
install: $(INSTALL_BIN)/portal $(INSTALL_BIN)/portalctl templates
	@tools/install.sh "$(DESTDIR)" "$(PREFIX)" "$(SYSCONFDIR)" "$(INSTALL_BIN)" "$(SERVER_NAME)"
