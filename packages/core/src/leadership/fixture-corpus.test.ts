import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus } from "../../../../test/shared-corpus";
import { sameperson } from "./name-match";
import { normalizeText } from "./normalize";
import { parseLeadershipPage } from "./parse-page";
import type { LeadershipPerson } from "./schema";
import { canonicalRoles } from "./titles";

type ExpectedPerson = { name: string; title: string };
type Expected = {
  url: string;
  executives: ExpectedPerson[];
  board: ExpectedPerson[];
  subsidiary: ExpectedPerson[];
};

const FIXTURES = path.resolve(import.meta.dirname, "../../../../test/fixtures/leadership");
const SHARED = path.join(corpusDir, "leadership");

/** Same person, and the same title in words or in canonical roles. */
function matches(found: { name: string; title: string }, expected: ExpectedPerson): boolean {
  if (!sameperson(found.name, expected.name)) return false;
  if (normalizeText(found.title) === normalizeText(expected.title)) return true;
  const a = canonicalRoles(found.title).sort().join();
  const b = canonicalRoles(expected.title).sort().join();
  return a.length > 0 && a === b;
}

function score(found: readonly LeadershipPerson[], expected: readonly ExpectedPerson[]) {
  const unmatched = [...expected];
  let truePositives = 0;
  const falsePositives: string[] = [];
  for (const person of found) {
    const index = unmatched.findIndex((e) => matches(person, e));
    if (index >= 0) {
      truePositives++;
      unmatched.splice(index, 1);
    } else {
      falsePositives.push(`${person.name} (${person.title})`);
    }
  }
  return { truePositives, falsePositives, falseNegatives: unmatched.map((e) => `${e.name} (${e.title})`) };
}

describe("fixture corpus", () => {
  const names = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".html"))
    .map((f) => f.replace(/\.html$/, ""));

  /** Every page of the corpus with its expectations, read and parsed once for all the tests below. */
  const pages = names.map((name) => {
    const expected = JSON.parse(
      readFileSync(path.join(FIXTURES, `${name}.expected.json`), "utf8"),
    ) as Expected;
    const page = parseLeadershipPage(readFileSync(path.join(FIXTURES, `${name}.html`), "utf8"), expected.url);
    return { name, expected, page };
  });

  it("has at least 15 pages, each with its expectations", () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const name of names) expect(readdirSync(FIXTURES)).toContain(`${name}.expected.json`);
  });

  it("finds corporate executives with micro precision and recall of at least 0.95", () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const errors: string[] = [];
    for (const { name, expected, page } of pages) {
      const result = score(page.executives, expected.executives);
      tp += result.truePositives;
      fp += result.falsePositives.length;
      fn += result.falseNegatives.length;
      for (const miss of result.falsePositives) errors.push(`${name}: unexpected executive ${miss}`);
      for (const miss of result.falseNegatives) errors.push(`${name}: missed executive ${miss}`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `leadership fixture corpus: ${names.length} pages, executives tp=${tp} fp=${fp} fn=${fn}, ` +
        `precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}${errors.length ? `\n  ${errors.join("\n  ")}` : ""}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it("classifies board members and brand leaders with recall of at least 0.9", () => {
    let expectedCount = 0;
    let found = 0;
    for (const { expected, page } of pages) {
      for (const [people, wanted] of [
        [page.board, expected.board],
        [page.subsidiary, expected.subsidiary],
      ] as const) {
        expectedCount += wanted.length;
        found += score(people, wanted).truePositives;
      }
    }
    console.log(`leadership fixture corpus: board and brand leaders ${found}/${expectedCount}`);
    expect(found / expectedCount).toBeGreaterThanOrEqual(0.9);
  });
});

describeOnSharedCorpus("shared corpus pages", () => {
  it("reproduces Atlas Travel's executives by name and title", () => {
    const truth = JSON.parse(
      readFileSync(path.join(SHARED, "atlastravel_company_leadership.executives.json"), "utf8"),
    ) as { page_url: string; executives: ExpectedPerson[] };
    const html = readFileSync(path.join(SHARED, "atlastravel_company_leadership.EXCERPT.html"), "utf8");
    const page = parseLeadershipPage(html, truth.page_url);
    const result = score(page.executives, truth.executives);
    expect(result.falseNegatives).toEqual([]);
    expect(result.falsePositives).toEqual([]);
    for (const expected of truth.executives) {
      expect(page.executives.find((p) => p.name === expected.name)?.title).toBe(expected.title);
    }
  });

  it("reproduces Booking Holdings' corporate executives and never reports board or brand leaders as executives", () => {
    const truth = JSON.parse(
      readFileSync(path.join(SHARED, "bookingholdings_about_leadership.executives.json"), "utf8"),
    ) as {
      page_url: string;
      executives_corporate: ExpectedPerson[];
      brand_leaders_subsidiary_ceos: (ExpectedPerson & { brand: string })[];
      board_of_directors_not_executives: ExpectedPerson[];
    };
    const html = readFileSync(path.join(SHARED, "bookingholdings_about_leadership.EXCERPT.html"), "utf8");
    const page = parseLeadershipPage(html, truth.page_url);
    expect(page.executives.map((p) => [p.name, p.title])).toEqual(
      truth.executives_corporate.map((p) => [p.name, p.title]),
    );
    expect(score(page.board, truth.board_of_directors_not_executives).falseNegatives).toEqual([]);
    expect(page.subsidiary.map((p) => [p.name, p.organization])).toEqual(
      truth.brand_leaders_subsidiary_ceos.map((p) => [p.name, p.brand]),
    );
    expect(page.executives.every((p) => p.sourceUrl === truth.page_url && p.confidence > 0.5)).toBe(true);
  });
});
