//! `cargo xtask fuzz --frames N`: runs the structure-aware fuzzer (`kehila_tests::fuzz`), saves
//! any input that panicked under `--crashers` (one file per input, named by its hash), prints one
//! JSON line of figures, and fails if the run was not clean.

use std::{
    hash::{Hash, Hasher},
    path::PathBuf,
    process::ExitCode,
};

fn main() -> ExitCode {
    let mut frames: u64 = 1_000_000;
    let mut seed: u64 = 0x6b65_6869_6c61;
    let mut crashers: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--frames" => frames = value.parse().unwrap_or(frames),
            "--seed" => seed = value.parse().unwrap_or(seed),
            "--crashers" => crashers = Some(PathBuf::from(value)),
            other => {
                eprintln!("unknown flag {other} (known: --frames, --seed, --crashers)");
                return ExitCode::FAILURE;
            }
        }
    }
    let report = kehila_tests::fuzz::run(frames, seed);
    if let Some(folder) = &crashers {
        for input in &report.crashers {
            // `DefaultHasher::new()` has fixed keys: the same input always gets the same name.
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            input.hash(&mut hasher);
            let path = folder.join(format!("fuzz-{:016x}.frame", hasher.finish()));
            if let Err(error) = std::fs::write(&path, input) {
                eprintln!("cannot save {}: {error}", path.display());
            }
        }
    }
    for failure in &report.failures {
        eprintln!("fuzz: {failure}");
    }
    println!("{}", report.json());
    if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
