import type { LeadershipPerson } from "./schema";

/**
 * Weights of the leadership part's completeness score (sum 100). A part that reached the site and found a
 * leadership page with a CEO and a CFO scores 85; the board and fully titled executives add the rest.
 */
export const COMPLETENESS_WEIGHTS = {
  homepage: 10,
  leadershipPage: 20,
  executives: 20,
  ceo: 20,
  cfo: 15,
  titles: 5,
  board: 10,
} as const;
export type CompletenessItem = keyof typeof COMPLETENESS_WEIGHTS;

const TOP_ROLES = new Set(["CEO", "President", "Managing Director"]);

/** Below this confidence a person is reported as uncertain, not as part of the team, and counts for nothing. */
export const CONFIDENCE_THRESHOLD = 0.5;

/**
 * Scores what the leadership part found with confidence and names what is missing. It counts what
 * a company can be expected to publish: many sites show no board at all, so the board counts
 * when the site lists one and is not held against a site that does not (the score is then out of
 * the other items' weights).
 */
export function leadershipCompleteness(
  reachedHomepage: boolean,
  found: readonly LeadershipPerson[],
): { completeness: number; missing: CompletenessItem[] } {
  const people = found.filter((person) => person.confidence >= CONFIDENCE_THRESHOLD);
  const executives = people.filter((p) => p.category === "executive");
  const present: Record<CompletenessItem, boolean> = {
    homepage: reachedHomepage,
    leadershipPage: people.length > 0,
    executives: executives.length > 0,
    ceo: executives.some((p) => p.roles.some((r) => TOP_ROLES.has(r))),
    cfo: executives.some((p) => p.roles.includes("CFO")),
    titles: executives.length > 0 && executives.every((p) => p.roles.length > 0),
    board: people.some((p) => p.category === "board"),
  };
  const expected = (Object.keys(COMPLETENESS_WEIGHTS) as CompletenessItem[]).filter(
    (item) => item !== "board" || present.board,
  );
  const possible = expected.reduce((sum, item) => sum + COMPLETENESS_WEIGHTS[item], 0);
  const scored = expected.reduce((sum, item) => sum + (present[item] ? COMPLETENESS_WEIGHTS[item] : 0), 0);
  return {
    completeness: Math.round((scored / possible) * 1000) / 10,
    missing: expected.filter((item) => !present[item]),
  };
}
