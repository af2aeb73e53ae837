//! The article's main text: which part of the page holds it, and which of
//! its blocks are the story.
//!
//! 1. The page's text is cut into blocks: the running text of each block
//!    element (a paragraph, a heading, a list item, a cell, a `<div>` with
//!    text of its own), with how much of it is link text.
//! 2. Each block that reads like prose (25 characters or more, mostly not
//!    links) scores its ancestors, less the farther they are: one point,
//!    one per comma, one per 100 characters up to three.
//! 3. An element's score is its blocks' points, with what its tag and its
//!    class, id, role and itemprop say ([`crate::hints`]), less its share
//!    of link text. The best element is the article's container; siblings
//!    that score close to it, or are prose paragraphs, join it.
//! 4. Inside, the blocks that are no story are dropped: those under a part
//!    marked as navigation, sharing, comments, promotion, captions or
//!    bylines, those mostly of inline text so marked (a byline `<span>`),
//!    links with little text of their own, and the headline.
//!
//! `<article>`s that stand several inside another `<article>` are other
//! stories (related posts, comments): they neither score nor join.

use crate::dom::{Dom, NONE, Tag};
use crate::hints::{NOT_ARTICLE, SURELY_NOT_ARTICLE};

/// A run of text of one block element.
#[derive(Clone, Debug)]
struct Block {
    /// The nearest block element holding the text.
    container: u32,
    /// A range of [`Blocks::text`].
    start: usize,
    end: usize,
    chars: u32,
    link_chars: u32,
    /// Characters inside inline elements marked as no story (a
    /// `<span class="byline">`, `itemprop="datePublished"`): a block
    /// mostly of them is dropped from the story.
    marked_chars: u32,
}

/// The blocks of a page, their text in one buffer.
struct Blocks {
    text: String,
    list: Vec<Block>,
}

/// How many ancestors a prose block scores, with the divider of each.
const ANCESTOR_DIVIDERS: [f32; 5] = [1.0, 2.0, 6.0, 9.0, 12.0];

