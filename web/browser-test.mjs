// The web page in a real browser (headless Chromium driven by
// playwright-core): the bundled example reports are ingested and served;
// the Camp Taji event is found on the map and on the timeline, opened,
// and its injured count shown as conflicting, 12 against 14, each with
// its source; a report full of markup is shown as text and runs nothing.
//
//   node web/browser-test.mjs   (SITREP=path/to/sitrep, CHROMIUM=path/to/chromium)
//
// Screenshots go to web/test-results/.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url));
const sitrep = process.env.SITREP || join(root, "target/release/sitrep");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const results = join(root, "web/test-results");
mkdirSync(results, { recursive: true });

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures += 1;
}

const work = mkdtempSync(join(tmpdir(), "sitrep-browser-"));
const db = join(work, "db");

// A report written to attack the page: markup in its headline, text and
// outlet, and an address with a script scheme.
const hostile = {
  id: "hostile-1",
  title: `Blast in Mosul <img src=x onerror="window.__pwned='title'">`,
  outlet: `<script>window.__pwned='outlet'</script>`,
  url: "javascript:window.__pwned='url'",
  date: "2020-03-12",
  text:
    `A car bomb exploded in Mosul on Thursday, killing 4 people and wounding 9 others, police said ` +
    `<script>window.__pwned='text'</script> <img src=x onerror="window.__pwned='img'"> ` +
    `<svg onload="window.__pwned='svg'"></svg> <a href="javascript:window.__pwned='link'">more</a>.`,
};
writeFileSync(join(work, "hostile.jsonl"), JSON.stringify(hostile) + "\n");

function run(args) {
  const r = spawnSync(sitrep, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`sitrep ${args.join(" ")} failed:\n${r.stderr}`);
  return r;
}
run(["ingest", "-q", "--db", db, join(root, "examples/reports"), join(work, "hostile.jsonl")]);

const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(sitrep, ["serve", "--db", db, "--addr", `127.0.0.1:${port}`], { stdio: ["ignore", "inherit", "pipe"] });
await new Promise((resolve, reject) => {
  let log = "";
  server.stderr.on("data", (chunk) => {
    log += chunk;
    process.stderr.write(chunk);
    if (log.includes("serving")) resolve();
  });
  server.on("exit", (code) => reject(new Error(`sitrep serve exited (${code}): ${log}`)));
  setTimeout(() => reject(new Error("sitrep serve did not start")), 20000);
});
const base = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: browserPath,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = [];
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });

  await page.goto(base + "/");
  await page.waitForSelector("path.event-marker[data-event]");

  // The map: a marker labelled Camp Taji, 11 March 2020.
  const marker = page.locator('path.event-marker[aria-label*="Camp Taji"][aria-label*="2020-03-11"]');
  check((await marker.count()) === 1, "the Camp Taji event is on the map");
  const id = await marker.first().getAttribute("data-event");

  // The timeline: a dot of the same event.
  const dot = page.locator(`#timeline circle[data-event="${id}"]`);
  check((await dot.count()) === 1, "the Camp Taji event is on the timeline");
  check(((await dot.getAttribute("aria-label")) || "").includes("Camp Taji"), "its timeline dot names Camp Taji");
  await page.screenshot({ path: join(results, "overview.png") });

  // Open it from the map, zooming in (the wheel, over it) until no other
  // marker covers it, as a reader would.
  for (let i = 0; i < 10; i++) {
    const box = await marker.first().boundingBox();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const top = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.getAttribute("data-event"), [x, y]);
    if (top === id) break;
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(400);
  }
  await marker.first().click();
  await page.waitForSelector("#event table.facts");
  check(page.url().endsWith(`#/event/${id}`), "clicking the marker opens the event page");
  const injured = page.locator('#event tr[data-fact="injured"]');
  check((await injured.getAttribute("class")) === "conflicting", "injured is marked conflicting");
  check((await injured.locator(".badge").innerText()).trim() === "conflicting", "with a conflict badge");
  check((await page.locator('#event [data-conflict="injured"]').count()) === 1, "the heading flags the injured conflict");
  const claims = await injured.locator("li.claim").evaluateAll((items) =>
    items.map((li) => ({ value: li.querySelector("strong").textContent, source: li.querySelector(".source").textContent, doc: li.dataset.doc })));
  const twelve = claims.find((c) => /\b12\b/.test(c.value));
  const fourteen = claims.find((c) => /\b14\b/.test(c.value));
  check(Boolean(twelve && fourteen), `injured claims 12 and 14 (${claims.map((c) => c.value).join(", ")})`);
  check(Boolean(twelve && fourteen && twelve.doc !== fourteen.doc && twelve.source && fourteen.source),
    `each from its own source (${claims.map((c) => c.source).join(" | ")})`);

  // A claim's sentence in its document, highlighted.
  await injured.locator("li.claim button").first().click();
  const mark = injured.locator(".context mark").first();
  await mark.waitFor();
  check(/1[24]/.test(await mark.innerText()), "the claim's sentence is highlighted in its document");
  check((await page.locator("#event ol.revisions li").count()) >= 1, "the event's history is shown");
  await page.screenshot({ path: join(results, "event.png"), fullPage: true });

  // The hostile report: its markup is text, nothing runs.
  await page.goto(base + "/#/");
  await page.fill('#filters input[name="q"]', "mosul");
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(() => document.querySelectorAll("#events li").length > 0);
  await page.locator("#events a").first().click();
  await page.waitForSelector("#event table.facts");
  for (const button of await page.locator("#event li.claim button").all()) await button.click();
  await page.waitForTimeout(500);
  const body = await page.locator("#event").innerText();
  check(body.includes("<img src=x onerror="), "markup in a headline is shown as text");
  check(body.includes("<script>window.__pwned='text'</script>"), "markup in article text is shown as text");
  check((await page.locator("#event img, #event script, #event svg").count()) === 0, "no element was made from article text");
  check((await page.locator('#event a[href^="javascript"]').count()) === 0, "no link to a script address");
  check((await page.evaluate(() => window.__pwned)) === undefined, "no script from article text ran");
  await page.screenshot({ path: join(results, "hostile.png"), fullPage: true });

  check(problems.length === 0, `no dialog, page error or console error${problems.length ? ": " + problems.join("; ") : ""}`);
} finally {
  await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}

console.log(failures ? `${failures} check(s) failed` : "all browser checks passed");
process.exit(failures ? 1 : 0);
