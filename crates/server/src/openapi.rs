//! The API's OpenAPI 3.1 document.

use serde_json::{Value, json};

/// The document; `/api/ingest` is in it only when the server takes reports.
pub fn document(ingest: bool) -> Value {
    let text = |description: &str| json!({ "type": "string", "description": description });
    let param = |name: &str, description: &str, schema: Value| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema });
    let paging = [
        param(
            "limit",
            "Items a page holds (at most 1000; default 50).",
            json!({ "type": "integer", "minimum": 0, "maximum": 1000 }),
        ),
        param("offset", "Items skipped before the page.", json!({ "type": "integer", "minimum": 0 })),
    ];
    let mut event_params = vec![
        param("from", "Events on or after this date (2020-03-11, 2020-03, 2020).", text("date")),
        param("to", "Events on or before this date.", text("date")),
        param("type", "An ACLED event type or sub-type, any case.", text("type")),
        param("country", "ISO 3166-1 alpha-2 code of the event's country.", text("code")),
        param("bbox", "west,south,east,north in degrees.", text("box")),
        param("actor", "Part of a perpetrator's or target's name, any case.", text("name")),
        param("q", "Words the event's text must all hold; word* is a prefix.", text("words")),
    ];
    event_params.extend(paging.iter().cloned());
    let error = json!({ "description": "An error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    let ok = |schema: &str| json!({ "description": "OK", "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } });
    let id = |what: &str| json!([{ "name": "id", "in": "path", "required": true, "description": format!("The {what}'s id."), "schema": { "type": "string" } }]);
    let mut paths = json!({
        "/api/events": { "get": {
            "summary": "Events, latest first (best matches first with q)",
            "parameters": event_params,
            "responses": { "200": ok("EventPage"), "400": error } } },
        "/api/events/{id}": { "get": {
            "summary": "An event: every fact with its claims, sources, speakers and quotes; its documents and revisions",
            "parameters": id("event"),
            "responses": { "200": ok("EventDetail"), "404": error } } },
        "/api/documents": { "get": {
            "summary": "Documents, latest first, or those holding the words of q",
            "parameters": [param("q", "Words the headline and text must all hold.", text("words")), paging[0], paging[1]],
            "responses": { "200": ok("DocumentList"), "400": error } } },
        "/api/documents/{id}": { "get": {
            "summary": "A document with its text and near-copies",
            "parameters": id("document"),
            "responses": { "200": ok("Document"), "404": error } } },
        "/api/search": { "get": {
            "summary": "Events and documents holding the words",
            "parameters": [
                { "name": "q", "in": "query", "required": true, "description": "Words to find.", "schema": { "type": "string" } },
                param("limit", "Items of each kind (default 20).", json!({ "type": "integer", "minimum": 0, "maximum": 1000 }))
            ],
            "responses": { "200": ok("SearchResult"), "400": error } } },
        "/api/stats": { "get": {
            "summary": "How much the store holds",
            "responses": { "200": ok("Counts") } } }
    });
    if ingest {
        paths["/api/ingest"] = json!({ "post": {
            "summary": "Take a report (any format sitrep reads) into the store",
            "parameters": [param("name", "The report's file name.", text("name"))],
            "requestBody": { "required": true, "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } },
            "responses": { "200": { "description": "What was done", "content": { "application/json": { "schema": { "type": "object" } } } },
                           "400": error, "413": { "description": "The body is over the limit" } } } });
    }
    let object = json!({ "type": "object" });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Events fused from news reports, every fact with its claims and sources. Article text is untrusted: show it as text."
        },
        "paths": paths,
        "components": { "schemas": {
            "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "string" } } },
            "EventSummary": { "type": "object", "required": ["id", "type", "sub_type", "conflicts", "sources", "revision", "updated_at"], "properties": {
                "id": { "type": "string" }, "type": { "type": "string" }, "sub_type": { "type": "string" },
                "date": { "type": ["string", "null"] }, "place": { "type": ["string", "null"] }, "country": { "type": ["string", "null"] },
                "lat": { "type": ["number", "null"] }, "lon": { "type": ["number", "null"] },
                "killed": { "type": ["integer", "null"] }, "injured": { "type": ["integer", "null"] },
                "perpetrator": { "type": ["string", "null"] },
                "conflicts": { "type": "array", "items": { "type": "string" } },
                "sources": { "type": "integer" }, "revision": { "type": "integer" }, "updated_at": { "type": "string" } } },
            "EventPage": { "type": "object", "required": ["total", "offset", "limit", "events"], "properties": {
                "total": { "type": "integer" }, "offset": { "type": "integer" }, "limit": { "type": "integer" },
                "events": { "type": "array", "items": { "$ref": "#/components/schemas/EventSummary" } } } },
            "EventDetail": { "type": "object", "required": ["event", "status", "revision", "documents", "revisions"], "properties": {
                "event": { "type": "object", "description": "The event as the JSON contract (spec/OUTPUT.md) writes it." },
                "status": { "type": "string", "enum": ["live", "merged", "withdrawn"] },
                "merged_into": { "type": ["string", "null"] }, "revision": { "type": "integer" }, "updated_at": { "type": "string" },
                "documents": { "type": "array", "items": { "$ref": "#/components/schemas/DocumentSummary" } },
                "revisions": { "type": "array", "items": object } } },
            "DocumentSummary": { "type": "object", "required": ["id", "path", "ingested_at"], "properties": {
                "id": { "type": "string" }, "title": { "type": ["string", "null"] }, "outlet": { "type": ["string", "null"] },
                "url": { "type": ["string", "null"] }, "published": { "type": ["string", "null"] }, "path": { "type": "string" },
                "copy_of": { "type": ["string", "null"] }, "ingested_at": { "type": "string" } } },
            "DocumentList": { "type": "object", "required": ["documents"], "properties": {
                "documents": { "type": "array", "items": { "$ref": "#/components/schemas/DocumentSummary" } } } },
            "Document": { "allOf": [ { "$ref": "#/components/schemas/DocumentSummary" }, { "type": "object", "required": ["text", "copies"], "properties": {
                "language": { "type": ["string", "null"] }, "text": { "type": "string" },
                "copies": { "type": "array", "items": { "$ref": "#/components/schemas/DocumentSummary" } } } } ] },
            "SearchResult": { "type": "object", "required": ["events", "documents"], "properties": {
                "events": { "$ref": "#/components/schemas/EventPage" },
                "documents": { "type": "array", "items": { "$ref": "#/components/schemas/DocumentSummary" } } } },
            "Counts": { "type": "object", "properties": {
                "documents": { "type": "integer" }, "copies": { "type": "integer" }, "events": { "type": "integer" }, "revisions": { "type": "integer" } } }
        } }
    })
}
