// How each tone and step state looks: a colour for the symbol and the
// background tint, and an SF Symbol. Text stays in the primary colour so it
// keeps its contrast in light, dark and high-contrast modes; the colour
// only marks.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import SwiftUI

extension Tone {
    var color: Color {
        switch self {
        case .neutral: return .secondary
        case .info: return .blue
        case .success: return .green
        case .warning: return .orange
        case .danger: return .red
        }
    }

    var symbol: String {
        switch self {
        case .neutral: return "circle.fill"
        case .info: return "info.circle.fill"
        case .success: return "checkmark.circle.fill"
        case .warning: return "exclamationmark.triangle.fill"
        case .danger: return "exclamationmark.octagon.fill"
        }
    }
}

extension StepState {
    var symbol: String {
        switch self {
        case .done: return "checkmark.circle.fill"
        case .current: return "arrow.right.circle.fill"
        case .todo: return "circle"
        case .optional: return "plus.circle"
        }
    }

    var color: Color {
        switch self {
        case .done: return .green
        case .current: return .accentColor
        case .todo, .optional: return .secondary
        }
    }
}

extension CaptureKind {
    var symbol: String {
        switch self {
        case .photo: return "camera.fill"
        case .voice: return "mic.fill"
        case .location: return "location.fill"
        }
    }
}
#endif
