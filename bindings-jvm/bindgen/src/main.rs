//! `feedrail-jvm-bindgen generate <lib> --language kotlin --out-dir <dir>`: uniffi-bindgen, then
//! two steps over its Kotlin: the exception's `message` and `details` made the core's and named
//! constructors static (see [`patch`]), and the Java facade written next to it (see [`java`]).

mod java;
mod patch;

use std::path::PathBuf;

fn main() {
    uniffi::uniffi_bindgen_main();
    let args: Vec<String> = std::env::args().collect();
    let Some(out) = args
        .iter()
        .position(|a| a == "--out-dir")
        .and_then(|i| args.get(i + 1))
    else {
        return;
    };
    let dir = PathBuf::from(out).join("dev/feedrail");
    let path = dir.join("feedrail.kt");
    let generated = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => fail(&format!("cannot read {}: {e}", path.display())),
    };
    let patched = patch::patch(&generated).unwrap_or_else(|e| fail(&e));
    let facade = java::facade(&patched).unwrap_or_else(|e| fail(&e));
    for (file, text) in [(path, patched), (dir.join("Java.kt"), facade)] {
        if let Err(e) = std::fs::write(&file, text) {
            fail(&format!("cannot write {}: {e}", file.display()));
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("feedrail-jvm-bindgen: {message}");
    std::process::exit(1)
}