/// The article text of a parsed page: its blocks joined by blank lines.
pub(crate) fn main_text(dom: &Dom, title: Option<&str>) -> String {
    let blocks = blocks(dom);
    let n = dom.nodes.len();
    // Characters and link characters under each node: children come after
    // their parents, so one backward pass adds them up.
    let mut chars = vec![0u32; n];
    let mut links = vec![0u32; n];
    for b in &blocks.list {
        chars[b.container as usize] += b.chars;
        links[b.container as usize] += b.link_chars;
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        chars[p] = chars[p].saturating_add(chars[i]);
        links[p] = links[p].saturating_add(links[i]);
    }
    let total = chars[0].max(1);
    // A part surely marked as no article, unless it holds most of the page
    // (a wrapper whose class happens to say "sidebar-open").
    let marked = |i: usize| {
        let node = &dom.nodes[i];
        ((node.weight <= SURELY_NOT_ARTICLE || matches!(node.tag, Tag::Nav | Tag::Aside | Tag::Footer))
            && chars[i] * 2 < total)
            || matches!(node.tag, Tag::Skip | Tag::Head)
            || node.hidden
    };
    let teasers = teasers(dom);
    let mut excluded = vec![false; n];
    for i in 1..n {
        excluded[i] = excluded[dom.nodes[i].parent as usize] || marked(i) || teasers[i];
    }

    // Scores of the ancestors of prose blocks.
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    for b in &blocks.list {
        let c = b.container as usize;
        if excluded[c] || b.chars < 25 || b.link_chars * 2 > b.chars {
            continue;
        }
        let text = &blocks.text[b.start..b.end];
        let points = 1.0 + text.matches(',').count() as f32 + (b.chars as f32 / 100.0).min(3.0);
        // A paragraph scores its ancestors; a division with text of its own
        // is a paragraph in its own right and scores itself first.
        let paragraph = matches!(
            dom.nodes[c].tag,
            Tag::P
                | Tag::H(_)
                | Tag::Li
                | Tag::Td
                | Tag::Dt
                | Tag::Dd
                | Tag::Pre
                | Tag::Blockquote
                | Tag::Figcaption
                | Tag::Address
        );
        let mut at = if paragraph { dom.nodes[c].parent } else { c as u32 };
        for divider in ANCESTOR_DIVIDERS {
            if at == NONE || at == 0 {
                break;
            }
            let a = at as usize;
            if !scored[a] {
                scored[a] = true;
                score[a] = initial_score(dom, a);
            }
            score[a] += points / divider;
            at = dom.nodes[a].parent;
        }
    }
    let link_density = |i: usize| if chars[i] == 0 { 0.0 } else { links[i] as f32 / chars[i] as f32 };
    let final_score = |i: usize| score[i] * (1.0 - link_density(i));
    let Some(top) =
        (1..n).filter(|&i| scored[i] && !excluded[i]).max_by(|&a, &b| final_score(a).total_cmp(&final_score(b)))
    else {
        return String::new();
    };

    // A story cut into chunks by ads ("article__chunks"): when other
    // elements score close to the best one, their common ancestor with it
    // holds the story.
    let top_score = final_score(top);
    // Other `<article>`s are other stories (teasers), no chunks of this one.
    let own_article = |i: usize| {
        let mut at = i as u32;
        for _ in 0..crate::dom::MAX_DEPTH {
            if at == NONE {
                return NONE;
            }
            if dom.node(at).tag == Tag::Article {
                return at;
            }
            at = dom.node(at).parent;
        }
        NONE
    };
    let top_article = own_article(top);
    let close: Vec<usize> = (1..n)
        .filter(|&i| scored[i] && !excluded[i] && i != top && final_score(i) >= 0.75 * top_score)
        .filter(|&i| own_article(i) == top_article)
        .collect();
    let mut top = top;
    if !close.is_empty() {
        let mut at = dom.nodes[top].parent;
        let mut depth = 0;
        while at != NONE && at != 0 && depth < 8 && !excluded[at as usize] {
            let holds = close.iter().filter(|&&c| c != at as usize && is_ancestor(dom, at, c as u32)).count();
            let in_line = close.iter().filter(|&&c| is_ancestor(dom, c as u32, top as u32)).count();
            if holds > in_line {
                top = at as usize;
                break;
            }
            at = dom.nodes[at as usize].parent;
            depth += 1;
        }
    }
    // A story cut into parts of one make ("article__body" after each ad):
    // the same tag and class as the container or one of its near
    // ancestors, elsewhere in the same article, with prose of its own.
    // Their common ancestor holds the whole story.
    let mut up = top as u32;
    for _ in 0..3 {
        let a = dom.node(up);
        if a.class != 0 && up != 0 {
            let twins: Vec<u32> = (1..n as u32)
                .filter(|&i| {
                    let t = dom.node(i);
                    t.class == a.class
                        && t.tag == a.tag
                        && i != up
                        && !excluded[i as usize]
                        && chars[i as usize].saturating_sub(links[i as usize]) >= 80
                        && own_article(i as usize) == top_article
                        && !is_ancestor(dom, i, up)
                        && !is_ancestor(dom, up, i)
                })
                .collect();
            if let Some(common) = twins.iter().try_fold(up, |acc, &t| common_ancestor(dom, acc, t)) {
                if common != 0 && !excluded[common as usize] && dom.node(common).tag != Tag::Body {
                    top = common as usize;
                }
                break;
            }
        }
        up = a.parent;
        if up == NONE {
            break;
        }
    }
    let top_score = final_score(top).max(top_score);

    // The container and the siblings that belong with it.
    let threshold = (top_score * 0.2).max(10.0);
    let parent = dom.nodes[top].parent;
    let mut roots: Vec<u32> = Vec::new();
    if parent == NONE {
        roots.push(top as u32);
    } else {
        for s in dom.children(parent) {
            let si = s as usize;
            let joins = si == top
                || (!excluded[si]
                    && (final_score(si) >= threshold
                        || (dom.nodes[si].tag == Tag::P && chars[si] > 80 && link_density(si) < 0.25)));
            if joins {
                roots.push(s);
            }
        }
    }

    // The blocks under the roots that are the story.
    let title_key = title.map(squeeze);
    let mut out = String::new();
    let mut root_of = vec![NONE; n];
    for &r in &roots {
        root_of[r as usize] = r;
    }
    // Characters that are not link text: what makes a part hold the story.
    let prose: Vec<u32> = chars.iter().zip(&links).map(|(c, l)| c.saturating_sub(*l)).collect();
    let root_prose: u32 = roots.iter().map(|&r| prose[r as usize]).sum();
    let within = excluded_within(dom, &prose, root_prose, &teasers);
    for b in &blocks.list {
        if !in_story(dom, &root_of, &within, b.container) {
            continue;
        }
        let text = blocks.text[b.start..b.end].trim();
        if text.is_empty() || is_link_line(b) || b.marked_chars * 2 > b.chars {
            continue;
        }
        let tag = dom.nodes[b.container as usize].tag;
        if matches!(tag, Tag::H(1))
            || title_key.as_deref().is_some_and(|t| matches!(tag, Tag::H(_)) && squeeze(text) == t)
        {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(text);
    }
    out
}

/// Characters of text of its own, outside links, that make a block
/// mostly of link text a sentence ("The suspect was convicted and
/// <a>sentenced to life</a>.", "<a>Apple buys a startup</a>. The deal
/// is its largest this year.") rather than a link with a label
/// ("Related: <a>…</a>", "<a>…</a> 2 hours ago").
const OWN_SENTENCE: u32 = 30;

/// Whether a block is a link, or a few, with little text of its own: no
/// story, but navigation, a teaser or a "read more".
fn is_link_line(b: &Block) -> bool {
    b.link_chars * 2 > b.chars && b.chars < 200 && b.chars.saturating_sub(b.link_chars) < OWN_SENTENCE
}

/// The `<article>`s that are one of several inside another `<article>`:
/// other stories listed under this one (related posts, comments as
/// `<article class="comment">`), never a part of it. A single `<article>`
/// inside another is left alone: a page may wrap its story twice.
fn teasers(dom: &Dom) -> Vec<bool> {
    let n = dom.nodes.len();
    // The nearest `<article>` above each node, and how many `<article>`s
    // have each one as theirs: parents come before their children.
    let mut outer = vec![NONE; n];
    let mut inner = vec![0u32; n];
    for i in 1..n {
        let p = dom.nodes[i].parent;
        if p == NONE {
            continue;
        }
        outer[i] = if dom.node(p).tag == Tag::Article { p } else { outer[p as usize] };
        if dom.nodes[i].tag == Tag::Article && outer[i] != NONE {
            inner[outer[i] as usize] += 1;
        }
    }
    (0..n).map(|i| dom.nodes[i].tag == Tag::Article && outer[i] != NONE && inner[outer[i] as usize] >= 2).collect()
}

/// Whether a node marks a part of the story's container that is no story:
/// a part marked so by its hints or its tag, unless it holds half the
/// characters of its root that are no link text or more (an
/// "entry-content-read-more" wrapper of the whole story).
fn excluded_within<'d>(
    dom: &'d Dom,
    prose: &'d [u32],
    root_prose: u32,
    teasers: &'d [bool],
) -> impl Fn(u32) -> bool + 'd {
    move |i| {
        if teasers[i as usize] {
            return true;
        }
        let node = dom.node(i);
        let marked = node.weight <= NOT_ARTICLE
            || matches!(
                node.tag,
                Tag::Nav | Tag::Aside | Tag::Footer | Tag::Figure | Tag::Figcaption | Tag::Header | Tag::Form
            );
        node.hidden || matches!(node.tag, Tag::Skip | Tag::Head) || (marked && prose[i as usize] * 2 < root_prose)
    }
}

