import CSQLite
import Foundation

/// The little of SQLite the mock's state needs: one connection, statements with bound values, and
/// transactions. Not thread-safe by itself; `MockStore` serialises every call under its lock.
final class SQLiteDatabase {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    enum Value: Equatable {
        case integer(Int64)
        case real(Double)
        case text(String)
        case null
    }

    private var handle: OpaquePointer?
    let path: String
    /// `PATH.lock`, held (flock) while this connection is open: a second mock on the same state file would
    /// write rows the first one never reads, and the two states would drift apart.
    private var lock: Int32 = -1

    init(path: String) throws(Failure) {
        self.path = path
        lock = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0 else {
            throw Failure(
                description:
                    "cannot open the state database '\(path)': its lock file '\(path).lock': \(String(cString: strerror(errno)))"
            )
        }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            close(lock)
            lock = -1
            throw Failure(
                description:
                    "another process is using the state file '\(path)' (each mock needs its own --state; the first one holds '\(path).lock')"
            )
        }
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            handle = nil
            throw Failure(description: "cannot open the state database '\(path)': \(message)")
        }
        sqlite3_busy_timeout(handle, 5000)
        // WAL with synchronous=NORMAL: a committed transaction survives the process being killed.
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
    }

    deinit {
        sqlite3_close_v2(handle)
        if lock >= 0 { close(lock) }
    }

    func execute(_ sql: String, _ values: [Value] = []) throws(Failure) {
        _ = try query(sql, values)
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ values: [Value] = []) throws(Failure) -> [[Value]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw failure(sql) }
        defer { sqlite3_finalize(statement) }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch value {
            case .integer(let n): code = sqlite3_bind_int64(statement, position, n)
            case .real(let d): code = sqlite3_bind_double(statement, position, d)
            case .text(let s): code = sqlite3_bind_text(statement, position, s, -1, sqliteTransient)
            case .null: code = sqlite3_bind_null(statement, position)
            }
            guard code == SQLITE_OK else { throw failure(sql) }
        }
        var rows: [[Value]] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw failure(sql) }
            let columns = sqlite3_column_count(statement)
            rows.append(
                (0..<columns).map { column in
                    switch sqlite3_column_type(statement, column) {
                    case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
                    case SQLITE_FLOAT: .real(sqlite3_column_double(statement, column))
                    case SQLITE_NULL: .null
                    default: .text(sqlite3_column_text(statement, column).map { String(cString: $0) } ?? "")
                    }
                })
        }
        return rows
    }

    /// Runs `body` in one transaction: all of it is stored, or none of it.
    func transaction(_ body: () throws(Failure) -> Void) throws(Failure) {
        try execute("BEGIN IMMEDIATE")
        do {
            try body()
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func failure(_ sql: String) -> Failure {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection"
        return Failure(description: "SQLite (\(path)): \(message) in \(sql.prefix(60))")
    }
}

/// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension SQLiteDatabase.Value {
    var int: Int? {
        if case .integer(let n) = self { return Int(n) }
        return nil
    }
    var double: Double? {
        switch self {
        case .real(let d): d
        case .integer(let n): Double(n)
        default: nil
        }
    }
    var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }
}
