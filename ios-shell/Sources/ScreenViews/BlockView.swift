// BlockView: one block of a screen, by kind, each drawn by its own view.
#if canImport(SwiftUI) && os(iOS)
import CheckinCore
import SwiftUI

struct BlockView: View {
    let block: Block

    var body: some View {
        switch block {
        case .text(let text, let style):
            TextBlockView(text: text, style: style)
        case .notice(let tone, let title, let message, let spoken, let action):
            NoticeView(tone: tone, title: title, message: message, spoken: spoken, action: action)
        case .facts(let title, let rows):
            FactsView(title: title, rows: rows)
        case .steps(let items):
            StepsView(steps: items)
        case .capture(let kind, let title, let instructions, let action):
            CaptureBlockView(kind: kind, title: title, instructions: instructions, action: action)
        case .hints(let items):
            HintsView(hints: items)
        case .items(let title, let items):
            ItemsView(title: title, items: items)
        case .input(let field):
            InputFieldView(field: field)
        case .choice(_, let label, let options):
            ChoiceView(label: label, options: options)
        }
    }
}
#endif
