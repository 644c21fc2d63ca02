/** A leadership change an invented 8-K reports. */
export interface DemoLeadershipChange {
  person: string;
  change: "appointed" | "departed";
  role: string;
}

const compact = (day: string) => day.replaceAll("-", "");

function sentence(company: string, day: string, change: DemoLeadershipChange): string {
  const when = new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", {
    month: "long",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });
  return change.change === "appointed"
    ? `On ${when}, the Board of Directors of ${company} appointed ${change.person} as ${change.role}, effective immediately.`
    : `On ${when}, ${change.person} notified ${company} of the decision to resign as ${change.role}, effective immediately.`;
}

/**
 * An 8-K reporting Item 5.02 as EDGAR serves the full submission text: the SEC header (accession,
 * items, filing date, filer) and the primary document in HTML.
 */
export function renderEightK(filing: {
  cik: number;
  companyName: string;
  accessionNumber: string;
  day: string;
  changes: readonly DemoLeadershipChange[];
}): string {
  const { cik, companyName, accessionNumber, day } = filing;
  const paragraphs = filing.changes
    .map((change) => `<p>${sentence(companyName, day, change)}</p>`)
    .join("\n");
  return `<SEC-DOCUMENT>${accessionNumber}.txt : ${compact(day)}
<SEC-HEADER>${accessionNumber}.hdr.sgml : ${compact(day)}
ACCESSION NUMBER:		${accessionNumber}
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		1
CONFORMED PERIOD OF REPORT:	${compact(day)}
ITEM INFORMATION:		Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers
FILED AS OF DATE:		${compact(day)}

FILER:

	COMPANY DATA:	
		COMPANY CONFORMED NAME:			${companyName}
		CENTRAL INDEX KEY:			${String(cik).padStart(10, "0")}
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>form8-k.htm
<TEXT>
<html><body>
<p>Item 5.02 Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers.</p>
${paragraphs}
<p>SIGNATURES</p>
</body></html>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
`;
}
