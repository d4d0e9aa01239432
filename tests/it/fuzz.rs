//! A short run of the structure-aware fuzzer inside the tests (`cargo xtask fuzz` runs long
//! ones): no panic, the honest member always answered, memory within the bound.

/// Frames in the run inside `cargo xtask test`: the floor for a run on every change.
const FRAMES: u64 = 100_000;

#[test]
fn a_short_fuzz_run_finds_no_panic_no_reset_of_others_and_no_growth() {
    let report = kehila_tests::fuzz::run(FRAMES, 0x6b65_6869_6c61);
    println!("{}", report.json());
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.frames, FRAMES);
}
