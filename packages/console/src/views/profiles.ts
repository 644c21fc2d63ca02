import type { MergedExecutive, ValueSource } from "@dossier/core/profile";
import {
  FINANCIAL_METRICS,
  type FinancialMetric,
  type FiscalYearFinancials,
  type SourcedValue,
} from "@dossier/core/sec";
import { html } from "hono/html";
import type { CompanyEntry, HistoryEntry, ProfileView } from "../model/profiles";
import { badge, chart, formatPercent, formatTime, type Html, secFilingUrl, sourceLink } from "./format";

export function profileSearchForm(query: string): Html {
  return html`<form id="profile-search" class="filters" action="/profiles" method="get"
  hx-get="/profiles/results" hx-target="#profile-results" hx-trigger="input changed delay:300ms" hx-push-url="false">
<label>search <input type="search" name="q" value="${query}" placeholder="name, ticker or CIK" autofocus></label>
<noscript><button type="submit">search</button></noscript>
</form>`;
}

export function profileResults(companies: readonly CompanyEntry[], total: number): Html {
  if (companies.length === 0) return html`<p class="empty">No company matches.</p>`;
  return html`<table class="companies">
<thead><tr><th>company</th><th>ticker</th><th>CIK</th><th>id</th><th>latest run</th><th>runs</th></tr></thead>
<tbody>${companies.map(
    (company) => html`<tr>
<td><a href="/profiles/${encodeURIComponent(company.companyId)}">${company.name ?? company.ticker ?? company.companyId}</a></td>
<td>${company.ticker ?? "–"}</td><td>${company.cik ?? "–"}</td><td><code>${company.companyId}</code></td>
<td>${badge(company.latestRun.status)} ${formatTime(company.latestRun.requestedAt)}</td><td>${company.runs}</td>
</tr>`,
  )}</tbody>
</table>
${total > companies.length ? html`<p class="more">Showing ${companies.length} of ${total}; search to narrow.</p>` : ""}`;
}

type YearFinancials = Partial<FiscalYearFinancials>;

const metricLabels: Record<FinancialMetric, string> = {
  revenue: "Revenue",
  netIncome: "Net income",
  totalAssets: "Total assets",
  totalLiabilities: "Total liabilities",
  stockholdersEquity: "Stockholders' equity",
  cashAndEquivalents: "Cash and equivalents",
  operatingCashFlow: "Operating cash flow",
  epsDiluted: "EPS (diluted)",
  sharesOutstanding: "Shares outstanding",
  employees: "Employees",
};

function amount(entry: SourcedValue): string {
  const value = entry.value ?? 0;
  const unit = entry.provenance?.unit ?? "";
  if (/\/shares$/i.test(unit) || Math.abs(value) < 1000)
    return `${value.toLocaleString("en-US")} ${unit}`.trim();
  const scaled = Math.abs(value) >= 1e9 ? `${(value / 1e9).toFixed(2)} B` : `${(value / 1e6).toFixed(1)} M`;
  return `${scaled} ${unit}`.trim();
}

