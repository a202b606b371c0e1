//! Stable ordering of the short lists a feed holds (its topics, an archive's
//! issues).
//!
//! The standard library's sorts are fast on long slices, but each use adds
//! a few kilobytes of code to every reader's download. These lists hold
//! tens to hundreds of items, where an insertion sort is just as quick.

/// Sorts `items` by `key`, keeping the order of items with equal keys.
pub fn sort_stable_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for unsorted in 1..items.len() {
        let mut at = unsorted;
        while at > 0 && key(&items[at - 1]) > key(&items[at]) {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pseudo-random pairs with many equal keys, so stability shows.
        let mut seed = 7u32;
        let items: Vec<(u32, usize)> = (0..300)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 16 & 15, i)
            })
            .collect();
        let mut ours = items.clone();
        sort_stable_by_key(&mut ours, |&(key, _)| std::cmp::Reverse(key));
        let mut standard = items;
        standard.sort_by_key(|&(key, _)| std::cmp::Reverse(key));
        assert_eq!(ours, standard);
    }

    #[test]
    fn handles_empty_and_single_lists() {
        let mut empty: Vec<u8> = Vec::new();
        sort_stable_by_key(&mut empty, |&x| x);
        let mut one = vec![1];
        sort_stable_by_key(&mut one, |&x| x);
        assert_eq!(one, [1]);
    }
}
