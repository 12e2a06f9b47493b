// ClientSetup: how the app opens the core: which language, which data
// directory, which platform name.
//
// The language is the managed configuration's on an issued phone (the
// program chose it), else the participant's first preferred language, else
// English; the core falls back to English for a language it lacks.
import CheckinCore
import Foundation

public enum ClientSetup {
    /// Sent at enrollment.
    public static let platform = "ios"
    public static let fallbackLocale = "en"

    public static func locale(managed: ManagedAppConfig?, preferredLanguages: [String]) -> String {
        managed?.language ?? preferredLanguages.first ?? fallbackLocale
    }

    public static func config(dataDirectory: URL, locale: String) -> ClientConfig {
        ClientConfig(dataDir: dataDirectory.path, locale: locale, platform: platform)
    }
}
