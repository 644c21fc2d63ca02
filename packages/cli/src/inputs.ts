import { readFile } from "node:fs/promises";
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

/** Splits one CSV line, honouring double-quoted fields with "" escapes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        current += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(current);
      current = "";
    } else current += char;
  }
  fields.push(current);
  return fields.map((field) => field.trim());
}

const companyColumns = new Set(["ticker", "cik", "name", "website"]);

/**
 * Reads a company list: a JSON array of `{ticker?, cik?, name?, website?}`, or a CSV whose
 * header names some of those columns. Empty cells are left out.
 */
export async function readCompanyList(file: string): Promise<Record<string, string>[]> {
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
    return parsed as Record<string, string>[];
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "" && !line.startsWith("#"));
  const header = splitCsvLine(lines[0] ?? "").map((column) => column.toLowerCase());
  const unknown = header.filter((column) => !companyColumns.has(column));
  if (header.length === 0 || unknown.length > 0) {
    throw new CliError(
      `${file}: the CSV header must name columns among ticker, cik, name, website${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}`,
    );
  }
  return lines.slice(1).map((line, row) => {
    const cells = splitCsvLine(line);
    if (cells.length > header.length)
      throw new CliError(`${file}: line ${row + 2} has more cells than the header`);
    return Object.fromEntries(
      header.flatMap((column, index) => (cells[index] ? [[column, cells[index]]] : [])),
    ) as Record<string, string>;
  });
}
