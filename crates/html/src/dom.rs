//! A forgiving HTML parser into a flat tree.
//!
//! One pass over the page finds tags with `memchr`; text runs are decoded
//! and their white space collapsed as they are read. The tree keeps only
//! what the article extraction needs: elements (a tag, a weight from their
//! class, id, role and itemprop, whether they are hidden) and text. Scripts,
//! styles and other raw-text elements leave no nodes; what the page says of
//! itself (`<title>`, `<meta>`, canonical link, JSON-LD, `<time>`, `<html
//! lang>`) is collected on the way.
//!
//! It never recurses and never panics: malformed markup is read as
//! browsers roughly would (implied end tags for `p`, `li`, `td` …, stray end
//! tags ignored), nesting deeper than [`MAX_DEPTH`] is flattened, and a
//! truncated page ends where its bytes do.

use crate::entities;
use crate::hints;

/// No node.
pub(crate) const NONE: u32 = u32::MAX;

/// Open elements deeper than this are flattened into their ancestor: the
/// text stays, the nesting goes (100,000 nested `<div>`s cost no more than
/// a long page).
pub(crate) const MAX_DEPTH: usize = 256;

/// The tags the extraction tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Root,
    Text,
    // Containers and blocks.
    Body,
    Div,
    Section,
    Article,
    Main,
    Header,
    Footer,
    Nav,
    Aside,
    P,
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    TableSection,
    Tr,
    Td,
    Figure,
    Figcaption,
    Form,
    Address,
    Details,
    OtherBlock,
    // Breaks.
    Br,
    Hr,
    // Inline.
    A,
    Time,
    Inline,
    /// The document's head: no text of the page.
    Head,
    // Elements whose content is no text of the page: controls, media,
    // embedded documents.
    Skip,
}

impl Tag {
    fn of(name: &[u8]) -> Tag {
        match name {
            b"body" => Tag::Body,
            b"div" => Tag::Div,
            b"section" => Tag::Section,
            b"article" => Tag::Article,
            b"main" => Tag::Main,
            b"header" | b"hgroup" => Tag::Header,
            b"footer" => Tag::Footer,
            b"nav" | b"menu" => Tag::Nav,
            b"aside" => Tag::Aside,
            b"p" => Tag::P,
            [b'h', d @ b'1'..=b'6'] => Tag::H(d - b'0'),
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"blockquote" => Tag::Blockquote,
            b"pre" | b"listing" => Tag::Pre,
            b"table" => Tag::Table,
            b"thead" | b"tbody" | b"tfoot" => Tag::TableSection,
            b"tr" => Tag::Tr,
            b"td" | b"th" => Tag::Td,
            b"figure" => Tag::Figure,
            b"figcaption" | b"caption" => Tag::Figcaption,
            b"form" | b"fieldset" => Tag::Form,
            b"address" => Tag::Address,
            b"details" | b"summary" => Tag::Details,
            b"center" | b"dir" | b"legend" => Tag::OtherBlock,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"a" => Tag::A,
            b"time" => Tag::Time,
            b"head" => Tag::Head,
            b"svg" | b"math" | b"select" | b"option" | b"optgroup" | b"button" | b"video" | b"audio" | b"canvas"
            | b"map" | b"object" | b"datalist" | b"dialog" => Tag::Skip,
            _ => Tag::Inline,
        }
    }

    /// Whether text inside the element is part of the running text of its
    /// block ("a", "span", "em").
    pub(crate) fn is_inline(self) -> bool {
        matches!(self, Tag::A | Tag::Time | Tag::Inline | Tag::Text)
    }

    /// Whether the start of this element ends an open `<p>`.
    fn closes_p(self) -> bool {
        !self.is_inline()
            && !matches!(self, Tag::Br | Tag::Skip | Tag::Head | Tag::Root | Tag::Li | Tag::Dt | Tag::Dd | Tag::Td)
    }
}

/// Elements without content.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"br"
            | b"hr"
            | b"img"
            | b"meta"
            | b"link"
            | b"input"
            | b"area"
            | b"base"
            | b"col"
            | b"embed"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"keygen"
            | b"image"
    )
}

