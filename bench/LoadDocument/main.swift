// The loading benchmark of BENCHMARKS.md (scripts/bench-load.sh): reads one document the way the tools
// do and prints what it read, so that /usr/bin/time measures the load alone.
//   bench-load load PATH          SpecDocument.load: the file and every file its references name, bundled
//   bench-load bundle PATH OUT    the same, then the bundled document written as YAML (specvalidate bundle)
//   bench-load baseline PATH      the loader before the document module (one file, YAML 1.1 rules)
import Foundation
import JSONCore
import OpenAPIDocument

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: bench-load load|bundle|baseline PATH [OUT]\n".utf8))
    exit(2)
}

func count(_ value: JSONValue) -> Int {
    var total = 0
    var stack = [value]
    while let next = stack.popLast() {
        total += 1
        switch next {
        case .object(let object): stack.append(contentsOf: object.values)
        case .array(let items): stack.append(contentsOf: items)
        default: break
        }
    }
    return total
}

do {
    switch arguments[1] {
    case "load", "bundle":
        let document = try SpecDocument.load(path: arguments[2])
        if arguments[1] == "bundle", arguments.count > 3 {
            try Data(document.value.yaml().utf8).write(to: URL(fileURLWithPath: arguments[3]))
        }
        print(
            "\(document.files.count) files, \(count(document.value)) values, \(document.diagnostics.count) diagnostics")
    case "baseline":
        let value = try BaselineLoader.load(path: arguments[2])
        print("1 file, \(count(value)) values")
    default:
        FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
