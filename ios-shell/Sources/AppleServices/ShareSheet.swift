// ShareSheet: hands a file to the OS share sheet (UIActivityViewController)
// from the screen on show, and answers once the sheet is gone. The core
// writes the file (its proof export, `.txt`) and names its type; iOS reads
// the type from the file name.
//
// The sheet stays up when the participant backs out of one destination
// (Mail, Messages) to pick another: only its dismissal, or a completed
// share, answers, and only once. Reviewed by reading; built and run only
// on an iPhone.
#if canImport(UIKit) && os(iOS)
import CheckinShell
import UIKit

public final class ShareSheet: FileSharing {
    public init() {}

    public func share(fileAt path: String, mimeType: String) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            Task { @MainActor in
                guard let presenter = ShareSheet.topController() else { return continuation.resume(returning: false) }
                let sheet = UIActivityViewController(activityItems: [URL(fileURLWithPath: path)],
                                                     applicationActivities: nil)
                var answered = false
                sheet.completionWithItemsHandler = { activity, completed, _, _ in
                    guard !answered, completed || activity == nil else { return }
                    answered = true
                    continuation.resume(returning: completed)
                }
                // On an iPad the sheet is a popover and needs an anchor.
                if let popover = sheet.popoverPresentationController {
                    popover.sourceView = presenter.view
                    popover.sourceRect = CGRect(x: presenter.view.bounds.midX, y: presenter.view.bounds.midY,
                                                width: 0, height: 0)
                    popover.permittedArrowDirections = []
                }
                presenter.present(sheet, animated: true)
            }
        }
    }

    /// The view controller on top of the app's key window.
    @MainActor
    static func topController() -> UIViewController? {
        let scenes = UIApplication.shared.connectedScenes.compactMap { $0 as? UIWindowScene }
        let windows = scenes.flatMap(\.windows)
        var top = (windows.first { $0.isKeyWindow } ?? windows.first)?.rootViewController
        while let presented = top?.presentedViewController {
            top = presented
        }
        return top
    }
}
#endif
