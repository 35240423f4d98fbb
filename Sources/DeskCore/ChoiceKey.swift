/// How a typed choice (`No answer`, `no_answer`, ` no-answer `) is compared with the names of an enum's cases.
public enum ChoiceKey {
    public static func of(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
    }
}
