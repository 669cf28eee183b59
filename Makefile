# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
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

.PHONY: setup setup-browsers build bundler demo test test-rust test-wasm test-types test-bundler test-security test-e2e test-trap bench lint clean

setup:
	@scripts/setup.sh

setup-browsers:
	@scripts/setup.sh --browsers

## build: the web package for plain ES modules (www/pkg): quire.js and its two wasm modules,
## optimized with wasm-opt -O3
build: setup $(PKG)/quire.js

JS_FILES := $(wildcard src/js/*.js src/js/*.d.ts)
$(PKG)/quire.js: $(JS_FILES) $(CORE_WASM) $(FULL_WASM)
	cp $(JS_FILES) $(PKG)/
	rm -f $(PKG)/quire_bg.wasm $(PKG)/quire_bg.wasm.d.ts

# What wasm-pack does, plus wasm-bindgen's abort handler: if the instance ever traps, the next
# call gets a fresh instance (src/wasm.rs). Its glue needs wasm exception handling (exnref), which
# current browsers have; the bundler build below leaves it out so that Node 20 can load it.
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
$(CORE_WASM): $(SOURCES) src/js/trusted-types.js
	rm -rf $(PKG)/snippets # wasm-bindgen adds the JS snippets the modules import; none may linger
	$(call web_module,quire_core,--no-default-features,release-small)

# After the core module, so the two cargo builds never run at once.
$(FULL_WASM): $(SOURCES) $(CORE_WASM)
	$(call web_module,quire_full,,release)

## bundler: the npm package for bundlers (webpack, Vite, ...) in pkg/
bundler: setup
	wasm-pack build --release --target bundler --out-dir pkg
	wasm-opt $(WASM_OPT_FLAGS) pkg/quire_bg.wasm -o pkg/quire_bg.wasm

## demo: build, then serve www on http://127.0.0.1:$(PORT) (Ctrl-C stops it)
demo: build
	@echo "quire demo: open http://127.0.0.1:$(PORT)/  (Ctrl-C stops the server)"
	@python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

## test: every test: the core and CLI natively, the JS edge in headless Chromium and Firefox,
## the TypeScript types, the spec suites and the bundler build in Node, the security corpus in
## Chromium and Firefox, and www end to end in headless Chromium and Firefox
test: setup-browsers lint test-rust test-wasm test-types test-bundler test-security test-e2e test-trap

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

# The bundler build, loaded through ES module integration as bundlers load it.
test-bundler: bundler
	node --experimental-wasm-modules --no-warnings --test tests/node/

# The hostile-input corpus (and DOMPurify's vectors when ../shared has them) in live pages in
# headless Chromium and Firefox: nothing may run, no forbidden construct may reach the DOM.
test-security: build
	node --test tests/security/

test-e2e: build
	node --test tests/e2e/

# A build with a deliberate trap export, to test that the module recovers from a trap.
TRAP_PKG := target/trap/pkg
$(TRAP_PKG)/quire.js: $(SOURCES)
	cargo build --lib --target wasm32-unknown-unknown --features trap-test --target-dir target/trap
	wasm-bindgen --target web --force-enable-abort-handler --out-dir $(TRAP_PKG) target/trap/wasm32-unknown-unknown/debug/quire.wasm

test-trap: setup $(TRAP_PKG)/quire.js
	node --test tests/trap/

## bench: quire beside marked + DOMPurify, markdown-it + DOMPurify and markdown-wasm in headless
## Chromium and Firefox; writes bench/results.{json,md} and bench/chart.svg (not part of make test)
bench: setup-browsers build
	node bench/run.mjs

clean:
	cargo clean
	rm -rf $(PKG) pkg
