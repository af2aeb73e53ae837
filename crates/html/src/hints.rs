//! What an element's class, id, role, itemprop and style say of its
//! content: the article (positive weights), or navigation, promotion,
//! comments and other parts around it (negative).
//!
//! Words are read from class and id values split at spaces, hyphens and
//! underscores ("article-body", "c-share__bar"); some are read inside
//! compounds ("storycomments", "rightsidebar").

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// A weight at or below this marks a part that is not the article.
pub(crate) const NOT_ARTICLE: i16 = -25;
/// A weight at or below this marks a part that is surely not the article.
pub(crate) const SURELY_NOT_ARTICLE: i16 = -50;

/// Words inside a class or id, wherever they stand, that mark parts around
/// the article.
const NEGATIVE_INSIDE: &[&str] = &[
    "comment",
    "sidebar",
    "newsletter",
    "advert",
    "sponsor",
    "breadcrumb",
    "footer",
    "social",
    "share",
    "sharing",
    "related",
    "promo",
    "outbrain",
    "taboola",
    "subscri",
    "cookie",
    "consent",
    "popup",
    "recommend",
    "trending",
    "paywall",
    "masthead",
    "caption",
    "byline",
    "disqus",
    "pagination",
    "carousel",
    "slideshow",
    "gallery",
    "toolbar",
    "signup",
    "mostread",
    "most-read",
    "most-popular",
    "readmore",
    "read-more",
    "recirc",
    "skiplink",
    "screen-reader",
    "visually-hidden",
    "sr-only",
    "copyright",
    "disclaimer",
    "author-bio",
    "topics",
    "keywords",
];

/// Whole words of a class or id that mark parts around the article.
/// ("list" is none: it says that a part is a list, not what it lists;
/// the steps of a how-to and a product's features are lists too, and lists
/// of links are told by their link text.)
const NEGATIVE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "tags",
    "tag",
    "tool",
    "tools",
    "meta",
    "author",
    "authors",
    "credit",
    "credits",
    "date",
    "time",
    "timestamp",
    "dateline",
    "hidden",
    "hide",
    "print",
    "email",
    "skip",
    "video",
    "media",
    "more",
    "next",
    "prev",
    "pager",
    "login",
    "poll",
    "rating",
    "banner",
    "modal",
    "overlay",
    "teaser",
    "header",
    "nocontent",
    "noprint",
    "hed",
    "dek",
    "kicker",
    "source",
    "sources",
    "bio",
    "aside",
    "info",
    "label",
    "icon",
    "button",
    "btn",
    "links",
    "cta",
    "headline",
    "title",
    "published",
    "updated",
    "widget",
];

/// Words inside a class or id that mark the article.
const POSITIVE_INSIDE: &[&str] =
    &["article", "content", "entry", "post", "story", "text", "body", "main", "blog", "prose", "richtext", "paragraph"];

/// One automaton for the words read inside compounds: the negative ones
/// first, then the positive ones.
static INSIDE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(NEGATIVE_INSIDE.iter().chain(POSITIVE_INSIDE))
        .expect("hint words build an automaton")
});

/// The weight of a class or id value.
pub(crate) fn class_weight(value: &str) -> i16 {
    if value.len() > 256 || value.is_empty() {
        return 0;
    }
    let (mut negative, mut positive) = (false, false);
    for m in INSIDE.find_overlapping_iter(value) {
        if m.pattern().as_usize() < NEGATIVE_INSIDE.len() {
            negative = true;
        } else {
            positive = true;
        }
    }
    let mut weight = 0;
    if negative {
        weight -= 50;
    } else if value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| NEGATIVE_WORDS.iter().any(|n| n.eq_ignore_ascii_case(w)))
    {
        weight -= 25;
    }
    if positive {
        weight += 25;
    }
    weight
}

/// The weight of an ARIA role.
pub(crate) fn role_weight(role: &str) -> i16 {
    match role.trim().to_ascii_lowercase().as_str() {
        "main" => 50,
        "article" => 25,
        "navigation" | "complementary" | "banner" | "contentinfo" | "menu" | "menubar" | "search" | "dialog"
        | "alert" | "alertdialog" | "toolbar" | "tablist" => -50,
        _ => 0,
    }
}

/// The weight of a microdata property.
pub(crate) fn itemprop_weight(prop: &str) -> i16 {
    let lower = prop.to_ascii_lowercase();
    if lower.split_ascii_whitespace().any(|p| p == "articlebody" || p == "reviewbody") {
        75
    } else if lower.split_ascii_whitespace().any(|p| p == "text") {
        25
    } else if lower
        .split_ascii_whitespace()
        .any(|p| matches!(p, "author" | "datepublished" | "datemodified" | "headline" | "publisher"))
    {
        -50
    } else {
        0
    }
}

/// Whether an inline style hides the element.
pub(crate) fn style_hides(style: &str) -> bool {
    let squeezed: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    squeezed.contains("display:none") || squeezed.contains("visibility:hidden")
}

/// Whether a class marks a part shown while the pointer is over
/// something: a tooltip, a card on a person named in the text. Inside
/// another such part it is the pop-up, no running text.
pub(crate) fn shown_on_hover(class: &str) -> bool {
    static HOVER: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["tooltip", "popover", "rollover", "hovercard"])
            .expect("hover words build an automaton")
    });
    class.len() <= 256 && HOVER.is_match(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_weigh() {
        assert!(class_weight("article-body") > 0);
        assert!(class_weight("post-content entry-content") > 0);
        assert!(class_weight("c-share__bar") <= NOT_ARTICLE);
        assert!(class_weight("article-comments") <= NOT_ARTICLE);
        assert!(class_weight("ad slot") <= NOT_ARTICLE);
        assert!(class_weight("entry-meta") < 25);
        assert_eq!(class_weight("headroom"), 0, "'ad' is a word, not a part of one");
        assert_eq!(class_weight("a-unordered-list"), 0, "a list may be the story's");
        assert!(shown_on_hover("rollover-people-block") && shown_on_hover("c-Tooltip__text"));
        assert!(!shown_on_hover("article-body"));
        assert!(role_weight("navigation") < 0 && role_weight("main") > 0);
        assert!(itemprop_weight("articleBody") > 0);
        assert!(style_hides("color: red; DISPLAY : none"));
    }
}
