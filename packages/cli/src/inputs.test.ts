import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CliError } from "./exit-codes";
import { readCompanyList, toCompanyCsv, validateCompanies } from "./inputs";

describe("company lists", () => {
  let directory: string;
  const file = async (name: string, text: string) => {
    const target = path.join(directory, name);
    await writeFile(target, text);
    return target;
  };

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "dossier-inputs-"));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("numbers rows by their line in the file, past comments, blank lines and quoted line breaks", async () => {
    const csv = await file(
      "lines.csv",
      'ticker,name\n# a comment\nAAPL,\n\n,"Acme, Inc."\n,"Two\nLines"\nMSFT,"say ""hi"""\n',
    );
    const rows = await readCompanyList(csv);
    expect(rows).toEqual([
      { where: "line 3", values: { ticker: "AAPL" } },
      { where: "line 5", values: { name: "Acme, Inc." } },
      { where: "line 6", values: { name: "Two\nLines" } },
      { where: "line 8", values: { ticker: "MSFT", name: 'say "hi"' } },
    ]);
  });

  it("refuses a quote that is never closed, naming its line", async () => {
    const csv = await file("open.csv", 'ticker,name\nAAPL,\n,"Acme\nMSFT,\n');
    await expect(readCompanyList(csv)).rejects.toThrow(/line 3 opens a quoted field that is never closed/);
  });

  it("reports every bad row with its line, and stops unless told to skip them", async () => {
    const csv = await file("bad.csv", "ticker,name,website\nAAPL,,\n,Acme,acme.com\n,,\nMSFT,,,extra\n");
    const rows = await readCompanyList(csv);
    let refusal: unknown;
    try {
      validateCompanies(csv, rows, { skipInvalid: false });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CliError);
    expect((refusal as CliError).message).toBe(
      [
        `${csv}: 3 of 4 companies are not valid:`,
        '  line 3: website: "acme.com" has no scheme; write it as https://acme.com',
        "  line 4: a company needs a ticker, a CIK or a name",
        "  line 5: 1 more cell(s) than the header has columns",
        "fix them, or run the good ones with --skip-invalid",
      ].join("\n"),
    );
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const valid = validateCompanies(csv, rows, { skipInvalid: true });
      expect(valid).toEqual([{ where: "line 2", company: { ticker: "AAPL" } }]);
      expect(String(stderr.mock.calls[0]?.[0])).toContain("skipped; running the other 1");
    } finally {
      stderr.mockRestore();
    }
  });

  it("numbers the elements of a JSON list", async () => {
    const json = await file(
      "list.json",
      JSON.stringify([{ ticker: "AAPL" }, { website: "https://acme.example" }]),
    );
    const rows = await readCompanyList(json);
    expect(() => validateCompanies(json, rows, { skipInvalid: false })).toThrow(
      /element 2: a company needs a ticker, a CIK or a name/,
    );
  });

  it("writes a list that reads back the same", async () => {
    const companies = [{ ticker: "AAPL" }, { name: 'Acme, "the" Co', website: "https://acme.example/" }];
    const csv = await file("round-trip.csv", toCompanyCsv(companies));
    const rows = await readCompanyList(csv);
    expect(validateCompanies(csv, rows, { skipInvalid: false }).map((row) => row.company)).toEqual(companies);
  });
});
