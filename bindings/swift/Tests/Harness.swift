// A minimal test harness: XCTest is not needed to run plain async checks,
// and this keeps the suite a single swiftc invocation on Linux and macOS.
// Prints one line per test and a closing "swift: N passed, N failed".
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

final class TestRun: @unchecked Sendable {
    private(set) var passed = 0
    private(set) var failed = 0
    init() {
        // Line-buffered, so a hang still shows which test it is in.
        setvbuf(stdout, nil, _IOLBF, 0)
    }

    private let filter = ProcessInfo.processInfo.environment["CHECKIN_TEST_FILTER"].flatMap { $0.isEmpty ? nil : $0 }

    func test(_ name: String, _ body: () async throws -> Void) async {
        if let filter, !name.contains(filter) { return }
        print("...  \(name)")
        let start = Date()
        do {
            try await body()
            passed += 1
            print("ok   \(name) (\(Int(Date().timeIntervalSince(start) * 1000)) ms)")
        } catch {
            failed += 1
            print("FAIL \(name): \(error)")
        }
    }

    /// Prints the summary and exits non-zero if anything failed.
    func finish() -> Never {
        print("swift: \(passed) passed, \(failed) failed")
        exit(failed == 0 && passed > 0 ? 0 : 1)
    }
}

func expect(_ condition: Bool, _ message: @autoclosure () -> String = "",
            file: StaticString = #fileID, line: UInt = #line) throws {
    if !condition { throw TestFailure(description: "\(file):\(line): \(message())") }
}

func expectEqual<T: Equatable>(_ actual: T, _ expected: T,
                               file: StaticString = #fileID, line: UInt = #line) throws {
    if actual != expected {
        throw TestFailure(description: "\(file):\(line): got \(actual), expected \(expected)")
    }
}

/// Runs `body`, which must throw an error of type `E`; returns that error.
@discardableResult
func expectThrows<E: Error, T>(_ type: E.Type, file: StaticString = #fileID, line: UInt = #line,
                               _ body: () async throws -> T) async throws -> E {
    do {
        let value = try await body()
        throw TestFailure(description: "\(file):\(line): expected \(E.self), got value \(value)")
    } catch let error as E {
        return error
    } catch let error as TestFailure {
        throw error
    } catch {
        throw TestFailure(description: "\(file):\(line): expected \(E.self), got \(error)")
    }
}
