//! `cargo xtask test`: every check and suite, counted into one `N passed, N failed` line.
//!
//! Order: cheap checks first (fmt, clippy), then native tests, browser unit tests
//! (wasm-bindgen-test in headless Chromium), and the end-to-end suite (Playwright against the real
//! relay, started here on a free port, serving the release build of the app). A suite that cannot
//! even run (a compile error, say) counts as one failure, so the total never hides it.

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, Result};

use crate::{build, step, tools};

/// Passed and failed counts.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    /// Tests and checks that passed.
    pub passed: u64,
    /// Tests and checks that failed (or suites that could not run).
    pub failed: u64,
}

impl Summary {
    /// The final line.
    pub fn line(&self) -> String {
        format!("{} passed, {} failed", self.passed, self.failed)
    }
}

/// The suites' counts and how long each took, summed into the final line.
#[derive(Debug, Default)]
pub struct Report {
    /// Every suite's counts added up.
    pub total: Summary,
    /// (suite, its counts, wall-clock time), in the order they ran.
    timings: Vec<(String, Option<Summary>, Duration)>,
}

impl Report {
    fn add(&mut self, name: &str, started: Instant, other: Summary) {
        let took = started.elapsed();
        println!("--- {name}: {} ({})", other.line(), minutes(took));
        self.total.passed += other.passed;
        self.total.failed += other.failed;
        self.timings.push((name.to_string(), Some(other), took));
    }

    /// A step that is not a suite (installing tools) but whose time counts.
    fn timed(&mut self, name: &str, started: Instant) {
        self.timings
            .push((name.to_string(), None, started.elapsed()));
    }

    /// The time of every step, then the total: printed just before the final line, so the end
    /// of a CI log says where the minutes went.
    pub fn print_times(&self) {
        println!("time per suite:");
        let mut all = Duration::ZERO;
        for (name, summary, took) in &self.timings {
            all += *took;
            let counts = summary
                .map(|s| format!("  {}", s.line()))
                .unwrap_or_default();
            println!("  {name:<20} {:>9}{counts}", minutes(*took));
        }
        println!("  {:<20} {:>9}", "total", minutes(all));
    }
}

/// `12m05s` (or `42s`).
fn minutes(duration: Duration) -> String {
    let seconds = duration.as_secs();
    if seconds >= 60 {
        format!("{}m{:02}s", seconds / 60, seconds % 60)
    } else {
        format!("{seconds}s")
    }
}

