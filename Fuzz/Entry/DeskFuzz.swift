import Foundation
import DeskFuzzTargets

/// `desk-fuzz TARGET [libFuzzer options and corpus folders]` when built for fuzzing (Fuzz/run.sh), and
/// `desk-fuzz replay TARGET FILE|FOLDER…` in any build: every input through the target's checks, for the inputs the
/// fuzzer kept and the crashes it found; `desk-fuzz show TARGET FILE…` prints the text a target makes of an input.
@main
enum DeskFuzz {
    static func main() {
        var arguments = CommandLine.arguments
        guard arguments.count >= 2 else { usage() }
        let replaying = arguments[1] == "replay", showing = arguments[1] == "show"
        if replaying || showing { arguments.remove(at: 1) }
        guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else { usage() }
        arguments.remove(at: 1)
        if replaying { exit(replay(target, Array(arguments.dropFirst()))) }
        if showing {
            for file in arguments.dropFirst() {
                let bytes = Array(FileManager.default.contents(atPath: file) ?? Data())
                print(target.text(of: bytes) ?? String(decoding: bytes, as: UTF8.self))
            }
            exit(0)
        }
        #if DESK_FUZZING
        exit(LibFuzzer.run(target, arguments: arguments))
        #else
        let words = "desk-fuzz: this build is not instrumented; use Fuzz/run.sh, or replay\n"
        FileHandle.standardError.write(Data(words.utf8))
        exit(2)
        #endif
    }

    static func usage() -> Never {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("usage: desk-fuzz [replay] TARGET …\ntargets: \(names)\n".utf8))
        exit(2)
    }

    /// Every file named, or in a folder named, through the target; the broken invariants are printed.
    static func replay(_ target: FuzzTarget, _ paths: [String]) -> Int32 {
        var files: [String] = []
        for path in paths {
            var folder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &folder) else { continue }
            if folder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        var broken = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            do { try target.check(Array(data)) } catch {
                broken += 1
                print("\(file): \(error)")
            }
        }
        print("\(target.rawValue): \(files.count) input\(files.count == 1 ? "" : "s"), \(broken) broken")
        return broken == 0 ? 0 : 1
    }
}
