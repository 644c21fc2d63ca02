export { type DailyIndexEntry, DailyIndexFormatError, parseDailyIndex } from "./daily-index";
export { type EightKReading, EightKTooLargeError, readEightK } from "./eight-k";
export { EightKChangesAnswer, EightKToolName, readLeadershipChangesWithModel } from "./eight-k-model";
