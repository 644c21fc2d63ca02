import { readFile } from "node:fs/promises";
import { CompanyRequest } from "@dossier/events";
import { CliError } from "./exit-codes";

/** Reads a `<json|@file>` argument: inline JSON, or the JSON in a file when it starts with '@'. */
export async function readJsonArgument(value: string | undefined, what: string): Promise<unknown> {
  if (value === undefined) throw new CliError(`--${what} is required (inline JSON or @file)`);
  let text = value;
  if (value.startsWith("@")) {
    try {
      text = await readFile(value.slice(1), "utf8");
    } catch (error) {
      throw new CliError(`cannot read --${what} file ${value.slice(1)}: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/** One record of a CSV file with the line it starts on. */
interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Parses CSV text (RFC 4180: double-quoted fields may hold commas, "" and line breaks). Blank lines
 * and lines starting with '#' are skipped. A quote that is never closed is an error naming its line.
 */
function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let current = "";
  let quotedFrom: number | undefined;
  let line = 1;
  let recordLine = 1;
  let atRecordStart = true;
  const endRecord = () => {
    cells.push(current);
    const blank = cells.length === 1 && cells[0]?.trim() === "";
    if (!blank) records.push({ line: recordLine, cells: cells.map((cell) => cell.trim()) });
    cells = [];
    current = "";
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (atRecordStart) {
      atRecordStart = false;
      recordLine = line;
      if (char === "#") {
        // A comment line: skip to its end.
        while (index < text.length && text[index] !== "\n") index += 1;
        line += 1;
        atRecordStart = true;
        continue;
      }
    }
    if (quotedFrom !== undefined) {
      if (char === '"' && text[index + 1] === '"') {
        current += '"';
        index += 1;
      } else if (char === '"') quotedFrom = undefined;
      else {
        if (char === "\n") line += 1;
        current += char;
      }
    } else if (char === '"') quotedFrom = line;
    else if (char === ",") {
      cells.push(current);
      current = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index += 1;
      endRecord();
      line += 1;
      atRecordStart = true;
    } else current += char;
  }
  if (quotedFrom !== undefined) {
    throw new CliError(`${file}: line ${quotedFrom} opens a quoted field that is never closed (a missing ")`);
  }
  if (!atRecordStart) endRecord();
  return records;
}

const companyColumns = new Set(["ticker", "cik", "name", "website"]);

/** One company of an input file, with where it is: "line 7" of a CSV, "element 3" of a JSON array. */
export interface CompanyRow {
  where: string;
  values: Record<string, unknown>;
}

/**
 * Reads a company list: a JSON array of `{ticker?, cik?, name?, website?}`, or a CSV whose
 * header names some of those columns. Empty cells are left out.
 */
export async function readCompanyList(file: string): Promise<CompanyRow[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (file.endsWith(".json") || text.trimStart().startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new CliError(`${file} must hold a JSON array of companies`);
    return parsed.map((values, index) => ({
      where: `element ${index + 1}`,
      values: values as Record<string, unknown>,
    }));
  }
  const [header, ...records] = parseCsv(text, file);
  const columns = (header?.cells ?? []).map((column) => column.toLowerCase());
  const unknown = columns.filter((column) => !companyColumns.has(column));
  if (columns.length === 0 || unknown.length > 0) {
    throw new CliError(
      `${file}: the CSV header must name columns among ticker, cik, name, website${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}`,
    );
  }
  return records.map(({ line, cells }) => ({
    where: `line ${line}`,
    values: Object.fromEntries([
      ...columns.flatMap((column, index) => (cells[index] ? [[column, cells[index]]] : [])),
      // Kept so validation can say the line has too many cells.
      ...(cells.length > columns.length ? [["__extraCells", cells.length - columns.length]] : []),
    ]),
  }));
}

/** A company of the input that can be requested, with where it was in the file. */
export interface ValidCompany {
  where: string;
  company: CompanyRequest;
}

/**
 * Checks every row; each bad one is reported with its line and what is wrong. Unless
 * `skipInvalid`, any bad row stops the command before anything runs (exit 2), listing all of
 * them; with it, the bad rows are reported on stderr and the good ones returned.
 */
export function validateCompanies(
  file: string,
  rows: CompanyRow[],
  options: { skipInvalid: boolean },
): ValidCompany[] {
  const valid: ValidCompany[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    const { __extraCells: extra, ...values } = row.values;
    const parsed = CompanyRequest.safeParse(values);
    const issues = [
      ...(typeof extra === "number" ? [`${extra} more cell(s) than the header has columns`] : []),
      ...(parsed.success
        ? []
        : parsed.error.issues.map(
            (issue) => `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`,
          )),
    ];
    if (issues.length > 0 || !parsed.success) problems.push(`  ${row.where}: ${issues.join("; ")}`);
    else valid.push({ where: row.where, company: parsed.data });
  }
  if (problems.length > 0) {
    const summary = `${file}: ${problems.length} of ${rows.length} companies are not valid:\n${problems.join("\n")}`;
    if (!options.skipInvalid)
      throw new CliError(`${summary}\nfix them, or run the good ones with --skip-invalid`);
    process.stderr.write(`${summary}\nskipped; running the other ${valid.length}\n`);
  }
  return valid;
}

const csvCell = (value: string | undefined) =>
  value === undefined ? "" : /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** A company list as CSV with the columns `readCompanyList` reads. */
export function toCompanyCsv(companies: CompanyRequest[]): string {
  const columns = ["ticker", "cik", "name", "website"] as const;
  const lines = companies.map((company) => columns.map((column) => csvCell(company[column])).join(","));
  return `${columns.join(",")}\n${lines.join("\n")}\n`;
}
