import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

interface Asset {
  body: Buffer;
  type: string;
}

const javascript = "text/javascript; charset=utf-8";

/**
 * The browser side, served from the installed packages (no CDN, no build step after `npm ci`):
 * htmx and its SSE extension, Chart.js's UMD build, and the console's own script and stylesheet.
 */
function loadAssets(): Map<string, Asset> {
  const chartDist = path.dirname(require.resolve("chart.js"));
  const files: Record<string, [file: string, type: string]> = {
    "htmx.min.js": [require.resolve("htmx.org/dist/htmx.min.js"), javascript],
    "sse.js": [require.resolve("htmx-ext-sse/dist/sse.min.js"), javascript],
    "chart.umd.min.js": [path.join(chartDist, "chart.umd.min.js"), javascript],
    "console.js": [path.join(import.meta.dirname, "assets", "console.js"), javascript],
    "console.css": [path.join(import.meta.dirname, "assets", "console.css"), "text/css; charset=utf-8"],
  };
  return new Map(
    Object.entries(files).map(([name, [file, type]]) => [name, { body: readFileSync(file), type }]),
  );
}

let assets: Map<string, Asset> | undefined;

export function staticAsset(name: string): Asset | undefined {
  assets ??= loadAssets();
  return assets.get(name);
}
