import { BatchCompleted, BatchRequested } from "./batch";
import { CircuitClosed, CircuitOpened } from "./circuit";
import { ExtractionFailed } from "./extraction-failed";
import { ExtractionPartCompleted } from "./extraction-part-completed";
import { ExtractionRequested } from "./extraction-requested";
import { LeadershipChangeFiled } from "./leadership-change-filed";
import { ProfileChanged } from "./profile-changed";
import { ProfileCompleted, ProfileIncomplete } from "./profile-terminal";
import { ProfileUpdated } from "./profile-updated";

export { BatchCompleted, BatchRequested } from "./batch";
export { CircuitClosed, CircuitOpened } from "./circuit";
export { ExtractionFailed, FailureCode } from "./extraction-failed";
export { ExtractionPartCompleted, PartStatus } from "./extraction-part-completed";
export { ExtractionRequested } from "./extraction-requested";
export { LeadershipChange, LeadershipChangeFiled } from "./leadership-change-filed";
export { ProfileChange, ProfileChanged } from "./profile-changed";
export { ProfileCompleted, ProfileIncomplete } from "./profile-terminal";
export { ProfileUpdated } from "./profile-updated";

/** Every event of the contract, keyed by detail-type. */
export const Catalogue = {
  [ExtractionRequested.detailType]: ExtractionRequested,
  [ExtractionPartCompleted.detailType]: ExtractionPartCompleted,
  [ProfileUpdated.detailType]: ProfileUpdated,
  [ProfileChanged.detailType]: ProfileChanged,
  [ProfileCompleted.detailType]: ProfileCompleted,
  [ProfileIncomplete.detailType]: ProfileIncomplete,
  [ExtractionFailed.detailType]: ExtractionFailed,
  [BatchRequested.detailType]: BatchRequested,
  [BatchCompleted.detailType]: BatchCompleted,
  [CircuitOpened.detailType]: CircuitOpened,
  [CircuitClosed.detailType]: CircuitClosed,
  [LeadershipChangeFiled.detailType]: LeadershipChangeFiled,
} as const;
export type DetailType = keyof typeof Catalogue;

/** The events that end a run; every run ends in exactly one of them. */
export const TerminalEvents = [ProfileCompleted, ProfileIncomplete, ExtractionFailed] as const;
export const TerminalDetailTypes = TerminalEvents.map((definition) => definition.detailType) as [
  (typeof TerminalEvents)[number]["detailType"],
  ...(typeof TerminalEvents)[number]["detailType"][],
];

/**
 * The CloudWatch metric a terminal outcome is counted under: its detail-type without the dot
 * (`Profile.Completed` → `ProfileCompleted`). Handlers emit it and the stacks' alarms read it.
 */
export function terminalMetricName(detailType: string): string {
  return detailType.replace(".", "");
}
