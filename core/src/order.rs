//! Stable ordering of the lists a feed holds (its topics, an archive's
//! issues).
//!
//! The standard library's sorts are generic over every element type, and
//! each use adds a few kilobytes of code to every reader's download. This
//! one sorts positions (plain `usize`s) with a bottom-up merge sort, one
//! copy of code for every list, in `n log n` time: a hostile feed with
//! 10,000 topics must not take quadratic time.

/// Sorts `items` by `key`, keeping the order of items with equal keys.
pub fn sort_stable_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = stable_order(items.len(), &|a, b| keys[a] > keys[b]);
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| taken[at].take()));
}

/// The positions `0..len` in stable sorted order, where `after(a, b)` says
/// that `a` sorts strictly after `b`.
fn stable_order(len: usize, after: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut merged[start..end] {
                // Take from the right only when it sorts strictly before the
                // left: equal keys keep their order.
                let take_right = right < end && (left >= middle || after(order[left], order[right]));
                if take_right {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
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
    fn sorts_long_lists_like_the_standard_stable_sort() {
        for len in [2, 3, 17, 1000, 10_001] {
            let items: Vec<(usize, usize)> = (0..len).map(|i| ((i * 7919) % 13, i)).collect();
            let mut ours = items.clone();
            sort_stable_by_key(&mut ours, |&(key, _)| key);
            let mut standard = items;
            standard.sort_by_key(|&(key, _)| key);
            assert_eq!(ours, standard, "{len} items");
        }
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
