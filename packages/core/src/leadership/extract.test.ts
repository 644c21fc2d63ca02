import { describe, expect, it } from "vitest";
import { extractPeople } from "./extract";
import { joinTitleLines } from "./titles";

const URL = "https://www.example-industries.com/about/leadership";
const people = (body: string, title = "Example Industries, Inc. | Leadership") =>
  extractPeople(`<html><head><title>${title}</title></head><body>${body}</body></html>`, URL).map((p) => [
    p.category,
    p.name,
    p.title,
  ]);

describe("extractPeople on real page layouts", () => {
  it("keeps board members with outside employers on the board and counts an inside director as an executive too", () => {
    expect(
      people(`
        <h2>Board of Directors</h2>
        <div><h3>Mara Voss</h3><p>President, Representative Director, and Chief Executive Officer</p></div>
        <div><h3>Leon Ortiz</h3><p>Chief Executive Officer, Brightline Software</p></div>
        <div><h3>Ines Kowal</h3><p>Experienced Technology Executive</p></div>
        <div><h3>Paul Brandt</h3><p>Non-Executive Chairman</p></div>`),
    ).toEqual([
      ["board", "Mara Voss", "President, Representative Director, and Chief Executive Officer"],
      ["executive", "Mara Voss", "President, Representative Director, and Chief Executive Officer"],
      ["board", "Leon Ortiz", "Chief Executive Officer, Brightline Software"],
      ["board", "Paul Brandt", "Non-Executive Chairman"],
    ]);
  });

  it("reads credentials after a name apart from the title, and a title over several lines as one", () => {
    expect(
      people(`
        <h2>Executive Team</h2>
        <p>Janet R. Olsen, CPA, FLMI<br>Senior Vice President<br>Corporate Finance</p>
        <div><h3>Samuel Drake</h3><p>Chairman, President and<br>Chief Executive Officer<br>Example Industries, Inc.</p></div>
        <h3>Group Division</h3>
        <p>Rita Mendes, LLIF<br>President<br>Group Division</p>`),
    ).toEqual([
      ["executive", "Janet R. Olsen, CPA", "Senior Vice President, Corporate Finance"],
      ["executive", "Samuel Drake", "Chairman, President and Chief Executive Officer"],
      ["executive", "Rita Mendes", "President, Group Division"],
    ]);
  });

  it("lists the leaders under another company's name as that company's", () => {
    expect(
      people(`
        <h2>Leadership</h2>
        <div><h3>Omar Haddad</h3><p>Chief Financial Officer</p></div>
        <h3>Northwind Capital, Inc.</h3>
        <div><h3>Lena Fischer</h3><p>President and Chief Executive Officer</p></div>`),
    ).toEqual([
      ["executive", "Omar Haddad", "Chief Financial Officer"],
      ["subsidiary", "Lena Fischer", "President and Chief Executive Officer"],
    ]);
  });
});

describe("joinTitleLines", () => {
  it.each([
    ["Chairman, President and | Chief Executive Officer", "Chairman, President and Chief Executive Officer"],
    ["Senior Vice President | Individual Operations", "Senior Vice President, Individual Operations"],
    [
      "Executive Vice President | Engineering & Construction and | Integrated Supply Chain",
      "Executive Vice President, Engineering & Construction and Integrated Supply Chain",
    ],
  ])("%s → %s", (lines, title) => expect(joinTitleLines(lines)).toBe(title));
});
