import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus, sharedAvailable } from "../../../../../test/shared-corpus";
import { sameperson } from "../../leadership/name-match";
import { parseDailyIndex } from "./daily-index";
import { readEightK } from "./eight-k";

/**
 * The 8-K reader and the daily-index parser measured on the real filings of the shared corpus:
 * every document of a filing (primary document, full submission, feed file) must give the truth's
 * items and the changes it reports, person and kind exactly; a date or role given must agree
 * with the truth's (a missing one is allowed: dossier says nothing rather than guess).
 */

interface ChangeTruth {
  person: string;
  change: string;
  role?: string;
  effective_date?: string | null;
}

interface EightKTruth {
  items: string[];
  filing_date?: string;
  filing_date_basis?: string;
  accession?: string | null;
  changes: ChangeTruth[];
}

interface IndexTruth {
  data_rows: number;
  "rows_form_8-K": number;
  "rows_form_8-K/A": number;
  distinct_form_types: number;
  "first_8-K_rows_verbatim": string[];
}

const eightKDir = path.join(corpusDir, "changes", "8k");
const indexDir = path.join(corpusDir, "changes", "index");
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

const filings = (sharedAvailable && existsSync(eightKDir) ? readdirSync(eightKDir) : [])
  .filter((name) => name.endsWith(".truth.json"))
  .map((name) => {
    const stem = name.replace(/\.truth\.json$/, "");
    const documents = readdirSync(eightKDir).filter(
      (file) => file.startsWith(`${stem}.`) && !file.endsWith(".truth.json") && !file.endsWith(".index.html"),
    );
    return { stem, truth: readJson<EightKTruth>(path.join(eightKDir, name)), documents };
  });

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((word) => word.length > 2 && word !== "the" && word !== "and");

describeOnSharedCorpus("8-K Item 5.02 and EDGAR daily indexes measured on the shared corpus", () => {
  it("reads every filing's items and each change it reports: person and kind exactly, nothing invented", () => {
    expect(filings.length).toBeGreaterThan(0);
    let expected = 0;
    let found = 0;
    let rolesGiven = 0;
    let rolesAgreeing = 0;
    for (const { stem, truth, documents } of filings) {
      expect(documents.length, stem).toBeGreaterThan(0);
      for (const document of documents) {
        const where = `${stem} (${document})`;
        const reading = readEightK(readFileSync(path.join(eightKDir, document), "latin1"));
        expect(reading.items, where).toEqual(expect.arrayContaining(truth.items));
        if (reading.filingDate && !truth.filing_date_basis)
          expect(reading.filingDate, where).toBe(truth.filing_date);
        if (reading.accessionNumber && truth.accession)
          expect(reading.accessionNumber, where).toBe(truth.accession);
        const read = reading.leadershipChanges.map((change) => `${change.person} | ${change.change}`);
        const wanted = truth.changes.map((change) => `${change.person} | ${change.change}`);
        expect(read.sort(), where).toEqual(wanted.sort());
        expected += wanted.length;
        for (const change of reading.leadershipChanges) {
          const match = truth.changes.find((candidate) => sameperson(candidate.person, change.person));
          found += 1;
          if (change.effectiveDate)
            expect(change.effectiveDate, `${where} ${change.person}`).toBe(match?.effective_date);
          if (change.role && match?.role) {
            rolesGiven += 1;
            // A role agrees when its words are the truth's, abbreviations aside ("CEO of CCB").
            const truthWords = new Set(words(match.role));
            if (words(change.role).some((word) => truthWords.has(word))) rolesAgreeing += 1;
          }
        }
      }
    }
    console.log(
      `8-K Item 5.02: ${filings.length} filings, ${found}/${expected} changes read (person and kind exact), roles agreeing ${rolesAgreeing}/${rolesGiven}`,
    );
    expect(found).toBe(expected);
    expect(rolesAgreeing).toBe(rolesGiven);
  });

  it("parses every daily index to the truth's counts and rows", () => {
    const truths = existsSync(indexDir)
      ? readdirSync(indexDir).filter((name) => name.endsWith(".truth.json"))
      : [];
    expect(truths.length).toBeGreaterThan(0);
    for (const name of truths) {
      const truth = readJson<IndexTruth>(path.join(indexDir, name));
      const entries = parseDailyIndex(
        readFileSync(path.join(indexDir, name.replace(/\.truth\.json$/, "")), "latin1"),
      );
      expect(entries.length, name).toBe(truth.data_rows);
      expect(entries.filter((entry) => entry.form === "8-K").length, name).toBe(truth["rows_form_8-K"]);
      expect(entries.filter((entry) => entry.form === "8-K/A").length, name).toBe(truth["rows_form_8-K/A"]);
      expect(new Set(entries.map((entry) => entry.form)).size, name).toBe(truth.distinct_form_types);
      for (const row of truth["first_8-K_rows_verbatim"]) {
        const fileName = row.trim().split(/\s+/).at(-1);
        expect(
          entries.find((entry) => entry.fileName === fileName && entry.form === "8-K"),
          row,
        ).toBeDefined();
      }
    }
  });
});
