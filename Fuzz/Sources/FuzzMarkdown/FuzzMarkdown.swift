import FuzzDriver
import FuzzEntryPoints

/// Any UTF-8 text as a markdown page: rendered by cmark-gfm (after the budget check that keeps its
/// quadratic cases out), never a crash or a hang, and no `<script>` through the sanitizer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntryPoints.markdown(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main
struct Driver {
    static func main() { runLibFuzzer { fuzz($0, $1) } }
}
