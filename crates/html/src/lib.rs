//! Web pages: the article out of real HTML.
//!
//! [`read`] decodes a page's bytes ([`decode`]: byte-order mark, declared
//! charset, `<meta charset>`, detection) and [`extract`]s its article: the
//! main text, in reading order, without navigation, related links,
//! comments, banners and share bars, and what the page says of itself
//! (JSON-LD, OpenGraph and meta tags, `<time>`, canonical link).
//!
//! ```
//! let page = b"<html><head><title>Rockets hit base - The Times</title></head><body>\
//!   <nav><a href=/>Home</a> <a href=/world>World</a></nav>\
//!   <article><h1>Rockets hit base</h1><p>Several rockets struck the base on Wednesday evening, \
//!   officials said, wounding two soldiers and damaging a hangar.</p></article></body></html>";
//! let article = sitrep_html::read(page, None);
//! assert!(article.text.contains("Several rockets struck the base"));
//! assert!(!article.text.contains("Home"));
//! ```

mod charset;
mod dom;
mod entities;
mod extract;
mod hints;
mod meta;

pub use charset::{Decoded, charset_of, decode};

/// What a page holds: its article text and its metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// The article's text: headings, paragraphs, list items and quotes in
    /// reading order, separated by blank lines.
    pub text: String,
    pub title: Option<String>,
    /// The publication date as the page gives it (ISO 8601 mostly).
    pub published: Option<String>,
    pub author: Option<String>,
    /// The canonical address of the page.
    pub url: Option<String>,
    /// The outlet's name (`og:site_name`, JSON-LD publisher).
    pub outlet: Option<String>,
    /// The page's language (`<html lang>`), as written.
    pub language: Option<String>,
    /// Notes on how the page was read (the encoding guessed, …).
    pub warnings: Vec<String>,
}

/// Decode a page's bytes and extract its article. `declared` is the
/// transport's `Content-Type` (an HTTP header), when there is one.
pub fn read(bytes: &[u8], declared: Option<&str>) -> Article {
    let decoded = decode(bytes, declared);
    let mut article = extract(&decoded.text);
    article.warnings.extend(decoded.warning);
    article
}

/// Extract the article of a page's text.
pub fn extract(html: &str) -> Article {
    let dom = dom::parse(html);
    let (mut article, ld_body) = meta::read(&dom.head);
    article.text = extract::main_text(&dom, article.title.as_deref());
    // A page whose markup hides its story from the scorer (a script-built
    // body) often still gives it in its JSON-LD.
    if let Some(body) = ld_body.filter(|b| b.chars().count() > 2 * article.text.chars().count()) {
        article.text = body;
    }
    article
}