/// Elements whose content is raw text up to their end tag.
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"title"
            | b"textarea"
            | b"noscript"
            | b"iframe"
            | b"xmp"
            | b"noembed"
            | b"noframes"
            | b"template"
            | b"plaintext"
    )
}

/// One node of the tree.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub tag: Tag,
    pub parent: u32,
    pub first: u32,
    pub last: u32,
    pub next: u32,
    /// A text node's text: a range of [`Dom::text`].
    pub start: u32,
    pub end: u32,
    /// How much the element's class, id, role and itemprop say it holds
    /// the article (positive) or not (negative).
    pub weight: i16,
    /// `hidden`, `aria-hidden="true"`, `display: none`.
    pub hidden: bool,
    /// A hash of the class attribute (0: none), to find repeated parts.
    pub class: u32,
}

/// What the page says of itself, as found while parsing.
#[derive(Debug, Default)]
pub(crate) struct Head {
    pub title: Option<String>,
    /// `<meta>` name or property (lowercase) and content.
    pub metas: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The `datetime` of each `<time>`, in page order.
    pub times: Vec<String>,
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    pub text: String,
    pub head: Head,
}

impl Dom {
    pub(crate) fn node(&self, i: u32) -> &Node {
        &self.nodes[i as usize]
    }

    pub(crate) fn text_of(&self, n: &Node) -> &str {
        self.text.get(n.start as usize..n.end as usize).unwrap_or_default()
    }

    /// The children of node `i`.
    pub(crate) fn children(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.node(i).first;
        std::iter::from_fn(move || {
            let here = at;
            (here != NONE).then(|| {
                at = self.node(here).next;
                here
            })
        })
    }
}

/// Parse a page.
pub(crate) fn parse(html: &str) -> Dom {
    let mut p = Parser {
        html,
        dom: Dom {
            nodes: Vec::with_capacity(html.len() / 64),
            text: String::with_capacity(html.len() / 4),
            head: Head::default(),
        },
        stack: vec![0],
        skip_depth: 0,
        scratch: String::new(),
        attrs: Vec::new(),
        hover_open: Vec::new(),
    };
    p.dom.nodes.push(Node {
        tag: Tag::Root,
        parent: NONE,
        first: NONE,
        last: NONE,
        next: NONE,
        start: 0,
        end: 0,
        weight: 0,
        hidden: false,
        class: 0,
    });
    p.run();
    p.dom
}

struct Parser<'h> {
    html: &'h str,
    dom: Dom,
    /// Open elements, the root first.
    stack: Vec<u32>,
    /// How many open elements have content that is no text (`Skip`, hidden).
    skip_depth: usize,
    scratch: String,
    /// The attributes of the tag being read: name and value ranges of `html`.
    attrs: Vec<(usize, usize, usize, usize)>,
    /// Elements whose class says they show on hover: those still open,
    /// and some closed since (pruned when the next one opens).
    hover_open: Vec<u32>,
}

