//! What the benchmarks that measure a fresh process share.

/// Peak resident memory of this process image, in MiB (`VmHWM`: unlike getrusage's maximum,
/// not carried over from the process that spawned it).
pub fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// The command line: `None` when cargo only lists the benchmarks (`--list`), else a reader of
/// `--name value` options.
pub fn options() -> Option<impl Fn(&str) -> Option<String>> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return None;
    }
    Some(move |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    })
}
