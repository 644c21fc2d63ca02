import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus, sharedAvailable } from "../../../../test/shared-corpus";
import { sameperson } from "../leadership/name-match";
import { normalizeText } from "../leadership/normalize";
import { extractFinancials, type FinancialMetric } from "./companyfacts";
import { parseExecutiveOfficers } from "./executives";

/**
 * Extraction quality measured on every SEC document with hand-written ground truth in the shared
 * corpus: executive officers of 10-Ks and proxy statements, and financial values of companyfacts.
 * Names match as the same person (honorifics, middle initials, nicknames aside); titles match
 * exactly after case, punctuation, "&"/"and" and whitespace are normalised.
 */

interface OfficerTruth {
  file: string;
  defers_to_proxy?: boolean;
  executives: Array<{ name: string; title: string }>;
}

interface FinancialTruth {
  cik: string;
  annual_report: { form: string; accession: string; period_end: string; fiscal_year: number };
  truth: Partial<Record<FinancialMetric, { value: number; unit: string }>>;
}

const filingsDir = path.join(corpusDir, "filings");
const secDir = path.join(corpusDir, "sec");
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

// Read only where ../shared is: the suite that measures them is not run without it.
const officerTruths = (sharedAvailable ? readdirSync(filingsDir) : [])
  .filter((name) => name.endsWith(".officers.truth.json") || name.endsWith(".executives.json"))
  .map((name) => readJson<OfficerTruth>(path.join(filingsDir, name)));

const financialTruths = (sharedAvailable ? readdirSync(secDir) : [])
  .filter((name) => name.endsWith("_financials.truth.json"))
  .map((name) => ({ name, truth: readJson<FinancialTruth>(path.join(secDir, name)) }));

const sameTitle = (a: string, b: string) => normalizeText(a) === normalizeText(b);

function measureOfficers() {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let exactTitles = 0;
  let deferralsRight = 0;
  const errors: string[] = [];
  for (const truth of officerTruths) {
    const result = parseExecutiveOfficers(readFileSync(path.join(filingsDir, truth.file), "utf8"));
    const unmatched = [...truth.executives];
    for (const found of result.officers) {
      const index = unmatched.findIndex((expected) => sameperson(found.name, expected.name));
      const expected = unmatched[index];
      if (!expected) {
        falsePositives++;
        errors.push(`${truth.file}: unexpected ${found.name} (${found.title})`);
        continue;
      }
      unmatched.splice(index, 1);
      truePositives++;
      if (sameTitle(found.title, expected.title)) exactTitles++;
      else errors.push(`${truth.file}: ${expected.name} title "${found.title}" ≠ "${expected.title}"`);
    }
    falseNegatives += unmatched.length;
    for (const missed of unmatched) errors.push(`${truth.file}: missed ${missed.name} (${missed.title})`);
    if (result.defersToProxy === (truth.defers_to_proxy ?? false)) deferralsRight++;
    else errors.push(`${truth.file}: defersToProxy ${result.defersToProxy}`);
  }
  return {
    documents: officerTruths.length,
    precision: truePositives / Math.max(1, truePositives + falsePositives),
    recall: truePositives / Math.max(1, truePositives + falseNegatives),
    titleExact: exactTitles / Math.max(1, truePositives),
    truePositives,
    falsePositives,
    falseNegatives,
    deferralsRight,
    errors,
  };
}

function measureFinancials() {
  let values = 0;
  let exact = 0;
  const errors: string[] = [];
  for (const { name, truth } of financialTruths) {
    const factsFile = readdirSync(secDir).find(
      (file) => file.includes("_companyfacts_") && file.includes(`CIK${truth.cik.padStart(10, "0")}`),
    );
    if (!factsFile) throw new Error(`${name}: no companyfacts document for CIK ${truth.cik}`);
    const years = extractFinancials(readJson<unknown>(path.join(secDir, factsFile)));
    const year = years.find((y) => y.fiscalYear === truth.annual_report.fiscal_year);
    const report = truth.annual_report;
    values++;
    if (
      year?.periodEnd === report.period_end &&
      year.form === report.form &&
      year.accessionNumber === report.accession
    ) {
      exact++;
    } else {
      errors.push(
        `${name}: fiscal year ${report.fiscal_year} is ${year?.periodEnd} ${year?.form} ${year?.accessionNumber}`,
      );
    }
    for (const [metric, expected] of Object.entries(truth.truth)) {
      if (!expected) continue;
      values++;
      const found = year?.[metric as FinancialMetric];
      if (found?.value === expected.value && found.provenance.unit === expected.unit) exact++;
      else
        errors.push(
          `${name}: ${metric} ${found?.value} ${found?.provenance.unit} ≠ ${expected.value} ${expected.unit}`,
        );
    }
  }
  return { documents: financialTruths.length, values, exact, errors };
}

describeOnSharedCorpus("SEC extraction measured on the shared corpus", () => {
  it("finds executive officers with precision ≥ 0.97, recall ≥ 0.95 and exact titles ≥ 0.95", () => {
    const m = measureOfficers();
    console.log(
      `officers: ${m.documents} filings, tp=${m.truePositives} fp=${m.falsePositives} fn=${m.falseNegatives}, ` +
        `precision=${m.precision.toFixed(3)} recall=${m.recall.toFixed(3)} titles exact=${m.titleExact.toFixed(3)}, ` +
        `proxy deferral right in ${m.deferralsRight}/${m.documents}` +
        (m.errors.length ? `\n  ${m.errors.join("\n  ")}` : ""),
    );
    expect(m.documents).toBeGreaterThanOrEqual(14);
    expect(m.precision).toBeGreaterThanOrEqual(0.97);
    expect(m.recall).toBeGreaterThanOrEqual(0.95);
    expect(m.titleExact).toBeGreaterThanOrEqual(0.95);
    expect(m.deferralsRight).toBe(m.documents);
  });

  it("reproduces every financial value of the truth files exactly, in the reporting currency", () => {
    const m = measureFinancials();
    console.log(
      `financials: ${m.documents} filers, ${m.exact}/${m.values} values exact` +
        (m.errors.length ? `\n  ${m.errors.join("\n  ")}` : ""),
    );
    expect(m.documents).toBeGreaterThanOrEqual(2);
    expect(m.exact).toBe(m.values);
  });
});
