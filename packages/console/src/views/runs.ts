import { estimateCost, runUsage } from "@dossier/core/cost";
import { RUN_STATUSES, type RunItem } from "@dossier/core/store";
import { html } from "hono/html";
import type { RunFilter, TimelineBar } from "../model/runs";
import type { RunEventView } from "../sources";
import { badge, chart, formatMs, formatPercent, formatTime, type Html } from "./format";

/** The Runs page shows this many rows; the rest are counted. */
export const RunRowLimit = 200;

export function runFilterForm(filter: RunFilter): Html {
  return html`<form id="run-filter" class="filters" action="/runs" method="get"
  hx-get="/runs/rows" hx-target="#run-rows" hx-trigger="input changed delay:300ms, change" hx-push-url="false">
<label>status <select name="status">
<option value="">any</option>
${RUN_STATUSES.map((status) => html`<option value="${status}"${filter.status === status ? html` selected` : ""}>${status}</option>`)}
</select></label>
<label>company <input name="company" value="${filter.company ?? ""}" placeholder="name, ticker, CIK"></label>
<label>batch <input name="batch" value="${filter.batch ?? ""}" placeholder="batch id"></label>
<label>last <select name="since">
<option value="">any time</option>
${[15, 60, 24 * 60].map(
  (minutes) =>
    html`<option value="${minutes}"${filter.sinceMinutes === minutes ? html` selected` : ""}>${minutes < 60 ? `${minutes} min` : `${minutes / 60} h`}</option>`,
)}
</select></label>
<noscript><button type="submit">filter</button></noscript>
</form>`;
}

function partCells(run: RunItem): Html {
  return html`${run.partsExpected.map((part) => {
    const outcome = run.parts[part];
    return badge(outcome?.status ?? (run.status === "running" ? "waiting" : "no outcome"), part);
  })}`;
}

export function runRows(runs: readonly RunItem[], more: boolean): Html {
  if (runs.length === 0) return html`<p class="empty">No runs match.</p>`;
  return html`<table class="runs">
<thead><tr><th>requested</th><th>run</th><th>company</th><th>status</th><th>parts</th><th>completeness</th><th>duration</th><th>batch</th></tr></thead>
<tbody>${runs.map(
    (run) => html`<tr data-run="${run.runId}">
<td>${formatTime(run.requestedAt)}</td>
<td><a href="/runs/${encodeURIComponent(run.runId)}">${run.runId}</a></td>
<td><a href="/profiles/${encodeURIComponent(run.companyId)}">${run.company.name ?? run.company.ticker ?? run.companyId}</a></td>
<td>${badge(run.status)}</td>
<td>${partCells(run)}</td>
<td>${formatPercent(run.completeness)}</td>
<td>${formatMs(run.durationMs)}</td>
<td>${run.batchId ? html`<a href="/batches/${encodeURIComponent(run.batchId)}">${run.batchId}</a>` : "–"}</td>
</tr>`,
  )}</tbody>
</table>
${more ? html`<p class="more">Showing the newest ${runs.length} runs; filter to narrow.</p>` : ""}`;
}

const barColours: Record<string, string> = {
  requested: "#6b7280",
  succeeded: "#16a34a",
  completed: "#16a34a",
  skipped: "#ca8a04",
  incomplete: "#ca8a04",
  waiting: "#2563eb",
  running: "#2563eb",
  failed: "#dc2626",
  "no outcome": "#dc2626",
};

/** The run's timeline as floating horizontal bars (Chart.js), seconds since the request. */
function timelineChart(bars: readonly TimelineBar[]): Html {
  const config = {
    type: "bar",
    data: {
      labels: bars.map((bar) => bar.label),
      datasets: [
        {
          label: "seconds since the run's request time",
          data: bars.map((bar) => [bar.startMs / 1000, bar.endMs / 1000]),
          backgroundColor: bars.map((bar) => barColours[bar.status] ?? "#6b7280"),
          minBarLength: 4,
          barPercentage: 0.6,
        },
      ],
    },
    options: {
      indexAxis: "y",
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: {
        x: { beginAtZero: true, title: { display: true, text: "seconds since the run's request time" } },
      },
    },
  };
  return chart(config, "run timeline");
}

