// swift-tools-version:5.9
// Swift package of the check-in core for iOS (and macOS for previews/tests).
// scripts/bindings/build-ios-xcframework.sh fills CheckinCoreFFI.xcframework
// (the Rust static library + C header) and Sources/CheckinCore (the generated
// Swift). For distribution, replace the binary target's `path:` with
// `url:` + `checksum:` of the zipped XCFramework (the script prints both).
import PackageDescription

let package = Package(
    name: "CheckinCore",
    platforms: [
        // Keep in step with IOS_MIN in the build script (bindings/README.md, "Decisions").
        .iOS(.v15),
        .macOS(.v12),
    ],
    products: [
        .library(name: "CheckinCore", targets: ["CheckinCore"]),
    ],
    targets: [
        .binaryTarget(name: "CheckinCoreFFI", path: "CheckinCoreFFI.xcframework"),
        .target(
            name: "CheckinCore",
            dependencies: ["CheckinCoreFFI"],
            path: "Sources/CheckinCore"
        ),
    ]
)