impl<'h> Parser<'h> {
    fn run(&mut self) {
        let bytes = self.html.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) else {
                self.text(at, bytes.len());
                break;
            };
            if lt > at {
                self.text(at, lt);
            }
            at = match bytes.get(lt + 1) {
                Some(b'!') => self.skip_comment(lt),
                Some(b'?') => find_byte(bytes, b'>', lt).map_or(bytes.len(), |e| e + 1),
                Some(b'/') if bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => self.end_tag(lt),
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
                _ => {
                    // A lone "<" is text.
                    self.text(lt, lt + 1);
                    lt + 1
                }
            };
        }
    }

    /// Skip `<!-- … -->`, `<!DOCTYPE …>` or `<![CDATA[ … ]]>`; where the page
    /// goes on.
    fn skip_comment(&mut self, lt: usize) -> usize {
        let bytes = self.html.as_bytes();
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            return memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |e| lt + 4 + e + 3);
        }
        if rest.starts_with(b"<![CDATA[") {
            return memchr::memmem::find(&rest[9..], b"]]>").map_or(bytes.len(), |e| lt + 9 + e + 3);
        }
        find_byte(bytes, b'>', lt).map_or(bytes.len(), |e| e + 1)
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let bytes = self.html.as_bytes();
        let name_end = (lt + 1..bytes.len())
            .find(|&i| !(bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b':' | b'_')))
            .unwrap_or(bytes.len());
        let mut name_buf = [0u8; 16];
        let name_len = (name_end - lt - 1).min(16);
        for (d, s) in name_buf.iter_mut().zip(&bytes[lt + 1..lt + 1 + name_len]) {
            *d = s.to_ascii_lowercase();
        }
        // Longer names are custom elements: inline.
        let name: &[u8] = if name_end - lt - 1 > 16 { b"x-custom" } else { &name_buf[..name_len] };
        let end = self.read_attrs(name_end);
        if is_raw_text(name) {
            return self.raw_text(name, end);
        }
        match name {
            b"meta" => self.meta(),
            b"link" => self.link(),
            b"html" => {
                if let Some(lang) = self.attr("lang") {
                    self.dom.head.lang.get_or_insert_with(|| lang.trim().to_string());
                }
                return end;
            }
            b"time" => {
                if let Some(dt) = self.attr("datetime") {
                    let dt = dt.trim().to_string();
                    self.dom.head.times.push(dt);
                }
            }
            // A second <body> adds nothing.
            b"body" if self.stack.iter().any(|&i| self.dom.node(i).tag == Tag::Body) => return end,
            _ => {}
        }
        let tag = Tag::of(name);
        // What belongs in the body ends a head left open.
        if !matches!(name, b"meta" | b"link" | b"base" | b"head") {
            self.close_head();
        }
        if tag == Tag::Br || tag == Tag::Hr {
            self.close_p_for(tag);
            self.push_node(tag, 0, false);
            return end;
        }
        if is_void(name) {
            return end;
        }
        self.implied_ends(tag);
        let (weight, mut hidden) = if tag == Tag::Body { (0, false) } else { self.weigh() };
        // A part shown on hover inside another ("rollover > rollover-block",
        // "tooltip > tooltip-text") is the pop-up, hidden until pointed at;
        // the outer one holds the word it pops up from, and a link in the
        // pop-up's place is that word.
        let hover = self.attr("class").is_some_and(hints::shown_on_hover);
        if hover {
            let stack = &self.stack;
            self.hover_open.retain(|id| stack.contains(id));
            hidden |= !self.hover_open.is_empty() && tag != Tag::A;
        }
        let id = self.push_node(tag, weight, hidden);
        if hover {
            self.hover_open.push(id);
        }
        if let Some(class) = self.attr("class") {
            self.dom.nodes[id as usize].class = fnv1a(class.trim().as_bytes());
        }
        // "<div/>" opens a div: the slash means nothing on HTML elements.
        if self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
            if matches!(tag, Tag::Skip | Tag::Head) || hidden {
                self.skip_depth += 1;
            }
        }
        end
    }

    /// Read the attributes of a tag from `at` (after its name) to its `>`;
    /// where the page goes on after it.
    fn read_attrs(&mut self, mut at: usize) -> usize {
        let bytes = self.html.as_bytes();
        self.attrs.clear();
        loop {
            while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
                at += 1;
            }
            match bytes.get(at) {
                None => return bytes.len(),
                Some(b'>') => return at + 1,
                _ => {}
            }
            let name_start = at;
            while at < bytes.len() && !matches!(bytes[at], b'=' | b'>' | b'/') && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let name_end = at;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if bytes.get(at) != Some(&b'=') {
                self.attrs.push((name_start, name_end, at, at));
                continue;
            }
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let (value_start, value_end) = match bytes.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = find_byte(bytes, q, at + 1).unwrap_or(bytes.len());
                    let span = (at + 1, close);
                    at = (close + 1).min(bytes.len());
                    span
                }
                _ => {
                    let start = at;
                    while at < bytes.len() && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>' {
                        at += 1;
                    }
                    (start, at)
                }
            };
            if self.attrs.len() < 64 {
                self.attrs.push((name_start, name_end, value_start, value_end));
            }
        }
    }

    /// The raw value of the attribute `name` of the tag just read.
    fn attr(&self, name: &str) -> Option<&'h str> {
        let html = self.html;
        self.attrs
            .iter()
            .find(|(ns, ne, _, _)| html.get(*ns..*ne).is_some_and(|n| n.eq_ignore_ascii_case(name)))
            .and_then(|&(_, _, vs, ve)| html.get(vs..ve))
    }

    /// The weight of the element just read, and whether it is hidden.
    fn weigh(&self) -> (i16, bool) {
        let mut weight = 0;
        for key in ["class", "id"] {
            if let Some(v) = self.attr(key) {
                weight += hints::class_weight(v);
            }
        }
        if let Some(role) = self.attr("role") {
            weight += hints::role_weight(role);
        }
        if let Some(prop) = self.attr("itemprop") {
            weight += hints::itemprop_weight(prop);
        }
        let hidden = self.attr("hidden").is_some()
            || self.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || self.attr("style").is_some_and(hints::style_hides);
        (weight, hidden)
    }

    fn meta(&mut self) {
        let key = self.attr("property").or_else(|| self.attr("name")).or_else(|| self.attr("itemprop"));
        if let (Some(key), Some(content)) = (key, self.attr("content")) {
            let pair = (key.trim().to_ascii_lowercase(), entities::decode(content.trim()));
            self.dom.head.metas.push(pair);
        }
    }

    fn link(&mut self) {
        let canonical =
            self.attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")));
        if canonical && let Some(href) = self.attr("href") {
            let href = entities::decode(href.trim());
            self.dom.head.canonical.get_or_insert(href);
        }
    }

    /// Read a raw-text element's content up to its end tag; where the page
    /// goes on.
    fn raw_text(&mut self, name: &[u8], from: usize) -> usize {
        let bytes = self.html.as_bytes();
        let (content_end, after) = find_end_tag(bytes, name, from);
        let content = self.html.get(from..content_end).unwrap_or_default();
        match name {
            b"title" if self.dom.head.title.is_none() && !self.in_skipped() => {
                let mut t = String::new();
                collapse_into(&entities::decode(content), &mut t);
                let t = t.trim();
                if !t.is_empty() {
                    self.dom.head.title = Some(t.to_string());
                }
            }
            b"script" if self.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                self.dom.head.json_ld.push(content.to_string());
            }
            _ => {}
        }
        after
    }

    /// Whether the parser is inside an element whose content is no text
    /// (an SVG's `<title>` is not the page's).
    fn in_skipped(&self) -> bool {
        self.stack.iter().any(|&i| self.dom.node(i).tag == Tag::Skip)
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        let bytes = self.html.as_bytes();
        let name_end = (lt + 2..bytes.len()).find(|&i| !bytes[i].is_ascii_alphanumeric()).unwrap_or(bytes.len());
        let end = find_byte(bytes, b'>', name_end).map_or(bytes.len(), |e| e + 1);
        let raw = &bytes[lt + 2..name_end];
        if raw.len() > 16 {
            return end;
        }
        let mut buf = [0u8; 16];
        for (d, s) in buf.iter_mut().zip(raw) {
            *d = s.to_ascii_lowercase();
        }
        let name = &buf[..raw.len()];
        let tag = Tag::of(name);
        if tag == Tag::Br {
            self.push_node(Tag::Br, 0, false);
            return end;
        }
        if matches!(name, b"html" | b"body") || is_void(name) {
            return end;
        }
        // Close the nearest open element of this tag, if any. Headings
        // close each other ("<h2>…</h3>").
        let same = |t: Tag| t == tag || matches!((t, tag), (Tag::H(_), Tag::H(_)));
        if let Some(k) = self.stack.iter().rposition(|&i| same(self.dom.node(i).tag))
            && k > 0
        {
            self.pop_to(k);
        }
        end
    }

    fn close_head(&mut self) {
        if let Some(k) = self.stack.iter().rposition(|&i| self.dom.node(i).tag == Tag::Head) {
            self.pop_to(k);
        }
    }

    /// Close open elements from the top down to (and with) index `k` of the stack.
    fn pop_to(&mut self, k: usize) {
        while self.stack.len() > k {
            if let Some(i) = self.stack.pop() {
                let n = self.dom.node(i);
                if matches!(n.tag, Tag::Skip | Tag::Head) || n.hidden {
                    self.skip_depth = self.skip_depth.saturating_sub(1);
                }
            }
        }
    }

    /// The end tags a start tag implies: a block ends an open paragraph; an
    /// item ends the open item of its list; a cell or row ends the open one.
    fn implied_ends(&mut self, tag: Tag) {
        if tag.closes_p() {
            self.close_p_for(tag);
        }
        let (targets, passable): (&[Tag], fn(Tag) -> bool) = match tag {
            Tag::Li => (&[Tag::Li], |t| t.is_inline() || matches!(t, Tag::P | Tag::Div | Tag::Address)),
            Tag::Dt | Tag::Dd => (&[Tag::Dt, Tag::Dd], |t| t.is_inline() || matches!(t, Tag::P | Tag::Div)),
            Tag::Td => (&[Tag::Td], |t| !matches!(t, Tag::Tr | Tag::Table | Tag::TableSection)),
            Tag::Tr => (&[Tag::Tr], |t| !matches!(t, Tag::Table | Tag::TableSection)),
            _ => return,
        };
        for k in (1..self.stack.len()).rev() {
            let t = self.dom.node(self.stack[k]).tag;
            if targets.contains(&t) {
                self.pop_to(k);
                return;
            }
            if !passable(t) {
                return;
            }
        }
    }

    fn close_p_for(&mut self, _tag: Tag) {
        for k in (1..self.stack.len()).rev() {
            let t = self.dom.node(self.stack[k]).tag;
            if t == Tag::P {
                self.pop_to(k);
                return;
            }
            if !t.is_inline() {
                return;
            }
        }
    }

    /// Append a node under the open element on top of the stack.
    fn push_node(&mut self, tag: Tag, weight: i16, hidden: bool) -> u32 {
        let parent = *self.stack.last().unwrap_or(&0);
        let id = u32::try_from(self.dom.nodes.len()).unwrap_or(NONE);
        self.dom.nodes.push(Node {
            tag,
            parent,
            first: NONE,
            last: NONE,
            next: NONE,
            start: 0,
            end: 0,
            weight,
            hidden,
            class: 0,
        });
        let p = &mut self.dom.nodes[parent as usize];
        let prev = p.last;
        p.last = id;
        if prev == NONE {
            p.first = id;
        } else {
            self.dom.nodes[prev as usize].next = id;
        }
        id
    }

    /// A run of text between tags.
    fn text(&mut self, from: usize, to: usize) {
        if self.skip_depth > 0 {
            return;
        }
        let raw = self.html.get(from..to).unwrap_or_default();
        let start = self.dom.text.len();
        if raw.contains('&') {
            self.scratch.clear();
            entities::decode_into(raw, &mut self.scratch);
            collapse_into(&self.scratch, &mut self.dom.text);
        } else {
            collapse_into(raw, &mut self.dom.text);
        }
        let end = self.dom.text.len();
        if end == start {
            return;
        }
        let id = self.push_node(Tag::Text, 0, false);
        let n = &mut self.dom.nodes[id as usize];
        n.start = u32::try_from(start).unwrap_or(u32::MAX);
        n.end = u32::try_from(end).unwrap_or(u32::MAX);
    }
}

