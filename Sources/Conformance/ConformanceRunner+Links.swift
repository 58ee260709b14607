import JSONCore
import OpenAPIDocument
import SpecCheck

/// Following the document's Link Objects: to other operations (polled while `x-repeat-while` holds) and
/// to the same operation (pagination: every page walked, checked for duplicates, gaps and order).
extension ConformanceRunner {
    /// The operations some other operation's links lead to: they get their ids from those links.
    func linkTargets() -> Set<String> {
        var targets: Set<String> = []
        for operation in allOperations {
            for (_, response) in planner.resolve(operation.value["responses"] ?? [:]).objectValue?.members ?? [] {
                for (_, link) in planner.resolve(response)["links"]?.objectValue?.members ?? [] {
                    if let target = planner.resolve(link)["operationId"]?.stringValue, target != operation.id {
                        targets.insert(target)
                    }
                }
            }
        }
        return targets
    }

    /// The links of the response the exchange got, by name.
    func links(of exchange: Exchange) -> [(String, JSONValue)] {
        let responses = planner.resolve(exchange.plan.operation.value["responses"] ?? [:])
        let key = String(exchange.response.status)
        guard let response = responses[key] ?? responses["\(exchange.response.status / 100)XX"] ?? responses["default"]
        else { return [] }
        return (planner.resolve(response)["links"]?.objectValue?.members ?? []).map {
            ($0.key, planner.resolve($0.value))
        }
    }

    /// A runtime expression (`$response.body#/jobId`, `$request.path.agentId`) evaluated against an
    /// exchange; constants are returned as they are. Nil when the value is not there.
    func evaluate(_ expression: JSONValue, against exchange: Exchange) -> JSONValue? {
        guard case .string(let text) = expression, text.hasPrefix("$") else { return expression }
        let (source, fragment) = { () -> (String, String?) in
            guard let hash = text.firstIndex(of: "#") else { return (text, nil) }
            return (String(text[..<hash]), String(text[text.index(after: hash)...]))
        }()
        func at(_ value: JSONValue?) -> JSONValue? {
            guard let fragment else { return value }
            guard let pointer = JSONPointer(fragment) else { return nil }
            return value?.value(at: pointer)
        }
        switch source {
        case "$response.body": return at(exchange.json)
        case "$request.body":
            if case .json(let value, _)? = exchange.plan.body { return at(value) }
            return nil
        case "$statusCode": return .number(JSONNumber(exchange.response.status))
        case "$method": return .string(exchange.request.method)
        case "$url": return .string(exchange.request.url)
        default: break
        }
        let parts = source.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count == 3 else { return nil }
        switch (parts[0], parts[1]) {
        case ("$request", "path"): return exchange.plan.path[parts[2]]
        case ("$request", "query"): return exchange.plan.queryValue(parts[2])
        case ("$request", "header"):
            return exchange.plan.headers.first { $0.name.lowercased() == parts[2].lowercased() }.map {
                .string($0.value)
            }
        case ("$response", "header"): return exchange.response.header(parts[2]).map { .string($0) }
        default: return nil
        }
    }

    /// The request a link describes, its parameters evaluated against `exchange`.
    func plan(following link: JSONValue, from exchange: Exchange, to target: APIOperation) -> RequestPlan {
        // A link's request has the parameters the link gives (and what the operation requires), nothing
        // carried over from the request before: `before` must not meet the previous page's `after`.
        var plan = planner.plan(for: target)
        for (name, expression) in link["parameters"]?.objectValue?.members ?? [] {
            // `path.agent_id` names the location too.
            let bare = name.split(separator: ".", maxSplits: 1).last.map(String.init) ?? name
            if let value = evaluate(expression, against: exchange), value != .null {
                plan.set(parameter: bare, to: value, in: document)
            }
        }
        if let body = link["requestBody"], let value = evaluate(body, against: exchange) {
            plan.body = .json(value, contentType: "application/json")
        }
        return plan
    }

