import { describe, expect, it } from "vitest";
import { DailyIndexFormatError, parseDailyIndex } from "./daily-index";

const formIndex = `Description:           Daily Index of EDGAR Dissemination Feed by Form Type
Last Data Received:    Dec 04, 2026
Comments:              webmaster@sec.gov
Anonymous FTP:         ftp://ftp.sec.gov/edgar/
 
Form Type   Company Name                                                  CIK         Date Filed  File Name
---------------------------------------------------------------------------------------------------------------------------------------------
10-Q        Acme Widgets Inc                                              9900001     20261204    edgar/data/9900001/0009900001-26-000010.txt         
8-K         Route 66  Holdings 2  LLC                                     9900002     20261204    edgar/data/9900002/0009900002-26-000003.txt
`;

const companyIndex = `Description:           Daily Index of EDGAR Dissemination Feed by Company Name
 
Company Name                                                  Form Type   CIK
      Date Filed  File Name
-------------------------------------------------------------------------------------------------------------------------------------------------
Acme Widgets Inc                                              8-K/A       9900001     2026-12-04  edgar/data/9900001/0009900001-26-000011.txt
`;

describe("EDGAR's daily index", () => {
  it("reads a form index, company names with runs of spaces and digits included", () => {
    expect(parseDailyIndex(formIndex)).toEqual([
      {
        form: "10-Q",
        companyName: "Acme Widgets Inc",
        cik: "0009900001",
        dateFiled: "2026-12-04",
        fileName: "edgar/data/9900001/0009900001-26-000010.txt",
        accessionNumber: "0009900001-26-000010",
      },
      {
        form: "8-K",
        companyName: "Route 66  Holdings 2  LLC",
        cik: "0009900002",
        dateFiled: "2026-12-04",
        fileName: "edgar/data/9900002/0009900002-26-000003.txt",
        accessionNumber: "0009900002-26-000003",
      },
    ]);
  });

  it("reads a company index, whose column names wrap onto a second line", () => {
    expect(parseDailyIndex(companyIndex)).toEqual([
      expect.objectContaining({ form: "8-K/A", companyName: "Acme Widgets Inc", cik: "0009900001" }),
    ]);
  });

  it("says which line is not a row, and refuses what is not an index", () => {
    expect(() => parseDailyIndex(`${formIndex}this line is not a row\n`)).toThrow(
      /line 10 is not a daily index row/,
    );
    expect(() => parseDailyIndex("<html>Page Not Found</html>")).toThrow(DailyIndexFormatError);
  });
});
