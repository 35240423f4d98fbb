import DeskCore
import DeskConfig

/// Composes the whole screen from the state: banner, the three panes, status line and any overlay.
public enum Screen {
    public static func layout(for state: AppState) -> Layout? {
        Layout(width: state.width, height: state.height, bannerLines: BannerPane.lines(for: state),
               arrangement: state.arrangement, zoomed: state.zoomed ? state.focus : nil)
    }

    public static func render(_ state: AppState, glyphs: Glyphs = .unicode) -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height, glyphs: glyphs)
        guard let layout = layout(for: state) else {
            TooSmallScreen.render(state, into: &canvas)
            return canvas
        }
        BannerPane.render(state, into: &canvas, at: layout.banner)
        for (pane, rect) in layout.panes { renderPane(pane, state, into: &canvas, at: rect) }
        StatusLine.render(state, into: &canvas, at: layout.status)
        let body = Rect(x: 0, y: layout.banner.maxY, width: state.width, height: layout.status.y - layout.banner.maxY)
        if let form = state.form { FormOverlay.render(form, state: state, into: &canvas, within: body) }
        switch state.overlay {
        case .help: HelpOverlay.render(state, into: &canvas, at: body)
        case .reason(let prompt):
            ConfirmDialog.render(question: prompt.question, hint: "\(prompt.label): \(prompt.text)▏   (Enter saves, Esc leaves it as it was)",
                                 into: &canvas, within: body)
        case .offerDraft(let form):
            let who = form.draft.patientName.isEmpty ? "" : " for \(Sanitise.visible(String(form.draft.patientName.prefix(30))))"
            ConfirmDialog.render(question: "A booking\(who) at \(form.start) \(form.day.longDescription) was not saved. Restore it?",
                                 hint: state.draftOfferHint(restore: "restores it", discard: "discards it for good",
                                                            between: " · "), into: &canvas, within: body)
        case .prompt(let form): PromptOverlay.render(form, into: &canvas, within: body)
        case .incident(let scroll): IncidentView.render(state, scroll: scroll, into: &canvas, at: body)
        case .runbook(let selected): RunbookView.render(state, selected: selected, into: &canvas, at: body)
        case .handover(let scroll): HandoverView.render(state, scroll: scroll, into: &canvas, at: body)
        case .confirm(let question, _):
            ConfirmDialog.render(question: question,
                                 hint: state.confirmHint("goes ahead", otherwise: "any other key changes nothing"),
                                 into: &canvas, within: body)
        case .chooseBooking(let chooser): ChooserOverlay.render(chooser, state: state, into: &canvas, within: body)
        case .search(let panel): SearchOverlay.render(panel, state: state, into: &canvas, within: body)
        case .notice(let title, let lines):
            ConfirmDialog.render(question: title, hint: (lines + ["Any key goes on."]).joined(separator: "   "),
                                 into: &canvas, within: body)
        case .confirmQuit:
            ConfirmDialog.render(question: "Quit with unsaved work?", hint: state.confirmHint("quits"),
                                 into: &canvas, within: body)
        case nil: break
        }
        return canvas
    }

    static func renderPane(_ pane: PaneID, _ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        switch pane {
        case .slots:
            if state.view.capacity != nil { CapacityPane.render(state, into: &canvas, at: rect) }
            else { SlotGridPane.render(state, into: &canvas, at: rect) }
        case .incoming:
            if state.showsBackEntry { BackEntryPane.render(state, into: &canvas, at: rect) }
            else { IncomingPane.render(state, into: &canvas, at: rect) }
        case .callsheet: CallSheetPane.render(state, into: &canvas, at: rect)
        }
    }
}
