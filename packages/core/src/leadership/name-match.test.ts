import { describe, expect, it } from "vitest";
import { nameMatchScore, sameperson } from "./name-match";

describe("sameperson", () => {
  it.each([
    ["Jen-Hsun (Jensen) Huang", "Jensen Huang"],
    ["Jen-Hsun Huang", "Jensen Huang"],
    ['William "Bill" Gates', "Bill Gates"],
    ["Peter J. Millones, Jr.", "Peter Millones"],
    ["Peter J. Millones Jr.", "PETER J. MILLONES"],
    ["Glenn D. Fogel", "Glenn Fogel"],
    ["Robert J. Mylod Jr.", "Bob Mylod"],
    ["Dr. Mirian M. Graddick-Weir, Ph.D", "Mirian Graddick-Weir"],
    ["José Álvarez", "Jose Alvarez"],
    ["Jim Smith", "James Smith"],
    ["Mike Rowe", "Michael Rowe"],
    ["Liz Warren", "Elizabeth Warren"],
    ["Tom Rothman", "Thomas E. Rothman"],
    ["J. Smith", "John Smith"],
    ["Smith, Jane A.", "Jane Smith"],
    ["Jen Lee", "Jennifer Lee"],
  ])("matches %s with %s", (a, b) => {
    expect(sameperson(a, b)).toBe(true);
    expect(sameperson(b, a)).toBe(true);
  });

  it.each([
    ["Jane Smith", "John Smith"],
    ["Jane Smith", "Jane Smyth"],
    ["John A. Smith", "John B. Smith"],
    ["Bill Gates", "Robert Gates"],
    ["Glenn Fogel", "Kelly Grier"],
  ])("tells %s from %s", (a, b) => {
    expect(sameperson(a, b)).toBe(false);
  });

  it("scores an exact match above a nickname match above an initial match", () => {
    const exact = nameMatchScore("Jane Doe", "jane doe");
    const nickname = nameMatchScore("Bill Doe", "William Doe");
    const initial = nameMatchScore("J. Doe", "Jane Doe");
    expect(exact).toBe(1);
    expect(nickname).toBeLessThan(exact);
    expect(initial).toBeLessThan(nickname);
  });
});
