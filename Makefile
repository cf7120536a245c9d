# Two commands do everything on a fresh Debian machine with Swift:
#   make demo   build and open the dashboard on the bundled dev server with demo data
#   make test   build and run the whole test suite
.PHONY: demo test build deps venv bench release clean goldens

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

# Re-record the exact-screen golden files (Tests/TUICoreTests/Golden), then check them again.
# The recording run fails on purpose ("recorded N goldens, re-run without GOLDEN_RECORD"; the `-`
# lets make go on); the second run must pass. Review the result with `git diff Tests/TUICoreTests/Golden`.
goldens: build
	-GOLDEN_RECORD=1 swift test --skip-build --disable-swift-testing --filter GoldenScreenTests
	swift test --skip-build --disable-swift-testing --filter GoldenScreenTests

bench: deps
	swift build -c release
	.build/release/infisical-bench

release: deps
	swift build -c release

clean:
	rm -rf .build .venv
