// CaptureBlockView: what to capture next (the photo, the voice, the
// location), its instructions, and the button that starts it: the core's
// action, whose effect opens the camera, the recorder or one fix.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import SwiftUI

struct CaptureBlockView: View {
    let kind: CaptureKind
    let title: String
    let instructions: String
    let action: Action

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            HStack(alignment: .firstTextBaseline, spacing: 10) {
                Image(systemName: kind.symbol).font(.title2).foregroundColor(.accentColor).accessibilityHidden(true)
                CoreText(title).font(.headline).accessibilityAddTraits(.isHeader).wrapping()
            }
            CoreText(instructions).font(.body).wrapping()
            ActionButton(action: action)
        }
        .padding()
        .frame(maxWidth: .infinity, alignment: .leading)
        .overlay(RoundedRectangle(cornerRadius: 12).stroke(Color.accentColor.opacity(0.5), lineWidth: 1))
    }
}
#endif