/// All the text of an HTML fragment (a feed item's content), block by
/// block and separated by blank lines, with no choice of what is the
/// story: scripts, styles and hidden parts out, references decoded, white
/// space collapsed.
pub fn text(html: &str) -> String {
    extract::all_text(&dom::parse(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: [&str; 3] = [
        "Several rockets struck the base north of the capital on Wednesday evening, officials said, wounding two soldiers.",
        "The attack, the third this month, damaged a hangar and two vehicles, according to a statement by the coalition.",
        "No group has claimed responsibility, though officials pointed to militias that have attacked the base before.",
    ];

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><title>Rockets hit base | The Daily</title>\
             <meta property=\"og:site_name\" content=\"The Daily\">\
             <link rel=\"canonical\" href=\"https://daily.example/world/rockets\">\
             <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"WebSite\"}},\
             {{\"@type\":\"NewsArticle\",\"headline\":\"Rockets hit base\",\"datePublished\":\"2020-03-11T21:00:00Z\",\
             \"author\":[{{\"@type\":\"Person\",\"name\":\"Jane Roe\"}}]}}]}}</script></head><body>{body}</body></html>"
        )
    }

    #[test]
    fn the_story_without_what_surrounds_it() {
        let body = format!(
            "<div class=\"cookie-banner\">We use cookies to improve your experience on our site and for advertising.</div>\
             <header><nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li></ul></nav></header>\
             <main><article><h1>Rockets hit base</h1><div class=\"byline\">By Jane Roe, March 11, 2020</div>\
             <div class=\"share-bar\"><a href=#>Share on Facebook</a> <a href=#>Tweet this story</a></div>\
             <div class=\"article-body\"><p>{}</p><figure><img src=x.jpg><figcaption>The base, seen from the air in 2019, in a photo released by the coalition.</figcaption></figure>\
             <p>{}</p><div class=\"ad-slot\">Advertisement</div><h2>Claims</h2><p>{}</p></div>\
             <aside class=\"related\"><h3>Related</h3><ul><li><a href=/a>Another attack on a base in the west of the country last year</a></li></ul></aside>\
             </article></main><section id=\"comments\"><p>What a terrible thing to happen, my thoughts are with the families of everyone there.</p></section>\
             <footer><p>Copyright 2020 The Daily. All rights reserved. Terms of use and privacy policy apply.</p></footer>",
            STORY[0], STORY[1], STORY[2]
        );
        let a = extract(&page(&body));
        assert_eq!(a.text, format!("{}\n\n{}\n\nClaims\n\n{}", STORY[0], STORY[1], STORY[2]));
        assert_eq!(a.title.as_deref(), Some("Rockets hit base"), "the headline, not the <title> with the outlet");
        assert_eq!(a.published.as_deref(), Some("2020-03-11T21:00:00Z"));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.url.as_deref(), Some("https://daily.example/world/rockets"));
        assert_eq!(a.outlet.as_deref(), Some("The Daily"));
        assert_eq!(a.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn a_story_cut_into_chunks_by_ads_is_whole() {
        let chunk =
            |p: &str| format!("<div class=\"grid\"><div class=\"body__inner\"><p>{p} {p}</p><p>{p}</p></div></div>");
        let body = format!(
            "<div class=\"chunks\">{}<div class=\"ad\"><a href=/buy>Buy now</a></div>{}</div>\
             <div class=\"more\"><p><a href=/x>Read more stories like this one from our archive of coverage.</a></p></div>",
            chunk(STORY[0]),
            chunk(STORY[1])
        );
        let a = extract(&page(&body));
        assert!(a.text.contains(STORY[0]) && a.text.contains(STORY[1]), "{}", a.text);
        assert!(!a.text.contains("Buy now") && !a.text.contains("Read more"), "{}", a.text);
    }

    #[test]
    fn parts_of_one_make_are_one_story_however_unequal() {
        let part = |ps: &[&str]| {
            let ps: String = ps.iter().map(|p| format!("<p>{p}</p>")).collect();
            format!(
                "<div class=\"grid\"><div class=\"grid__item article__body\">{ps}</div><div class=\"rail\"></div></div>"
            )
        };
        let long = [STORY[0], STORY[1], STORY[2], STORY[0], STORY[1], STORY[2]];
        let body = format!(
            "<article><div class=\"chunks\">{}<div class=\"ad\">Advertisement</div>{}</div></article>",
            part(&long),
            part(&[STORY[1]])
        );
        let a = extract(&page(&body));
        assert_eq!(a.text.matches(STORY[1]).count(), 3, "{}", a.text);
    }

    #[test]
    fn text_without_paragraphs_and_legacy_markup() {
        // Text straight in a division, lines parted by <br>, an unclosed <p>.
        let body = format!(
            "<table><tr><td><a href=/>Home</a> | <a href=/news>News</a></td></tr></table>\
             <div id=conteudo><small>05/10/2018 - Publicado por: <a href=/a>Ana</a></small><br><br>{}<br><br>{}<p>{}</div>",
            STORY[0], STORY[1], STORY[2]
        );
        let a = extract(&page(&body));
        assert!(STORY.iter().all(|s| a.text.contains(s)), "{}", a.text);
        assert!(!a.text.contains("Home"), "{}", a.text);
    }

    #[test]
    fn stories_listed_under_the_story_are_not_it() {
        // The teasers under the story outweigh it, in number and commas.
        let teaser = |n: usize| {
            format!(
                "<article class=\"post teaser\"><h2><a href=/t{n}>Another story, number {n}</a></h2>\
                 <p>In another town, on another day, another thing happened, as reported, with details, \
                 quotes, numbers, and a long tail of clauses, one after another, to read on {n}.</p></article>"
            )
        };
        let teasers: String = (0..6).map(teaser).collect();
        let body = format!(
            "<div id=primary><article class=\"post\"><h1>Rockets hit base</h1><p>{}</p></article>\
             <article class=\"post\"><h3>You may also like</h3>{teasers}</article></div>",
            STORY[0]
        );
        let a = extract(&page(&body));
        assert_eq!(a.text, STORY[0]);
    }

    #[test]
    fn links_in_sentences_and_printed_addresses_stay() {
        let body = format!(
            "<article><p>{}</p><p>The suspect, a man of 55 from the town, was convicted and <a href=/s>sentenced to life in prison last Thursday \
             by a federal judge</a>.</p><p>Related: <a href=/r>Another attack on a base in the west</a></p>\
             <p>Officials pointed to the coalition's statement:<br><a href=https://coalition.example/statement>\
             https://coalition.example/statement</a></p><p>{}</p></article>",
            STORY[0], STORY[1]
        );
        let a = extract(&page(&body));
        assert!(a.text.contains("convicted and sentenced to life"), "{}", a.text);
        assert!(a.text.contains("https://coalition.example/statement"), "{}", a.text);
        assert!(!a.text.contains("Related"), "{}", a.text);
    }

    #[test]
    fn a_list_named_a_list_is_no_navigation() {
        let body = format!(
            "<article><p>{}</p><ul class=\"feature-list\"><li>Automatically on, automatically connected</li>\
             <li>Quick access to the assistant by voice</li></ul><p>{}</p></article>",
            STORY[0], STORY[1]
        );
        let a = extract(&page(&body));
        assert!(a.text.contains("Automatically on, automatically connected"), "{}", a.text);
    }

    #[test]
    fn pop_up_cards_and_inline_bylines_are_no_story() {
        let body = format!(
            "<article><p><span class=\"byline\">By Jane Roe</span> - <span class=\"date\">11/18/19 11:04 PM</span></p>\
             <p>Officials said <span class=\"person-rollover\"><a class=\"person-rollover-link\" href=/p>Jane Doe</a>\
             <span class=\"person-rollover-card\"><a href=/o>Her other stories this week</a></span></span> spoke first. {}</p>\
             <p>{}</p><p><span class=\"image-caption\">The base, seen from the air</span></p></article>",
            STORY[0], STORY[1]
        );
        let a = extract(&page(&body));
        assert!(a.text.starts_with(&format!("Officials said Jane Doe spoke first. {}", STORY[0])), "{}", a.text);
        assert!(!a.text.contains("By Jane Roe") && !a.text.contains("seen from the air"), "{}", a.text);
    }

    #[test]
    fn json_ld_body_when_the_markup_has_none() {
        let html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
                    \"articleBody\":\"Several rockets struck the base north of the capital on Wednesday evening, officials said.\"}</script>\
                    </head><body><div id=app></div></body></html>";
        assert!(extract(html).text.starts_with("Several rockets struck"));
    }

    #[test]
    fn a_fragment_gives_all_its_text() {
        let html = "<p>Caf&eacute; &amp; bar</p><div>Two <b>words</b><script>x()</script></div>x &bogus; y";
        assert_eq!(text(html), "Café & bar\n\nTwo words\n\nx &bogus; y");
        assert_eq!(text("a <unclosed"), "a");
        assert_eq!(text("<style>never closed"), "");
    }

    #[test]
    fn anything_reads_without_panic() {
        for bytes in [&b""[..], b"\xff\xfe\x00<", b"<html><body>", b"<<<>>>", b"<p>only</p>", &[0u8; 64]] {
            let _ = read(bytes, None);
        }
    }
}
