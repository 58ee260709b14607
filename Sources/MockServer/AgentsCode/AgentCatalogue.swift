import JSONCore

/// The agents the AgentsCode mock offers, with what each one does with its input. Every agent has a
/// documented rule for when a run fails, so that clients can test both endings deterministically.
package struct CatalogueAgent: Sendable {
    package let id: String
    package let name: String
    package let displayName: String
    package let version: String
    package let credits: Int
    package let description: String
    package let active: Bool
    /// Runs before the mock started, by everyone (the seed's figures where it gives them).
    package let baseRunCount: Int

    /// The outcome of a run: a result, or a failure with its code and message.
    package enum Outcome: Sendable, Equatable {
        case completed(JSONValue)
        case failed(code: String, message: String)
    }
}

package enum AgentCatalogue {
    package static let agents: [CatalogueAgent] = [
        CatalogueAgent(
            id: "agent_161803", name: "email-drafter", displayName: "Email Drafter", version: "0.9.2", credits: 2,
            description: "Draft a short, polite email from a one-line request", active: true, baseRunCount: 57),
        CatalogueAgent(
            id: "agent_654321", name: "event-scheduler", displayName: "Event Scheduler", version: "1.2.0", credits: 2,
            description: "Turn a sentence such as \"lunch with Jeff tomorrow at noon\" into a calendar event",
            active: true, baseRunCount: 318),
        CatalogueAgent(
            id: "agent_112358", name: "legacy-summarizer", displayName: "Legacy Summarizer", version: "0.3.1",
            credits: 3, description: "Retired: use text-summarizer", active: false, baseRunCount: 1204),
        CatalogueAgent(
            id: "agent_314159", name: "sentiment-analyzer", displayName: "Sentiment Analyzer", version: "2.0.1",
            credits: 1, description: "Tell whether a text is positive, negative or neutral", active: true,
            baseRunCount: 96),
        CatalogueAgent(
            id: "agent_271828", name: "text-summarizer", displayName: "Text Summarizer", version: "1.4.0", credits: 3,
            description: "Summarize a text in one or two sentences", active: true, baseRunCount: 133),
        CatalogueAgent(
            id: "agent_123456", name: "youtube-transcription", displayName: "YouTube Transcription", version: "1.0.0",
            credits: 5, description: "Transcribe YouTube videos to text", active: true, baseRunCount: 42),
    ]

    /// By `name` (as the examples use) or by `id`.
    package static func agent(_ key: String) -> CatalogueAgent? {
        agents.first { $0.name == key || $0.id == key }
    }
}

// MARK: - Behaviour

extension CatalogueAgent {
    /// What a run on `input` ends with. Pure: the same input and start time give the same outcome.
    ///
    /// The failure rules (documented on the mock's page):
    /// - event-scheduler fails with `agent_error` when the input names neither a day nor a time;
    /// - youtube-transcription fails with `invalid_input` when there is no YouTube video URL;
    /// - text-summarizer fails with `input_too_short` under 20 characters;
    /// - sentiment-analyzer and email-drafter fail with `invalid_input` when the input has no letters;
    /// - every agent fails with `invalid_input` on an object input it cannot read.
    package func outcome(input: JSONValue, startedAt: Double) -> Outcome {
        if name == "youtube-transcription" { return transcribe(input) }
        guard let text = Self.text(of: input) else {
            return .failed(
                code: "invalid_input",
                message:
                    "\(name) reads a natural-language instruction: send 'input' as a string, or an object with a 'text' member."
            )
        }
        switch name {
        case "event-scheduler": return EventScheduling.schedule(text, now: startedAt)
        case "text-summarizer":
            guard text.count >= 20 else {
                return .failed(
                    code: "input_too_short", message: "Give at least 20 characters to summarize; got \(text.count).")
            }
            let sentence = text.split(whereSeparator: { ".!?".contains($0) }).first.map(String.init) ?? text
            let summary = String(sentence.trimmingBlanks.prefix(200))
            return .completed(["summary": .string(summary + "."), "originalLength": .number(JSONNumber(text.count))])
        case "sentiment-analyzer":
            guard text.contains(where: \.isLetter) else {
                return .failed(
                    code: "invalid_input", message: "There are no words to analyze in \"\(text.prefix(80))\".")
            }
            return .completed(Self.sentiment(of: text))
        default:
            guard text.contains(where: \.isLetter) else {
                return .failed(
                    code: "invalid_input", message: "There is nothing to write about in \"\(text.prefix(80))\".")
            }
            let request = String(text.trimmingBlanks.prefix(120))
            return .completed([
                "subject": .string("About: \(request)"),
                "body": .string("Hello,\n\n\(request)\n\nThank you, and best regards."),
            ])
        }
    }

    static func text(of input: JSONValue) -> String? {
        switch input {
        case .string(let s): s
        case .object(let o): o["text"]?.stringValue
        default: nil
        }
    }

    private func transcribe(_ input: JSONValue) -> Outcome {
        let source = input["url"]?.stringValue ?? input.stringValue ?? ""
        guard let videoId = Self.youTubeVideoId(in: source) else {
            return .failed(
                code: "invalid_input",
                message:
                    "No YouTube video URL in the input: send a string or {\"url\": ...} with a youtube.com or youtu.be link."
            )
        }
        let seconds = 60 + Int(videoId.utf8.reduce(UInt32(7)) { $0 &* 31 &+ UInt32($1) } % 540)
        return .completed([
            "videoId": .string(videoId), "language": "en", "durationSeconds": .number(JSONNumber(seconds)),
            "transcript": .string("[Mock transcript of video \(videoId), \(seconds) seconds long.]"),
        ])
    }

    /// The 11-character id of `youtube.com/watch?v=ID`, `youtu.be/ID` or `youtube.com/shorts/ID`.
    static func youTubeVideoId(in text: String) -> String? {
        for marker in ["youtube.com/watch?v=", "youtu.be/", "youtube.com/shorts/", "youtube.com/embed/"] {
            guard let range = text.firstRange(of: marker) else { continue }
            let id = text[range.upperBound...].prefix {
                $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_")
            }
            if id.count == 11 { return String(id) }
        }
        return nil
    }

    static func sentiment(of text: String) -> JSONValue {
        let positive: Set<String> = [
            "good", "great", "love", "excellent", "happy", "nice", "amazing", "thanks", "perfect", "like",
        ]
        let negative: Set<String> = [
            "bad", "terrible", "hate", "awful", "sad", "poor", "angry", "broken", "worst", "slow",
        ]
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        let score = words.reduce(0) { $0 + (positive.contains($1) ? 1 : negative.contains($1) ? -1 : 0) }
        let normalized = words.isEmpty ? 0 : max(-1, min(1, Double(score) / Double(max(1, words.count / 4))))
        let label = score > 0 ? "positive" : score < 0 ? "negative" : "neutral"
        return ["sentiment": .string(label), "score": .number(JSONNumber((normalized * 100).rounded() / 100))]
    }
}