/// Whether the block element `container` is under one of the roots with
/// nothing marked as no story on the way.
fn in_story(dom: &Dom, root_of: &[u32], excluded: &impl Fn(u32) -> bool, container: u32) -> bool {
    let mut at = container;
    let mut depth = 0;
    while at != NONE && depth <= crate::dom::MAX_DEPTH {
        if root_of[at as usize] != NONE {
            return true;
        }
        if excluded(at) {
            return false;
        }
        at = dom.node(at).parent;
        depth += 1;
    }
    false
}

/// The nearest element that holds both `a` and `b`.
fn common_ancestor(dom: &Dom, a: u32, b: u32) -> Option<u32> {
    let mut at = a;
    for _ in 0..=crate::dom::MAX_DEPTH {
        if at == NONE {
            return None;
        }
        if is_ancestor(dom, at, b) {
            return Some(at);
        }
        at = dom.node(at).parent;
    }
    None
}

/// Whether `a` is `d` or one of its ancestors.
fn is_ancestor(dom: &Dom, a: u32, d: u32) -> bool {
    let mut at = d;
    for _ in 0..=crate::dom::MAX_DEPTH {
        if at == a {
            return true;
        }
        if at == NONE {
            return false;
        }
        at = dom.node(at).parent;
    }
    false
}

