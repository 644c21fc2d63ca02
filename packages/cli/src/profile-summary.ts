import type { MergedProfile, ValueSource } from "@dossier/core/profile";
import type { FiscalYearFinancials, SourcedValue } from "@dossier/core/sec";
import { paint, printable } from "./render";

/** Where one value came from, on one line. */
function describeSource(source: ValueSource): string {
  if (source.kind === "website") {
    return `website ${source.url}${source.section ? `, "${source.section}"` : ""} (${source.method})`;
  }
  const filing = [source.document, source.accessionNumber, source.filed && `filed ${source.filed}`]
    .filter(Boolean)
    .join(" ");
  return `${filing}${source.section ? `, "${source.section}"` : ""}${source.method ? ` (${source.method})` : ""}${source.url ? ` ${source.url}` : ""}`;
}

function amount(entry: SourcedValue | undefined): string {
  if (typeof entry?.value !== "number") return "n/a";
  const unit = entry.provenance?.unit ?? "";
  return `${unit} ${(entry.value / 1e9).toFixed(2)} B`.trim();
}

/**
 * The readable summary of a merged profile that `dossier extract` and `dossier profile show`
 * print; with `sources`, every value says where it came from (filing, concept, page, method) and
 * when each document was read. Publisher-controlled text is printed escaped.
 */
export function summariseProfile(profile: MergedProfile, options: { sources?: boolean } = {}): string {
  const safe = (value: unknown) => printable(String(value ?? ""));
  const identity = (profile.identity ?? {}) as Record<string, unknown>;
  const lines = [
    paint.bold(safe(identity.name ?? profile.companyId)) + paint.dim(`  (${profile.companyId})`),
    `status        ${profile.status}, completeness ${profile.completeness} %${profile.cached ? " (from cache)" : ""}`,
  ];
  if (identity.sicDescription) lines.push(`industry      ${safe(identity.sicDescription)}`);
  if (Array.isArray(identity.tickers) && identity.tickers.length)
    lines.push(`tickers       ${identity.tickers.map(safe).join(", ")}`);
  if (options.sources && profile.sources.identity)
    lines.push(paint.dim(`  identity from ${safe(describeSource(profile.sources.identity))}`));
  const latest = profile.financials[0] as Partial<FiscalYearFinancials> | undefined;
  if (latest) {
    lines.push(
      `fiscal ${latest.fiscalYear}   revenue ${amount(latest.revenue)}, net income ${amount(latest.netIncome)}, assets ${amount(latest.totalAssets)}`,
    );
    if (options.sources) {
      for (const metric of ["revenue", "netIncome", "totalAssets"] as const) {
        const source = latest[metric]?.provenance;
        if (!source) continue;
        const amended = source.amended ? ", amended" : "";
        const restated = latest[metric]?.restatedFrom ? ", restated" : "";
        lines.push(
          paint.dim(
            `  ${metric} from ${source.taxonomy}:${source.concept} (${source.unit}), ${source.form} ${source.accessionNumber} filed ${source.filed}, period ending ${source.periodEnd}${amended}${restated}`,
          ),
        );
      }
    }
  }
  if (profile.executives.length) {
    lines.push("executives");
    for (const executive of profile.executives) {
      const mark = executive.confirmed ? paint.green("✓") : " ";
      lines.push(
        `  ${mark} ${safe(executive.name).padEnd(28)} ${safe(executive.title ?? executive.websiteTitle)}`,
      );
      if (!options.sources) continue;
      for (const source of executive.provenance)
        lines.push(paint.dim(`      from ${safe(describeSource(source))}`));
      if (executive.titleNote) lines.push(paint.dim(`      ${safe(executive.titleNote)}`));
      lines.push(paint.dim(`      confidence ${executive.confidence}`));
    }
  }
  for (const [field, reason] of Object.entries(profile.notFound ?? {}))
    lines.push(paint.yellow(`not found     ${field}, because ${safe(reason)}`));
  for (const person of profile.uncertain ?? [])
    lines.push(paint.yellow(`uncertain     ${safe(JSON.stringify(person))}`));
  if (profile.missing.length) lines.push(paint.yellow(`missing       ${profile.missing.join(", ")}`));
  if (options.sources) {
    const read = Object.entries(profile.sources.fetchedAt ?? {});
    if (read.length) lines.push("read at");
    for (const [document, at] of read) lines.push(paint.dim(`  ${at}  ${safe(document)}`));
  }
  return lines.join("\n");
}
