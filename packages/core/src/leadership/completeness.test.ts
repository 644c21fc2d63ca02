import { describe, expect, it } from "vitest";
import { leadershipCompleteness } from "./completeness";
import type { LeadershipPerson } from "./schema";

function person(overrides: Partial<LeadershipPerson>): LeadershipPerson {
  return {
    name: "Ada Example",
    title: "Chief Executive Officer",
    roles: ["CEO"],
    category: "executive",
    confidence: 0.9,
    method: "structure",
    ...overrides,
  } as LeadershipPerson;
}

describe("leadership completeness", () => {
  const team = [
    person({}),
    person({ name: "Ben Example", title: "Chief Financial Officer", roles: ["CFO"] }),
  ];

  it("does not hold a missing board against a site that shows none", () => {
    expect(leadershipCompleteness(true, team)).toEqual({ completeness: 100, missing: [] });
  });

  it("counts the board when the site lists one", () => {
    const withBoard = [
      ...team,
      person({ name: "Cy Example", title: "Director", roles: [], category: "board" }),
    ];
    expect(leadershipCompleteness(true, withBoard)).toEqual({ completeness: 100, missing: [] });
  });

  it("counts only people found with confidence", () => {
    const unsure = team.map((member) => ({ ...member, confidence: 0.3 }));
    expect(leadershipCompleteness(true, unsure)).toEqual({
      completeness: 11.1,
      missing: ["leadershipPage", "executives", "ceo", "cfo", "titles"],
    });
  });
});
