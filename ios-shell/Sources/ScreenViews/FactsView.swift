// FactsView: label and value pairs (a window's times, a receipt). Side by
// side at ordinary text sizes, stacked at the accessibility sizes so
// neither is cut; each pair is one element for VoiceOver, or the core's
// accessibility label (a key id is described, not spelled out).
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import SwiftUI

struct FactsView: View {
    let title: String?
    let rows: [Fact]
    @Environment(\.dynamicTypeSize) private var textSize

    var body: some View {
        VStack(alignment: .leading, spacing: 10) {
            if let title {
                CoreText(title).font(.headline).accessibilityAddTraits(.isHeader).wrapping()
            }
            ForEach(Array(rows.enumerated()), id: \.offset) { _, row in
                pair(row)
                    .accessibilityElement(children: .combine)
                    .spokenLabel(row.accessibilityLabel)
            }
        }
    }

    @ViewBuilder
    private func pair(_ row: Fact) -> some View {
        if textSize.isAccessibilitySize {
            VStack(alignment: .leading, spacing: 2) {
                CoreText(row.label).font(.subheadline).foregroundColor(.secondary).wrapping()
                CoreText(row.value).font(.body).wrapping()
            }
        } else {
            HStack(alignment: .firstTextBaseline) {
                CoreText(row.label).font(.subheadline).foregroundColor(.secondary)
                Spacer(minLength: 12)
                CoreText(row.value).font(.body).multilineTextAlignment(.trailing)
            }
        }
    }
}
#endif
