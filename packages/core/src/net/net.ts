export {
  type AddressPolicy,
  type AddressPolicyOptions,
  blockedReason,
  createAddressPolicy,
} from "./address-policy";
export { charsetFromContentType, decodeBody } from "./charset";
export { AcceptedEncodings } from "./content-encoding";
export * from "./errors";
export { type HttpGetOptions, type HttpResponse, httpGet } from "./http";
export { createPoliteness } from "./politeness";
export {
  type BackoffOptions,
  backoffDelay,
  parseRetryAfter,
  type RetryOptions,
  withRetries,
} from "./retry";
export { parseRobots, type RobotsRules } from "./robots";
export {
  createSafeFetcher,
  DEFAULT_CONTENT_TYPES,
  type FetchedPage,
  type Lookup,
  type PageFetcher,
  type SafeFetcherOptions,
} from "./safe-fetch";
export { systemTimer, type Timer } from "./timer";
export {
  type Transport,
  type TransportRequest,
  type TransportResponse,
  undiciTransport,
} from "./transport";
export { withoutCredentials } from "./url";