function timelineTable(bars: readonly TimelineBar[]): Html {
  return html`<table class="timeline">
<thead><tr><th>step</th><th>status</th><th>from</th><th>to</th><th>duration</th><th>note</th></tr></thead>
<tbody>${bars.map(
    (bar) => html`<tr data-step="${bar.kind}">
<td>${bar.label}</td><td>${badge(bar.status)}</td><td>${formatMs(bar.startMs)}</td><td>${formatMs(bar.endMs)}</td>
<td>${bar.kind === "request" || bar.kind === "terminal" ? "–" : formatMs(bar.endMs - bar.startMs)}</td>
<td>${bar.note ?? ""}</td>
</tr>`,
  )}</tbody>
</table>`;
}

function eventsTable(run: RunItem, events: readonly RunEventView[] | undefined): Html {
  if (events === undefined) {
    return html`<p class="empty">This console has not seen this run's events: it sees them live in the process that runs the bus (the console of <code>dossier dev</code>), from its start on.</p>`;
  }
  return html`<table class="events">
<thead><tr><th>after the request</th><th>event</th><th>source</th><th>part</th><th>says</th></tr></thead>
<tbody>${events.map(
    (event) =>
      html`<tr><td>${formatMs(event.at - run.requestedAt)}</td><td><code>${event.detailType}</code></td><td>${event.source}</td><td>${event.part ?? ""}</td><td>${event.outcome ?? ""}</td></tr>`,
  )}</tbody>
</table>`;
}

export function runBody(
  run: RunItem,
  bars: readonly TimelineBar[],
  events: readonly RunEventView[] | undefined,
): Html {
  const terminal = run.terminalDetail ? safeJson(run.terminalDetail) : undefined;
  return html`<dl class="facts">
<dt>status</dt><dd>${badge(run.status)}${run.terminalType ? html` <code>${run.terminalType}</code>` : ""}</dd>
<dt>company</dt><dd><a href="/profiles/${encodeURIComponent(run.companyId)}">${run.company.name ?? run.company.ticker ?? run.companyId}</a> <code>${run.companyId}</code></dd>
<dt>batch</dt><dd>${run.batchId ? html`<a href="/batches/${encodeURIComponent(run.batchId)}">${run.batchId}</a>` : "–"}</dd>
<dt>requested</dt><dd>${formatTime(run.requestedAt)}</dd>
<dt>ended</dt><dd>${formatTime(run.completedAt)} (${formatMs(run.durationMs)})</dd>
<dt>completeness</dt><dd>${formatPercent(run.completeness)}${run.cached ? " · from cache" : ""}</dd>
<dt>cost on AWS</dt><dd>≈ $${estimateCost(runUsage(run)).totalUsd.toFixed(7)} <span class="muted">(list prices, this run's part times; the model of docs/cost.md)</span></dd>
<dt>terminal event</dt><dd>${run.sweepStatus === "settled" ? "published" : run.status === "running" ? "–" : "claimed, not yet recorded as published"}</dd>
</dl>
<h2>Timeline</h2>
${timelineChart(bars)}
${timelineTable(bars)}
<h2>Parts</h2>
<table class="parts">
<thead><tr><th>part</th><th>status</th><th>completeness</th><th>duration</th><th>failed deliveries</th><th>document</th><th>reason</th></tr></thead>
<tbody>${run.partsExpected.map((part) => {
    const outcome = run.parts[part];
    return html`<tr>
<td>${part}</td><td>${badge(outcome?.status ?? (run.status === "running" ? "waiting" : "no outcome"))}${outcome?.cached ? " cached" : ""}</td>
<td>${formatPercent(outcome?.completeness)}</td><td>${formatMs(outcome?.durationMs)}</td><td>${run.retries[part] ?? 0}</td>
<td>${outcome?.s3Key ? html`<code>${outcome.s3Key}</code>` : "–"}</td><td>${outcome?.reason ?? ""}</td>
</tr>`;
  })}</tbody>
</table>
<h2>Events</h2>
${eventsTable(run, events)}
${terminal === undefined ? "" : html`<h2>Terminal event detail</h2><pre class="json">${terminal}</pre>`}`;
}

function safeJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
