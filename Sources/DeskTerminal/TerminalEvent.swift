import DeskCore

/// What reading the keyboard can produce.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
}
