// InputFieldView: a field the participant fills in, bound to the model's
// text for it (ScreenModel.setField), with the keyboard of its kind
// (InputTraits: URL, code, time, text), its label, hint and the core's
// error under it. A field the program filled in (read-only) shows its
// value and cannot be edited.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import CheckinShell
import SwiftUI

struct InputFieldView: View {
    let field: Field
    @EnvironmentObject private var screens: Observed<ScreenModel>
    @Environment(\.coreLanguage) private var language

    var body: some View {
        let traits = InputTraits(field.kind)
        VStack(alignment: .leading, spacing: 6) {
            CoreText(field.label).font(.subheadline.weight(.semibold)).accessibilityHidden(true).wrapping()
            TextField(text: text, prompt: nil) { CoreText(field.label) }
                .textFieldStyle(.roundedBorder)
                .font(traits.monospaced ? .body.monospaced() : .body)
                .keyboardType(traits.keyboard.uiKit)
                .textInputAutocapitalization(traits.capitalization.swiftUI)
                .disableAutocorrection(!traits.autocorrection)
                .textContentType(traits.content.uiKit)
                .submitLabel(.done)
                .disabled(field.readOnly || screens.state.busy)
                .accessibilityLabel(Text(CoreText.spoken(field.accessibilityLabel ?? field.label, in: language)))
                .accessibilityHint(Text(CoreText.spoken(field.hint ?? "", in: language)))
                .accessibilityIdentifier("field.\(field.id)")
            if let hint = field.hint {
                CoreText(hint).font(.footnote).foregroundColor(.secondary).accessibilityHidden(true).wrapping()
            }
            if let error = field.error {
                HStack(alignment: .firstTextBaseline, spacing: 6) {
                    Image(systemName: "exclamationmark.circle.fill").accessibilityHidden(true)
                    CoreText(error).wrapping()
                }
                .font(.footnote)
                .foregroundColor(.red)
            }
        }
    }

    private var text: Binding<String> {
        let model = screens.model
        let id = field.id
        let shown = screens.state.fields[id] ?? field.value
        return Binding(get: { shown }, set: { model.setField(id, to: $0) })
    }
}

extension InputTraits.Keyboard {
    var uiKit: UIKeyboardType {
        switch self {
        case .standard: return .default
        case .url: return .URL
        case .asciiCapable: return .asciiCapable
        case .numbersAndPunctuation: return .numbersAndPunctuation
        }
    }
}

extension InputTraits.Capitalization {
    var swiftUI: TextInputAutocapitalization {
        switch self {
        case .none: return .never
        case .sentences: return .sentences
        case .characters: return .characters
        }
    }
}

extension InputTraits.Content {
    var uiKit: UITextContentType? {
        switch self {
        case .none: return nil
        case .url: return .URL
        case .oneTimeCode: return .oneTimeCode
        }
    }
}
#endif
