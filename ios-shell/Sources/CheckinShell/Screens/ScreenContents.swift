// ScreenContents: where a screen's fields and actions are, wherever the
// core placed them (the screen's own actions, a notice's, a capture
// block's, a row's, a language option's). The model sends back only
// actions the screen on show offers, and every field it shows.
import CheckinCore
import Foundation

public extension Screen {
    /// The text fields, in the order they are shown.
    var inputFields: [Field] {
        blocks.compactMap {
            if case .input(let field) = $0 { return field }
            return nil
        }
    }

    /// Every action the screen offers, in the order they are shown: those
    /// inside blocks first, then the screen's own.
    var allActions: [Action] {
        var found: [Action] = []
        for block in blocks {
            switch block {
            case .notice(_, _, _, _, let action?):
                found.append(action)
            case .capture(_, _, _, let action):
                found.append(action)
            case .items(_, let items):
                found.append(contentsOf: items.compactMap(\.action))
            case .choice(_, _, let options):
                found.append(contentsOf: options.map(\.action))
            default:
                break
            }
        }
        return found + actions
    }

    func offers(_ action: Action) -> Bool {
        allActions.contains(action)
    }
}
