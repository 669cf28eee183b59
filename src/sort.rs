//! Sorting, written once for the whole crate.
//!
//! The standard library's sort is generic over the element and the comparison, so each call site
//! with its own element type or closure gets its own copy: about 5 KB of wasm each, 7 KB brotli of
//! the core module for the five this crate had. Here one sort of indices, with the comparison
//! behind a `dyn`, serves every caller; the lists sorted (warnings, removals, escapes, quotes,
//! attributes) are short in articles, so the indirect call costs little (one raw-HTML article
//! measured +0.3% instructions), and the sort stays O(n log n) on hostile ones.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping items that compare equal in their order (stable).
pub(crate) fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|index| slots[index].take()));
}

/// Sorts `items` by `key`, stable.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The indices `0..len` in the order `compare` (of two indices) gives, ties in index order.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::Xorshift;

    #[test]
    fn sorts_as_the_standard_librarys_stable_sort_does() {
        let mut random = Xorshift(0x5EED_1234_ABCD_0001);
        for len in 0..200 {
            let items: Vec<(u64, usize)> = (0..len).map(|index| (random.below(8) as u64, index)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut ours = items;
            sort_by_key(&mut ours, |item| item.0);
            assert_eq!(ours, expected, "length {len}");
        }
    }

    #[test]
    fn sorts_by_a_comparison_descending() {
        let mut items = vec![3, 9, 1, 9, 4];
        sort_by(&mut items, |a, b| b.cmp(a));
        assert_eq!(items, [9, 9, 4, 3, 1]);
    }
}
