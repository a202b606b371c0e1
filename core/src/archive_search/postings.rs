//! Lists of story numbers, ascending, as the index's files write them: as
//! gaps (`d` then base-36 gaps between commas) or, for a word in most
//! stories, as a bitmap (`b`, the first number in base 36, `:`, then six
//! stories a character); whichever is shorter.

/// Six bits a character, none of them a tab, a comma or a line break.
const BITMAP_DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Writes ascending `numbers`.
pub fn encode(numbers: &[u32]) -> String {
    let mut gaps = String::from("d");
    let mut previous: Option<u32> = None;
    for &n in numbers {
        if previous.is_some() {
            gaps.push(',');
        }
        push_base36(&mut gaps, previous.map_or(n, |p| n - p));
        previous = Some(n);
    }
    let (Some(&first), Some(&last)) = (numbers.first(), numbers.last()) else {
        return gaps;
    };
    let span = (last - first) as usize + 1;
    if span / 6 + 8 >= gaps.len() {
        return gaps;
    }
    let mut bits = vec![0u8; span.div_ceil(6)];
    for &n in numbers {
        let at = (n - first) as usize;
        bits[at / 6] |= 1 << (at % 6);
    }
    let mut bitmap = String::from("b");
    push_base36(&mut bitmap, first);
    bitmap.push(':');
    bitmap.extend(bits.iter().map(|&b| char::from(BITMAP_DIGITS[b as usize])));
    bitmap
}

fn push_base36(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 7];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&b| char::from(b)));
}

/// Reads what [`encode`] writes; `None` when it is not that.
pub fn decode(text: &str) -> Option<Vec<u32>> {
    if let Some(gaps) = text.strip_prefix('d') {
        if gaps.is_empty() {
            return Some(Vec::new());
        }
        let mut numbers = Vec::new();
        let mut previous: Option<u32> = None;
        for gap in gaps.split(',') {
            let gap = u32::from_str_radix(gap, 36).ok()?;
            let n = match previous {
                None => gap,
                Some(p) if gap > 0 => p.checked_add(gap)?,
                Some(_) => return None,
            };
            numbers.push(n);
            previous = Some(n);
        }
        return Some(numbers);
    }
    let (first, bits) = text.strip_prefix('b')?.split_once(':')?;
    let first = u32::from_str_radix(first, 36).ok()?;
    let span = u32::try_from(bits.len() * 6).ok()?;
    first.checked_add(span)?;
    let mut numbers = Vec::with_capacity(bits.len() * 3);
    let mut base = first;
    for digit in bits.bytes() {
        // Only the set bits, lowest first.
        let mut value = bitmap_value(digit)?;
        while value != 0 {
            numbers.push(base + value.trailing_zeros());
            value &= value - 1;
        }
        base += 6;
    }
    Some(numbers)
}

/// How many numbers of the list `text` (as [`encode`] writes it) are in
/// `set`, without building the list: every topic's count under a search
/// costs a pass over its text, not a list of thousands of numbers.
pub fn count_in(text: &str, set: &Bits) -> Option<usize> {
    let Some(bitmap) = text.strip_prefix('b') else {
        return decode(text).map(|numbers| set.count_in(&numbers));
    };
    let (first, bits) = bitmap.split_once(':')?;
    let first = u32::from_str_radix(first, 36).ok()?;
    first.checked_add(u32::try_from(bits.len() * 6).ok()?)?;
    let mut count = 0;
    let mut base = first;
    for digit in bits.bytes() {
        let mut value = bitmap_value(digit)?;
        while value != 0 {
            count += usize::from(set.contains(base + value.trailing_zeros()));
            value &= value - 1;
        }
        base += 6;
    }
    Some(count)
}

/// The six bits a [`BITMAP_DIGITS`] character stands for (computed, not
/// searched: a topic's bitmap at 50,000 stories has 8,000 of them).
fn bitmap_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'A'..=b'Z' => Some(digit - b'A' + 10),
        b'a'..=b'z' => Some(digit - b'a' + 36),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// A set of story numbers as bits: words' stories are combined, and each
/// topic's matches counted, a machine word at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bits(Vec<u64>);

impl Bits {
    /// The set of `numbers`.
    pub fn of(numbers: &[u32]) -> Self {
        let mut words = vec![0u64; numbers.iter().max().map_or(0, |&n| n as usize / 64 + 1)];
        for &n in numbers {
            words[n as usize / 64] |= 1 << (n % 64);
        }
        Bits(words)
    }

