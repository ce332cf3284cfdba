# dockml — see README.md. `make demo` and `make test` work on a fresh Debian 12 as root.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
APT_PACKAGES := g++ cmake ninja-build pkg-config libre2-dev nlohmann-json3-dev libcli11-dev \
  libfmt-dev libgtest-dev libgmock-dev git python3 pre-commit
# Node.js and npm: Debian's packages, unless a node/npm is already on PATH.
NODE_PACKAGES := $(if $(shell command -v node),,nodejs) $(if $(shell command -v npm),,npm)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test build deps configure grammars clean docs vsix bench fuzz sanitize test-sanitize node-deps test-tools

demo: build
	@echo "== dockml check examples/"
	@./$(BUILD)/dockml check examples/; rc=$$?; [ $$rc -le 1 ] || exit $$rc

test: build node-deps test-tools
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

configure: deps grammars
	@[ -f $(BUILD)/build.ninja ] || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

# Installs the Debian packages that are missing (no-op when all are present).
deps:
	@missing=""; for p in $(APT_PACKAGES) $(NODE_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "== installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# npm packages pinned by grammars/package-lock.json (tree-sitter runtime and grammars).
grammars:
	@if [ -f grammars/package-lock.json ] && [ ! -f grammars/node_modules/.package-lock.json -o grammars/package-lock.json -nt grammars/node_modules/.package-lock.json ]; then \
	  cd grammars && npm ci --ignore-scripts --no-audit --no-fund; \
	fi

# npm packages of the LSP end-to-end test and the VS Code extension, pinned by their
# package-lock.json files (scripts not run: esbuild finds its platform binary without them).
NODE_DIRS := tests/lsp vscode-extension
node-deps:
	@for d in $(NODE_DIRS); do \
	  if [ -f $$d/package-lock.json ] && [ ! -f $$d/node_modules/.package-lock.json -o $$d/package-lock.json -nt $$d/node_modules/.package-lock.json ]; then \
	    (cd $$d && npm ci --ignore-scripts --no-audit --no-fund) || exit 1; \
	  fi; \
	done

# Tools used only by tests, pinned by tests/tools/package-lock.json: @microsoft/sarif-multitool
# (its npm package ships the native validator for each platform; no download at run time).
test-tools:
	@if [ -f tests/tools/package-lock.json ] && [ ! -f tests/tools/node_modules/.package-lock.json -o tests/tools/package-lock.json -nt tests/tools/node_modules/.package-lock.json ]; then \
	  cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund; \
	fi

# Rule documentation: docs/rules/<CODE>.md and the README's rule table, generated from the rule
# sources (re-run after adding or changing a rule; the rule_docs_fresh test fails when stale).
docs: build
	./$(BUILD)/dockml rules --write-docs docs/rules --readme README.md

# The VS Code extension as vscode-extension/dockml.vsix (offline once node-deps ran).
vsix: node-deps
	cd vscode-extension && npm run --silent typecheck && npm run --silent package

# Speed against the peer linters (bench/RESULTS.md): release build, peers installed into
# ~/.cache/dockml-bench, report printed and written to ~/.cache/dockml-bench/results.md.
bench: deps grammars
	bench/run.sh

# libFuzzer targets (clang, ASan + UBSan) in build-fuzz, FUZZ_SECONDS per target. libFuzzer
# itself is in libclang-rt-dev, only a Recommends of clang: installed explicitly.
FUZZ_SECONDS ?= 60
fuzz: deps grammars
	@dpkg-query -W -f='$${Status}' clang libclang-rt-dev 2>/dev/null | grep -q 'ok installed.*ok installed' || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq clang libclang-rt-dev; }
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(JOBS) fuzz/run.sh

# The whole ctest suite built with AddressSanitizer + UndefinedBehaviorSanitizer (CI runs it),
# at -O1 -g1 (about half the compile time of -O2 -g). Left out: the tests that run no dockml
# code (the VS Code extension's node unit tests and typecheck, and the SARIF validation of the
# committed golden file).
SANITIZE_BUILD ?= build-sanitize
SANITIZE_SKIP := ^(vscode_extension_test|vscode_extension_typecheck|sarif_validate)$$
# Every sanitizer error aborts the process (exit 134, not dockml's 1). ASan/LSan reports also go
# to files here, so one in a process whose exit status a test does not check still fails the run.
SANITIZE_LOGS = $(abspath $(SANITIZE_BUILD))/sanitizer-logs
sanitize test-sanitize: deps grammars node-deps test-tools
	@[ -f $(SANITIZE_BUILD)/build.ninja ] || cmake -S . -B $(SANITIZE_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
	  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DDOCKML_SANITIZE=ON
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	rm -rf $(SANITIZE_LOGS) && mkdir -p $(SANITIZE_LOGS)
	cd $(SANITIZE_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$(SANITIZE_LOGS)/asan \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -E '$(SANITIZE_SKIP)'; rc=$$?; \
	if [ -n "$$(ls -A $(SANITIZE_LOGS))" ]; then \
	  echo "== AddressSanitizer/LeakSanitizer reports ($(SANITIZE_LOGS)):"; cat $(SANITIZE_LOGS)/*; exit 1; \
	fi; exit $$rc

clean:
	rm -rf $(BUILD)
