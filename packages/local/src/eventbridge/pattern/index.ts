export { type CompiledPattern, compilePattern, MAX_ALTERNATIVES } from "./compile";
export { withDottedKeysExpanded } from "./dotted-paths";
export { InvalidEventError, InvalidEventPatternError } from "./errors";
export {
  matchEvent,
  REQUIRED_TEST_EVENT_FIELDS,
  testEventPattern,
  validateTestEvent,
} from "./test-event-pattern";
