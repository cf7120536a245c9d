// swift-tools-version:6.0
import PackageDescription

// Layering: each arrow points from a target to the targets that use it (A → B = "A is used by B").
//   InfisicalModels → InfisicalClient, TUICore     (shared vocabulary and rules: pure Swift, no C)
//   CCurl → InfisicalClient;   TUICore, CNcursesw, CSupport → TerminalShell
//   InfisicalClient, TUICore, TerminalShell, CSupport → App   (TUICore never uses InfisicalClient)
//   DevServer is a separate world: it follows the API contract, it does not share the client's types.
let package = Package(
    name: "infisical-tui",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "infisical-tui", targets: ["App"]),
        .executable(name: "infisical-dev-server", targets: ["DevServerMain"]),
        .executable(name: "infisical-bench", targets: ["Bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C glue
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CSupport"),

        // Shared API vocabulary: models, errors. No I/O.
        .target(name: "InfisicalModels"),

        // The client module: Infisical's REST API over libcurl, auth, scope resolution, exports.
        .target(name: "InfisicalClient", dependencies: [
            "InfisicalModels", "CCurl", "CSupport",
            .product(name: "Yams", package: "Yams"),
            // HMAC digests for comparing environments without keeping values (EnvironmentSnapshot).
            .product(name: "Crypto", package: "swift-crypto"),
            // PBKDF2 for the Infisical CLI's encrypted file vault (InfisicalFileVault).
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),

        // Pure core: state, actions, reducer, renderer, themes, key bindings. No ncurses/curl/clock.
        .target(name: "TUICore", dependencies: ["InfisicalModels"]),

        // Thin ncursesw shell: draw a cell grid, read keys/mouse/resize, signals.
        .target(name: "TerminalShell", dependencies: ["TUICore", "CNcursesw", "CSupport"]),

        // The app: CLI (subcommands), TUI wiring, --demo.
        // `GitCommit` gives `--version` the commit it was built from (nil outside a git checkout).
        .executableTarget(name: "App", dependencies: [
            "InfisicalClient", "TUICore", "TerminalShell", "CSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], plugins: ["GitCommit"]),
        .plugin(name: "GitCommit", capability: .buildTool()),

        // Local Infisical-compatible dev server (Hummingbird + SQLite).
        .target(name: "DevServer", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C API, to copy listing columns straight into the response (SecretListRenderer).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            // PBKDF2 for the seeded people's passwords (PasswordHash), BoringSSL's rather than ours.
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], resources: [.copy("Resources/demo-seed.json")]),
        .executableTarget(name: "DevServerMain", dependencies: [
            "DevServer", "CSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The benchmark: pure-core figures, the dev server, our processes (wait4), the TUI on a pty (CSupport).
        .executableTarget(name: "Bench", dependencies: ["TUICore", "InfisicalClient", "InfisicalModels", "CSupport"]),

        // Shared test plumbing: locate built binaries, spawn/run children, run a dev server.
        .target(name: "TestSupport", dependencies: ["CSupport"], path: "Tests/TestSupport"),

        .testTarget(name: "DevServerTests", dependencies: ["DevServer", "TestSupport"]),
        .testTarget(name: "ClientTests", dependencies: ["InfisicalClient", "InfisicalModels", "TestSupport"],
                    exclude: ["Fixtures"]),   // fixture files, read by path (InfisicalFileVaultTests)
        .testTarget(name: "TUICoreTests", dependencies: ["TUICore", "InfisicalModels", "TestSupport"],
                    exclude: ["Golden"]),   // golden screen files, read by path (GoldenFile.swift)
        .testTarget(name: "EndToEndTests", dependencies: ["TerminalShell", "TUICore", "InfisicalModels", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