    /// The set a list's text (as [`encode`] writes it) stands for; a
    /// bitmap goes in six bits at a time, without a list in between.
    pub fn read(text: &str) -> Option<Self> {
        let Some(bitmap) = text.strip_prefix('b') else {
            return decode(text).map(|numbers| Bits::of(&numbers));
        };
        let (first, bits) = bitmap.split_once(':')?;
        let first = u32::from_str_radix(first, 36).ok()?;
        let end = first.checked_add(u32::try_from(bits.len() * 6).ok()?)?;
        let mut words = vec![0u64; end as usize / 64 + 1];
        let mut at = first as usize;
        for digit in bits.bytes() {
            let value = u64::from(bitmap_value(digit)?);
            let (word, shift) = (at / 64, at % 64);
            words[word] |= value << shift;
            if shift > 58 {
                words[word + 1] |= value >> (64 - shift);
            }
            at += 6;
        }
        Some(Bits(words))
    }

    /// Adds every number of `other`.
    pub fn or(&mut self, other: &Bits) {
        if other.0.len() > self.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a |= b);
    }

    /// Keeps only the numbers `other` has too.
    pub fn and(&mut self, other: &Bits) {
        self.0.truncate(other.0.len());
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a &= b);
    }

    /// How many numbers the set holds.
    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set holds no number.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// The numbers, highest first.
    pub fn descending(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len());
        for (at, &word) in self.0.iter().enumerate().rev() {
            let mut word = word;
            while word != 0 {
                let bit = 63 - word.leading_zeros();
                out.push(at as u32 * 64 + bit);
                word &= !(1u64 << bit);
            }
        }
        out
    }

    /// Whether `n` is in the set.
    pub fn contains(&self, n: u32) -> bool {
        self.0.get(n as usize / 64).is_some_and(|w| w & (1 << (n % 64)) != 0)
    }

    /// How many of `numbers` are in the set.
    pub fn count_in(&self, numbers: &[u32]) -> usize {
        numbers.iter().filter(|&&n| self.contains(n)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_back_as_written_whichever_form_is_chosen() {
        let dense: Vec<u32> = (100..5_000).filter(|n| n % 3 != 0).collect();
        let sparse = vec![0, 7, 36, 1_000_000, 4_000_000_000];
        for numbers in [
            vec![],
            vec![0],
            vec![5],
            dense.clone(),
            sparse.clone(),
            (0..64).collect(),
        ] {
            let text = encode(&numbers);
            assert_eq!(decode(&text), Some(numbers.clone()), "{text}");
        }
        assert!(encode(&dense).starts_with('b'));
        assert!(encode(&sparse).starts_with('d'));
    }

    #[test]
    fn every_bitmap_digit_reads_back_as_its_place() {
        for (at, &digit) in BITMAP_DIGITS.iter().enumerate() {
            assert_eq!(bitmap_value(digit), Some(at as u8));
        }
    }

    #[test]
    fn unreadable_lists_are_refused() {
        for bad in ["", "x1", "d1,,2", "d5,0", "b1", "b1:!", "dzzzzzzzzz"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn sets_read_back_their_lists_and_combine() {
        let dense: Vec<u32> = (60..5_000).filter(|n| n % 3 != 0).collect();
        for numbers in [vec![], vec![0], vec![63, 64, 65], dense.clone(), vec![5, 1_000_000]] {
            let set = Bits::read(&encode(&numbers)).unwrap();
            let mut descending = numbers.clone();
            descending.reverse();
            assert_eq!(set.descending(), descending);
            assert_eq!(set.len(), numbers.len());
        }
        let mut set = Bits::of(&[1, 3, 5, 700]);
        set.and(&Bits::of(&[3, 4, 5]));
        assert_eq!(set.descending(), [5, 3]);
        set.or(&Bits::of(&[2, 900]));
        assert_eq!(set.descending(), [900, 5, 3, 2]);
        assert!(!set.is_empty());
        set.and(&Bits::default());
        assert!(set.is_empty());
        assert_eq!(Bits::of(&[1, 3, 5, 70]).count_in(&[3, 4, 70, 200]), 2);
        assert_eq!(Bits::of(&[]).count_in(&[0, 1]), 0);
        let set = Bits::of(&(0..3000).filter(|n| n % 7 == 0).collect::<Vec<_>>());
        for numbers in [(0..3000).collect::<Vec<u32>>(), vec![7, 8, 2999, 5000], vec![]] {
            assert_eq!(count_in(&encode(&numbers), &set), Some(set.count_in(&numbers)));
        }
    }
}
