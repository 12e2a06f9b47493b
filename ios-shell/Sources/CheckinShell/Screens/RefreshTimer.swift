// RefreshTimer: asks for a screen again after the delay the core named
// (`Screen.refreshInMs`: a countdown's next minute, a window opening).
// One pending refresh at a time, like the one screen on show: scheduling
// replaces the earlier one. `SleepingTimer` is the app's; tests fire a
// manual one.
import Foundation

@MainActor
public protocol RefreshTimer: AnyObject {
    /// Calls `fire` once at `date` (soon, if it has passed), unless
    /// cancelled or replaced first.
    func schedule(at date: Date, _ fire: @escaping @MainActor () -> Void)
    func cancel()
}

/// A refresh as a sleeping task on the main actor. A suspended app does not
/// run it; the scene's return to the foreground asks for the screen anyway.
@MainActor
public final class SleepingTimer: RefreshTimer {
    private var pending: Task<Void, Never>?

    public init() {}

    public func schedule(at date: Date, _ fire: @escaping @MainActor () -> Void) {
        pending?.cancel()
        let delay = max(0, date.timeIntervalSinceNow)
        pending = Task { @MainActor in
            try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
            guard !Task.isCancelled else { return }
            fire()
        }
    }

    public func cancel() {
        pending?.cancel()
        pending = nil
    }
}
