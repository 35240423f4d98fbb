import DeskCore

/// Where each pane goes for a terminal size; nil when the terminal is too small to be usable.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    /// The main column never gets narrower than this: the slot grid's rows need it.
    static let minimumMainWidth = 44

    public var banner: Rect
    public var status: Rect
    /// The panes drawn, each in its rectangle; a zoomed layout has only the zoomed one.
    public private(set) var panes: [PaneID: Rect]

    /// The banner grows during an outage so it cannot be missed. A zoomed pane fills the whole body (tmux's zoom);
    /// otherwise the arrangement's main pane takes the left column and the other two share the right.
    public init?(width: Int, height: Int, bannerLines: Int,
                 arrangement: PaneArrangement = PaneArrangement(main: .slots), zoomed: PaneID? = nil) {
        guard width >= Layout.minimumWidth, height >= Layout.minimumHeight else { return nil }
        banner = Rect(x: 0, y: 0, width: width, height: bannerLines)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let top = bannerLines, bodyHeight = height - bannerLines - 1
        if let zoomed {
            panes = [zoomed: Rect(x: 0, y: top, width: width, height: bodyHeight)]
            return
        }
        let mainWidth = max(Layout.minimumMainWidth, width * arrangement.mainPercent / 100)
        let rightWidth = width - mainWidth
        let upperHeight = bodyHeight / 2
        let others = arrangement.others
        panes = [arrangement.main: Rect(x: 0, y: top, width: mainWidth, height: bodyHeight),
                 others[0]: Rect(x: mainWidth, y: top, width: rightWidth, height: upperHeight),
                 others[1]: Rect(x: mainWidth, y: top + upperHeight, width: rightWidth,
                                 height: bodyHeight - upperHeight)]
    }

    /// The pane's rectangle; empty when the pane is not drawn (another is zoomed).
    public func rect(for pane: PaneID) -> Rect { panes[pane] ?? Rect(x: 0, y: 0, width: 0, height: 0) }

    public var slots: Rect { rect(for: .slots) }
    public var incoming: Rect { rect(for: .incoming) }
    public var callsheet: Rect { rect(for: .callsheet) }
}
