// StatePublishing: how a view model tells its view that its state changed,
// without Combine or Observation (neither is available on Linux, and
// `@Observable` needs iOS 17: README.md, "Minimum iOS").
//
// A view model holds one `State` value (a plain struct the view renders)
// and calls `onChange` after each change; on Apple platforms `Observed`
// turns that into an `ObservableObject` for SwiftUI. The screens' view
// models of the next part follow the same shape.
import Foundation

@MainActor
public protocol StatePublishing: AnyObject {
    associatedtype State: Equatable
    var state: State { get }
    /// Called on the main actor after `state` changed (one observer: the view).
    var onChange: ((State) -> Void)? { get set }
}

#if canImport(Combine)
import Combine

/// A `StatePublishing` model as an `ObservableObject`, for SwiftUI views
/// from iOS 15: `@StateObject var status = Observed(model)`.
@MainActor
public final class Observed<Model: StatePublishing>: ObservableObject {
    public let model: Model
    @Published public private(set) var state: Model.State

    public init(_ model: Model) {
        self.model = model
        state = model.state
        model.onChange = { [weak self] in self?.state = $0 }
    }
}
#endif
