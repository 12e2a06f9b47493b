// PhoneDialler: calls the program through the Phone app (a `tel:` link,
// which iOS confirms with the participant before dialling). A device that
// cannot call (an iPad, an iPod touch, a restriction) answers false.
//
// Reviewed by reading; built and run only on an iPhone.
#if canImport(UIKit) && os(iOS)
import CheckinShell
import UIKit

public final class PhoneDialler: Dialler {
    public init() {}

    public func dial(_ phone: String) async -> Bool {
        // The core hands over digits and a leading +; keep exactly those.
        let digits = phone.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
        guard !digits.isEmpty, let url = URL(string: "tel:\(digits)") else { return false }
        return await UIApplication.shared.open(url)
    }
}
#endif