/// The 32-bit FNV-1a hash of `bytes`, never 0.
fn fnv1a(bytes: &[u8]) -> u32 {
    let h = bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    h.max(1)
}

/// Append `s` with each run of white space as one space.
fn collapse_into(s: &str, out: &mut String) {
    let mut space = false;
    for (i, run) in s.split(|c: char| c.is_whitespace() || c == '\u{A0}').enumerate() {
        if i > 0 {
            space = true;
        }
        if !run.is_empty() {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(run);
        }
    }
    if space {
        out.push(' ');
    }
}

fn find_byte(bytes: &[u8], b: u8, from: usize) -> Option<usize> {
    memchr::memchr(b, bytes.get(from..)?).map(|i| from + i)
}

/// Where the end tag `</name>` after `from` starts, and where the page goes
/// on after it (the end of the page when there is none).
fn find_end_tag(bytes: &[u8], name: &[u8], from: usize) -> (usize, usize) {
    let mut at = from;
    while let Some(i) = memchr::memmem::find(bytes.get(at..).unwrap_or_default(), b"</") {
        let start = at + i;
        let after_name = start + 2 + name.len();
        if bytes.get(start + 2..after_name).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes.get(after_name).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            let end = find_byte(bytes, b'>', after_name).map_or(bytes.len(), |e| e + 1);
            return (start, end);
        }
        at = start + 2;
    }
    (bytes.len(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(dom: &Dom) -> Vec<&str> {
        dom.nodes.iter().filter(|n| n.tag == Tag::Text).map(|n| dom.text_of(n)).collect()
    }

    #[test]
    fn text_entities_and_raw_elements() {
        let dom = parse(
            "<!DOCTYPE html><html lang=en><head><title>A &amp; B</title><script>var x = '<p>no</p>';</script>\
             <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head>\
             <body><p>Caf&eacute;   au\n lait<!-- gone --></p><style>p{}</style></body></html>",
        );
        assert_eq!(texts(&dom), ["Café au lait"]);
        assert_eq!(dom.head.title.as_deref(), Some("A & B"));
        assert_eq!(dom.head.lang.as_deref(), Some("en"));
        assert_eq!(dom.head.json_ld.len(), 1);
    }

    #[test]
    fn implied_end_tags() {
        let dom = parse("<body><p>one<p>two<ul><li>a<li>b</ul><table><tr><td>x<td>y<tr><td>z</table>");
        let tags: Vec<Tag> = dom.nodes.iter().map(|n| n.tag).collect();
        // The second <p> is the first one's sibling, not its child.
        let ps: Vec<&Node> = dom.nodes.iter().filter(|n| n.tag == Tag::P).collect();
        assert_eq!(ps[0].parent, ps[1].parent, "{tags:?}");
        let lis: Vec<&Node> = dom.nodes.iter().filter(|n| n.tag == Tag::Li).collect();
        assert_eq!(lis[0].parent, lis[1].parent);
        let tds: Vec<&Node> = dom.nodes.iter().filter(|n| n.tag == Tag::Td).collect();
        assert_eq!(tds.len(), 3);
        assert_eq!(tds[0].parent, tds[1].parent);
        assert_ne!(tds[1].parent, tds[2].parent);
    }

    #[test]
    fn hostile_markup_never_panics() {
        let deep = "<div>".repeat(100_000) + "deep text" + &"</div>".repeat(100_000);
        let dom = parse(&deep);
        assert_eq!(texts(&dom), ["deep text"]);
        for page in [
            "<",
            "<a",
            "<a href=\"x",
            "</",
            "</div",
            "<!--",
            "<![CDATA[",
            "<script>never closed",
            "<p class='x>y",
            "&#99999999;&",
            "<\u{e9}>",
        ] {
            let _ = parse(page);
        }
    }

    #[test]
    fn a_head_left_open_ends_where_the_body_starts() {
        let dom = parse("<html><head><title>T</title><meta charset=utf-8><div><p>story</p></div>");
        assert_eq!(texts(&dom), ["story"]);
        assert_eq!(dom.head.title.as_deref(), Some("T"));
    }

    #[test]
    fn hidden_and_skipped_content_leaves_no_text() {
        let dom = parse(
            "<div hidden>a</div><div style=\"display: none\">b</div><button>c</button><svg><text>d</text></svg><p>e</p>",
        );
        assert_eq!(texts(&dom), ["e"]);
    }
}