function financials(profile: ProfileView["profile"]): Html {
  const years = (profile.financials as YearFinancials[])
    .filter((year) => typeof year.fiscalYear === "number")
    .sort((a, b) => (b.fiscalYear ?? 0) - (a.fiscalYear ?? 0))
    .slice(0, 6);
  if (years.length === 0) return html`<p class="empty">No financial facts.</p>`;
  const cik = (profile.identity as { cik?: string | number } | null)?.cik;
  const metrics = FINANCIAL_METRICS.filter((metric) =>
    years.some((year) => typeof year[metric]?.value === "number"),
  );
  const chronological = [...years].reverse();
  const charted = (["revenue", "netIncome", "totalAssets"] as const).filter((metric) =>
    metrics.includes(metric),
  );
  const palette = ["#2563eb", "#16a34a", "#9333ea"];
  const config = {
    type: "line",
    data: {
      labels: chronological.map((year) => String(year.fiscalYear)),
      datasets: charted.map((metric, index) => ({
        label: `${metricLabels[metric]} (millions)`,
        data: chronological.map((year) => {
          const value = year[metric]?.value;
          return typeof value === "number" ? value / 1e6 : null;
        }),
        borderColor: palette[index],
        backgroundColor: palette[index],
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { title: { display: true, text: "millions" } } },
    },
  };
  return html`<table class="financials">
<thead><tr><th>fiscal year</th>${years.map((year) => html`<th>${year.fiscalYear}</th>`)}</tr></thead>
<tbody>${metrics.map(
    (metric) =>
      html`<tr><th scope="row">${metricLabels[metric]}</th>${years.map((year) => {
        const entry = year[metric];
        if (typeof entry?.value !== "number") return html`<td class="missing">–</td>`;
        const source = entry.provenance;
        const title = source
          ? `${source.taxonomy}:${source.concept}, ${source.form} ${source.accessionNumber} filed ${source.filed}`
          : "";
        return html`<td title="${title}">${sourceLink(secFilingUrl(cik, source?.accessionNumber), amount(entry))}${entry.restatedFrom ? html` <span class="note">restated</span>` : ""}</td>`;
      })}</tr>`,
  )}</tbody>
</table>
${charted.length ? chart(config, "financials by fiscal year") : ""}`;
}

function sourceBadges(executive: MergedExecutive): Html {
  const byModel = executive.provenance.some(
    (source) => source.kind === "website" && source.method === "bedrock",
  );
  return html`${executive.confirmed ? html`<span class="source confirmed" title="listed in the 10-K and on the website">confirmed</span>` : ""}
${executive.sources.includes("sec-10k") ? html`<span class="source sec">10-K</span>` : ""}
${executive.sources.includes("website") ? html`<span class="source web">website</span>` : ""}
${byModel ? html`<span class="source model" title="read by the model fallback">model</span>` : ""}`;
}

function provenanceLinks(sources: readonly ValueSource[]): Html {
  return html`${sources.map((source) =>
    source.kind === "website"
      ? html`<li>${sourceLink(source.url, source.url || "website")} <span class="note">${source.method}${source.section ? `, “${source.section}”` : ""}</span></li>`
      : html`<li>${sourceLink(source.url, [source.document, source.accessionNumber].filter(Boolean).join(" "))}${source.filed ? ` filed ${source.filed}` : ""} <span class="note">${source.section ?? ""}</span></li>`,
  )}`;
}

function executives(profile: ProfileView["profile"]): Html {
  if (profile.executives.length === 0) {
    return html`<p class="empty">No executives${profile.notFound.executives ? html`: ${profile.notFound.executives}` : "."}</p>`;
  }
  return html`<table class="executives">
<thead><tr><th>name</th><th>title</th><th>sources</th><th>where from</th></tr></thead>
<tbody>${profile.executives.map(
    (executive) => html`<tr>
<td class="name">${executive.name}</td>
<td>${executive.title ?? executive.websiteTitle ?? "–"}${executive.titleNote ? html`<div class="note">${executive.titleNote}</div>` : ""}</td>
<td>${sourceBadges(executive)}</td>
<td><ul class="provenance">${provenanceLinks(executive.provenance)}</ul></td>
</tr>`,
  )}</tbody>
</table>`;
}

function identityFacts(identity: Record<string, unknown> | null): Html {
  if (!identity) return html`<p class="empty">No SEC identity yet.</p>`;
  const shown = Object.entries(identity).filter(
    ([, value]) =>
      typeof value === "string" ||
      typeof value === "number" ||
      (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string")),
  );
  return html`<dl class="facts">${shown.map(
    ([key, value]) =>
      html`<dt>${key}</dt><dd>${key === "website" ? sourceLink(String(value), String(value)) : Array.isArray(value) ? value.join(", ") : String(value)}</dd>`,
  )}</dl>`;
}

export function profileName(view: ProfileView): string {
  const name = (view.profile.identity as { name?: unknown } | null)?.name;
  return typeof name === "string" && name ? name : view.companyId;
}

function history(entries: readonly HistoryEntry[]): Html {
  if (entries.length === 0) return html`<p class="empty">No run documents in the bucket.</p>`;
  return html`<table class="history">
<thead><tr><th>written</th><th>run</th><th>documents</th></tr></thead>
<tbody>${entries.map(
    (entry) => html`<tr><td>${formatTime(entry.writtenAt?.getTime())}</td>
<td><a href="/runs/${encodeURIComponent(entry.runId)}">${entry.runId}</a></td><td>${[...entry.documents].sort().join(", ")}</td></tr>`,
  )}</tbody>
</table>`;
}

/** The company page's live part: re-rendered whenever latest.json changes. */
export function profileBody(view: ProfileView, runs: readonly HistoryEntry[]): Html {
  const { profile } = view;
  return html`<section class="status" data-assembling="${String(view.assembling)}">
<p>${view.assembling ? html`${badge("running", "assembling")} run <a href="/runs/${encodeURIComponent(profile.runId)}">${profile.runId}</a>` : html`${badge(profile.status)} ${formatPercent(profile.completeness)} complete · run <a href="/runs/${encodeURIComponent(profile.runId)}">${profile.runId}</a>`}</p>
<p class="parts">${view.parts.map((part) => html`<span data-part="${part.part}">${badge(part.status, `${part.part}: ${part.status}`)}</span> `)}
${view.waitingFor.map((part) => html`<span data-part="${part}">${badge("waiting", `${part}: waiting`)}</span> `)}</p>
</section>
<h2>Identity</h2>
${identityFacts(profile.identity)}
<h2>Executives</h2>
<div id="executives" data-count="${profile.executives.length}">${executives(profile)}</div>
${profile.uncertain.length ? html`<h3>Uncertain</h3><ul>${profile.uncertain.map((person) => html`<li>${person.name} (${person.title ?? "no title"}): ${person.reason}</li>`)}</ul>` : ""}
<h2>Financials</h2>
${financials(profile)}
${profile.missing.length ? html`<h2>Missing</h2><ul class="missing">${profile.missing.map((field) => html`<li>${field}</li>`)}</ul>` : ""}
${Object.keys(profile.notFound).length ? html`<h2>Not found</h2><dl class="facts">${Object.entries(profile.notFound).map(([field, reason]) => html`<dt>${field}</dt><dd>${reason}</dd>`)}</dl>` : ""}
${Object.keys(profile.sources.fetchedAt).length ? html`<h2>Read at</h2><dl class="facts">${Object.entries(profile.sources.fetchedAt).map(([document, at]) => html`<dt>${sourceLink(document, document)}</dt><dd>${at}</dd>`)}</dl>` : ""}
<h2>History</h2>
${history(runs)}`;
}
