// sitrep's web page: map, timeline and list of events, and an event page
// with every claim, its source, its speaker and its sentence in context.
//
// Article text is untrusted. Nothing from the API is ever parsed as HTML:
// every string goes into the page as a text node (el() below) or an
// attribute value, and links are made only of http(s) addresses. The
// server's Content-Security-Policy allows no inline script besides.
"use strict";

const COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#d35400",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9",
  "Riots": "#16a085",
  "Strategic developments": "#7f8c8d",
};
const FACTS = ["date", "location", "killed", "injured", "perpetrator", "target", "weapon"];
const STATUS_TEXT = { agreed: "agreed", conflicting: "conflicting", single_source: "single source", unknown: "unknown" };

/** An element with attributes and children; strings become text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** An http(s) address, or null: no javascript:, data: or other schemes. */
function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

const state = { events: [], map: null, markers: null, bounds: null };

function status(text) {
  document.getElementById("status").textContent = text;
}

function label(e) {
  return [e.place || "place unknown", e.date || "date unknown", e.sub_type || e.type].join(" · ");
}

// ---------------------------------------------------------------- overview

function initMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([30, 20], 2);
  map.attributionControl.addAttribution("Made with Natural Earth");
  fetch("/assets/vendor/countries.geojson")
    .then((r) => r.json())
    .then((world) => {
      L.geoJSON(world, {
        interactive: false,
        style: { color: "#9aa5ae", weight: 0.6, fillColor: "#fbfbf8", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    })
    .catch(() => status("The base map could not be loaded; events are still shown."));
  state.map = map;
  state.markers = L.layerGroup().addTo(map);
}

function drawMap(events) {
  state.markers.clearLayers();
  const points = [];
  for (const e of events) {
    if (typeof e.lat !== "number" || typeof e.lon !== "number") continue;
    const radius = 5 + Math.min(10, Math.sqrt((e.killed || 0) + (e.injured || 0)) * 1.5);
    const marker = L.circleMarker([e.lat, e.lon], {
      radius,
      color: "#fff",
      weight: 1,
      fillColor: COLOURS[e.type] || "#555",
      fillOpacity: 0.85,
      className: "event-marker",
    });
    marker.bindTooltip(el("span", { class: "map-label" }, label(e)));
    marker.on("click", () => openEvent(e.id));
    marker.addTo(state.markers);
    const path = marker.getElement();
    if (path) {
      path.setAttribute("data-event", e.id);
      path.setAttribute("aria-label", label(e));
      path.setAttribute("role", "button");
    }
    points.push([e.lat, e.lon]);
  }
  if (points.length) state.map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 7 });
}

function dayNumber(date) {
  // "2020-03-11", "2020-03" or "2020": the first day it covers.
  const [y, m = "01", d = "01"] = date.split("-");
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86400000;
}

function drawTimeline(events) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  const dated = events.filter((e) => e.date);
  const width = box.clientWidth || 800;
  const height = box.clientHeight || 100;
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!dated.length) return;
  const days = dated.map((e) => dayNumber(e.date));
  let lo = Math.min(...days), hi = Math.max(...days);
  if (hi - lo < 2) { lo -= 1; hi += 1; }
  const x = (day) => 20 + ((day - lo) / (hi - lo)) * (width - 40);
  const axis = height - 18;
  box.append(svg("line", { class: "axis", x1: 10, x2: width - 10, y1: axis, y2: axis }));
  for (const [day, anchor] of [[lo, "start"], [(lo + hi) / 2, "middle"], [hi, "end"]]) {
    const t = svg("text", { x: x(day), y: height - 4, "text-anchor": anchor });
    t.textContent = new Date(day * 86400000).toISOString().slice(0, 10);
    box.append(t);
  }
  // Events of one day stack upwards.
  const stacks = new Map();
  for (const e of dated) {
    const day = dayNumber(e.date);
    const level = stacks.get(day) || 0;
    stacks.set(day, level + 1);
    const dot = svg("circle", {
      cx: x(day),
      cy: axis - 8 - (level % 6) * 11,
      r: 5,
      fill: COLOURS[e.type] || "#555",
      tabindex: 0,
      role: "button",
      "data-event": e.id,
      "aria-label": label(e),
    });
    const title = svg("title");
    title.textContent = label(e);
    dot.append(title);
    dot.addEventListener("click", () => openEvent(e.id));
    dot.addEventListener("keydown", (k) => { if (k.key === "Enter") openEvent(e.id); });
    box.append(dot);
  }
}

