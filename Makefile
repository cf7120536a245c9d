# Two commands do everything on a fresh Debian machine with Swift:
#   make demo   build and open the dashboard on the bundled dev server with demo data
#   make test   build and run the whole test suite
.PHONY: demo test build deps venv bench bench-sdk release clean goldens install uninstall install-build

deps:
	@scripts/install-deps

venv: deps
	@scripts/setup-venv

# One build configuration for everything (tests included) so demo, tests and bench never rebuild each other.
# generate-manual (swift-argument-parser's man page tool) is built too: the install test uses it.
build: deps
	swift build --build-tests
	swift build --product generate-manual

demo: build
	.build/debug/infisical-tui --demo $(ARGS)

test: venv build
	swift test --skip-build --disable-swift-testing

# Re-record the exact-screen golden files (Tests/TUICoreTests/Golden), then check them again.
# The recording run fails on purpose ("recorded N goldens, re-run without GOLDEN_RECORD"; the `-`
# lets make go on); the second run must pass. Review the result with `git diff Tests/TUICoreTests/Golden`.
goldens: build
	-GOLDEN_RECORD=1 swift test --skip-build --disable-swift-testing --filter GoldenScreenTests
	swift test --skip-build --disable-swift-testing --filter GoldenScreenTests

# Every performance figure as JSON lines {"name","unit","median","p95","n"}, then a table (release
# build; sections and flags: `make bench ARGS="--only server,export"`, see Sources/Bench/main.swift).
# RELEASE_BUILD picks the build directory (e.g. .build-release, to keep it apart from .build).
RELEASE_BUILD ?= .build
# Release binaries carry the Swift runtime and Foundation inside (no libswift*.so to find at run
# time, so an installed binary runs without the toolchain). Measured on the 10k export: peak RSS
# 47.7 MB linked to the shared libraries, 43.9 MB static (same code, same run).
RELEASE_FLAGS = -c release --static-swift-stdlib
bench: deps
	swift build $(RELEASE_FLAGS) --build-path $(RELEASE_BUILD)
	$(RELEASE_BUILD)/release/infisical-bench $(ARGS)

# Our `export` and the official Python SDK (infisicalsdk 1.0.18 in .venv: login + list with values)
# alternately on one dev server with 10k secrets: both figures and the ratios.
bench-sdk: venv
	swift build $(RELEASE_FLAGS) --build-path $(RELEASE_BUILD)
	$(RELEASE_BUILD)/release/infisical-bench --sdk $(ARGS)

release: deps
	swift build $(RELEASE_FLAGS)

clean:
	rm -rf .build .venv

# `make install [PREFIX=~/.local]`: a release build, then the binaries, themes, demo data,
# completions (bash, zsh, fish) and the man page under PREFIX, listed in a manifest that
# `make uninstall PREFIX=…` reads to remove exactly those files.
#   CONFIG=debug      install the debug build instead (what the install test does)
#   SKIP_BUILD=1      install what BUILD_DIR already holds, without running swift build
PREFIX ?= $(HOME)/.local
CONFIG ?= release
BUILD_DIR ?= .build/$(CONFIG)

INSTALL_FLAGS = -c $(CONFIG) $(if $(filter release,$(CONFIG)),--static-swift-stdlib)
install-build: deps
	swift build $(INSTALL_FLAGS) --product infisical-tui
	swift build $(INSTALL_FLAGS) --product infisical-dev-server
	swift build $(INSTALL_FLAGS) --product generate-manual

install: $(if $(SKIP_BUILD),,install-build)
	scripts/install "$(PREFIX)" "$(BUILD_DIR)"

uninstall:
	scripts/uninstall "$(PREFIX)"
