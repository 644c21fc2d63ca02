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

/** Scores what the leadership part found and names what is missing. */
export function leadershipCompleteness(
  reachedHomepage: boolean,
  people: readonly LeadershipPerson[],
): { completeness: number; missing: CompletenessItem[] } {
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
  const items = Object.keys(COMPLETENESS_WEIGHTS) as CompletenessItem[];
  return {
    completeness: items.reduce((sum, item) => sum + (present[item] ? COMPLETENESS_WEIGHTS[item] : 0), 0),
    missing: items.filter((item) => !present[item]),
  };
}
