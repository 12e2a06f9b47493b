// Entry point of the Swift test executable (scripts/bindings/test-swift.sh).
let run = TestRun()
await checkinTests(run)
await transparencyTests(run)
await deferredMediaTests(run)
await screensTests(run)
await directoryTests(run)
run.finish()
