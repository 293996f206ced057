# Scriptorium: `make run` to use it, `make test` to check it. Both install what is missing.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# Debian/Ubuntu packages to build and run the app, and the extra ones the tests need.
RUN_PACKAGES := libwebkit2gtk-4.1-dev build-essential pkg-config
# dbus-daemon: a private session bus for the single-instance test.
# curl: the axe-core download.
TEST_PACKAGES := $(RUN_PACKAGES) libssl-dev xvfb xauth webkit2gtk-driver dbus-daemon curl ca-certificates
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin

.PHONY: run demo package measure test deps-run deps-test tauri-driver build-app check-ui axe-core

# Installs only the packages dpkg does not already report as installed.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing: $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps-run:
	$(call apt_install,$(RUN_PACKAGES))

deps-test:
	$(call apt_install,$(TEST_PACKAGES))

# tauri-driver 2.x (a 3.0 alpha is on the registry: pin ^2).
tauri-driver:
	@[ -x "$(CARGO_BIN)/tauri-driver" ] || cargo install tauri-driver --version '^2' --locked

# axe-core, the accessibility rules engine the end-to-end tests inject into the window (never
# shipped in the app): npm's tarball of a pinned version, checked against the sha512 of npm's
# integrity field (in hex).
AXE_VERSION := 4.14.1
AXE_SHA512 := 1477dafa598d8d065f273d6af302aa203c02e83131707b7fa648cd41bd3d6b734f8c22a0dab86ee6a6f64b8afbe804b214d36db85a2826965edfb3a0b9d546b5
AXE_DIR := target/axe-core-$(AXE_VERSION)
axe-core:
	@[ -f $(AXE_DIR)/axe.min.js ] || { \
		mkdir -p $(AXE_DIR) && \
		curl -fsSL -o $(AXE_DIR)/axe.tgz https://registry.npmjs.org/axe-core/-/axe-core-$(AXE_VERSION).tgz && \
		echo "$(AXE_SHA512)  $(AXE_DIR)/axe.tgz" | sha512sum --check --quiet && \
		tar -xzf $(AXE_DIR)/axe.tgz -C $(AXE_DIR) --strip-components=1 package/axe.min.js && \
		rm $(AXE_DIR)/axe.tgz; } || { echo "axe-core $(AXE_VERSION) could not be fetched or failed its checksum"; rm -rf $(AXE_DIR); exit 1; }

run: deps-run
	cargo build --release -p scriptorium
	./target/release/scriptorium

# The app on a throwaway copy of a synthetic school: 2,000 students, 25 tutors, ten school years
# of sessions, shifts and partnership activities. Built once a day (under a minute), removed on exit.
demo: deps-run
	cargo build --release -p scriptorium
	./target/release/scriptorium --demo

# A .deb (icon, desktop entry, dependencies) with Tauri's CLI from npm, pinned to 2.x.
package: deps-run
	@command -v npx >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	cd src-tauri && npx --yes @tauri-apps/cli@2 build --bundles deb
	@ls -l target/release/bundle/deb/*.deb

# Launch-to-paint and memory after startup side by side with an empty Tauri app (ratios), memory
# growth over 6,000 sign-ins and logs, and commit latency through invoke, on the release build
# with the demo school (tests/startup_memory.rs). Fails when a target is missed.
measure: deps-test tauri-driver
	cargo build --release -p scriptorium -p scriptorium-empty-app
	SCRIPTORIUM_APP_BINARY=$(CURDIR)/target/release/scriptorium \
	SCRIPTORIUM_EMPTY_APP_BINARY=$(CURDIR)/target/release/scriptorium-empty-app \
		cargo test --test startup_memory -- --ignored --nocapture

# The debug app the end-to-end tests drive, built with the tests in one cargo run: built alone its
# dependencies resolve to other features (the tests' dev-dependencies add some), and everything
# from GTK up would be compiled and stored twice.
build-app:
	cargo build --workspace --exclude scriptorium-empty-app --bins --tests

# Syntax-checks the UI modules with Node (Debian's nodejs if no node is on PATH).
check-ui:
	@command -v node >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs; }
	bash .ci/check-ui-syntax

# Unit tests (next to the code), integration tests and end-to-end tests (tests/e2e_*.rs, which
# drive the debug app binary built just before, and audit every screenshot's page with axe-core). --show-output prints what passing tests
# report, e.g. the crash test's kills, acknowledged writes, losses and integrity failures.
test: deps-test tauri-driver check-ui axe-core build-app
	@rm -f target/e2e/axe-audits.log
	SCRIPTORIUM_AXE=$(CURDIR)/$(AXE_DIR)/axe.min.js cargo test --workspace --exclude scriptorium-empty-app -- --show-output
	@awk -F'\t' '{ states++; apps[$$1] = 1; if ($$3 > rules) rules = $$3; bad += $$4 } \
		END { for (a in apps) n++; printf "Accessibility: axe-core $(AXE_VERSION) audited %d window states of %d end-to-end runs against its %d WCAG 2.0/2.1 A and AA rules: %d violations.\n", states, n, rules, bad }' \
		target/e2e/axe-audits.log
