import { html } from "hono/html";

export type Html = ReturnType<typeof html>;

/** A duration for people: 850 ms, 4.2 s, 3 min 5 s. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Epoch ms as an ISO time to the second (UTC), which sorts and compares as text. */
export function formatTime(epochMs: number | undefined): string {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return "–";
  return new Date(epochMs)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
}

export function formatPercent(value: number | undefined): string {
  return value === undefined ? "–" : `${value} %`;
}

/** A status word in a coloured pill; the class comes from a fixed list, never from the data. */
const statusClasses: Record<string, string> = {
  completed: "ok",
  succeeded: "ok",
  confirmed: "ok",
  closed: "ok",
  incomplete: "warn",
  skipped: "warn",
  "half-open": "warn",
  waiting: "info",
  running: "info",
  requested: "info",
  failed: "bad",
  open: "bad",
  "no outcome": "bad",
};

export function badge(status: string, label: string = status): Html {
  return html`<span class="badge ${statusClasses[status] ?? "plain"}">${label}</span>`;
}

/**
 * A link to a source, only for http(s) addresses: a website's page URL is publisher-controlled,
 * and escaping alone does not make `javascript:` harmless in an href. Anything else is text.
 */
export function sourceLink(url: string | undefined, label: string): Html {
  if (!url) return html`${label}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return html`${label}`;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return html`${label}`;
  return html`<a href="${parsed.href}" rel="noopener noreferrer nofollow" target="_blank">${label}</a>`;
}

/** The filing's index on sec.gov, from the filer's CIK and the accession number. */
export function secFilingUrl(cik: string | number | undefined, accessionNumber: string | undefined) {
  if (cik === undefined || !accessionNumber || !/^\d{10}-\d{2}-\d{6}$/.test(accessionNumber))
    return undefined;
  const filer = String(cik).replace(/^0+/, "");
  if (!/^\d+$/.test(filer)) return undefined;
  return `https://www.sec.gov/Archives/edgar/data/${filer}/${accessionNumber.replaceAll("-", "")}/${accessionNumber}-index.htm`;
}

/**
 * Chart.js configuration in a data attribute (escaped JSON), read by /static/console.js. The
 * canvas has no id on purpose: htmx carries the attributes of a swapped element with the same id
 * over to its successor, and the style Chart.js put on the old canvas would then be an inline
 * style the Content-Security-Policy refuses.
 */
export function chart(config: unknown, label: string): Html {
  return html`<div class="chart"><canvas role="img" aria-label="${label}" data-chart="${JSON.stringify(config)}"></canvas></div>`;
}
