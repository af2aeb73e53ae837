//! Near-copies: syndicated copies of one report (the same wire story on
//! several sites, with another sign-off or a line more) are found by the
//! Jaccard similarity of their word 3-shingles, estimated by MinHash
//! (Broder, 1997) and looked up by locality-sensitive hashing.
//!
//! A text's signature is [`HASHES`] minimum hashes of its shingles. It is
//! cut into [`BANDS`] bands; texts that agree on a whole band are
//! candidates (at similarity 0.7 a copy is a candidate with probability
//! 0.99; unrelated texts almost never are), and a candidate is a copy when
//! the signatures estimate a similarity of [`MIN_SIMILARITY`] or more. Two
//! reports of one event written apart share a few percent of shingles.

/// Minimum hashes in a signature.
pub const HASHES: usize = 64;
/// Bands the signature is cut into for lookup.
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// The estimated similarity from which a text is a copy of another.
pub const MIN_SIMILARITY: f64 = 0.7;
/// Texts with fewer words are not compared: short texts (a headline and a
/// line) share too much by chance.
pub const MIN_WORDS: usize = 40;

/// A text's MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

impl Signature {
    /// The signature of `text`, or `None` when it is too short to compare.
    pub fn of(text: &str) -> Option<Signature> {
        let words: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| fnv1a(w.chars().flat_map(char::to_lowercase)))
            .collect();
        if words.len() < MIN_WORDS {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        for shingle in words.windows(3) {
            let h = shingle[0] ^ shingle[1].rotate_left(21) ^ shingle[2].rotate_left(42);
            for (i, min) in mins.iter_mut().enumerate() {
                let v = (mix(h ^ SEEDS[i]) >> 32) as u32;
                *min = (*min).min(v);
            }
        }
        Some(Signature(mins))
    }

    /// The keys of its bands, each tagged with its band: a copy shares one
    /// with its original.
    pub fn bands(&self) -> impl Iterator<Item = i64> + '_ {
        self.0.chunks(ROWS).enumerate().map(|(b, rows)| {
            let h = rows.iter().fold(b as u64, |h, &v| mix(h ^ u64::from(v)));
            // Positive, so that keys read the same in every SQLite version.
            (h >> 1) as i64
        })
    }

    /// The estimated Jaccard similarity of the two texts' shingles.
    pub fn similarity(&self, other: &Signature) -> f64 {
        self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count() as f64 / HASHES as f64
    }

    /// Whether the two texts are copies of one.
    pub fn is_copy(&self, other: &Signature) -> bool {
        self.similarity(other) >= MIN_SIMILARITY
    }

    /// The signature as stored: little-endian words.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A stored signature; `None` for bytes of another length.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        let mut out = [0; HASHES];
        if bytes.len() != HASHES * 4 {
            return None;
        }
        for (v, chunk) in out.iter_mut().zip(bytes.chunks_exact(4)) {
            *v = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Signature(out))
    }
}

/// One seed per minimum hash (SplitMix64 steps from a fixed start): the
/// same on every run and platform, so stored signatures stay comparable.
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0; HASHES];
    let mut state: u64 = 0x5173_6e70_7369_7472;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        seeds[i] = mix(state);
        i += 1;
    }
    seeds
};

/// FNV-1a over a word's characters: stable across runs and platforms.
fn fnv1a(chars: impl Iterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        let mut buf = [0; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// SplitMix64's finaliser: every output bit depends on every input bit.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Two American soldiers and one British soldier were killed when more than a dozen \
        rockets struck the Camp Taji military base north of Baghdad on Wednesday evening, the US-led \
        coalition said. Around a dozen others were wounded in the attack, which came hours after a \
        rocket attack on the base, and officials said the rockets were fired from a truck found near \
        the base. No group immediately claimed responsibility for the attack, the deadliest on the \
        coalition in years. The Pentagon said it was working with Iraqi security forces to find those \
        responsible, and the defense secretary spoke by phone with his British counterpart about the \
        attack on Thursday morning. Kataib Hezbollah, an Iran-backed militia that Washington blamed for \
        an earlier rocket attack in December, praised the strike but did not say it had carried it out. \
        The base, about 27 kilometres north of the capital, hosts troops training Iraqi forces in the \
        fight against the remnants of the Islamic State group, and it has been hit by rockets before. \
        Iraqi military officials said a launcher with unused rockets was found in a truck near the base \
        shortly after the attack, and that an investigation had been opened into who had fired them.";

    #[test]
    fn a_copy_with_another_headline_and_a_line_more_is_a_copy() {
        let a = Signature::of(STORY).expect("long enough");
        let b = Signature::of(&format!("Rockets kill three at Iraqi base\n\n{STORY} Reporting by a wire service."))
            .expect("long enough");
        assert!(a.is_copy(&b), "similarity {}", a.similarity(&b));
        assert!(a.bands().zip(b.bands()).any(|(x, y)| x == y));
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a));
    }

    #[test]
    fn another_report_of_the_same_event_is_not_a_copy() {
        let other = "Rockets hit an Iraqi base housing US-led coalition troops on Wednesday, killing \
            three service members, officials said on Thursday. Fifteen rockets were fired from a \
            launcher hidden in a truck, a military spokesman told reporters in Baghdad, and the \
            coalition vowed to respond. Washington blamed an Iran-backed militia for the strike on \
            the base, which lies north of the capital.";
        let (a, b) = (Signature::of(STORY).expect("long"), Signature::of(other).expect("long"));
        assert!(a.similarity(&b) < 0.2, "similarity {}", a.similarity(&b));
        assert!(a.bands().zip(b.bands()).all(|(x, y)| x != y));
    }

    #[test]
    fn short_texts_are_not_compared() {
        assert_eq!(Signature::of("Rockets hit Camp Taji."), None);
    }
}
