import { describe, expect, it } from "vitest";
import { PageTooComplexError } from "../../html/page-shape";
import { EightKTooLargeError, readEightK } from "./eight-k";

const document = (...paragraphs: string[]) =>
  `<html><body><p>FORM 8-K</p><p>Item 5.02 Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers.</p>${paragraphs
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join("")}<p>Item 9.01 Financial Statements and Exhibits.</p><p>SIGNATURES</p></body></html>`;

const changes = (html: string) =>
  readEightK(html).leadershipChanges.map(({ evidence: _evidence, ...change }) => change);

describe("reading an 8-K", () => {
  it("takes items, filing date, filer and accession from a full submission's header", () => {
    const submission = `<SEC-DOCUMENT>0009900001-26-000007.txt : 20261204
<SEC-HEADER>0009900001-26-000007.hdr.sgml : 20261204
ACCESSION NUMBER:		0009900001-26-000007
CONFORMED SUBMISSION TYPE:	8-K
ITEM INFORMATION:		Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers
ITEM INFORMATION:		Regulation FD Disclosure
FILED AS OF DATE:		20261204
		COMPANY CONFORMED NAME:			Acme Widgets Inc
		CENTRAL INDEX KEY:			0009900001
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<TEXT>
${document("On December 3, 2026, Jane Q. Doe informed Acme Widgets Inc of her decision to retire as Chief Operating Officer, effective December 31, 2026.")}
</TEXT>
</DOCUMENT>`;
    expect(readEightK(submission)).toMatchObject({
      items: ["5.02", "7.01", "9.01"],
      filingDate: "2026-12-04",
      companyName: "Acme Widgets Inc",
      cik: "0009900001",
      accessionNumber: "0009900001-26-000007",
      leadershipChanges: [
        {
          person: "Jane Q. Doe",
          change: "departed",
          role: "Chief Operating Officer",
          effectiveDate: "2026-12-31",
        },
      ],
    });
  });

  it("takes the header of an EDGAR feed file", () => {
    const feed = `<SUBMISSION><ACCESSION-NUMBER>0009900001-26-000008<TYPE>8-K<ITEMS>5.02<ITEMS>9.01<FILING-DATE>20261204<FILER><COMPANY-DATA><CONFORMED-NAME>ACME WIDGETS INC<CIK>0009900001</COMPANY-DATA></FILER><DOCUMENT><TYPE>8-K<TEXT>${document("Nothing changed.")}</TEXT></DOCUMENT></SUBMISSION>`;
    expect(readEightK(feed)).toMatchObject({
      items: ["5.02", "9.01"],
      filingDate: "2026-12-04",
      accessionNumber: "0009900001-26-000008",
      leadershipChanges: [],
    });
  });

  it.each([
    [
      "an appointment",
      "On March 2, 2026, the Board appointed Luis Ortega as the Chief Financial Officer of the Company, effective immediately.",
      [
        {
          person: "Luis Ortega",
          change: "appointed",
          role: "Chief Financial Officer",
          effectiveDate: "2026-03-02",
        },
      ],
    ],
    [
      "an election to the board",
      "The Board elected Mary Ellen Park to serve as a member of the Board of Directors.",
      [{ person: "Mary Ellen Park", change: "elected", role: "member of the Board of Directors" }],
    ],
    [
      "a move from one role to another",
      "Tom Becker transitioned from the role of Chief Operating Officer to President.",
      [{ person: "Tom Becker", change: "role changed", role: "President" }],
    ],
    [
      "a resignation told to the company",
      "On May 5, 2026, Ana Lima notified Acme Widgets, Inc. that she will resign as a member of the Board of Directors, effective immediately.",
      [
        {
          person: "Ana Lima",
          change: "departed",
          role: "member of the Board of Directors",
          effectiveDate: "2026-05-05",
        },
      ],
    ],
    [
      "two officers elected to new roles at once",
      "Raj Patel, 52, and Eva Novak, 47, Co-Heads of Sales, have been elected Co-Presidents of the Company.",
      [
        { person: "Raj Patel", change: "role changed", role: "Co-President" },
        { person: "Eva Novak", change: "role changed", role: "Co-President" },
      ],
    ],
    [
      "a heading and the sentence under it, as one change",
      "Departure of Sam Reyes as Treasurer",
      [{ person: "Sam Reyes", change: "departed", role: "Treasurer" }],
    ],
  ])("reads %s", (_, sentence, expected) => {
    expect(changes(document(sentence))).toEqual(expected);
  });

  it("reads nothing where Item 5.02 reports pay, agreements or a condition", () => {
    const reading = readEightK(
      document(
        "The Compensation Committee approved a bonus for Jane Doe, Chief Executive Officer.",
        "The agreement expires on December 31, 2026, unless terminated early.",
        "If Mark Stone resigns before the vesting date, the award is forfeited.",
      ),
    );
    expect(reading.leadershipChanges).toEqual([]);
  });

  it("notes a change it could not read instead of guessing", () => {
    const reading = readEightK(
      document("The Company announced the retirement of its longtime leader, effective next year."),
    );
    expect(reading.leadershipChanges).toEqual([]);
    expect(reading.notes).toEqual([
      expect.stringMatching(/^not read with confidence: The Company announced the retirement/),
    ]);
  });

  it("reads no changes from a filing without Item 5.02", () => {
    const html =
      "<html><body><p>Item 8.01 Other Events.</p><p>Jane Doe was appointed as Chief Executive Officer.</p></body></html>";
    expect(readEightK(html)).toMatchObject({ items: ["8.01"], leadershipChanges: [] });
  });

  it("refuses a document past 10 MB and markup no filing has", () => {
    expect(() => readEightK("x".repeat(10 * 1024 * 1024 + 1))).toThrow(EightKTooLargeError);
    const nested = `<html><body>${"<div>".repeat(5_000)}Item 5.02${"</div>".repeat(5_000)}</body></html>`;
    expect(() => readEightK(nested)).toThrow(PageTooComplexError);
  });
});
