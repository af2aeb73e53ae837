//! The Markdown situation report: events with their facts and citations,
//! then the sources. Article text is untrusted: everything taken from it is
//! escaped so that it renders as text, never as markup or HTML.

use std::collections::HashMap;
use std::fmt::Display;
use std::io::{self, Write};

use serde::Serialize;
use sitrep_model::{Claim, DocId, Document, Event, EventId, Fact, Status};

/// Escape text for Markdown (and the HTML a Markdown renderer passes
/// through): markup characters get a backslash, `<`, `>` and `&` become
/// entities, and line breaks become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

pub fn write(out: &mut impl Write, documents: &[Document], events: &[Event]) -> io::Result<()> {
    let number: HashMap<&DocId, usize> = documents.iter().enumerate().map(|(i, d)| (&d.id, i + 1)).collect();
    let index: HashMap<&EventId, usize> = events.iter().enumerate().map(|(i, e)| (&e.id, i + 1)).collect();
    writeln!(out, "# Situation report\n")?;
    writeln!(out, "{} events from {} documents.\n", events.len(), documents.len())?;
    writeln!(
        out,
        "Each fact lists every claim with its source [n] (see Sources), its speaker and the sentence it was read from. \
         Status: *agreed* (several sources, all compatible), *conflicting* (claims that cannot all be true), \
         *single source*, *unknown*. Counts are ranges (\"more than 100\" is 101 or more): when all claims can \
         be true together, the best value is the least they allow together; when they conflict, it is the exact \
         value most sources state (of equals, the least), and the range spans them all. One person a report \
         describes as hurt, where a later report says one person died, is counted killed, not injured \
         (\"one person described\": a count read from a description, not a number).\n"
    )?;
    for (i, e) in events.iter().enumerate() {
        let date = e.facts.date.as_ref().and_then(|f| f.best).map_or_else(|| "date unknown".into(), |d| d.to_string());
        let place = e
            .facts
            .location
            .as_ref()
            .and_then(|f| f.best.as_ref())
            .map_or_else(|| "place unknown".into(), |l| escape(&l.name));
        writeln!(out, "## {}. {} — {}, {}\n", i + 1, escape(e.event_type.as_str()), date, place)?;
        writeln!(out, "- id: `{}`", e.id)?;
        writeln!(out, "- sub-type: {}", escape(&e.sub_type))?;
        let cites: Vec<String> = e.sources.iter().map(|s| cite(&number, s)).collect();
        let related: Vec<String> = e
            .related
            .iter()
            .map(|r| {
                let to = index.get(&r.event).map_or_else(|| format!("`{}`", r.event), |n| format!("event {n}"));
                format!("{} {to}", escape(&r.relation.replace('_', " ")))
            })
            .collect();
        if !related.is_empty() {
            writeln!(out, "- related: {}", related.join("; "))?;
        }
        writeln!(out, "- sources: {}\n", cites.join(" "))?;
        writeln!(out, "| fact | best | status | claims |")?;
        writeln!(out, "|---|---|---|---|")?;
        let f = &e.facts;
        row(out, "date", f.date.as_ref(), &number)?;
        row(out, "location", f.location.as_ref().map(|l| map_fact(l, |v| v.name.clone())).as_ref(), &number)?;
        row(out, "killed", f.killed.as_ref(), &number)?;
        row(out, "injured", f.injured.as_ref(), &number)?;
        row(out, "perpetrator", f.perpetrator.as_ref(), &number)?;
        row(out, "target", f.target.as_ref(), &number)?;
        row(out, "weapon", f.weapon.as_ref(), &number)?;
        writeln!(out)?;
        for m in e.mentions.iter().take(5) {
            let quote = documents
                .iter()
                .find(|d| d.id == m.doc)
                .and_then(|d| d.annotations.as_ref().and_then(|a| sentence_around(d, a, m.start)))
                .unwrap_or_else(|| m.text.clone());
            writeln!(out, "> {} {}\n", escape(&quote), cite(&number, &m.doc))?;
        }
    }
    writeln!(out, "## Sources\n")?;
    for (i, d) in documents.iter().enumerate() {
        let title = d.title.as_deref().map_or_else(|| "(untitled)".into(), escape);
        let mut parts = vec![format!("{}. **{}**", i + 1, title)];
        if let Some(o) = &d.outlet {
            parts.push(escape(o));
        }
        if let Some(a) = &d.author {
            parts.push(format!("by {}", escape(a)));
        }
        if let Some(p) = d.published {
            parts.push(p.to_string());
        }
        parts.push(format!("`{}`", d.path.replace('`', "'")));
        writeln!(out, "{}", parts.join(" — "))?;
    }
    Ok(())
}

fn sentence_around(d: &Document, a: &sitrep_model::Annotations, at: usize) -> Option<String> {
    let s = a.sentences.iter().find(|s| s.span.start <= at && at < s.span.end)?;
    s.span.slice(&d.text).map(str::to_string)
}

fn cite(number: &HashMap<&DocId, usize>, doc: &DocId) -> String {
    number.get(doc).map_or_else(|| format!("[{}]", escape(doc.as_str())), |n| format!("[{n}]"))
}

fn map_fact<T, U>(f: &Fact<T>, g: impl Fn(&T) -> U) -> Fact<U> {
    Fact {
        status: f.status,
        best: f.best.as_ref().map(&g),
        low: f.low,
        high: f.high,
        claims: f
            .claims
            .iter()
            .map(|c| Claim {
                doc: c.doc.clone(),
                value: g(&c.value),
                low: c.low,
                high: c.high,
                qualifier: c.qualifier.clone(),
                speaker: c.speaker.clone(),
                quote: c.quote.clone(),
                start: c.start,
                end: c.end,
            })
            .collect(),
    }
}

fn row<T: Display + Serialize>(
    out: &mut impl Write,
    name: &str,
    fact: Option<&Fact<T>>,
    number: &HashMap<&DocId, usize>,
) -> io::Result<()> {
    let Some(f) = fact else { return Ok(()) };
    let best = match (&f.best, f.low, f.high) {
        (Some(b), _, _) => escape(&b.to_string()),
        (None, Some(l), Some(h)) => format!("{l}–{h}"),
        (None, Some(l), None) => format!("≥ {l}"),
        _ => "—".into(),
    };
    let status = match f.status {
        Status::Agreed => "agreed",
        Status::Conflicting => "**conflicting**",
        Status::SingleSource => "single source",
        Status::Unknown => "unknown",
        _ => "other",
    };
    let claims: Vec<String> = f
        .claims
        .iter()
        .map(|c| {
            let mut s = format!("{} {}", escape(&c.value.to_string()), cite(number, &c.doc));
            if let Some(q) = &c.qualifier {
                s = format!("{} {s}", escape(q));
            }
            if let Some(sp) = &c.speaker {
                s.push_str(&format!(" ({})", escape(sp)));
            }
            s
        })
        .collect();
    writeln!(out, "| {name} | {best} | {status} | {} |", claims.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_cannot_become_markup() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("[x](javascript:alert(1)) *b* | # h"), "\\[x\\](javascript:alert(1)) \\*b\\* \\| \\# h");
        assert_eq!(escape("a\nb"), "a b");
    }
}
