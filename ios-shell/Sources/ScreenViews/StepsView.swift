// StepsView: the steps of a check-in in order, each with its state (done,
// now, to do, optional) as a symbol and its detail (why it is asked, or
// what was captured); VoiceOver reads the core's "step 2 of 3: …" label.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import SwiftUI

struct StepsView: View {
    let steps: [Step]

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            ForEach(Array(steps.enumerated()), id: \.offset) { _, step in
                HStack(alignment: .firstTextBaseline, spacing: 10) {
                    Image(systemName: step.state.symbol)
                        .foregroundColor(step.state.color)
                        .accessibilityHidden(true)
                    VStack(alignment: .leading, spacing: 2) {
                        CoreText(step.label)
                            .font(step.state == .current ? .headline : .body)
                            .wrapping()
                        CoreText(step.detail).font(.subheadline).foregroundColor(.secondary).wrapping()
                    }
                }
                .accessibilityElement(children: .combine)
                .spokenLabel(step.accessibilityLabel)
            }
        }
    }
}
#endif
