// ActionButton: one of the core's actions as a button, styled by its
// `style` (primary: filled; secondary: outlined; danger: red; link: plain
// text), disabled when the core says so or while another action runs,
// read by VoiceOver with the core's accessibility label, found by UI tests
// by the action's stable id.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import CheckinShell
import SwiftUI

struct ActionButton: View {
    let action: Action
    @EnvironmentObject private var screens: Observed<ScreenModel>

    var body: some View {
        styled(Button(role: action.style == .danger ? .destructive : nil) {
            let model = screens.model
            let action = self.action
            Task { await model.tap(action) }
        } label: {
            CoreText(action.label)
                .multilineTextAlignment(.center)
                .frame(maxWidth: action.style == .link ? nil : .infinity)
        })
        .disabled(!action.enabled || screens.state.busy)
        .spokenLabel(action.accessibilityLabel)
        .accessibilityIdentifier(action.id)
    }

    @ViewBuilder
    private func styled<Label: View>(_ button: Button<Label>) -> some View {
        switch action.style {
        case .primary:
            button.buttonStyle(.borderedProminent).controlSize(.large)
        case .secondary:
            button.buttonStyle(.bordered).controlSize(.large)
        case .danger:
            button.buttonStyle(.bordered).controlSize(.large).tint(.red)
        case .link:
            button.buttonStyle(.borderless)
        }
    }
}
#endif
