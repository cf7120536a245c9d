# Two commands do everything on a fresh Debian machine with Swift:
#   make demo   build and open the dashboard on the bundled dev server with demo data
#   make test   build and run the whole test suite
.PHONY: demo test build deps venv bench release clean

deps:
	@scripts/install-deps

venv: deps
	@scripts/setup-venv

# One build configuration for everything (tests included) so demo, tests and bench never rebuild each other.
build: deps
	swift build --build-tests

demo: build
	.build/debug/infisical-tui --demo $(ARGS)

test: venv build
	swift test --skip-build --disable-swift-testing

bench: deps
	swift build -c release
	.build/release/infisical-bench

release: deps
	swift build -c release

clean:
	rm -rf .build .venv
