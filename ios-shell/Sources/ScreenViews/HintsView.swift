// HintsView: the last capture's quality hints ("too dark: retake", "looks
// good"), each marked by its tone.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import SwiftUI

struct HintsView: View {
    let hints: [Hint]

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            ForEach(Array(hints.enumerated()), id: \.offset) { _, hint in
                HStack(alignment: .firstTextBaseline, spacing: 8) {
                    Image(systemName: hint.tone.symbol).foregroundColor(hint.tone.color).accessibilityHidden(true)
                    CoreText(hint.text).font(.subheadline).wrapping()
                }
                .accessibilityElement(children: .combine)
            }
        }
    }
}
#endif
