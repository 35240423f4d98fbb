import Foundation
import Testing
import PropertyBased
import DeskCore

/// Generated inputs for the importers: a valid file damaged by a handful of edits (so the parser gets deep before it
/// meets the damage), or bytes with no structure at all. Every edit is drawn from the library's seeded generator, so
/// a failure names a seed that replays it.
enum Mutation {
    /// Bytes that break parsers: quotes, separators, line ends, NUL, a lone UTF-8 lead byte, ESC, a BOM fragment.
    static let awkward: [[UInt8]] = [[0x22], [0x2C], [0x0A], [0x0D], [0x0D, 0x0A], [0x00], [0xC3], [0xFF], [0x1B, 0x5B, 0x32, 0x4A],
                                     [0xEF, 0xBB], [0x3D], [0x5B], [0x5D], [0x7B], [0x7D], [0x3A], [0x23], Array("\u{202E}".utf8),
                                     Array(repeating: 0x41, count: 5_000)]

    /// Up to eight edits, each four numbers: what to do, where, and with what.
    static let edits = Gen.uint64().array(of: 1...32)

    static func apply(_ plan: [UInt64], to seed: [UInt8]) -> [UInt8] {
        var bytes = seed
        for edit in stride(from: 0, to: plan.count - 3, by: 4) {
            let what = plan[edit] % 6, at = bytes.isEmpty ? 0 : Int(plan[edit + 1] % UInt64(bytes.count + 1))
            let length = Int(plan[edit + 2] % 64), value = plan[edit + 3]
            switch what {
            case 0: bytes.insert(contentsOf: awkward[Int(value % UInt64(awkward.count))], at: at)
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + length))
            case 2: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: value) }
            case 3: // Repeat a stretch, as a line pasted twice.
                let stretch = Array(bytes[at..<min(bytes.count, at + length)])
                bytes.insert(contentsOf: stretch, at: at)
            case 4: bytes = Array(bytes.prefix(at)) // cut off, as a copy that did not finish
            default: bytes.insert(contentsOf: withUnsafeBytes(of: value) { Array($0) }, at: at)
            }
        }
        return bytes
    }

    /// Random bytes of any kind, up to 2 KB.
    static let noise = Gen.uint8().array(of: 0...2_048)

    static func repositoryFile(_ path: String) -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return Array((try? Data(contentsOf: root.appendingPathComponent(path))) ?? Data())
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A message fit for a terminal: no control character (as `Sanitise` defines one) beyond line breaks.
    static func isPrintable(_ message: String) -> Bool {
        !message.unicodeScalars.contains { $0 != "\n" && Sanitise.isControl($0) }
    }

    /// Damaged copies of each seed file, then random bytes, all through `holds`.
    static func fuzz(_ seeds: [[UInt8]], count: Int, _ holds: @escaping ([UInt8]) -> Void) async {
        for seed in seeds {
            #expect(!seed.isEmpty, "a seed file is missing")
            await propertyCheck(count: count, input: edits) { holds(apply($0, to: seed)) }
        }
        await propertyCheck(count: count / 3, input: noise) { holds($0) }
    }

    /// For readers that take text: whatever they refuse, they refuse in words fit for a terminal.
    static func refusedInWords(_ read: @escaping (String) throws -> Void) -> ([UInt8]) -> Void {
        { bytes in
            do { try read(text(bytes)) } catch { #expect(isPrintable("\(error)"), "\(error)") }
        }
    }
}
