/** One row of an EDGAR daily index (`form.YYYYMMDD.idx` or `company.YYYYMMDD.idx`). */
export interface DailyIndexEntry {
  form: string;
  companyName: string;
  /** Ten digits. */
  cik: string;
  /** YYYY-MM-DD. */
  dateFiled: string;
  /** `edgar/data/<cik>/<accession>.txt`: the full submission. */
  fileName: string;
  accessionNumber: string;
}

/** The text is not an EDGAR daily index, or a row of it cannot be read. */
export class DailyIndexFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DailyIndexFormatError";
  }
}

const rowTail =
  /\s+(\d{1,10})\s+(\d{8}|\d{4}-\d{2}-\d{2})\s+(edgar\/data\/\d+\/(\d{10}-\d{2}-\d{6})\.txt)\s*$/;

/**
 * Reads a daily index. The right end of a row is always `CIK  date  file name`; what precedes it
 * is the form type and the company name, in the order the header names them, split at the column
 * where the header puts the second one (company names hold runs of spaces and digits, so splitting
 * on whitespace would not do).
 */
export function parseDailyIndex(text: string): DailyIndexEntry[] {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((line) => /^(Form Type|Company Name)\s{2,}/.test(line));
  // The column names may wrap onto a second line (company.idx does); the rule of dashes follows them.
  const ruleAt = lines.findIndex(
    (line, index) => index > headerAt && index <= headerAt + 3 && /^-{20,}\s*$/.test(line),
  );
  if (headerAt < 0 || ruleAt < 0)
    throw new DailyIndexFormatError(
      "not an EDGAR daily index: no column header followed by a rule of dashes",
    );
  const header = lines[headerAt] ?? "";
  const formFirst = header.startsWith("Form Type");
  const secondColumn = header.indexOf(formFirst ? "Company Name" : "Form Type");
  const entries: DailyIndexEntry[] = [];
  for (let index = ruleAt + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    if (line.trim() === "") continue;
    const tail = rowTail.exec(line);
    if (!tail || tail.index < secondColumn)
      throw new DailyIndexFormatError(
        `line ${index + 1} is not a daily index row: ${JSON.stringify(line.slice(0, 120))}`,
      );
    const first = line.slice(0, secondColumn).trim();
    const second = line.slice(secondColumn, tail.index).trim();
    const date = (tail[2] ?? "").replace(/^(\d{4})(\d{2})(\d{2})$/, "$1-$2-$3");
    entries.push({
      form: formFirst ? first : second,
      companyName: formFirst ? second : first,
      cik: (tail[1] ?? "").padStart(10, "0"),
      dateFiled: date,
      fileName: tail[3] ?? "",
      accessionNumber: tail[4] ?? "",
    });
  }
  return entries;
}