/// Runs everything and returns the sum with the time of each suite.
///
/// # Errors
/// Only when the tools cannot be installed; test failures are counted, not returned.
pub fn run_all(root: &Path) -> Result<Report> {
    let toolbox = tools::Toolbox::new(root);
    let mut report = Report::default();
    let started = Instant::now();
    toolbox.ensure_for_tests()?;
    report.timed("install tools", started);

    step("cargo fmt --check");
    let started = Instant::now();
    report.add(
        "fmt",
        started,
        check(Command::new("cargo").args(["fmt", "--all", "--check"])),
    );

    step("cargo clippy (native, all targets)");
    let started = Instant::now();
    report.add(
        "clippy native",
        started,
        check(Command::new("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ])),
    );
    step("cargo clippy (app on wasm32)");
    let started = Instant::now();
    report.add(
        "clippy wasm",
        started,
        check(Command::new("cargo").args([
            "clippy",
            "--package",
            "kehila-app",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ])),
    );

    step("native tests (cargo test --workspace)");
    let started = Instant::now();
    report.add(
        "native tests",
        started,
        libtest(Command::new("cargo").args(["test", "--workspace", "--locked", "--no-fail-fast"])),
    );

    step("browser unit tests (wasm-bindgen-test in headless Chromium)");
    let started = Instant::now();
    let mut browser = toolbox.command("cargo");
    browser
        .args([
            "test",
            "--package",
            "kehila-app",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args(["--test", "web", "--locked"])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            toolbox.bin_dir().join("wasm-bindgen-test-runner"),
        )
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    report.add("browser unit tests", started, libtest(&mut browser));

    step("building the app (Trunk, release) and the relay for the end-to-end tests");
    let started = Instant::now();
    let built = build::app(root, &toolbox).and_then(|()| build::relay_under_test(root));
    report.timed("build app + relay", started);

    step("end-to-end tests (Playwright, real relay, Debian Chromium)");
    let started = Instant::now();
    let e2e = match built {
        Ok(relay) => e2e(root, &toolbox, &relay),
        Err(error) => {
            eprintln!("e2e could not run: {error:#}");
            Summary {
                passed: 0,
                failed: 1,
            }
        }
    };
    report.add("e2e", started, e2e);
    Ok(report)
}

/// A check is one item: passed when the command succeeds.
fn check(command: &mut Command) -> Summary {
    match command.status() {
        Ok(status) if status.success() => Summary {
            passed: 1,
            failed: 0,
        },
        _ => Summary {
            passed: 0,
            failed: 1,
        },
    }
}

/// Runs a libtest-style command (cargo test, wasm-bindgen-test-runner), echoing its output, and
/// sums its `test result:` lines.
fn libtest(command: &mut Command) -> Summary {
    let output = match command.stdout(Stdio::piped()).spawn() {
        Ok(mut child) => {
            let mut summary = Summary::default();
            if let Some(stdout) = child.stdout.take() {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    println!("{line}");
                    if let Some(counts) = parse_test_result(&line) {
                        summary.passed += counts.passed;
                        summary.failed += counts.failed;
                    }
                }
            }
            child.wait().map(|status| (status, summary))
        }
        Err(error) => Err(error),
    };
    match output {
        Ok((status, summary)) if status.success() => summary,
        // It failed without reporting a failed test (a build error, a crash): count it.
        Ok((_, summary)) if summary.failed == 0 => Summary {
            failed: 1,
            ..summary
        },
        Ok((_, summary)) => summary,
        Err(_) => Summary {
            passed: 0,
            failed: 1,
        },
    }
}

/// Parses `test result: ok. 3 passed; 1 failed; …`.
fn parse_test_result(line: &str) -> Option<Summary> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let count = |label: &str| -> u64 {
        rest.split(';')
            .filter_map(|part| {
                part.trim()
                    .trim_start_matches("ok. ")
                    .trim_start_matches("FAILED. ")
                    .strip_suffix(label)
            })
            .filter_map(|n| n.trim().parse().ok())
            .next()
            .unwrap_or(0)
    };
    Some(Summary {
        passed: count(" passed"),
        failed: count(" failed"),
    })
}

/// Starts the relay on a free port with a fresh data folder, runs Playwright against it, and
/// stops the relay.
fn e2e(root: &Path, toolbox: &tools::Toolbox, relay: &Path) -> Summary {
    log_fonts();
    match run_e2e(root, toolbox, relay) {
        Ok(summary) => summary,
        Err(error) => {
            eprintln!("e2e could not run: {error:#}");
            Summary {
                passed: 0,
                failed: 1,
            }
        }
    }
}

/// The fonts this machine would use for the families the app's CSS falls back to. The app ships
/// its own (Heebo) and the suite checks that Chromium draws with it; these lines make any
/// difference between machines visible in the log instead of as a mysterious failure.
fn log_fonts() {
    const FAMILIES: &[&str] = &[
        "Heebo",
        "system-ui",
        "Noto Sans Hebrew",
        "Arial",
        "sans-serif",
        "sans-serif:lang=he",
        "emoji",
    ];
    for family in FAMILIES {
        let found = Command::new("fc-match")
            .arg(family)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
        println!(
            "font on this machine: {family} -> {}",
            found.as_deref().unwrap_or("(fc-match not available)")
        );
    }
}

fn run_e2e(root: &Path, toolbox: &tools::Toolbox, relay_bin: &Path) -> Result<Summary> {
    let data = root.join("target").join("e2e-data");
    let _ = std::fs::remove_dir_all(&data);
    let mut relay = Command::new(relay_bin)
        .args(["--host", "127.0.0.1", "--port", "0", "--data-dir"])
        .arg(&data)
        .arg("--dist-dir")
        .arg(root.join("dist"))
        .stdout(Stdio::piped())
        .spawn()
        .context("starting the relay")?;
    let mut lines = BufReader::new(relay.stdout.take().context("relay stdout")?).lines();
    let url = lines
        .next()
        .and_then(Result::ok)
        .and_then(|line| {
            line.strip_prefix("Kehila is running at ")
                .map(str::to_string)
        })
        .context("the relay did not print its URL")?;
    // The fresh data folder makes this a first start: the relay prints the admin invite link,
    // which the sync suite uses to join (as a newcomer would, by opening it).
    let admin_invite = lines
        .by_ref()
        .take(10)
        .map_while(Result::ok)
        .find_map(|line| {
            line.split_once("#invite=")
                .map(|(_, token)| token.trim().to_string())
        })
        .context("the relay did not print an admin invite link")?;
    // Keep draining the relay's stdout so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    step(&format!("relay for e2e at {url}"));

    let results = root.join("target").join("e2e-results.json");
    let _ = std::fs::remove_file(&results);
    let status = toolbox
        .command("npx")
        .args([
            "playwright",
            "test",
            "--config",
            "tests/e2e/playwright.config.ts",
        ])
        .env("KEHILA_URL", url.trim_end_matches('/'))
        .env("KEHILA_ADMIN_INVITE", &admin_invite)
        // For specs that need a relay of their own (its own limits, its own community).
        .env("KEHILA_RELAY_BIN", relay_bin)
        .env("KEHILA_DIST_DIR", root.join("dist"))
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &results)
        .current_dir(root)
        .status();
    stop(&mut relay);

    let report = std::fs::read_to_string(&results).ok();
    let stats = report
        .as_deref()
        .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok())
        .map(|json| json["stats"].clone());
    let summary = match stats {
        Some(stats) => Summary {
            passed: stats["expected"].as_u64().unwrap_or(0),
            failed: stats["unexpected"].as_u64().unwrap_or(0)
                + stats["flaky"].as_u64().unwrap_or(0),
        },
        None => Summary::default(),
    };
    let ran_ok = status.as_ref().is_ok_and(|s| s.success());
    Ok(if !ran_ok && summary.failed == 0 {
        Summary {
            failed: 1,
            ..summary
        }
    } else {
        summary
    })
}

/// Asks the relay to shut down (SIGTERM) and waits for it.
fn stop(relay: &mut std::process::Child) {
    let _ = Command::new("kill").arg(relay.id().to_string()).status();
    let _ = relay.wait();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libtest_result_lines_are_counted() {
        let ok = parse_test_result("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s").unwrap();
        assert_eq!((ok.passed, ok.failed), (12, 0));
        let bad = parse_test_result("test result: FAILED. 3 passed; 2 failed; 0 ignored").unwrap();
        assert_eq!((bad.passed, bad.failed), (3, 2));
        assert!(parse_test_result("running 3 tests").is_none());
    }
}
