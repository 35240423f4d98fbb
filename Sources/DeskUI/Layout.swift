/// Where each pane goes for a terminal size; nil when the terminal is too small to be usable.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var banner: Rect
    public var slots: Rect
    public var incoming: Rect
    public var callsheet: Rect
    public var status: Rect

    /// The banner grows to three lines during an outage so it cannot be missed.
    public init?(width: Int, height: Int, bannerLines: Int) {
        guard width >= Layout.minimumWidth, height >= Layout.minimumHeight else { return nil }
        banner = Rect(x: 0, y: 0, width: width, height: bannerLines)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let top = bannerLines, bodyHeight = height - bannerLines - 1
        let leftWidth = max(44, width * 11 / 20)
        slots = Rect(x: 0, y: top, width: leftWidth, height: bodyHeight)
        let rightWidth = width - leftWidth
        let incomingHeight = bodyHeight / 2
        incoming = Rect(x: leftWidth, y: top, width: rightWidth, height: incomingHeight)
        callsheet = Rect(x: leftWidth, y: top + incomingHeight, width: rightWidth, height: bodyHeight - incomingHeight)
    }

    public func rect(for pane: DeskCore.PaneID) -> Rect {
        switch pane {
        case .slots: return slots
        case .incoming: return incoming
        case .callsheet: return callsheet
        }
    }
}

import DeskCore
