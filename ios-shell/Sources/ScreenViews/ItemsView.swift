// ItemsView: rows of a list (appointments, proof windows, ledger entries,
// permissions), each with its title, a badge ("Delivered", "Allowed")
// tinted by its tone, its detail, and its action as a button under it.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import SwiftUI

struct ItemsView: View {
    let title: String?
    let items: [Item]

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            if let title {
                CoreText(title).font(.headline).accessibilityAddTraits(.isHeader).wrapping()
            }
            ForEach(Array(items.enumerated()), id: \.offset) { index, item in
                if index > 0 { Divider() }
                VStack(alignment: .leading, spacing: 6) {
                    row(item)
                        .accessibilityElement(children: .combine)
                        .spokenLabel(item.accessibilityLabel)
                    if let action = item.action {
                        ActionButton(action: action)
                    }
                }
            }
        }
    }

    private func row(_ item: Item) -> some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack(alignment: .firstTextBaseline, spacing: 8) {
                CoreText(item.title).font(.body.weight(.semibold)).wrapping()
                if let badge = item.badge {
                    CoreText(badge)
                        .font(.caption.weight(.semibold))
                        .padding(.horizontal, 8)
                        .padding(.vertical, 2)
                        .background(item.tone.color.opacity(0.18), in: Capsule())
                }
            }
            if !item.detail.isEmpty {
                CoreText(item.detail).font(.subheadline).foregroundColor(.secondary).wrapping()
            }
        }
    }
}
#endif