function drawList(events) {
  const list = document.getElementById("events");
  list.replaceChildren(
    ...events.map((e) => {
      const counts = [
        e.killed !== null && e.killed !== undefined ? `${e.killed} killed` : null,
        e.injured !== null && e.injured !== undefined ? `${e.injured} injured` : null,
        `${e.sources} source${e.sources === 1 ? "" : "s"}`,
      ].filter(Boolean).join(", ");
      return el("li", {},
        el("a", { href: `#/event/${encodeURIComponent(e.id)}`, "data-event": e.id },
          el("span", { class: "dot", style: null, "data-type": e.type }),
          el("strong", {}, e.place || "place unknown"), " ", e.date || "",
          e.conflicts.length ? el("span", { class: "badge conflicting" }, "conflicting: " + e.conflicts.join(", ")) : null,
          el("div", { class: "meta" }, e.sub_type, " · ", counts, e.perpetrator ? " · " + e.perpetrator : null)));
    }),
  );
  for (const dot of list.querySelectorAll(".dot")) dot.style.background = COLOURS[dot.dataset.type] || "#555";
}

async function loadEvents(extra = {}) {
  const form = new FormData(document.getElementById("filters"));
  const params = new URLSearchParams();
  for (const [name, value] of form) if (String(value).trim()) params.set(name, String(value).trim());
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  params.set("limit", "1000");
  status("Loading…");
  try {
    const page = await api(`/api/events?${params}`);
    state.events = page.events;
    drawMap(page.events);
    drawTimeline(page.events);
    drawList(page.events);
    status(`${page.events.length} of ${page.total} events`);
  } catch (err) {
    status(`Error: ${err.message}`);
  }
}

// -------------------------------------------------------------- event page

function openEvent(id) {
  location.hash = `#/event/${encodeURIComponent(id)}`;
}

function value(fact, v) {
  if (v === null || v === undefined) return "–";
  if (fact === "location") return [v.name, v.country].filter(Boolean).join(", ");
  return String(v);
}

function range(f) {
  if (f.low === null && f.high === null) return "";
  if (f.low === f.high) return String(f.low);
  return `${f.low ?? "?"}–${f.high ?? "…"}`;
}

/** A claim's sentence shown in its document, highlighted. */
async function showContext(claim, box) {
  if (box.childElementCount) { box.replaceChildren(); box.hidden = true; return; }
  box.hidden = false;
  box.append("Loading…");
  try {
    const doc = await api(`/api/documents/${encodeURIComponent(claim.doc)}`);
    // Offsets are bytes of the UTF-8 text.
    const bytes = new TextEncoder().encode(doc.text);
    const decode = (a, b) => new TextDecoder().decode(bytes.slice(a, b));
    const from = Math.max(0, claim.start - 600), to = Math.min(bytes.length, claim.end + 600);
    const mark = el("mark", {}, decode(claim.start, claim.end));
    box.replaceChildren(from > 0 ? "…" : "", decode(from, claim.start), mark, decode(claim.end, to), to < bytes.length ? "…" : "");
    mark.scrollIntoView({ block: "nearest" });
  } catch (err) {
    box.replaceChildren(`Error: ${err.message}`);
  }
}

function claimItem(fact, claim, sources) {
  const doc = sources.get(claim.doc);
  const source = doc ? [doc.outlet, doc.title].filter(Boolean).join(": ") || doc.id : claim.doc;
  const box = el("div", { class: "context", hidden: true });
  const button = el("button", { type: "button", class: "link" }, "in context");
  button.addEventListener("click", () => showContext(claim, box));
  const exact = claim.low === claim.high && claim.low === claim.value;
  const bounds = (claim.low !== null || claim.high !== null) && !exact ? ` (${range(claim)})` : "";
  return el("li", { class: "claim", "data-doc": claim.doc },
    el("strong", {}, [claim.qualifier, value(fact, claim.value)].filter(Boolean).join(" ")), bounds,
    " — ", el("span", { class: "source" }, source),
    claim.speaker ? [" — said by ", el("span", { class: "speaker" }, claim.speaker)] : null,
    el("div", { class: "quote" }, "“", claim.quote, "” "), button, box);
}

