import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  corpusDir,
  describeOnSharedCorpus,
  secFixturesDir,
  sharedAvailable,
} from "../../../../test/shared-corpus";
import { looksLikePersonName, parseExecutiveOfficers } from "./executives";

interface GroundTruth {
  file: string;
  executives: Array<{ name: string; age?: number; title: string }>;
}

const filingsDir = path.join(corpusDir, "filings");
// Read only where ../shared is: the suite that uses them is not run without it.
const groundTruths = (sharedAvailable ? readdirSync(filingsDir) : [])
  .filter((name) => name.endsWith(".executives.json"))
  .map((name) => JSON.parse(readFileSync(path.join(filingsDir, name), "utf8")) as GroundTruth);
const fixture = (name: string) => readFileSync(path.join(secFixturesDir, name), "utf8");

describeOnSharedCorpus("parseExecutiveOfficers on the filings corpus", () => {
  it("has ground truth to check against", () => {
    expect(groundTruths.length).toBeGreaterThanOrEqual(7);
  });

  it.each(groundTruths.map((truth) => [truth.file, truth] as const))(
    "reproduces every officer of %s by name, title and age",
    (file, truth) => {
      const result = parseExecutiveOfficers(readFileSync(path.join(filingsDir, file), "utf8"));
      expect(result.officers).toEqual(
        truth.executives.map(({ name, title, age }) =>
          age === undefined ? { name, title } : { name, age, title },
        ),
      );
      expect(result.defersToProxy).toBe(false);
    },
  );

  it("labels a 10-K section as a 10-K item and a proxy table as the Summary Compensation Table", () => {
    expect(
      parseExecutiveOfficers(readFileSync(path.join(filingsDir, "ibm-10-k-2025-02-25.html"), "utf8")),
    ).toMatchObject({
      source: "10-K item",
      section: "Information About Our Executive Officers (at February 25, 2025):",
    });
    expect(
      parseExecutiveOfficers(readFileSync(path.join(filingsDir, "cabot.DEF14A.ixbrl.html"), "utf8")).source,
    ).toBe("summary compensation table");
  });
});

