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
