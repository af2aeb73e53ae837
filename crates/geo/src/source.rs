//! Where a report comes from: the places its web address names.
//!
//! A local outlet writes about its own region, and its address often says
//! which: `chicagotribune.com`, `abc7chicago.com`, `mysanantonio.com`,
//! `cbslocal.com/…/fort-worth/…`. These places are no mention of the event;
//! they weigh the choice among namesakes the text names ("Bristol" in a
//! Tennessee paper), as a qualifier or a named province would.
//!
//! Host labels are scanned for the longest names they hold; short path
//! segments ("fort-worth", "news/local/texas") are read as names. Only
//! names that can hardly be anything else count: provinces, and cities of
//! 100,000 people or more, as their own name (not an alias), of five
//! letters or more.
//!
//! A host named after a broadcaster's call sign (`wkrn.com`, `ksla.com`,
//! `kare11.com`) names its country: the ITU gives the prefixes K and W to
//! the United States, and American stations put their call sign in their
//! address.

use crate::gazetteer::{Gazetteer, Kind, MAIN_NAME};
use crate::names::name_key;

/// The least population of a city an address may name.
const CITY_POPULATION: u64 = 100_000;
/// The shortest key an address name may have ("tulsa", not "erie").
const MIN_KEY: usize = 5;
/// The most words a path segment may have to be read as a name: a section
/// ("fort-worth"), not a headline's slug.
const MAX_SEGMENT_WORDS: usize = 3;

/// The gazetteer entries (indices for [`Gazetteer::entry`]) that the web
/// address `url` names, each once, in the order found.
pub fn address_places(gaz: &Gazetteer, url: &str) -> Vec<u32> {
    let Some((host, path)) = split_url(url) else { return Vec::new() };
    let mut out = Vec::new();
    let labels: Vec<&str> = host.split('.').collect();
    // The registered name and the subdomains before it, without the
    // public suffix ("com", "co.uk") or generic labels.
    let suffix = match labels.as_slice() {
        [.., sld, tld] if tld.len() == 2 && sld.len() <= 3 => 2,
        _ => 1,
    };
    for label in labels.iter().take(labels.len().saturating_sub(suffix)) {
        if !matches!(*label, "www" | "m" | "mobile" | "amp" | "news" | "web") {
            scan_label(gaz, &label.to_ascii_lowercase(), &mut out);
            if is_us_call_sign(label)
                && let Some(us) = gaz.country_id("US")
                && !out.contains(&us)
            {
                out.push(us);
            }
        }
    }
    for segment in path.split('/') {
        let words: Vec<&str> = segment.split(['-', '_']).filter(|w| !w.is_empty()).collect();
        if words.is_empty() || words.len() > MAX_SEGMENT_WORDS {
            continue;
        }
        if words.iter().all(|w| w.bytes().all(|b| b.is_ascii_alphabetic())) {
            push_named(gaz, &name_key(&words.join(" ")), &mut out);
        }
    }
    out
}

/// The outlet a report comes from: the host of its address without the
/// labels that do not tell outlets apart (`www.ksla.com` and `m.ksla.com`
/// are `ksla.com`).
pub fn outlet(url: &str) -> Option<String> {
    let (host, _) = split_url(url)?;
    let mut host = host.as_str();
    while let Some((label, rest)) = host.split_once('.')
        && matches!(label, "www" | "m" | "mobile" | "amp")
        && rest.contains('.')
    {
        host = rest;
    }
    Some(host.to_string())
}

/// The host and path of `url`, the archived address for an address of the
/// Wayback Machine (`web.archive.org/web/2014…/http://www.wkrn.com/…`).
fn split_url(url: &str) -> Option<(String, &str)> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    if host == "web.archive.org" {
        let inner = path.strip_prefix("web/")?.split_once('/')?.1;
        if inner.contains('.') {
            return split_url(inner);
        }
    }
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    Some((host, path))
}

/// Whether a host label is an American broadcaster's call sign: K or W
/// and two or three letters more, then a band or a channel number
/// (`wkrn`, `kxan`, `wsbtv`, `kare11`).
fn is_us_call_sign(label: &str) -> bool {
    let letters = label.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (sign, rest) = label.split_at(letters);
    let numbered = rest.len() <= 2 && rest.bytes().all(|b| b.is_ascii_digit());
    numbered
        && ["", "tv", "fm", "am", "dt"].iter().any(|band| {
            let call = sign.strip_suffix(band).unwrap_or_default();
            matches!(call.as_bytes().first(), Some(b'k' | b'w')) && (3..=4).contains(&call.len())
        })
}

