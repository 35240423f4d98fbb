import Foundation

/// The DCB0129 five-by-five matrix: how bad the harm would be, how likely it is, and the risk rating (1–5) they give.
enum RiskMatrix {
    static let severities = ["Minor", "Significant", "Considerable", "Major", "Catastrophic"]
    static let likelihoods = ["Very low", "Low", "Medium", "High", "Very high"]
    /// Rows by likelihood (very low first), columns by severity (minor first).
    static let ratings = [
        [1, 1, 2, 2, 3],
        [1, 2, 2, 3, 4],
        [2, 2, 3, 3, 4],
        [2, 3, 3, 4, 5],
        [3, 4, 4, 5, 5],
    ]

    static func rating(severity: String, likelihood: String) -> Int? {
        guard let column = severities.firstIndex(of: severity), let row = likelihoods.firstIndex(of: likelihood) else { return nil }
        return ratings[row][column]
    }
}

/// One assessment of a hazard: "severity Major, likelihood Low, risk 3".
struct RiskAssessment: Equatable {
    var severity: String
    var likelihood: String
    var rating: Int

    /// Reads the assessment at the start of `text`; what follows it is the reasoning.
    init?(_ text: String) {
        let pattern = /^severity ([A-Za-z]+), likelihood ([A-Za-z ]+?), risk ([0-9])/
        guard let match = text.firstMatch(of: pattern) else { return nil }
        severity = String(match.1)
        likelihood = String(match.2)
        rating = Int(match.3) ?? 0
    }
}

struct Control {
    var line: Int
    var text: String
    var tests: [String]
}

struct Hazard {
    var id: String
    var title: String
    var line: Int
    var fields: [String: (line: Int, text: String)] = [:]
    var controls: [Control] = []

    static let requiredFields = ["Cause", "Effect on the patient", "Initial risk", "Residual risk"]

    var residual: RiskAssessment? { fields["Residual risk"].flatMap { RiskAssessment($0.text) } }
}

/// The hazard log as written in `docs/clinical-safety/hazard-log.md`: one `## HAZ-NN · title` section per
/// hazard, its fields as `- **Name:** text` lines, and its controls as a `| Control | Proven by |` table.
struct HazardLog {
    var hazards: [Hazard] = []

    init(markdown: String) {
        var current: Hazard?
        var inControls = false
        for (offset, raw) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces), number = offset + 1
            if line.hasPrefix("## ") {
                if let current { hazards.append(current) }
                current = nil
                inControls = false
                let heading = line.dropFirst(3)
                if heading.hasPrefix("HAZ-") {
                    let parts = heading.split(separator: "·", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    current = Hazard(id: parts[0], title: parts.count > 1 ? parts[1] : "", line: number)
                }
                continue
            }
            guard current != nil else { continue }
            if line.hasPrefix("- **"), let close = line.range(of: ":**") {
                let name = String(line[line.index(line.startIndex, offsetBy: 4)..<close.lowerBound])
                current?.fields[name] = (number, line[close.upperBound...].trimmingCharacters(in: .whitespaces))
                inControls = false
            } else if line.hasPrefix("| Control") {
                inControls = true
            } else if inControls, line.hasPrefix("|") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 4, !cells[1].allSatisfy({ $0 == "-" || $0 == ":" }) else { continue }
                current?.controls.append(Control(line: number, text: cells[1], tests: Self.quoted(cells[2])))
            } else if line.isEmpty == false {
                inControls = false
            }
        }
        if let current { hazards.append(current) }
    }

    /// The `backticked` names in a cell.
    static func quoted(_ cell: String) -> [String] {
        cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }
}
