// ChoiceView: a choice among options (the language), each option a row
// whose tap sends the option's own action; the selected one is checked and
// marked selected for VoiceOver. Each language's name is spoken in that
// language, whatever the screen's.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import CheckinShell
import SwiftUI

struct ChoiceView: View {
    let label: String
    let options: [ChoiceOption]
    @EnvironmentObject private var screens: Observed<ScreenModel>

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            CoreText(label).font(.headline).accessibilityAddTraits(.isHeader).wrapping()
            ForEach(options, id: \.value) { option in
                Button {
                    let model = screens.model
                    Task { await model.tap(option.action) }
                } label: {
                    HStack {
                        CoreText(option.label).environment(\.coreLanguage, option.value)
                        Spacer()
                        if option.selected {
                            Image(systemName: "checkmark").accessibilityHidden(true)
                        }
                    }
                    .contentShape(Rectangle())
                    .padding(.vertical, 6)
                }
                .buttonStyle(.plain)
                .disabled(!option.action.enabled || screens.state.busy)
                .accessibilityAddTraits(option.selected ? [.isSelected] : [])
                .accessibilityIdentifier(option.action.id)
                Divider()
            }
        }
    }
}
#endif
