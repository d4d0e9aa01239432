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

    fn add(&mut self, name: &str, other: Summary) {
        println!("--- {name}: {}", other.line());
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Runs everything and returns the sum.
///
/// # Errors
/// Only when the tools cannot be installed; test failures are counted, not returned.
pub fn run_all(root: &Path) -> Result<Summary> {
    let toolbox = tools::Toolbox::new(root);
    toolbox.ensure_for_tests()?;
    let mut total = Summary::default();

    step("cargo fmt --check");
    total.add(
        "fmt",
        check(Command::new("cargo").args(["fmt", "--all", "--check"])),
    );

    step("cargo clippy (native, all targets)");
    total.add(
        "clippy native",
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
    total.add(
        "clippy wasm",
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
    total.add(
        "native tests",
        libtest(Command::new("cargo").args(["test", "--workspace", "--locked", "--no-fail-fast"])),
    );

    step("browser unit tests (wasm-bindgen-test in headless Chromium)");
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
    total.add("browser unit tests", libtest(&mut browser));

    step("end-to-end tests (Playwright, real relay, Debian Chromium)");
    total.add("e2e", e2e(root, &toolbox));
    Ok(total)
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

/// Builds the app and the relay, starts the relay on a free port with a fresh data folder, runs
/// Playwright against it, and stops the relay.
fn e2e(root: &Path, toolbox: &tools::Toolbox) -> Summary {
    match run_e2e(root, toolbox) {
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

fn run_e2e(root: &Path, toolbox: &tools::Toolbox) -> Result<Summary> {
    build::app(root, toolbox)?;
    let relay_bin = build::relay(root, build::Profile::Debug)?;
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
