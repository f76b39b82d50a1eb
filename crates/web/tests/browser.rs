//! The page in a real browser: Debian's headless Chromium driven by playwright-core
//! (`tests/node/browser.mjs`) against this crate's server on a loopback port. Checks the five
//! boxes of `tar -xzvf x.tgz` and where each connector starts and ends, the dark theme and its
//! toggle, stepping through a pipeline, the page without JavaScript, phone width; on a script
//! and a long wrapped line at 1280 and 390 px: connector crossings, parts never broken across
//! rows, the sticky line's height cap; 16 distinguishable colours; Tab and focus; typing a
//! two-line script into the command box. Screenshots go to `target/web-screenshots/`
//! (`scripts/screenshots.sh` copies the README's from there).
//!
//! Why playwright-core rather than WebDriver from Rust: the checks need a colour-scheme
//! emulation, a context with JavaScript off, SVG geometry (`getPointAtLength`) and full-page
//! screenshots; playwright-core has each as one call, drives Debian's Chromium directly (no
//! chromedriver process to manage), and is one pinned npm package with no browser download.
//! The hover test needs npm (bash-language-server) anyway.

mod common;

use std::process::Command;

#[test]
fn explanation_page_in_headless_chromium() {
    let node_dir = common::node_dir();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !common::tools_or_skip(
        "browser test",
        &[
            chromium.clone().into(),
            node_dir.join("node_modules/playwright-core/package.json"),
        ],
    ) {
        return;
    }
    let addr = common::start_browser_server();
    let shots = common::workspace().join("target/web-screenshots");
    let out = Command::new("node")
        .arg(node_dir.join("browser.mjs"))
        .arg(format!("http://{addr}"))
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "browser checks failed:\n{stdout}\n{stderr}"
    );
    let passed: usize = stdout
        .lines()
        .find_map(|l| l.strip_suffix(" passed, 0 failed"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(passed >= 13, "every check ran and passed: {stdout}");
    for shot in [
        "explain-light.png",
        "explain-dark.png",
        "explain-nojs.png",
        "explain-script.png",
        "readme-oneliner.png",
        "readme-script.png",
        "readme-dark.png",
        "explain-long-line.png",
    ] {
        assert!(shots.join(shot).exists(), "{shot} saved");
    }
}
