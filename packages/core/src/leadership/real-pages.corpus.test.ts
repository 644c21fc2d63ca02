import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus } from "../../../../test/shared-corpus";
import { sameperson } from "./name-match";
import { normalizeText } from "./normalize";
import { parseLeadershipPage } from "./parse-page";

/**
 * Website people measured on the real company pages of the shared corpus (`leadership/real`,
 * hand-written truth.json) and the two shared excerpts: executives found against the page's
 * management team, titles exact after case, punctuation and "&"/"and" are normalised, and board
 * members who are not also executives never among the executives.
 */

interface Person {
  name: string;
  title: string;
}

interface Page {
  slug: string;
  url: string;
  file: string;
  executives: Person[];
  board: Person[];
}

const leadershipDir = path.join(corpusDir, "leadership");
const realDir = path.join(leadershipDir, "real");

function pages(): Page[] {
  const truth = JSON.parse(readFileSync(path.join(realDir, "truth.json"), "utf8")) as Record<
    string,
    { url: string; dir: string; file: string; executives: Person[]; board?: Person[] }
  >;
  const real = Object.entries(truth).map(([slug, page]) => ({
    slug,
    url: page.url,
    file: path.join(realDir, page.dir, page.file),
    executives: page.executives,
    board: page.board ?? [],
  }));
  const atlas = JSON.parse(
    readFileSync(path.join(leadershipDir, "atlastravel_company_leadership.executives.json"), "utf8"),
  ) as { page_url: string; executives: Person[] };
  const booking = JSON.parse(
    readFileSync(path.join(leadershipDir, "bookingholdings_about_leadership.executives.json"), "utf8"),
  ) as { page_url: string; executives_corporate: Person[]; board_of_directors_not_executives: Person[] };
  return [
    ...real,
    {
      slug: "atlastravel",
      url: atlas.page_url,
      file: path.join(leadershipDir, "atlastravel_company_leadership.EXCERPT.html"),
      executives: atlas.executives,
      board: [],
    },
    {
      slug: "bookingholdings",
      url: booking.page_url,
      file: path.join(leadershipDir, "bookingholdings_about_leadership.EXCERPT.html"),
      executives: booking.executives_corporate,
      board: booking.board_of_directors_not_executives,
    },
  ];
}

describeOnSharedCorpus("website people measured on the real pages of the shared corpus", () => {
  it("finds executives with precision and recall ≥ 0.95 and never reports a board member as an executive", () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    let exactTitles = 0;
    let boardAsExecutive = 0;
    const errors: string[] = [];
    const all = pages();
    for (const page of all) {
      const found = parseLeadershipPage(readFileSync(page.file, "utf8"), page.url).executives;
      const unmatched = [...page.executives];
      for (const person of found) {
        const index = unmatched.findIndex((e) => sameperson(person.name, e.name));
        const expected = unmatched[index];
        if (!expected) {
          falsePositives++;
          const onBoard = page.board.some((b) => sameperson(b.name, person.name));
          if (onBoard && !page.executives.some((e) => sameperson(e.name, person.name))) boardAsExecutive++;
          errors.push(
            `${page.slug}: unexpected ${person.name} (${person.title})${onBoard ? " [board]" : ""}`,
          );
          continue;
        }
        unmatched.splice(index, 1);
        truePositives++;
        if (normalizeText(person.title) === normalizeText(expected.title)) exactTitles++;
        else errors.push(`${page.slug}: ${expected.name} title "${person.title}" ≠ "${expected.title}"`);
      }
      falseNegatives += unmatched.length;
      for (const missed of unmatched) errors.push(`${page.slug}: missed ${missed.name} (${missed.title})`);
    }
    const precision = truePositives / Math.max(1, truePositives + falsePositives);
    const recall = truePositives / Math.max(1, truePositives + falseNegatives);
    const titleExact = exactTitles / Math.max(1, truePositives);
    console.log(
      `website executives: ${all.length} pages, tp=${truePositives} fp=${falsePositives} fn=${falseNegatives}, ` +
        `precision=${precision.toFixed(3)} recall=${recall.toFixed(3)} titles exact=${titleExact.toFixed(3)}, ` +
        `board members reported as executives: ${boardAsExecutive}` +
        (errors.length ? `\n  ${errors.join("\n  ")}` : ""),
    );
    expect(all.length).toBeGreaterThanOrEqual(9);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(boardAsExecutive).toBe(0);
  });
});
