import Foundation

/// The committed copies of generated files, under the package root. `RECORD_GOLDEN=1 swift test` rewrites them.
enum GoldenFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let specFolder = packageRoot.appendingPathComponent("site/openapi")
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }
}

import JSONCore
import SpecIO
import Testing

extension SpecFile: CustomTestStringConvertible {
    public var testDescription: String { name }
}

/// The JSON pointer of the first place two values differ, with both values there, or nil when equal.
func firstDifference(_ a: JSONValue, _ b: JSONValue, at pointer: JSONPointer = JSONPointer()) -> String? {
    switch (a, b) {
    case (.object(let x), .object(let y)):
        for key in Set(x.keys).union(y.keys).sorted() {
            guard let xv = x[key], let yv = y[key] else {
                return "\(pointer.appending(key)): present in only one (\(x[key] == nil ? "second" : "first"))"
            }
            if let d = firstDifference(xv, yv, at: pointer.appending(key)) { return d }
        }
        return nil
    case (.array(let x), .array(let y)) where x.count == y.count:
        for (i, pair) in zip(x, y).enumerated() {
            if let d = firstDifference(pair.0, pair.1, at: pointer.appending(i)) { return d }
        }
        return nil
    default:
        return a == b ? nil : "\(pointer): \(a.compactJSON()) != \(b.compactJSON())"
    }
}
