// NoticeView: a banner by tone (a check-in due now, a warning, a success),
// its title and text read as one element (or as the core's accessibility
// label when it gives one), and its action, if any, as its own button.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import SwiftUI

struct NoticeView: View {
    let tone: Tone
    let title: String
    let message: String
    let spoken: String?
    let action: Action?

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            HStack(alignment: .firstTextBaseline, spacing: 10) {
                Image(systemName: tone.symbol)
                    .foregroundColor(tone.color)
                    .accessibilityHidden(true)
                VStack(alignment: .leading, spacing: 4) {
                    CoreText(title).font(.headline).wrapping()
                    if !message.isEmpty {
                        CoreText(message).font(.body).wrapping()
                    }
                }
            }
            .accessibilityElement(children: .combine)
            .spokenLabel(spoken)
            if let action {
                ActionButton(action: action)
            }
        }
        .padding()
        .frame(maxWidth: .infinity, alignment: .leading)
        .background(tone.color.opacity(0.12), in: RoundedRectangle(cornerRadius: 12))
    }
}
#endif
