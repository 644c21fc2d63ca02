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
  /** What SEC's filings say between profiles (a watchlist refresh reading its 8-Ks). */
  filings: "dossier.filings",
} as const;
export type Source = (typeof Sources)[keyof typeof Sources];

/**
 * The sources only dossier itself publishes with: parts, merges, the ledger, batches, schedules
 * and circuits. The rules that consume internal detail-types match on them, and on AWS the bus
 * policy denies `events:PutEvents` with these sources to anyone but dossier's own roles, so no
 * other publisher can forge a part or a terminal event. `dossier.requests` stays open: requesters
 * such as the CLI use it.
 */
export const InternalSources: readonly Source[] = [
  Sources.sec,
  Sources.leadership,
  Sources.merge,
  Sources.ledger,
  Sources.batch,
  Sources.scheduler,
  Sources.resilience,
  Sources.filings,
];

export function isInternalSource(source: string): boolean {
  return (InternalSources as readonly string[]).includes(source);
}
