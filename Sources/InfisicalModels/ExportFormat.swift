/// Output formats of `export` (CLI) and copy-to-file (TUI), as the Infisical CLI names them.
public enum ExportFormat: String, CaseIterable, Sendable {
    case dotenv, dotenvExport = "dotenv-export", json, yaml, csv
}
