export { type DailyIndexEntry, DailyIndexFormatError, parseDailyIndex } from "./daily-index";
export { type EightKReading, EightKTooLargeError, readEightK } from "./eight-k";
