#if DESK_FUZZING
import Foundation
import DeskFuzzTargets

/// libFuzzer's driver, linked from clang's `libclang_rt.fuzzer_no_main` by Fuzz/run.sh: this program keeps its own
/// main (SwiftPM gives every executable one) and hands libFuzzer the callback.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

enum LibFuzzer {
    nonisolated(unsafe) static var target = FuzzTarget.values

    static func run(_ target: FuzzTarget, arguments: [String]) -> Int32 {
        Self.target = target
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var count = Int32(arguments.count)
        return pointers.withUnsafeMutableBufferPointer { buffer in
            var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
            return LLVMFuzzerRunDriver(&count, &vector) { data, size in
                let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                do { try LibFuzzer.target.check(bytes) } catch {
                    // A broken invariant is a crash to libFuzzer: it keeps the input and stops.
                    fatalError("\(LibFuzzer.target.rawValue): \(error)")
                }
                return 0
            }
        }
    }
}
#endif
