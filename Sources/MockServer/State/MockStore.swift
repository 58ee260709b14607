import JSONCore
import Synchronization

/// Everything the stateful mocks remember, per account (API key): AgentsCode runs, OpenAgents agents and
/// their files. One lock guards it all, so concurrent requests never lose an update and a credit check
/// and the run it allows happen together. With a database every change is written in a transaction
/// before it is applied and answered, so what a client was told survives a restart or a kill.
///
/// Runs are stored with their start time, duration and outcome, and their status is derived from the
/// clock when read: nothing needs a background task, and a restored run carries on where it was.
package final class MockStore: Sendable {
    package struct Run: Sendable {
        package let sequence: Int
        /// The credit-history entry's id.
        package let historyId: String
        package let jobId: String
        package let agent: String
        package let price: Int
        package let startedAt: Double
        package let duration: Double
        package let input: JSONValue
        package let outcome: CatalogueAgent.Outcome

        package enum Phase: String, Sendable { case queued, active, completed, failed }

        /// When the run reaches its final status: failed runs stop at 60% of their duration.
        package var endsAt: Double {
            if case .failed = outcome { return startedAt + duration * 0.6 }
            return startedAt + duration
        }

        package func phase(at now: Double) -> (phase: Phase, progress: Int) {
            let elapsed = now - startedAt
            if now >= endsAt {
                if case .failed = outcome { return (.failed, 60) }
                return (.completed, 100)
            }
            if elapsed < duration * 0.2 { return (.queued, 0) }
            return (.active, max(1, min(99, Int(elapsed / duration * 100))))
        }
    }

    package struct Agent: Sendable, Equatable {
        package let id: Int
        package let name: String
        package let description: String
        package let instructions: String
        package let welcomeMessage: String
        package let createdAt: Double
        package let userId: Int
    }

    package struct File: Sendable, Equatable {
        package let id: Int
        package let agentId: Int
        package let filename: String
        package let contentType: String
        package let size: Int
        package let description: String
        package let createdAt: Double
    }

    package struct Account: Sendable {
        package let key: String
        package let userId: Int
        package let initialCredits: Int
        /// Oldest first.
        package fileprivate(set) var runs: [Run] = []
        fileprivate var runsByJob: [String: Int] = [:]
        fileprivate var runsByHistoryId: [String: Int] = [:]
        /// Ascending id.
        package fileprivate(set) var agents: [Agent] = []
        package fileprivate(set) var files: [File] = []

        package func run(jobId: String) -> Run? { runsByJob[jobId].map { runs[$0] } }
        package func runIndex(historyId: String) -> Int? { runsByHistoryId[historyId] }

        package func agent(id: Int) -> Agent? {
            var low = 0
            var high = agents.count - 1
            while low <= high {
                let mid = (low + high) / 2
                if agents[mid].id == id { return agents[mid] }
                if agents[mid].id < id { low = mid + 1 } else { high = mid - 1 }
            }
            return nil
        }

        /// What runs known to have ended were charged.
        fileprivate var settledUsed = 0
        /// The runs (indices into `runs`) not yet known to have ended: only these are looked at to count
        /// credits, so a write costs the same however long the history grows.
        fileprivate var pending: [Int] = []

        /// Credits spent on completed runs, and credits held by runs that have not finished yet.
        package func credits(at now: Double) -> (available: Int, used: Int) {
            var used = settledUsed
            var held = 0
            for index in pending {
                let run = runs[index]
                switch run.phase(at: now).phase {
                case .completed: used += run.price
                case .queued, .active: held += run.price
                case .failed: break
                }
            }
            return (max(0, initialCredits - used - held), used)
        }

        /// Moves the runs that have ended by `now` out of `pending`, their charges into `settledUsed`.
        fileprivate mutating func settle(at now: Double) {
            var settled = settledUsed
            pending.removeAll { index in
                let run = runs[index]
                guard run.endsAt <= now else { return false }
                if case .completed = run.outcome { settled += run.price }
                return true
            }
            settledUsed = settled
        }

        /// Adds `run` at the end of the history (changed in place: the account is not copied).
        fileprivate mutating func append(_ run: Run) {
            runsByJob[run.jobId] = runs.count
            runsByHistoryId[run.historyId] = runs.count
            pending.append(runs.count)
            runs.append(run)
        }
    }

    struct State {
        var accounts: [String: Account] = [:]
        var runCounts: [String: Int] = [:]
        var totalRuns = 0
        var lastAgentId = 0
        var lastFileId = 0
        var database: SQLiteDatabase?
    }

    private let state: Mutex<State>
    let seed: UInt64

    /// Opens (or creates) the state at `path`, or keeps everything in memory when `path` is nil, and makes
    /// sure every key in `keys` has an account.
    package init(keys: [String], credits: Int, seed: UInt64, path: String?) throws(MockProblem) {
        self.seed = seed
        var state = State()
        do {
            if let path {
                let database = try SQLiteDatabase(path: path)
                try Self.createTables(database)
                try Self.restore(into: &state, from: database, credits: credits)
                state.database = database
            }
            var nextUser = (state.accounts.values.map(\.userId).max() ?? 0) + 1
            for key in keys where state.accounts[key] == nil {
                try state.database?.execute(
                    "INSERT INTO accounts (key, user_id) VALUES (?, ?)", [.text(key), .integer(Int64(nextUser))])
                state.accounts[key] = Account(key: key, userId: nextUser, initialCredits: credits)
                nextUser += 1
            }
        } catch {
            throw MockProblem(status: 500, code: "internal_error", message: error.description)
        }
        self.state = Mutex(state)
    }

    // MARK: - Reading

    /// Runs `body` on the account's current state under the lock; nil for an unknown key.
    package func read<T: Sendable>(_ key: String, _ body: (Account) -> T) -> T? {
        state.withLock { state in state.accounts[key].map(body) }
    }

    /// How many runs each agent has had, by everyone, since the state began; `total` changes whenever
    /// any count does, so that answers built from the counts can be cached on it.
    package func runCounts() -> (total: Int, counts: [String: Int]) {
        state.withLock { ($0.totalRuns, $0.runCounts) }
    }

    // MARK: - Changing

    /// Starts a run when the account can pay for it: checks and reserves credits in one step.
    package func startRun(
        key: String, agent: CatalogueAgent, input: JSONValue, now: Double, duration: Double
    ) throws(MockProblem) -> Run {
        let seed = self.seed
        return try state.withLock { (state: inout State) throws(MockProblem) -> Run in
            // The account is changed in place through the dictionary, never copied out and back.
            state.accounts[key]?.settle(at: now)
            // Only values are taken out: a copy of the account kept alive would make the append copy its runs.
            guard
                let (available, userId, sequence) = state.accounts[key].map({
                    ($0.credits(at: now).available, $0.userId, $0.runs.count + 1)
                })
            else { throw MockProblem.notFound("No such account.") }
            guard available >= agent.credits else {
                throw MockProblem(
                    status: 402, code: "insufficient_credits",
                    message: "This agent costs \(agent.credits) credits; \(available) are available.")
            }
            var ids = IdentifierSource(seed: seed, stream: UInt64(userId), sequence: UInt64(sequence))
            let run = Run(
                sequence: sequence, historyId: ids.cuid(), jobId: ids.uuid(), agent: agent.name, price: agent.credits,
                startedAt: now, duration: duration, input: input, outcome: agent.outcome(input: input, startedAt: now))
            try Self.write(state.database) { database throws(SQLiteDatabase.Failure) in
                try database.execute(
                    """
                    INSERT INTO runs (account, seq, history_id, job_id, agent, price, started_at, duration, input, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(key), .integer(Int64(sequence)), .text(run.historyId), .text(run.jobId),
                        .text(agent.name),
                        .integer(Int64(agent.credits)), .real(now), .real(duration), .text(input.compactJSON()),
                        .text(Self.encode(run.outcome)),
                    ])
            }
            state.accounts[key]?.append(run)
            state.runCounts[agent.name, default: 0] += 1
            state.totalRuns += 1
            return run
        }
    }

    package struct NewAgent: Sendable {
        package var name, description, instructions, welcomeMessage: String
    }

    package func createAgent(key: String, _ new: NewAgent, now: Double) throws(MockProblem) -> Agent {
        try state.withLock { (state: inout State) throws(MockProblem) -> Agent in
            guard let userId = state.accounts[key]?.userId else { throw MockProblem.notFound("No such account.") }
            let agent = Agent(
                id: state.lastAgentId + 1, name: new.name, description: new.description,
                instructions: new.instructions, welcomeMessage: new.welcomeMessage, createdAt: now,
                userId: userId)
            try Self.write(state.database) { database throws(SQLiteDatabase.Failure) in
                try database.execute(
                    """
                    INSERT INTO agents (id, account, name, description, instructions, welcome_message, created_at, user_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(Int64(agent.id)), .text(key), .text(agent.name), .text(agent.description),
                        .text(agent.instructions), .text(agent.welcomeMessage), .real(now),
                        .integer(Int64(agent.userId)),
                    ])
            }
            state.lastAgentId = agent.id
            state.accounts[key]?.agents.append(agent)
            return agent
        }
    }

    package func addFile(
        key: String, agentId: Int, filename: String, contentType: String, size: Int, description: String,
        now: Double
    ) throws(MockProblem) -> File {
        try state.withLock { (state: inout State) throws(MockProblem) -> File in
            guard state.accounts[key]?.agent(id: agentId) != nil else {
                throw MockProblem.notFound("Agent \(agentId) was not found.")
            }
            let file = File(
                id: state.lastFileId + 1, agentId: agentId, filename: filename, contentType: contentType, size: size,
                description: description, createdAt: now)
            try Self.write(state.database) { database throws(SQLiteDatabase.Failure) in
                try database.execute(
                    """
                    INSERT INTO files (id, account, agent_id, filename, content_type, size, description, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(Int64(file.id)), .text(key), .integer(Int64(agentId)), .text(filename),
                        .text(contentType), .integer(Int64(size)), .text(description), .real(now),
                    ])
            }
            state.lastFileId = file.id
            state.accounts[key]?.files.append(file)
            return file
        }
    }

    // MARK: - Persistence

    private static func write(
        _ database: SQLiteDatabase?, _ body: (SQLiteDatabase) throws(SQLiteDatabase.Failure) -> Void
    ) throws(MockProblem) {
        guard let database else { return }
        do {
            try database.transaction { () throws(SQLiteDatabase.Failure) in try body(database) }
        } catch {
            throw MockProblem(
                status: 500, code: "internal_error", message: "The change could not be stored: \(error.description)")
        }
    }

    private static func createTables(_ database: SQLiteDatabase) throws(SQLiteDatabase.Failure) {
        try database.transaction { () throws(SQLiteDatabase.Failure) in
            try database.execute("CREATE TABLE IF NOT EXISTS accounts (key TEXT PRIMARY KEY, user_id INTEGER NOT NULL)")
            try database.execute(
                """
                CREATE TABLE IF NOT EXISTS runs (account TEXT NOT NULL, seq INTEGER NOT NULL, history_id TEXT NOT NULL,
                job_id TEXT NOT NULL, agent TEXT NOT NULL, price INTEGER NOT NULL, started_at REAL NOT NULL,
                duration REAL NOT NULL, input TEXT NOT NULL, outcome TEXT NOT NULL, PRIMARY KEY (account, seq))
                """)
            try database.execute(
                """
                CREATE TABLE IF NOT EXISTS agents (id INTEGER PRIMARY KEY, account TEXT NOT NULL, name TEXT NOT NULL,
                description TEXT NOT NULL, instructions TEXT NOT NULL, welcome_message TEXT NOT NULL,
                created_at REAL NOT NULL, user_id INTEGER NOT NULL)
                """)
            try database.execute(
                """
                CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, account TEXT NOT NULL, agent_id INTEGER NOT NULL,
                filename TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL, description TEXT NOT NULL,
                created_at REAL NOT NULL)
                """)
        }
    }

    private static func restore(into state: inout State, from database: SQLiteDatabase, credits: Int)
        throws(SQLiteDatabase.Failure)
    {
        for row in try database.query("SELECT key, user_id FROM accounts ORDER BY user_id") {
            guard let key = row[0].text, let user = row[1].int else { continue }
            state.accounts[key] = Account(key: key, userId: user, initialCredits: credits)
        }
        let runs = try database.query(
            "SELECT account, seq, history_id, job_id, agent, price, started_at, duration, input, outcome FROM runs ORDER BY account, seq"
        )
        for row in runs {
            guard let key = row[0].text, state.accounts[key] != nil, let sequence = row[1].int,
                let historyId = row[2].text, let jobId = row[3].text, let agent = row[4].text, let price = row[5].int,
                let startedAt = row[6].double, let duration = row[7].double,
                let input = row[8].text.flatMap({ try? JSONParser().parse($0) }),
                let outcome = row[9].text.flatMap(decode)
            else {
                throw SQLiteDatabase.Failure(description: "\(database.path): a row of the runs table is damaged")
            }
            let run = Run(
                sequence: sequence, historyId: historyId, jobId: jobId, agent: agent, price: price,
                startedAt: startedAt, duration: duration, input: input, outcome: outcome)
            // In place: copying the account out and back for each row made a restart quadratic.
            state.accounts[key]?.append(run)
            state.runCounts[agent, default: 0] += 1
            state.totalRuns += 1
        }
        let agents = try database.query(
            "SELECT id, account, name, description, instructions, welcome_message, created_at, user_id FROM agents ORDER BY id"
        )
        for row in agents {
            guard let id = row[0].int, let key = row[1].text, let name = row[2].text, let description = row[3].text,
                let instructions = row[4].text, let welcome = row[5].text, let createdAt = row[6].double,
                let user = row[7].int
            else {
                throw SQLiteDatabase.Failure(description: "\(database.path): a row of the agents table is damaged")
            }
            state.lastAgentId = max(state.lastAgentId, id)
            state.accounts[key]?.agents.append(
                Agent(
                    id: id, name: name, description: description, instructions: instructions, welcomeMessage: welcome,
                    createdAt: createdAt, userId: user))
        }
        let files = try database.query(
            "SELECT id, account, agent_id, filename, content_type, size, description, created_at FROM files ORDER BY id"
        )
        for row in files {
            guard let id = row[0].int, let key = row[1].text, let agentId = row[2].int, let filename = row[3].text,
                let type = row[4].text, let size = row[5].int, let description = row[6].text,
                let createdAt = row[7].double
            else {
                throw SQLiteDatabase.Failure(description: "\(database.path): a row of the files table is damaged")
            }
            state.lastFileId = max(state.lastFileId, id)
            state.accounts[key]?.files.append(
                File(
                    id: id, agentId: agentId, filename: filename, contentType: type, size: size,
                    description: description, createdAt: createdAt))
        }
    }

    static func encode(_ outcome: CatalogueAgent.Outcome) -> String {
        switch outcome {
        case .completed(let result): JSONValue.object(["result": result]).compactJSON()
        case .failed(let code, let message):
            JSONValue.object(["error": ["code": .string(code), "message": .string(message)]]).compactJSON()
        }
    }

    static func decode(_ text: String) -> CatalogueAgent.Outcome? {
        guard let value = try? JSONParser().parse(text) else { return nil }
        if let result = value["result"] { return .completed(result) }
        guard let code = value["error"]?["code"]?.stringValue, let message = value["error"]?["message"]?.stringValue
        else { return nil }
        return .failed(code: code, message: message)
    }
}
