/** A filing as EDGAR's daily form index lists it. */
export interface IndexedDemoFiling {
  form: string;
  companyName: string;
  cik: number;
  /** YYYY-MM-DD. */
  day: string;
  accessionNumber: string;
}

/** Where EDGAR keeps a filing's full submission text, as the index names it. */
export function submissionTextPath(cik: number, accessionNumber: string): string {
  return `edgar/data/${cik}/${accessionNumber}.txt`;
}

const pad = (text: string, width: number) => (text.length >= width ? `${text} ` : text.padEnd(width));

/**
 * The day's form index in EDGAR's fixed-width layout (`form.YYYYMMDD.idx`): a header, the column
 * names, a rule of dashes, then one row per filing sorted by form type and company.
 */
export function renderDailyFormIndex(day: string, filings: readonly IndexedDemoFiling[]): string {
  const received = new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", {
    month: "short",
    day: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  });
  const rows = [...filings]
    .sort((a, b) => a.form.localeCompare(b.form) || a.companyName.localeCompare(b.companyName))
    .map(
      (filing) =>
        `${pad(filing.form, 12)}${pad(filing.companyName, 62)}${pad(String(filing.cik), 12)}${pad(day.replaceAll("-", ""), 12)}${submissionTextPath(filing.cik, filing.accessionNumber)}`,
    );
  return [
    "Description:           Daily Index of EDGAR Dissemination Feed by Form Type",
    `Last Data Received:    ${received}`,
    "Comments:              webmaster@sec.gov",
    "Anonymous FTP:         ftp://ftp.sec.gov/edgar/",
    " ",
    " ",
    " ",
    " ",
    `${pad("Form Type", 12)}${pad("Company Name", 62)}${pad("CIK", 12)}${pad("Date Filed", 12)}File Name`,
    "-".repeat(141),
    ...rows,
    "",
  ].join("\n");
}
