import Foundation
import GRDB
import DeskCore

/// The plan the desk follows and its review record.
public struct PlanStatus: Equatable, Sendable {
    public var plan: ContinuityPlan?
    public var installedAt: Date?
    public var installedBy: String?
    /// The later of the file's `last_reviewed` and the reviews recorded here.
    public var lastReviewed: LocalDate?
    public var reviews: [PlanReviewRecord]

    public func isOverdue(today: LocalDate) -> Bool {
        lastReviewed.map { PlanReview.isOverdue(lastReviewed: $0, today: today) } ?? false
    }
}

public struct PlanReviewRecord: Equatable, Sendable {
    public var day: LocalDate
    public var at: Date
    public var by: String
    public var note: String
}

extension DeskStore {
    /// Makes `plan` (already checked) the one every terminal follows; `source` is the file's text, kept for the record.
    func installPlan(_ plan: ContinuityPlan, source: String, actor: Actor, at now: Date) throws {
        let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        try write(actor: actor, at: now) { db, changes in
            let id = UUID()
            try db.execute(sql: "INSERT INTO continuity_plan (id, installed_at, installed_by, source, plan) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id.uuidText, Codecs.instant(now), actor.user, source, json])
            changes.append(Change(action: "plan.install", entity: "continuity_plan", entityID: id,
                                  detail: [("title", plan.title), ("functions", "\(plan.functions.count)"), ("last_reviewed", plan.lastReviewed.iso)]))
        }
    }

    /// Records that the plan was reviewed on `day` (journaled): the yearly review clock starts again.
    func recordPlanReview(day: LocalDate, note: String, actor: Actor, at now: Date) throws {
        let note = note.trimmingCharacters(in: .whitespaces)
        guard !Sanitise.containsControl(note), note.count <= 500 else {
            throw Refusal.rule("the review note must be printable text, at most 500 characters")
        }
        guard day <= LocalDate(now, in: .current).adding(days: 1) else {
            throw Refusal.rule("a review cannot be recorded for a future date (\(day.iso))")
        }
        try write(actor: actor, at: now) { db, changes in
            guard try Self.plan(db) != nil else {
                throw Refusal.rule(
                    "no continuity plan is installed; install one with `downtime-desk plan install FILE`")
            }
            let id = UUID()
            try db.execute(sql: "INSERT INTO plan_review (id, day, at, by, note) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id.uuidText, day.iso, Codecs.instant(now), actor.user, note])
            changes.append(Change(action: "plan.review", entity: "plan_review", entityID: id, detail: [("day", day.iso), ("note", note)]))
        }
    }

    public func planStatus() throws -> PlanStatus {
        try pool.read { db in try Self.planStatus(db) }
    }

    /// The installed plan's source text, for printing exactly what was installed.
    public func planSource() throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT source FROM continuity_plan ORDER BY installed_at DESC, rowid DESC LIMIT 1") }
    }

    static func planStatus(_ db: Database) throws -> PlanStatus {
        let installed = try Row.fetchOne(db, sql: "SELECT * FROM continuity_plan ORDER BY installed_at DESC, rowid DESC LIMIT 1")
        let plan = try installed.flatMap { row in try JSONDecoder().decode(ContinuityPlan.self, from: Data((row["plan"] as String).utf8)) }
        let reviews = try Row.fetchAll(db, sql: "SELECT * FROM plan_review ORDER BY day, at").compactMap { row -> PlanReviewRecord? in
            guard let day = LocalDate(iso: row["day"]) else { return nil }
            return PlanReviewRecord(day: day, at: Codecs.instant(row["at"] as String?) ?? .distantPast, by: row["by"], note: row["note"])
        }
        let lastReviewed = ([plan?.lastReviewed] + reviews.map(\.day)).compactMap { $0 }.max()
        return PlanStatus(plan: plan, installedAt: Codecs.instant(installed?["installed_at"] as String?),
                          installedBy: installed?["installed_by"], lastReviewed: plan == nil ? nil : lastReviewed, reviews: reviews)
    }

    static func plan(_ db: Database) throws -> ContinuityPlan? { try planStatus(db).plan }
}