/// All the text of a parsed page or fragment, block by block, with no
/// choice of what is the story.
pub(crate) fn all_text(dom: &Dom) -> String {
    let blocks = blocks(dom);
    let mut out = String::with_capacity(blocks.text.len() + 2 * blocks.list.len());
    for b in &blocks.list {
        let text = blocks.text[b.start..b.end].trim();
        if !text.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(text);
        }
    }
    out
}

/// What an element's tag and hints give it before its blocks score.
fn initial_score(dom: &Dom, i: usize) -> f32 {
    let node = &dom.nodes[i];
    let tag = match node.tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
        Tag::H(_) => -5.0,
        _ => 0.0,
    };
    tag + f32::from(node.weight)
}

/// A heading's text for comparison with the title: letters and digits only.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Cut the page's text into blocks, in document order.
fn blocks(dom: &Dom) -> Blocks {
    let mut out = Blocks { text: String::with_capacity(dom.text.len()), list: Vec::new() };
    let mut current: Option<Block> = None;
    // Depth-first, without recursion: (node, whether it is being left).
    let mut stack: Vec<(u32, bool)> = vec![(0, false)];
    let mut containers: Vec<u32> = vec![0];
    let mut in_link = 0usize;
    let mut in_marked = 0usize;
    while let Some((i, leaving)) = stack.pop() {
        let node = dom.node(i);
        if leaving {
            if marks_inline(node) {
                in_marked = in_marked.saturating_sub(1);
            }
            match node.tag {
                Tag::A => in_link = in_link.saturating_sub(1),
                t if !t.is_inline() => {
                    flush(&mut out, &mut current);
                    containers.pop();
                }
                _ => {}
            }
            continue;
        }
        match node.tag {
            Tag::Text => {
                let text = dom.text_of(node);
                let block = current.get_or_insert_with(|| Block {
                    container: *containers.last().unwrap_or(&0),
                    start: out.text.len(),
                    end: out.text.len(),
                    chars: 0,
                    link_chars: 0,
                    marked_chars: 0,
                });
                out.text.push_str(text);
                block.end = out.text.len();
                let n = u32::try_from(text.chars().filter(|c| !c.is_whitespace()).count()).unwrap_or(u32::MAX);
                block.chars = block.chars.saturating_add(n);
                // A web address printed in full is text to read, not a
                // link's label: a story's sources, a product's address.
                if in_link > 0 && !shows_address(text) {
                    block.link_chars = block.link_chars.saturating_add(n);
                }
                if in_marked > 0 {
                    block.marked_chars = block.marked_chars.saturating_add(n);
                }
                continue;
            }
            Tag::Br | Tag::Hr => {
                flush(&mut out, &mut current);
                continue;
            }
            Tag::Skip | Tag::Head => continue,
            _ if node.hidden => continue,
            Tag::A => in_link += 1,
            t if !t.is_inline() => {
                flush(&mut out, &mut current);
                containers.push(i);
            }
            _ => {}
        }
        if marks_inline(node) {
            in_marked += 1;
        }
        stack.push((i, true));
        // Children in order: pushed last to first.
        let first = stack.len();
        stack.extend(dom.children(i).map(|c| (c, false)));
        stack[first..].reverse();
    }
    flush(&mut out, &mut current);
    out
}

/// Whether a link's text is a web address printed in full.
fn shows_address(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

/// Whether an element is inline and marked as no story: a byline, date or
/// caption given as a `<span>` in a paragraph of its own, which
/// [`excluded_within`] does not see, being no block.
fn marks_inline(node: &crate::dom::Node) -> bool {
    node.tag.is_inline() && node.weight <= NOT_ARTICLE
}

fn flush(out: &mut Blocks, current: &mut Option<Block>) {
    if let Some(b) = current.take() {
        if b.chars > 0 {
            out.list.push(b);
        } else {
            out.text.truncate(b.start);
        }
    }
}
