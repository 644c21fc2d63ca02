/**
 * `source` values dossier publishes with. Other systems publish requests with their own
 * source; the rules that start work therefore select on detail-type, not on source.
 */
export const Sources = {
  requests: "dossier.requests",
  sec: "dossier.sec",
  leadership: "dossier.leadership",
  merge: "dossier.merge",
  ledger: "dossier.ledger",
  batch: "dossier.batch",
  scheduler: "dossier.scheduler",
  resilience: "dossier.resilience",
} as const;
export type Source = (typeof Sources)[keyof typeof Sources];
