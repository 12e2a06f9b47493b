// StatusView: renders the StatusModel's state, nothing else. A stopgap
// until the core's screens arrive: its few labels are the developer's
// English, not the participant's language (every text on the coming
// screens is the core's).
#if canImport(SwiftUI) && os(iOS)
import CheckinShell
import SwiftUI

struct StatusView: View {
    @ObservedObject var status: Observed<StatusModel>
    let syncNow: () -> Void

    var body: some View {
        let state = status.state
        NavigationView {
            List {
                Section {
                    row("Enrolled", state.enrolled ? "yes" : "no")
                    row("Network", String(describing: state.connectivity))
                }
                if let due = state.due {
                    Section("Window") {
                        row("State", String(describing: due.state))
                        row("Opens", due.opens.formatted(date: .abbreviated, time: .shortened))
                        row("Closes", due.closes.formatted(date: .abbreviated, time: .shortened))
                    }
                }
                Section("Check-ins") {
                    row("Waiting", "\(state.queued)")
                    row("Delivered", "\(state.delivered)")
                    if state.wedged > 0 { row("Refused", "\(state.wedged)") }
                    if let receipt = state.lastReceiptAt {
                        row("Last receipt", receipt.formatted(date: .abbreviated, time: .shortened))
                    }
                }
                if let problem = state.problem {
                    Section { Text(problem.rawValue).font(.caption.monospaced()) }
                }
            }
            .navigationTitle(state.programName ?? "Check-in")
            .toolbar {
                Button(action: syncNow) { Image(systemName: "arrow.triangle.2.circlepath") }
                    .disabled(state.syncing || !state.enrolled)
                    .accessibilityIdentifier("status.sync-now")
            }
        }
        .navigationViewStyle(.stack)
    }

    private func row(_ label: String, _ value: String) -> some View {
        HStack {
            Text(label)
            Spacer()
            Text(value).foregroundColor(.secondary)
        }
    }
}
#endif
