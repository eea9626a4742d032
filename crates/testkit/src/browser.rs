//! The browser tests' tools: Debian's Chromium, Node.js and the `e2e/` scripts with their npm
//! packages (playwright-core to drive Chromium, axe-core to check accessibility).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a browser test needs to run `node e2e/<script>`.
pub struct BrowserKit {
    pub chromium: PathBuf,
    pub node: PathBuf,
    /// The repository's `e2e/` folder, with its `node_modules` installed.
    pub e2e_dir: PathBuf,
}

/// Finds Chromium and Node and installs the e2e packages when missing (`npm ci`, from the
/// lockfile). Returns None, with a loud warning, when a tool is absent and CI is not set; under
/// CI a missing tool fails the test instead, so the browser suite is never skipped there.
pub fn kit() -> Option<BrowserKit> {
    match find() {
        Ok(kit) => Some(kit),
        Err(why) if crate::postgres::ci() => panic!("browser tests cannot run under CI: {why}"),
        Err(why) => {
            // The real stderr: the harness swallows eprintln! of passing tests.
            let _ = writeln!(
                std::io::stderr(),
                "\n\
                 ************************************************************************\n\
                 BROWSER TESTS SKIPPED: {why}.\n\
                 Install Debian's `chromium` and `nodejs` (and `npm`), or run `bash .ci/run`.\n\
                 ************************************************************************\n"
            );
            None
        }
    }
}

fn find() -> Result<BrowserKit, String> {
    let chromium = std::env::var_os("ESSAIM_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| on_path("chromium"))
        .ok_or("Chromium (/usr/bin/chromium) was not found")?;
    let node = on_path("node").ok_or("Node.js (node) was not found")?;
    let e2e_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../e2e");
    let e2e_dir = e2e_dir
        .canonicalize()
        .map_err(|e| format!("{}: {e}", e2e_dir.display()))?;
    if !e2e_dir.join("node_modules/axe-core/axe.min.js").exists()
        || !e2e_dir.join("node_modules/playwright-core").exists()
    {
        let npm = on_path("npm").ok_or("npm was not found (to install e2e/node_modules)")?;
        let out = Command::new(npm)
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e_dir)
            .output()
            .map_err(|e| format!("npm ci: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "npm ci in e2e/ failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    Ok(BrowserKit {
        chromium,
        node,
        e2e_dir,
    })
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
}