describe("parseExecutiveOfficers on other layouts", () => {
  it("reads 'Name, age, title' paragraphs and bios, and stops at the first prose", () => {
    const result = parseExecutiveOfficers(fixture("10k-officers-paragraphs.html"));
    expect(result.officers).toEqual([
      { name: "Maria L. Ortega", age: 58, title: "Chairman of the Board and Chief Executive Officer" },
      { name: "Thomas O’Neill Jr.", age: 49, title: "Executive Vice President and Chief Financial Officer" },
      { name: "Priya Raman", age: 44, title: "Senior Vice President, General Counsel and Secretary" },
    ]);
    expect(result.section).toBe("Executive Officers of the Registrant");
  });

  it("reads a 'Name, age' line followed by a title line", () => {
    expect(parseExecutiveOfficers(fixture("10k-officers-name-age-lines.html")).officers).toEqual([
      { name: "Grace Holloway", age: 53, title: "President and Chief Executive Officer" },
      { name: "Samuel K. Adeyemi", age: 47, title: "Chief Financial Officer" },
    ]);
  });

  it("reads a Name | Position | Age table, accented and upper-case names, and a 'Name — Title' line", () => {
    expect(parseExecutiveOfficers(fixture("10k-officers-table-age-last.html")).officers).toEqual([
      { name: "LAWRENCE E. PAGE", age: 52, title: "Chief Executive Officer" },
      {
        name: "Ana María de la Cruz",
        age: 47,
        title: "Senior Vice President, Chief Financial Officer and Treasurer",
      },
      { name: "Rita Gómez", title: "Vice President, Controller and Principal Accounting Officer" },
    ]);
  });

  it("reads 'Name, Title — biography' and 'Name (age 57), Title' paragraphs across a page break under a long heading", () => {
    const result = parseExecutiveOfficers(fixture("10k-officers-name-title-bios.html"));
    expect(result.officers).toEqual([
      { name: "Helena V. Marsh", title: "Chair and Chief Executive Officer" },
      { name: "Rafael Quintero", title: "Executive Vice President and Chief Financial Officer" },
      { name: "Dale K. Whitfield", age: 57, title: "President, Northern Rail Services, Inc." },
    ]);
    expect(result.section).toBe(
      "Executive Officers of the Registrant and Principal Executive Officers of Our Subsidiaries",
    );
  });

  it("reads the current positions of a career history ('since', 'effective') and stops at the prose after it", () => {
    expect(parseExecutiveOfficers(fixture("10k-officers-career-history.html")).officers).toEqual([
      { name: "Greta M. Lindqvist", age: 55, title: "President and Chief Executive Officer" },
      { name: "Tomasz Wrona", age: 49, title: "Executive Vice President and Chief Financial Officer" },
      { name: "OSCAR B. FENWICK", age: 61, title: "Chair and Chief Operating Officer" },
    ]);
  });

  it("reads a list inside Item 10 that has no heading, although Item 10 also cites the proxy statement", () => {
    const result = parseExecutiveOfficers(fixture("10k-officers-item10-lead-in.html"));
    expect(result.officers).toEqual([
      { name: "Naomi F. Castellanos", age: 52, title: "President and Chief Executive Officer" },
      { name: "Victor Amadi", age: 48, title: "Senior Vice President, Finance and Chief Financial Officer" },
    ]);
    expect(result.defersToProxy).toBe(false);
  });

  it("does not claim a deferral when Item 10 points to the officers in Part I, and says none could be read", () => {
    const result = parseExecutiveOfficers(fixture("10k-officers-in-part-i-unreadable.html"));
    expect(result).toMatchObject({ officers: [], source: "none", defersToProxy: false });
    expect(result.note).toMatch(
      /^The document says its executive officers are listed in it .*Part I of this report/,
    );
  });

  it("reads a 20-F's directors and senior management without the board seats", () => {
    const result = parseExecutiveOfficers(fixture("20f-directors-and-senior-management.html"));
    expect(result.officers).toEqual([
      { name: "Kenji Moriyama", title: "Director and Chief Executive Officer" },
      { name: "Lucia Ferreira", title: "Chief Financial Officer" },
      { name: "Henrik Dahl", title: "Senior Vice President, Operations" },
    ]);
    expect(result).toMatchObject({ source: "20-F item", section: "A. Directors and Senior Management" });
  });

  it("detects a 10-K that incorporates its executive officers from the proxy statement", () => {
    const result = parseExecutiveOfficers(fixture("10k-officers-defer-to-proxy.html"));
    expect(result).toMatchObject({ officers: [], source: "none", defersToProxy: true });
    expect(result.note).toMatch(/Proxy Statement.*incorporated herein by reference/);
  });

  it("says so when there is neither a section nor a deferral", () => {
    expect(parseExecutiveOfficers(fixture("10k-no-officer-section.html"))).toEqual({
      officers: [],
      source: "none",
      defersToProxy: false,
      note: "No executive officer section was found in the document.",
    });
  });

  it("returns nothing for an empty or non-HTML document", () => {
    expect(parseExecutiveOfficers("").officers).toEqual([]);
    expect(parseExecutiveOfficers("just text, no markup").officers).toEqual([]);
  });
});

describe("looksLikePersonName", () => {
  it.each(["Jen-Hsun Huang", "John C. Reed, M.D., Ph.D.", "Nickle J. LaMoreaux", "Thomas O’Neill Jr."])(
    "accepts %s",
    (name) => expect(looksLikePersonName(name)).toBe(true),
  );
  it.each(["Chief Executive Officer", "Name", "Table of Contents", "2024 Annual Report", "Total"])(
    "rejects %s",
    (name) => expect(looksLikePersonName(name)).toBe(false),
  );
});
