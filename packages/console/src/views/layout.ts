import { html } from "hono/html";
import { TokenHeader } from "../security";
import type { Html } from "./format";

export type Section = "runs" | "batches" | "profiles" | "operations";

const sections: [Section, string, string][] = [
  ["runs", "/runs", "Runs"],
  ["batches", "/batches", "Batches"],
  ["profiles", "/profiles", "Profiles"],
  ["operations", "/operations", "Operations"],
];

export interface PageContext {
  target: string;
  token: string;
}

/**
 * Every page: the static scripts (deferred, in order: htmx, its SSE extension, Chart.js, the
 * console's), htmx configured for a strict CSP (no eval, no injected <style>, no scripts from
 * swapped fragments), and the token header htmx adds to every request it makes.
 */
export function layout(page: PageContext, section: Section, title: string, content: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"selfRequestsOnly":true}'>
<title>${title} · dossier console</title>
<link rel="stylesheet" href="/static/console.css">
<script src="/static/htmx.min.js" defer></script>
<script src="/static/sse.js" defer></script>
<script src="/static/chart.umd.min.js" defer></script>
<script src="/static/console.js" defer></script>
</head>
<body hx-headers="${JSON.stringify({ [TokenHeader]: page.token })}">
<header>
<a class="brand" href="/runs">dossier console</a>
<nav>${sections.map(
    ([key, href, label]) =>
      html`<a href="${href}"${key === section ? html` aria-current="page"` : ""}>${label}</a>`,
  )}</nav>
<span class="target">${page.target}</span>
</header>
<main>
<h1>${title}</h1>
${content}
</main>
</body>
</html>`;
}

/**
 * A region that re-renders itself from `fragmentUrl` whenever its live stream says the data changed.
 * `include` names a form whose fields go along (the Runs filter).
 */
export function liveRegion(
  id: string,
  streamUrl: string,
  fragmentUrl: string,
  content: Html,
  include?: string,
): Html {
  return html`<div hx-ext="sse" sse-connect="${streamUrl}">
<div id="${id}" class="live" hx-get="${fragmentUrl}" hx-trigger="sse:update" hx-swap="innerHTML"${include ? html` hx-include="${include}"` : ""}>${content}</div>
</div>`;
}
