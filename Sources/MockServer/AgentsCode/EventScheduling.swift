import JSONCore

/// The event-scheduler agent: reads a day and a time from an English sentence ("Book an appointment for
/// tomorrow with Jeff at 10am") and answers a calendar event. Good enough to be plausible, small enough
/// to be predictable: days are today, tomorrow, a weekday name or an ISO date; times are `10am`, `3:30 pm`,
/// `14:00`, noon and midnight.
enum EventScheduling {
    static func schedule(_ text: String, now: Double) -> CatalogueAgent.Outcome {
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == ":" || $0 == "-") }.map(String.init)
        let today = Int64((now / 86_400).rounded(.down))
        let day = self.day(in: words, today: today)
        let minutes = time(in: words)
        guard day != nil || minutes != nil else {
            return .failed(
                code: "agent_error", message: "No date could be read from the input \"\(text.prefix(120))\".")
        }
        let start = Double((day ?? today + 1) * 86_400 + Int64(minutes ?? 9 * 60) * 60)
        let meal = words.contains { ["lunch", "dinner", "breakfast", "coffee"].contains($0) }
        let end = start + (meal ? 3600 : 1800)
        let attendees = self.attendees(in: text)
        let kind = words.first { ["lunch", "dinner", "breakfast", "coffee", "meeting", "call"].contains($0) }
        let title =
            (kind.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "Appointment")
            + (attendees.isEmpty ? "" : " with " + attendees.joined(separator: " and "))
        return .completed([
            "event": [
                "title": .string(title),
                "start": .string(Timestamp.format(start, milliseconds: false)),
                "end": .string(Timestamp.format(end, milliseconds: false)),
                "attendees": .array(attendees.map { .string($0) }),
            ]
        ])
    }

    static func day(in words: [String], today: Int64) -> Int64? {
        if words.contains("today") || words.contains("tonight") { return today }
        if words.contains("tomorrow") { return today + 1 }
        let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        // 1970-01-01 was a Thursday (index 3).
        let todayIndex = Int((today + 3) % 7)
        for word in words {
            if let index = weekdays.firstIndex(of: word) {
                let ahead = (index - todayIndex + 7) % 7
                return today + Int64(ahead == 0 ? 7 : ahead)
            }
            let parts = word.split(separator: "-")
            if parts.count == 3, parts[0].count == 4, let y = Int64(parts[0]), let m = Int64(parts[1]),
                let d = Int64(parts[2]), (1...12).contains(m), (1...31).contains(d)
            {
                return Timestamp.days(year: y, month: m, day: d)
            }
        }
        return nil
    }

    /// Minutes after midnight.
    static func time(in words: [String]) -> Int? {
        if words.contains("noon") { return 12 * 60 }
        if words.contains("midnight") { return 0 }
        for (i, word) in words.enumerated() {
            var clock = word
            var suffix: String?
            for marker in ["am", "pm"] where clock.hasSuffix(marker) {
                suffix = marker
                clock.removeLast(2)
            }
            if suffix == nil, i + 1 < words.count, ["am", "pm"].contains(words[i + 1]) { suffix = words[i + 1] }
            let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let hour = Int(parts[0]), parts[0].count <= 2 else { continue }
            let minute = parts.count == 2 ? Int(parts[1]) : 0
            guard let minute, (0...59).contains(minute) else { continue }
            switch suffix {
            case "am"?: if (1...12).contains(hour) { return (hour % 12) * 60 + minute }
            case "pm"?: if (1...12).contains(hour) { return (hour % 12 + 12) * 60 + minute }
            default: if parts.count == 2, (0...23).contains(hour) { return hour * 60 + minute }
            }
        }
        return nil
    }

    /// Capitalised names after "with": "with Jeff and Anna" gives Jeff and Anna.
    static func attendees(in text: String) -> [String] {
        let words = text.split { !($0.isLetter || $0 == "'" || $0 == "-") }.map(String.init)
        guard let with = words.firstIndex(where: { $0.lowercased() == "with" }) else { return [] }
        var names: [String] = []
        for word in words[(with + 1)...] {
            if word.lowercased() == "and" { continue }
            guard let first = word.first, first.isUppercase else { break }
            names.append(word)
        }
        return names
    }
}
