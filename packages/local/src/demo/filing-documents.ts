import type { DemoFiling } from "./filings";
import { escapeHtml, longDate } from "./html";
import type { DemoCompany, DemoExecutive, DemoSecProfile } from "./types";

const page = (title: string, body: string): string =>
  `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;

/** Officers as of an annual report: those appointed by then, with their age in that year. */
function officersAt(
  company: DemoCompany,
  sec: DemoSecProfile,
  fy: number,
): (DemoExecutive & { ageThen: number })[] {
  const latestFy = sec.years[sec.years.length - 1]?.fy ?? fy;
  return company.executives
    .filter((officer) => officer.officerSince <= fy)
    .map((officer) => ({ ...officer, ageThen: officer.age - (latestFy - fy) }));
}

function executiveOfficersSection(company: DemoCompany, sec: DemoSecProfile, filing: DemoFiling): string {
  const officers = officersAt(company, sec, filing.fy);
  const asOf = longDate(filing.filingDate);
  const cell = (text: string | number, bold = false): string =>
    `<td style="padding:2px 6px">${bold ? `<b>${escapeHtml(String(text))}</b>` : escapeHtml(String(text))}</td>`;
  switch (sec.filingLayout) {
    case "table":
      return [
        `<p><b>Information about our Executive Officers</b></p>`,
        `<p>The following table sets forth information regarding our executive officers as of ${asOf}:</p>`,
        `<table><tr>${cell("Name", true)}${cell("Age", true)}${cell("Position", true)}</tr>`,
        ...officers.map((o) => `<tr>${cell(o.name)}${cell(o.ageThen)}${cell(o.title)}</tr>`),
        `</table>`,
        ...officers.map(
          (o) =>
            `<p><i>${escapeHtml(o.name)}</i> has served as our ${escapeHtml(o.title)} since ${o.officerSince}.</p>`,
        ),
      ].join("\n");
    case "inline":
      return [
        `<p><b>Information About Our Executive Officers (at ${asOf}):</b></p>`,
        `<table><tr>${cell("")}${cell("Age", true)}${cell("Officer since", true)}</tr>`,
        ...officers.map(
          (o) => `<tr>${cell(`${o.name}, ${o.title}`)}${cell(o.ageThen)}${cell(o.officerSince)}</tr>`,
        ),
        `</table>`,
        `<p>All executive officers are elected by the Board of Directors annually.</p>`,
      ].join("\n");
    case "paragraphs":
      return [
        `<p><b>EXECUTIVE OFFICERS OF THE REGISTRANT</b></p>`,
        ...officers.map(
          (o) =>
            `<p><b>${escapeHtml(o.name)}</b>, ${o.ageThen}, has served as ${escapeHtml(o.title)} since ${o.officerSince}.</p>`,
        ),
      ].join("\n");
    case "item-6":
      return [
        `<p><b>Item 6. Directors, Senior Management and Employees</b></p>`,
        `<p><b>A. Directors and Senior Management</b></p>`,
        `<p>Management Board. The following table lists the members of our Management Board as of ${asOf}:</p>`,
        `<table><tr>${cell("Name", true)}${cell("Age", true)}${cell("Position", true)}${cell("Member since", true)}</tr>`,
        ...officers.map(
          (o) => `<tr>${cell(o.name)}${cell(o.ageThen)}${cell(o.title)}${cell(o.officerSince)}</tr>`,
        ),
        `</table>`,
        `<p>Supervisory Board. The members of our Supervisory Board are:</p>`,
        `<table><tr>${cell("Name", true)}</tr>`,
        ...(company.site?.board ?? []).map((director) => `<tr>${cell(director.name)}</tr>`),
        `</table>`,
      ].join("\n");
    case "proxy-deferred":
      return "";
  }
}

function annualReport(company: DemoCompany, sec: DemoSecProfile, filing: DemoFiling): string {
  const proxyYear = filing.fy + 1;
  const partThree =
    sec.filingLayout === "proxy-deferred"
      ? `The information required by this Item, including information about our executive officers, is incorporated herein by reference to the sections entitled "Executive Officers" and "Election of Directors" in our definitive Proxy Statement for the ${proxyYear} Annual Meeting of Stockholders.`
      : `The information required by this Item with respect to directors is incorporated by reference to our Proxy Statement for the ${proxyYear} Annual Meeting of Stockholders. Information about our executive officers is set forth in Part I of this report.`;
  const foreign = sec.annualForm === "20-F";
  const officers = executiveOfficersSection(company, sec, filing);
  const business = `${escapeHtml(company.name)} operates in ${escapeHtml(company.industry.toLowerCase())}.`;
  const risk = "Our results may fluctuate from period to period.";
  return page(
    `${sec.tickers[0]?.toLowerCase() ?? sec.cik}-${filing.reportDate.replaceAll("-", "")}`,
    [
      `<div style="text-align:center"><p><b>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</b><br>Washington, D.C. 20549</p>`,
      `<p><b>FORM ${filing.form}</b></p>`,
      `<p>ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934</p>`,
      `<p>For the fiscal year ended ${longDate(filing.reportDate)}</p>`,
      `<p><b>${escapeHtml(company.name.toUpperCase())}</b><br>(Exact name of registrant as specified in its charter)</p></div>`,
      `<p>${escapeHtml(sec.address.street1)}, ${escapeHtml(sec.address.city)} · ${escapeHtml(sec.phone)}</p>`,
      `<p><b>PART I</b></p>`,
      ...(foreign
        ? [
            `<p><b>Item 3. Key Information</b></p><p><b>D. Risk Factors</b></p><p>${risk}</p>`,
            `<p><b>Item 4. Information on the Company</b></p><p>${business}</p>`,
            officers,
          ]
        : [
            `<p><b>Item 1. Business</b></p><p>${business}</p>`,
            officers,
            `<p><b>Item 1A. Risk Factors</b></p><p>${risk}</p>`,
            `<p><b>PART III</b></p><p><b>Item 10. Directors, Executive Officers and Corporate Governance</b></p><p>${partThree}</p>`,
          ]),
    ].join("\n"),
  );
}

function proxyStatement(company: DemoCompany, sec: DemoSecProfile, filing: DemoFiling): string {
  const officers = officersAt(company, sec, filing.fy);
  return page(
    `${company.name} Proxy Statement`,
    [
      `<p><b>SCHEDULE 14A</b> Proxy Statement Pursuant to Section 14(a) of the Securities Exchange Act of 1934</p>`,
      `<p><b>${escapeHtml(company.name)}</b> — Notice of ${filing.fy + 1} Annual Meeting of Stockholders</p>`,
      `<p><b>Executive Officers</b></p>`,
      `<table><tr><td><b>Name</b></td><td><b>Age</b></td><td><b>Position</b></td></tr>`,
      ...officers.map(
        (o) => `<tr><td>${escapeHtml(o.name)}</td><td>${o.ageThen}</td><td>${escapeHtml(o.title)}</td></tr>`,
      ),
      `</table>`,
    ].join("\n"),
  );
}

/**
 * Renders the primary document of a filing: annual reports carry the executive officers
 * (or defer them to the proxy), proxy statements list them, other forms are short stand-ins.
 */
export function renderFilingDocument(company: DemoCompany, filing: DemoFiling): string {
  const sec = company.sec;
  if (!sec) throw new TypeError(`${company.name} has no SEC profile`);
  switch (filing.form) {
    case "10-K":
    case "20-F":
      return annualReport(company, sec, filing);
    case "DEF 14A":
      return proxyStatement(company, sec, filing);
    case "4":
      return `<?xml version="1.0"?>\n<ownershipDocument><issuer><issuerCik>${String(sec.cik).padStart(10, "0")}</issuerCik><issuerName>${escapeHtml(company.name)}</issuerName><issuerTradingSymbol>${sec.tickers[0] ?? ""}</issuerTradingSymbol></issuer><periodOfReport>${filing.reportDate}</periodOfReport></ownershipDocument>\n`;
    default:
      return page(
        `${company.name} ${filing.form}`,
        `<p><b>FORM ${filing.form}</b></p><p>${escapeHtml(company.name)} — report for the period ended ${longDate(filing.reportDate)}.</p>`,
      );
  }
}
