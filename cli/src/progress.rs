//! Progress of pushes: an indicatif bar per account on a terminal, a line per landed batch
//! otherwise (CI logs, pipes).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use feedrail::{Progress, ProgressCallback};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

/// Progress display shared by every account of a run.
#[derive(Clone)]
pub struct Bars {
    multi: Option<MultiProgress>,
    bars: Arc<Mutex<HashMap<String, ProgressBar>>>,
}

impl Bars {
    /// Bars on a terminal, plain lines elsewhere.
    pub fn new() -> Self {
        Bars {
            multi: std::io::stderr().is_terminal().then(MultiProgress::new),
            bars: Arc::default(),
        }
    }

    /// The callback to hand to the feed options.
    pub fn callback(&self) -> ProgressCallback {
        let this = self.clone();
        Arc::new(move |event: &Progress| this.show(event))
    }

    fn show(&self, event: &Progress) {
        let Ok(mut bars) = self.bars.lock() else {
            return;
        };
        match (event, &self.multi) {
            (
                Progress::Planned {
                    account_id,
                    transactions,
                    ..
                },
                Some(multi),
            ) => {
                let bar = multi.add(ProgressBar::new(*transactions as u64));
                bar.set_style(
                    ProgressStyle::with_template("{prefix:>12} [{bar:40}] {pos}/{len} lines {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                );
                bar.set_prefix(account_id.clone());
                bars.insert(account_id.clone(), bar);
            }
            (
                Progress::BatchLanded {
                    account_id,
                    landed,
                    total,
                    sequence,
                    ..
                },
                multi,
            ) => match (bars.get(account_id), multi) {
                (Some(bar), Some(_)) => {
                    bar.set_position(*landed as u64);
                    if landed == total {
                        bar.finish_with_message("landed");
                    }
                }
                _ => eprintln!("{account_id}: batch {sequence} landed ({landed}/{total} lines)"),
            },
            (
                Progress::BatchStopped {
                    account_id,
                    sequence,
                    status,
                },
                _,
            ) => match bars.get(account_id) {
                Some(bar) => bar.abandon_with_message(format!("batch {sequence} {status:?}")),
                None => eprintln!("{account_id}: batch {sequence} ended {status:?}"),
            },
            _ => {}
        }
    }
}