function documentItem(d) {
  const url = d.url && safeUrl(d.url);
  const name = d.title || d.path;
  return el("li", { "data-doc": d.id },
    url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, name) : name,
    el("span", { class: "meta" }, " ", [d.outlet, d.published].filter(Boolean).join(", ")),
    d.copy_of ? el("span", { class: "badge unknown" }, "copy of " + d.copy_of) : null);
}

function change(c) {
  const show = (v) => (v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v.best ?? v) : String(v));
  return el("li", {}, el("strong", {}, c.field), ": ", show(c.before), " → ", show(c.after));
}

async function showEvent(id) {
  const page = document.getElementById("event");
  document.getElementById("overview").hidden = true;
  page.hidden = false;
  page.replaceChildren(el("p", {}, "Loading…"));
  let detail;
  try {
    detail = await api(`/api/events/${encodeURIComponent(id)}`);
  } catch (err) {
    page.replaceChildren(el("p", {}, `Error: ${err.message}`), el("a", { href: "#/" }, "Back to all events"));
    return;
  }
  const e = detail.event;
  const facts = e.facts || {};
  const sources = new Map(detail.documents.map((d) => [d.id, d]));
  const place = facts.location && facts.location.best ? value("location", facts.location.best) : "place unknown";
  const date = facts.date && facts.date.best ? facts.date.best : "date unknown";
  const conflicts = FACTS.filter((f) => facts[f] && facts[f].status === "conflicting");

  const rows = FACTS.filter((f) => facts[f]).map((f) => {
    const fact = facts[f];
    return el("tr", { class: fact.status, "data-fact": f },
      el("th", { scope: "row" }, f),
      el("td", { class: "best" }, value(f, fact.best), fact.low !== null || fact.high !== null ? el("div", { class: "meta" }, "range ", range(fact)) : null),
      el("td", {}, el("span", { class: `badge ${fact.status}` }, STATUS_TEXT[fact.status] || fact.status)),
      el("td", {}, el("ol", { class: "claims" }, fact.claims.map((c) => claimItem(f, c, sources)))));
  });

  const related = (e.related || []).map((r) =>
    el("li", {}, r.relation.replaceAll("_", " "), ": ", el("a", { href: `#/event/${encodeURIComponent(r.event)}` }, r.event)));
  const revisions = detail.revisions.map((r) =>
    el("li", {}, el("strong", {}, `#${r.revision} ${r.kind}`), el("span", { class: "meta" }, " ", r.at),
      r.documents.length ? el("div", { class: "meta" }, "from ", r.documents.join(", ")) : null,
      r.changes.length ? el("ul", { class: "changes" }, r.changes.map(change)) : null));

  page.replaceChildren(...[
    el("p", {}, el("a", { href: "#/" }, "← All events")),
    el("h2", {}, `${e.sub_type || e.type} — ${place}`),
    el("p", { class: "meta" }, `${e.type} · ${date} · ${e.id}`,
      detail.status !== "live" ? el("span", { class: "badge conflicting" }, detail.status + (detail.merged_into ? " into " + detail.merged_into : "")) : null,
      conflicts.map((f) => el("span", { class: "badge conflicting", "data-conflict": f }, `${f} conflicting`))),
    el("h3", {}, "Facts"),
    el("table", { class: "facts" },
      el("thead", {}, el("tr", {}, el("th", {}, "fact"), el("th", {}, "best"), el("th", {}, "status"), el("th", {}, "claims"))),
      el("tbody", {}, rows)),
    el("h3", {}, "Sources"),
    el("ul", { class: "sources" }, detail.documents.map(documentItem)),
    related.length ? [el("h3", {}, "Related events"), el("ul", {}, related)] : null,
    el("h3", {}, "History"),
    el("ol", { class: "revisions" }, revisions),
  ].flat().filter(Boolean));
  window.scrollTo(0, 0);
}

function route() {
  const match = location.hash.match(/^#\/event\/(.+)$/);
  if (match) {
    showEvent(decodeURIComponent(match[1]));
  } else {
    document.getElementById("event").hidden = true;
    document.getElementById("overview").hidden = false;
    state.map.invalidateSize();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  initMap();
  document.getElementById("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = "#/";
    loadEvents();
  });
  document.getElementById("map-filter").addEventListener("click", () => {
    const b = state.map.getBounds();
    const clamp = (v, m) => Math.max(-m, Math.min(m, v));
    loadEvents({ bbox: [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].map((v) => v.toFixed(4)).join(",") });
  });
  window.addEventListener("hashchange", route);
  loadEvents().then(route);
});