    /// The condition of `x-repeat-while`: the value at `pointer` is one of `in`.
    func repeats(_ link: JSONValue, after exchange: Exchange) -> Bool {
        guard let rule = link["x-repeat-while"], let text = rule["pointer"]?.stringValue,
            let pointer = JSONPointer(text),
            let values = rule["in"]?.arrayValue, let current = exchange.json?.value(at: pointer)
        else { return false }
        return values.contains(current)
    }

    /// Follows a link to another operation; polls it while `x-repeat-while` holds, up to the timeout.
    /// Returns the target's request when it succeeded.
    func follow(_ link: JSONValue, named name: String, from exchange: Exchange) async -> RequestPlan? {
        guard let targetId = link["operationId"]?.stringValue, targetId != exchange.plan.operation.id,
            options.only.isEmpty || options.only.contains(targetId), let target = operation(id: targetId)
        else { return nil }
        let plan = plan(following: link, from: exchange, to: target)
        let caseName = "link \(name) from \(exchange.plan.operation.id)"
        guard link["x-repeat-while"] != nil else {
            return await check(target, caseName, plan: plan, expect: .success) != nil ? plan : nil
        }
        // Polling: every answer is checked; the last must no longer match the condition.
        var findings: [Diagnostic] = []
        let clock = ContinuousClock()
        let deadline = clock.now + options.timeout
        var polls = 0
        while true {
            polls += 1
            guard let answer = await send(plan) else {
                findings.append(transportFinding(plan))
                break
            }
            findings += conformance(answer)
            guard (200...299).contains(answer.response.status) else {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "expected-success", pointer: target.pointer.description,
                        message:
                            "\(answer.request.method) \(answer.request.url) answered \(answer.response.status) on poll \(polls): \(snippet(answer.response.body))"
                    ))
                break
            }
            guard repeats(link, after: answer) else { break }
            if clock.now >= deadline {
                let pointer = link["x-repeat-while"]?["pointer"]?.stringValue ?? ""
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "poll-timeout", pointer: target.pointer.description,
                        message:
                            "\(pointer) was still \(answer.json?.value(at: JSONPointer(pointer) ?? JSONPointer())?.compactJSON() ?? "?") after \(polls) polls and \(options.timeout) (--timeout)"
                    ))
                break
            }
            try? await Task.sleep(for: options.pollInterval)
        }
        record("\(target.id) \(caseName) (\(polls) poll\(polls == 1 ? "" : "s"))", findings)
        return findings.contains { $0.severity == .error } ? nil : plan
    }

    // MARK: - Pagination

    /// The items of a page: the body when it is an array, else its first array member.
    func items(of body: JSONValue?) -> [JSONValue]? {
        if case .array(let items)? = body { return items }
        guard case .object(let object)? = body else { return nil }
        return object.members.first { if case .array = $0.value { return true } else { return false } }?.value
            .arrayValue
    }

    func identity(_ item: JSONValue) -> String {
        (item["id"] ?? item["jobId"] ?? item).compactJSON()
    }

    /// The page-size parameter of a list operation: a query integer named like a limit, with bounds.
    func pageSizeParameter(of operation: APIOperation) -> (name: String, minimum: Int, maximum: Int?)? {
        for (parameter, _) in operation.parameters where parameter["in"] == "query" {
            guard let name = parameter["name"]?.stringValue,
                ["limit", "page_size", "pagesize", "per_page", "size"].contains(name.lowercased()),
                let schema = parameter["schema"].map(planner.resolve)
            else { continue }
            let minimum = schema["minimum"].flatMap { if case .number(let n) = $0 { n.intValue } else { nil } } ?? 1
            let maximum = schema["maximum"].flatMap { if case .number(let n) = $0 { n.intValue } else { nil } }
            return (name, max(1, minimum), maximum)
        }
        return nil
    }

    /// A walk stops after this many pages (one item each); a longer list is walked that far only.
    static let maxPages = 50

    /// Walks every page of a list that links to itself with `x-repeat-while`, one item per page, then
    /// checks the walk: no item twice, the same items in the same order as one big page, and the link
    /// back (`before`) giving the page before the last.
    func walkPages(from exchange: Exchange) async -> RequestPlan? {
        let operation = exchange.plan.operation
        let own = links(of: exchange).filter { $0.1["operationId"]?.stringValue == operation.id }
        guard let next = own.first(where: { $0.1["x-repeat-while"] != nil }) else { return nil }
        var findings: [Diagnostic] = []
        var plan = exchange.plan
        let size = pageSizeParameter(of: operation)
        if let size { plan.setQuery(size.name, .number(JSONNumber(size.minimum))) }
        var pages: [[JSONValue]] = []
        var exchanges: [Exchange] = []
        var seen: [String: Int] = [:]
        var complete = false
        while pages.count < Self.maxPages {
            guard let page = await send(plan) else {
                findings.append(transportFinding(plan))
                break
            }
            findings += conformance(page)
            guard (200...299).contains(page.response.status), let pageItems = items(of: page.json) else {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "expected-success", pointer: operation.pointer.description,
                        message:
                            "page \(pages.count + 1) (\(page.request.url)) answered \(page.response.status): \(snippet(page.response.body))"
                    ))
                break
            }
            for item in pageItems {
                let id = identity(item)
                if let earlier = seen[id] {
                    findings.append(
                        Diagnostic(
                            severity: .error, rule: "pagination-duplicate", pointer: operation.pointer.description,
                            message:
                                "item \(id) is on page \(earlier + 1) and again on page \(pages.count + 1) (\(page.request.url))"
                        ))
                }
                seen[id] = pages.count
            }
            pages.append(pageItems)
            exchanges.append(page)
            guard repeats(next.1, after: page) else {
                complete = true
                break
            }
            if pageItems.isEmpty {
                findings.append(
                    Diagnostic(
                        severity: .error, rule: "pagination-empty", pointer: operation.pointer.description,
                        message: "page \(pages.count) (\(page.request.url)) is empty but says more pages follow"))
                break
            }
            plan = self.plan(following: next.1, from: page, to: operation)
        }
        let walked = pages.flatMap { $0 }.map(identity)
        // The same list in one page, when it fits: the walk must have seen exactly those items, in order.
        // (A walk cut short at `maxPages` has nothing to compare.)
        if complete, let size, let maximum = size.maximum, walked.count < maximum {
            var whole = exchange.plan
            whole.setQuery(size.name, .number(JSONNumber(maximum)))
            if let answer = await send(whole), let all = items(of: answer.json) {
                findings += conformance(answer)
                let expected = all.map(identity)
                if expected != walked {
                    let missing = expected.filter { !walked.contains($0) }
                    findings.append(
                        Diagnostic(
                            severity: .error, rule: "pagination-gap", pointer: operation.pointer.description,
                            message:
                                "walking \(pages.count) pages of \(size.minimum) gave \(walked.count) items, one page of \(maximum) gives \(expected.count)\(missing.isEmpty ? " in another order" : "; missing from the walk: \(missing.prefix(5).joined(separator: ", "))")"
                        ))
                }
            }
        }
        record(
            "\(operation.id) pagination (\(pages.count) page\(pages.count == 1 ? "" : "s") of \(size.map { String($0.minimum) } ?? "default"))",
            findings)
        // Back links (`before`): from the last non-empty page, the page before it.
        for (name, link) in own where link["x-repeat-while"] == nil {
            guard let lastFull = exchanges.lastIndex(where: { !(items(of: $0.json)?.isEmpty ?? true) }), lastFull > 0
            else {
                continue
            }
            let back = self.plan(following: link, from: exchanges[lastFull], to: operation)
            let expected = pages[lastFull - 1].map(identity)
            if let answer = await check(operation, "link \(name)", plan: back, expect: .success) {
                let got = (items(of: answer.json) ?? []).map(identity)
                if got != expected {
                    record(
                        "\(operation.id) link \(name) order",
                        [
                            Diagnostic(
                                severity: .error, rule: "pagination-back", pointer: operation.pointer.description,
                                message:
                                    "\(answer.request.url) gave \(got.joined(separator: ", ")); the page before page \(lastFull + 1) was \(expected.joined(separator: ", "))"
                            )
                        ])
                }
            }
        }
        return findings.contains { $0.severity == .error } ? nil : exchange.plan
    }
}
