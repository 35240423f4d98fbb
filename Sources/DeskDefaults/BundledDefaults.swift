import Foundation

/// Finds the shipped Themes/ and Keymaps/ folders, which are the defaults users layer their own files over.
public enum BundledDefaults {
    public static var directory: URL? { Bundle.module.resourceURL }
}
