// Copies the web page's third-party assets from npm packages into
// crates/server/assets/vendor/, where the binary embeds them:
// - Leaflet (BSD-2-Clause): the map;
// - the countries of Natural Earth at 1:50m (public domain), from the
//   world-atlas package (ISC), converted from TopoJSON to GeoJSON with
//   topojson-client and coordinates rounded to 0.01 degree: the offline
//   base layer.
// Run `npm ci && npm run build` in web/ after changing a version.
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { feature } from "topojson-client";

const out = new URL("../crates/server/assets/vendor/", import.meta.url);
mkdirSync(out, { recursive: true });
const pkg = (name) => new URL(`node_modules/${name}/`, import.meta.url);

copyFileSync(new URL("dist/leaflet.js", pkg("leaflet")), new URL("leaflet.js", out));
copyFileSync(new URL("dist/leaflet.css", pkg("leaflet")), new URL("leaflet.css", out));

const topology = JSON.parse(readFileSync(new URL("countries-50m.json", pkg("world-atlas"))));
const countries = feature(topology, topology.objects.countries);
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
const features = countries.features.map((f) => ({
  type: "Feature",
  properties: { name: f.properties.name },
  geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
}));
writeFileSync(new URL("countries.geojson", out), JSON.stringify({ type: "FeatureCollection", features }));

const licence = (name, file) => readFileSync(new URL(file, pkg(name)), "utf8");
writeFileSync(
  new URL("LICENSES.md", out),
  [
    "# Third-party assets, built by web/build.mjs from npm packages",
    "",
    "- `leaflet.js`, `leaflet.css`: Leaflet 1.9.4 (BSD-2-Clause), https://leafletjs.com",
    "- `countries.geojson`: Made with Natural Earth (public domain), 1:50m countries,",
    "  from world-atlas 2.0.2 (ISC), https://github.com/topojson/world-atlas; converted",
    "  to GeoJSON and rounded to 0.01 degree.",
    "",
    "## Leaflet",
    "",
    "```",
    licence("leaflet", "LICENSE").trim(),
    "```",
    "",
    "## world-atlas",
    "",
    "```",
    licence("world-atlas", "LICENSE").trim(),
    "```",
    "",
  ].join("\n"),
);
console.log("wrote", out.pathname);