/// The outlet's credit in a headline, as byte ranges of `title`: a tail
/// after a separator ("… - WMC Action News 5 - Memphis, Tennessee", "… |
/// Cleveland 19 News|Cleveland, OH|News, Weather, Sports") or a short head
/// before one ("CBS 58 - Five killed …"), that names an outlet (a word of
/// news media, a web host, an American call sign). Its places are where the
/// outlet is, no place of the event.
pub(crate) fn outlet_credit(title: &str) -> Vec<std::ops::Range<usize>> {
    const SEPARATORS: [&str; 5] = [" - ", " \u{2013} ", " \u{2014} ", " | ", "|"];
    // Separators in order, each (start, end); overlaps ("a | b" holds "|")
    // keep the first found.
    let mut seps: Vec<(usize, usize)> = Vec::new();
    for sep in SEPARATORS {
        for (at, _) in title.match_indices(sep) {
            if !seps.iter().any(|&(a, b)| at < b && a < at + sep.len()) {
                seps.push((at, at + sep.len()));
            }
        }
    }
    seps.sort_unstable();
    let segment = |from: usize, k: usize| &title[from..seps.get(k).map_or(title.len(), |s| s.0)];
    let mut out = Vec::new();
    let head = seps.first().filter(|&&(a, _)| {
        let first = &title[..a];
        first.split_whitespace().count() <= MAX_HEAD_WORDS && names_outlet(first)
    });
    let body_start = head.map_or(0, |&(_, b)| b);
    if let Some(&(_, b)) = head {
        out.push(0..b);
    }
    let skip = usize::from(head.is_some());
    if let Some(k) = (skip..seps.len()).find(|&k| names_outlet(segment(seps[k].1, k + 1)))
        && seps[k].0 > body_start
    {
        out.push(seps[k].0..title.len());
    }
    out
}

/// The most words an outlet's credit before a headline may have.
const MAX_HEAD_WORDS: usize = 4;

/// Whether a piece of a headline names a news outlet: a word of news media
/// ("News", "TV", "Tribune"), a web host ("wistv.com") or an American call
/// sign in capitals ("WMC", "KSLA-TV").
fn names_outlet(piece: &str) -> bool {
    piece.split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '|' | '(' | ')')).any(|w| {
        let lower = w.to_ascii_lowercase();
        // "wistv.com", and "wave3.com-Louisville" run into what follows.
        let host = lower.split('-').any(|part| [".com", ".net", ".org", ".tv"].iter().any(|t| part.ends_with(t)));
        let sign = w.split('-').next().is_some_and(|s| {
            (3..=4).contains(&s.len())
                && matches!(s.as_bytes().first(), Some(b'K' | b'W'))
                && s.bytes().all(|b| b.is_ascii_uppercase())
        });
        host || sign || OUTLET_WORDS.contains(&lower.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
    })
}

/// Words that name news media in an outlet's credit.
const OUTLET_WORDS: [&str; 24] = [
    "news",
    "newschannel",
    "tv",
    "television",
    "radio",
    "weather",
    "sports",
    "channel",
    "times",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "press",
    "daily",
    "fox",
    "cbs",
    "nbc",
    "abc",
    "telegram",
    "chronicle",
    "examiner",
    "courier",
    "observer",
];

