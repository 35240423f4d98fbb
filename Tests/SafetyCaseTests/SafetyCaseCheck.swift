import Foundation

/// What is wrong with the safety case: each problem names the file, the line and the hazard.
enum SafetyCaseCheck {
    static func problems(log: HazardLog, logName: String, tests: TestInventory, summary: String, summaryName: String) -> [String] {
        var problems: [String] = []
        if log.hazards.isEmpty { problems.append("\(logName): no hazards found (each starts with '## HAZ-NN · title')") }
        var seen: Set<String> = []
        for hazard in log.hazards {
            let at = "\(logName):\(hazard.line): \(hazard.id)"
            if hazard.id.wholeMatch(of: /HAZ-[0-9]{2}/) == nil { problems.append("\(at): an id is written HAZ-NN") }
            if !seen.insert(hazard.id).inserted { problems.append("\(at): the id is used twice") }
            if hazard.title.isEmpty { problems.append("\(at): no title after '·'") }
            for name in Hazard.requiredFields where (hazard.fields[name]?.text ?? "").isEmpty {
                problems.append("\(at): no '- **\(name):**' line")
            }
            problems += riskProblems(hazard, at: at, logName: logName)
            if hazard.controls.isEmpty { problems.append("\(at): no controls (a '| Control | Proven by |' table)") }
            if !hazard.controls.contains(where: { !$0.tests.isEmpty }) {
                problems.append("\(at): no control is proven by a test")
            }
            for control in hazard.controls {
                let where_ = "\(logName):\(control.line): \(hazard.id)"
                if control.text.isEmpty { problems.append("\(where_): a control with no text") }
                if control.tests.isEmpty { problems.append("\(where_): the control '\(control.text.prefix(40))…' names no test") }
                for test in control.tests where !tests.contains(test) {
                    problems.append("\(where_): `\(test)` is not a test (write Module.Suite/function, as `swift test list` does, without the arguments)")
                }
            }
        }
        problems += summaryProblems(log: log, summary: summary, summaryName: summaryName)
        return problems
    }

    private static func riskProblems(_ hazard: Hazard, at: String, logName: String) -> [String] {
        var problems: [String] = []
        var ratings: [String: Int] = [:]
        for name in ["Initial risk", "Residual risk"] {
            guard let field = hazard.fields[name] else { continue }
            guard let risk = RiskAssessment(field.text) else {
                problems.append("\(logName):\(field.line): \(hazard.id): write the \(name.lowercased()) as 'severity S, likelihood L, risk R'")
                continue
            }
            guard let expected = RiskMatrix.rating(severity: risk.severity, likelihood: risk.likelihood) else {
                problems.append("\(logName):\(field.line): \(hazard.id): severity is one of \(RiskMatrix.severities.joined(separator: ", ")); likelihood one of \(RiskMatrix.likelihoods.joined(separator: ", "))")
                continue
            }
            if expected != risk.rating {
                problems.append("\(logName):\(field.line): \(hazard.id): \(risk.severity) × \(risk.likelihood) is risk \(expected), not \(risk.rating)")
            }
            ratings[name] = risk.rating
        }
        if let initial = ratings["Initial risk"], let residual = ratings["Residual risk"] {
            if residual > initial { problems.append("\(at): the residual risk (\(residual)) is above the initial risk (\(initial))") }
            if residual >= 4 { problems.append("\(at): a residual risk of \(residual) is unacceptable; add controls") }
        }
        return problems
    }

    /// The summary's table of hazards by residual risk: `| risk | HAZ-NN | title |`, highest risk first.
    private static func summaryProblems(log: HazardLog, summary: String, summaryName: String) -> [String] {
        var problems: [String] = []
        var listed: [(line: Int, risk: Int, id: String)] = []
        for (offset, raw) in summary.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let cells = raw.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, cells[1].hasPrefix("HAZ-"), let risk = Int(cells[0]) else { continue }
            listed.append((offset + 1, risk, cells[1]))
        }
        let residuals = Dictionary(log.hazards.compactMap { hazard in hazard.residual.map { (hazard.id, $0.rating) } }, uniquingKeysWith: { first, _ in first })
        for hazard in log.hazards where !listed.contains(where: { $0.id == hazard.id }) {
            problems.append("\(summaryName): \(hazard.id) is in the hazard log but not in the table of hazards by residual risk")
        }
        for row in listed {
            guard let residual = residuals[row.id] else {
                problems.append("\(summaryName):\(row.line): \(row.id) is not in the hazard log")
                continue
            }
            if residual != row.risk { problems.append("\(summaryName):\(row.line): \(row.id) has residual risk \(residual) in the log, not \(row.risk)") }
        }
        if listed.map(\.risk) != listed.map(\.risk).sorted(by: >) {
            problems.append("\(summaryName): the hazards are listed highest residual risk first")
        }
        return problems
    }
}
