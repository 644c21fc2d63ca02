export {
  type AddressPolicy,
  type AddressPolicyOptions,
  blockedReason,
  createAddressPolicy,
} from "./address-policy";
export { charsetFromContentType, decodeBody } from "./charset";
export * from "./errors";
export { createPoliteness, systemTimer, type Timer } from "./politeness";
export { parseRobots, type RobotsRules } from "./robots";
export {
  createSafeFetcher,
  DEFAULT_CONTENT_TYPES,
  type FetchedPage,
  type Lookup,
  type PageFetcher,
  type SafeFetcherOptions,
} from "./safe-fetch";
