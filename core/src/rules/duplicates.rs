//! Finding repeated ids, cache-friendly at any input size.
//!
//! A hash set over a million ids is a stream of cache misses. Instead, every id is hashed once,
//! `(hash, position)` pairs are scattered into partitions by the hash's top bits (one sequential
//! pass, input order kept inside each partition), and each partition — a few thousand entries —
//! is checked with a small table that stays in cache.

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::engine::is_blank;

/// Entries per partition the split aims for (small enough for the L2 cache).
const PARTITION_TARGET: usize = 4096;

/// For every position whose id repeats an earlier one, `(position, first position)`, ascending.
///
/// `hash_at(i)` gives the [`id_hash`] of the id to consider at position `i`, or `None` to leave
/// it out; `id_at(i)` gives the id itself, read only when two hashes match.
pub(crate) fn earlier_duplicates<'a>(
    n: usize,
    hash_at: impl Fn(usize) -> Option<u64>,
    id_at: impl Fn(usize) -> Option<&'a str>,
) -> Vec<(u32, u32)> {
    // Sized for every position: most are considered, and the count is not worth a pass.
    let bits = partition_bits(n);
    let shift = 64 - bits;
    let part_of = |hash: u64| {
        if bits == 0 {
            0
        } else {
            (hash >> shift) as usize
        }
    };

    // Two passes over the hashes (count, then scatter) rather than a list of them first: no
    // allocation as big as the input beyond the partitioned list itself.
    let mut starts = vec![0usize; (1 << bits) + 1];
    let mut considered = 0;
    for i in 0..n {
        if let Some(hash) = hash_at(i) {
            starts[part_of(hash) + 1] += 1;
            considered += 1;
        }
    }
    for p in 1..starts.len() {
        starts[p] += starts[p - 1];
    }
    let mut next = starts.clone();
    let mut partitioned = vec![(0u64, 0u32); considered];
    for i in 0..n {
        if let Some(hash) = hash_at(i) {
            let slot = &mut next[part_of(hash)];
            partitioned[*slot] = (hash, i as u32);
            *slot += 1;
        }
    }

    // Inside a partition every hash starts with the same `bits` bits, and the table takes its
    // 7-bit tags from a hash's top bits: it is given the hash's halves swapped, so that tags and
    // buckets both come from bits that differ.
    let in_table = |hash: u64| hash.rotate_left(32);
    let mut duplicates = Vec::new();
    let mut table: hashbrown::HashTable<u32> = hashbrown::HashTable::new();
    for p in 0..starts.len() - 1 {
        let part = &partitioned[starts[p]..starts[p + 1]];
        table.clear();
        table.reserve(part.len(), |&k| in_table(part[k as usize].0));
        for (k, &(hash, index)) in part.iter().enumerate() {
            // Ids are fetched again only on a full 64-bit hash match, which is almost always a
            // real repeat: the common case never leaves this partition.
            let earlier = table.find(in_table(hash), |&j| {
                let (other_hash, other_index) = part[j as usize];
                other_hash == hash && id_at(other_index as usize) == id_at(index as usize)
            });
            match earlier {
                Some(&j) => duplicates.push((index, part[j as usize].1)),
                None => {
                    table
                        .insert_unique(in_table(hash), k as u32, |&j| in_table(part[j as usize].0));
                }
            }
        }
    }
    duplicates.sort_unstable();
    duplicates
}

/// Where the engine learns whether a line repeats an earlier line's id.
pub(crate) enum Repeats {
    /// Every repeat, found up front over lines held in memory: `(position, first position)`,
    /// ascending, and how many are behind the current line.
    Listed {
        repeats: Vec<(u32, u32)>,
        seen: usize,
    },
    /// A feed read in chunks: the ids whose hash occurs more than once in the feed, and the
    /// first position of each such id met so far — so only those ids are ever held as text.
    Streamed {
        suspects: hashbrown::HashSet<u64>,
        first: HashMap<String, usize>,
    },
}

impl Repeats {
    /// The first position of the id the line at `index` repeats, if it does. Lines must be asked
    /// about in input order, and only those considered (included, with a non-blank id).
    pub fn earlier(&mut self, index: usize, id: &str) -> Option<usize> {
        match self {
            Repeats::Listed { repeats, seen } => {
                let &(at, first) = repeats.get(*seen)?;
                (at as usize == index).then(|| {
                    *seen += 1;
                    first as usize
                })
            }
            Repeats::Streamed { suspects, first } => {
                if !suspects.contains(&id_hash(id)) {
                    return None;
                }
                match first.get(id) {
                    Some(&first) => Some(first),
                    None => {
                        first.insert(id.to_owned(), index);
                        None
                    }
                }
            }
        }
    }
}

/// The hash every duplicate check agrees on; never 0 (which [`Lines`](super::Lines) keeps for
/// "no id").
pub(crate) fn id_hash(id: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one(id).max(1)
}

/// The [`id_hash`] of a line's usable id, 0 when it has none or it is blank (such ids are not
/// compared).
pub(crate) fn line_id_hash(id: Option<&str>) -> u64 {
    id.filter(|id| !is_blank(id)).map_or(0, id_hash)
}

/// The hashes that occur more than once in `hashes` (sorted in place).
pub(crate) fn repeated_hashes(hashes: &mut [u64]) -> hashbrown::HashSet<u64> {
    hashes.sort_unstable();
    hashes
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect()
}

/// How many top hash bits pick the partition: enough for ~`PARTITION_TARGET` entries each.
fn partition_bits(entries: usize) -> u32 {
    let parts = entries.div_ceil(PARTITION_TARGET).next_power_of_two();
    parts.trailing_zeros().min(12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_repeat_with_its_first_position() {
        let ids: Vec<String> = (0..50_000).map(|i| format!("id-{}", i % 20_000)).collect();
        let dups = earlier_duplicates(
            ids.len(),
            |i| Some(id_hash(&ids[i])),
            |i| Some(ids[i].as_str()),
        );
        assert_eq!(dups.len(), 30_000);
        assert!(
            dups.iter()
                .all(|&(i, first)| first == i % 20_000 && first < i)
        );
        assert!(dups.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn streamed_repeats_match_the_listed_ones() {
        let ids: Vec<String> = (0..5_000)
            .map(|i| format!("id-{}", i * 7 % 3_001))
            .collect();
        let mut listed = Repeats::Listed {
            repeats: earlier_duplicates(
                ids.len(),
                |i| Some(id_hash(&ids[i])),
                |i| Some(ids[i].as_str()),
            ),
            seen: 0,
        };
        let mut hashes: Vec<u64> = ids.iter().map(|id| id_hash(id)).collect();
        let mut streamed = Repeats::Streamed {
            suspects: repeated_hashes(&mut hashes),
            first: HashMap::new(),
        };
        let mut found = 0;
        for (i, id) in ids.iter().enumerate() {
            let expected = listed.earlier(i, id);
            assert_eq!(streamed.earlier(i, id), expected, "line {i}");
            found += usize::from(expected.is_some());
        }
        assert_eq!(found, 5_000 - 3_001);
    }

    #[test]
    fn skips_left_out_positions() {
        let ids = ["a", "b", "a", "a"];
        let dups = earlier_duplicates(4, |i| (i != 0).then(|| id_hash(ids[i])), |i| Some(ids[i]));
        assert_eq!(dups, [(3, 2)]);
    }
}