/// Whether the opening of a text credits an American broadcaster by its
/// call sign, as datelines do: "NASHVILLE, Tenn. (WKRN) –", "(KSLA-TV)".
pub(crate) fn credits_us_call_sign(text: &str) -> bool {
    let cut = (0..=text.len().min(2_000)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let head = &text[..cut];
    head.match_indices('(').any(|(at, _)| {
        let rest = &head[at + 1..];
        let Some(close) = rest.get(..12).unwrap_or(rest).find(')') else { return false };
        let inner = &rest[..close];
        let sign = inner
            .split_once('-')
            .map_or(inner, |(s, band)| if matches!(band, "TV" | "FM" | "AM" | "DT") { s } else { "" });
        // Four letters: three ("KIA", "WHO") are mostly words.
        matches!(sign.as_bytes().first(), Some(b'K' | b'W'))
            && sign.len() == 4
            && sign.bytes().all(|b| b.is_ascii_uppercase())
    })
}

/// The names a host label holds: from each position, the longest name
/// that starts there ("abc7chicago" holds `chicago`, "kansascity" holds
/// `kansascity` and not `kansas`).
fn scan_label(gaz: &Gazetteer, label: &str, out: &mut Vec<u32>) {
    let b = label.as_bytes();
    let mut i = 0;
    while i + MIN_KEY <= b.len() {
        let found = (i + MIN_KEY..=b.len())
            .rev()
            .find(|&j| b[i..j].iter().all(u8::is_ascii_alphabetic) && push_named(gaz, &name_key(&label[i..j]), out));
        i = found.unwrap_or(i + 1);
    }
}

/// Add the entry named `key` that an address may name; whether there is
/// one. Of namesakes, the largest city is meant (`toledoblade` is Toledo,
/// Ohio, not Toledo in the Philippines), else the province.
fn push_named(gaz: &Gazetteer, key: &str, out: &mut Vec<u32>) -> bool {
    if key.len() < MIN_KEY {
        return false;
    }
    let mut best: Option<(bool, u64, u32)> = None;
    for hit in gaz.lookup(key) {
        let e = gaz.entry(hit);
        let rank = match e.kind {
            Kind::Admin1 => (false, 0),
            Kind::Town if Gazetteer::is_main_name(hit) && e.population >= CITY_POPULATION => (true, e.population),
            _ => continue,
        };
        if name_key(&e.name) == key && best.is_none_or(|(t, n, _)| rank > (t, n)) {
            best = Some((rank.0, rank.1, hit & !MAIN_NAME));
        }
    }
    let Some((_, _, id)) = best else { return false };
    if !out.contains(&id) {
        out.push(id);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(url: &str) -> Vec<String> {
        let gaz = Gazetteer::bundled();
        address_places(&gaz, url).into_iter().map(|i| gaz.entry(i).name.clone()).collect()
    }

    #[test]
    fn host_names_its_city() {
        assert!(names("https://www.chicagotribune.com/news/ct-shooting-story.html").contains(&"Chicago".into()));
        assert!(names("http://abc7chicago.com/news/x/123/").contains(&"Chicago".into()));
        assert!(names("https://www.mysanantonio.com/news/a/b").contains(&"San Antonio".into()));
        // Doubled letters fold in a host as in a name's key.
        assert!(names("https://www.dallasnews.com/news/crime/x").contains(&"Dallas".into()));
        assert!(names("https://www.seattletimes.com/seattle-news/x/").contains(&"Seattle".into()));
        assert!(names("http://www.cincinnati.com/story/news/x/").contains(&"Cincinnati".into()));
        assert_eq!(names("https://www.wkrn.com/story/24568412/apartment-shooting"), ["United States"]);
        assert_eq!(names("http://www.kare11.com/news/x"), ["United States"]);
        assert!(names("https://www.wsbtv.com/news/local/x").contains(&"United States".into()));
        assert!(names("https://www.bbc.co.uk/news/x").is_empty());
        assert!(names("https://www.walkers.com/x").is_empty());
        let toledo = address_places(&Gazetteer::bundled(), "http://www.toledoblade.com/Courts/2014/11/18/x.html");
        let gaz = Gazetteer::bundled();
        let toledo: Vec<_> = toledo.into_iter().map(|i| gaz.entry(i)).collect();
        assert_eq!(toledo.len(), 1);
        assert_eq!(toledo[0].country_code(), "US");
    }

    #[test]
    fn sections_of_the_path_name_places_and_slugs_do_not() {
        let url = "http://web.archive.org/web/20170411184033/http://www.star-telegram.com/news/local/community/fort-worth/article143874284.html";
        assert_eq!(names(url), ["Fort Worth"]);
        assert!(names("https://x.com/news/man-shot-in-fort-worth-on-sunday").is_empty());
    }

    #[test]
    fn datelines_credit_call_signs() {
        assert!(credits_us_call_sign("NASHVILLE, Tenn. (WKRN) – A boy was shot."));
        assert!(credits_us_call_sign("SHREVEPORT, La. (KSLA-TV) - Police said"));
        assert!(!credits_us_call_sign("BAGHDAD (Reuters) - Rockets hit (KIA) (WHO said)"));
        assert!(!credits_us_call_sign("(AP) — a (K"));
    }

    #[test]
    fn headlines_credit_outlets() {
        let credit = |t: &str| outlet_credit(t).into_iter().map(|r| t[r].to_string()).collect::<Vec<_>>();
        assert_eq!(
            credit("2 killed, 2 injured in shooting - WMC Action News 5 - Memphis, Tennessee"),
            [" - WMC Action News 5 - Memphis, Tennessee"]
        );
        assert_eq!(
            credit("Five people shot, one dead in Pike County - wistv.com - Columbia, South Carolina"),
            [" - wistv.com - Columbia, South Carolina"]
        );
        assert_eq!(
            credit("Arrest made in death of boy - Cleveland 19 News|Cleveland, OH|News, Weather, Sports"),
            [" - Cleveland 19 News|Cleveland, OH|News, Weather, Sports"]
        );
        assert_eq!(credit("CBS 58 - Five Killed in Overnight Shootings in Milwaukee"), ["CBS 58 - "]);
        // A headline in parts names no outlet.
        assert!(credit("Mass Shooting \u{2013} Killed \u{2013} Male Teen (Greenwood, SC)").is_empty());
        assert!(credit("Man shot in Dallas - police").is_empty());
        assert!(credit("Memphis shooting - 2 dead, 3 hurt").is_empty());
        assert!(credit("").is_empty());
    }

    #[test]
    fn outlets_are_hosts_without_www() {
        assert_eq!(outlet("http://www.ksla.com/story/1").as_deref(), Some("ksla.com"));
        assert_eq!(outlet("https://m.ksla.com/x").as_deref(), Some("ksla.com"));
        let archived = "http://web.archive.org/web/20141108120159/http://www.wkrn.com:80/story/24568412/x";
        assert_eq!(outlet(archived).as_deref(), Some("wkrn.com"));
        assert_eq!(outlet("https://chicago.suntimes.com/news").as_deref(), Some("chicago.suntimes.com"));
        assert_eq!(outlet("not a url"), None);
    }

    #[test]
    fn no_address_no_places() {
        for url in ["", "not a url", "file:///tmp/a.txt", "http://web.archive.org/web/2014/"] {
            assert!(names(url).is_empty(), "{url}");
        }
    }
}
