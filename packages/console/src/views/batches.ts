import type { BatchSummary, RunItem } from "@dossier/core/store";
import { BatchCompleted } from "@dossier/events";
import { html } from "hono/html";
import { type BatchStats, HistogramLabels } from "../model/batches";
import { badge, chart, formatMs, formatPercent, formatTime, type Html } from "./format";

function progress(summary: BatchSummary): Html {
  return html`<progress value="${summary.done}" max="${summary.total}">${summary.done} of ${summary.total}</progress>
<span class="counts">${summary.done}/${summary.total} ·
<span class="ok">${summary.completed} completed</span> ·
<span class="warn">${summary.incomplete} incomplete</span> ·
<span class="bad">${summary.failed} failed</span>${summary.cached ? ` · ${summary.cached} cached` : ""}</span>`;
}

export function batchRows(batches: readonly BatchSummary[]): Html {
  if (batches.length === 0) return html`<p class="empty">No batches yet.</p>`;
  return html`<table class="batches">
<thead><tr><th>requested</th><th>batch</th><th>status</th><th>progress</th></tr></thead>
<tbody>${batches.map(
    (batch) => html`<tr data-batch="${batch.batchId}">
<td>${formatTime(batch.requestedAt)}</td>
<td><a href="/batches/${encodeURIComponent(batch.batchId)}">${batch.batchId}</a></td>
<td>${badge(batch.status)}</td>
<td>${progress(batch)}</td>
</tr>`,
  )}</tbody>
</table>`;
}

export function batchBody(stats: BatchStats, runs: readonly RunItem[]): Html {
  const { summary } = stats;
  const histogram = {
    type: "bar",
    data: {
      labels: HistogramLabels,
      datasets: [{ label: "runs", data: stats.histogram, backgroundColor: "#2563eb" }],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: {
        x: { title: { display: true, text: "completeness" } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "runs" } },
      },
    },
  };
  return html`<section class="summary" data-status="${summary.status}">
${
  summary.status === "completed"
    ? html`<p class="done">${badge("completed", BatchCompleted.detailType)} at ${formatTime(summary.completedAt)}: ${summary.total} runs in ${formatMs((summary.completedAt ?? summary.requestedAt) - summary.requestedAt)}</p>`
    : html`<p>${badge("running")} ${stats.running} of ${summary.total} runs still going</p>`
}
${progress(summary)}
<dl class="facts">
<dt>requested</dt><dd>${formatTime(summary.requestedAt)}</dd>
<dt>p50 duration</dt><dd>${formatMs(stats.p50Ms)}</dd>
<dt>p95 duration</dt><dd>${formatMs(stats.p95Ms)}</dd>
<dt>average completeness</dt><dd>${formatPercent(stats.averageCompleteness)}</dd>
</dl>
</section>
<h2>Completeness</h2>
${chart(histogram, "completeness histogram")}
<h2>Runs</h2>
<table class="runs">
<thead><tr><th>run</th><th>company</th><th>status</th><th>completeness</th><th>duration</th></tr></thead>
<tbody>${[...runs]
    .sort((a, b) => a.runId.localeCompare(b.runId))
    .map(
      (run) => html`<tr>
<td><a href="/runs/${encodeURIComponent(run.runId)}">${run.runId}</a></td>
<td><a href="/profiles/${encodeURIComponent(run.companyId)}">${run.company.name ?? run.company.ticker ?? run.companyId}</a></td>
<td>${badge(run.status)}</td><td>${formatPercent(run.completeness)}</td><td>${formatMs(run.durationMs)}</td>
</tr>`,
    )}</tbody>
</table>`;
}
