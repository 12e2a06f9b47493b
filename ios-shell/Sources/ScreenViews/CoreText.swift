// CoreText: a text from the core, in the screen's language. VoiceOver
// reads each text with the voice of that language (the attributed string's
// language), not the phone's: a Haitian Creole screen on an English phone
// is not read with English sounds. Every word on screen goes through here;
// the shell writes none of its own.
#if canImport(SwiftUI) && os(iOS)
import SwiftUI

struct CoreText: View {
    let text: String
    @Environment(\.coreLanguage) private var language

    init(_ text: String) {
        self.text = text
    }

    var body: some View {
        Text(CoreText.spoken(text, in: language))
    }

    /// `text` marked as being in `language` (BCP 47).
    static func spoken(_ text: String, in language: String) -> AttributedString {
        var attributed = AttributedString(text)
        attributed.languageIdentifier = language
        return attributed
    }
}

/// Replaces what VoiceOver reads for an element when the core gives an
/// accessibility label; leaves the element's own words otherwise.
struct SpokenLabel: ViewModifier {
    let label: String?
    @Environment(\.coreLanguage) private var language

    @ViewBuilder
    func body(content: Content) -> some View {
        if let label {
            content.accessibilityLabel(Text(CoreText.spoken(label, in: language)))
        } else {
            content
        }
    }
}

extension View {
    func spokenLabel(_ label: String?) -> some View {
        modifier(SpokenLabel(label: label))
    }
}

private struct CoreLanguageKey: EnvironmentKey {
    static let defaultValue = "en"
}

extension EnvironmentValues {
    /// The language of the screen on show (`Screen.language`).
    var coreLanguage: String {
        get { self[CoreLanguageKey.self] }
        set { self[CoreLanguageKey.self] = newValue }
    }
}
#endif
