import GRDB

// The dev server's SQL is a fixed set of statements run many times (seeding alone runs the same
// few inserts ~2,000 times). `sql:` compiles a statement on every call, and GRDB's authorizer
// walks it each time (a third of the demo's start-up); `cached:` compiles it once per connection
// and reuses it. Only for SQL text that does not vary (a statement per distinct text is kept).

extension GRDB.Database {
    func execute(cached sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension Row {
    static func fetchAll(_ db: GRDB.Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
    static func fetchOne(_ db: GRDB.Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    static func fetchAll(_ db: GRDB.Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
    static func fetchOne(_ db: GRDB.Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
