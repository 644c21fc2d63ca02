export { createResponseCache, type ResponseCache, type ResponseCacheOptions } from "./cache";
export {
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitTransition,
  createCircuitBreaker,
} from "./circuit-breaker";
export { CacheValueTooLargeError, CircuitOpenError, RateLimitBacklogError } from "./errors";
export {
  createSharedRateLimiter,
  type SharedRateLimiter,
  type SharedRateLimiterOptions,
} from "./rate-limiter";
