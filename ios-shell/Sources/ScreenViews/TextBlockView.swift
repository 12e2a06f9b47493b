// TextBlockView: a paragraph in one of the core's text roles, on the
// Dynamic Type scale: heading (marked as a heading for VoiceOver's rotor),
// body, caption (small print: times, sizes, key ids).
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import SwiftUI

struct TextBlockView: View {
    let text: String
    let style: TextStyle

    var body: some View {
        switch style {
        case .heading:
            CoreText(text).font(.title3.weight(.semibold)).accessibilityAddTraits(.isHeader).wrapping()
        case .body:
            CoreText(text).font(.body).wrapping()
        case .caption:
            CoreText(text).font(.footnote).foregroundColor(.secondary).wrapping()
        }
    }
}

extension View {
    /// Full width, as many lines as the text needs at any text size.
    func wrapping() -> some View {
        fixedSize(horizontal: false, vertical: true).frame(maxWidth: .infinity, alignment: .leading)
    }
}
#endif
