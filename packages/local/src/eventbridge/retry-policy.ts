import { EventBridgeValidationError } from "./errors";
import type { RetryPolicy } from "./types";

export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** AWS defaults for a target without a RetryPolicy: 185 retries within 24 hours. */
export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = {
  maximumRetryAttempts: 185,
  maximumEventAgeSeconds: 86_400,
};

function checkRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EventBridgeValidationError(
      `RetryPolicy.${field} must be an integer between ${min} and ${max}, got ${value}.`,
    );
  }
  return value;
}

/** Fills AWS defaults into a target's retry policy and enforces the ranges AWS accepts. */
export function resolveRetryPolicy(policy: RetryPolicy | undefined): ResolvedRetryPolicy {
  return {
    maximumRetryAttempts: checkRange(
      "maximumRetryAttempts",
      policy?.maximumRetryAttempts ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts,
      0,
      185,
    ),
    maximumEventAgeSeconds: checkRange(
      "maximumEventAgeSeconds",
      policy?.maximumEventAgeSeconds ?? DEFAULT_RETRY_POLICY.maximumEventAgeSeconds,
      60,
      86_400,
    ),
  };
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

/**
 * Delay before retry number `retry` (1-based): exponential growth capped at `maxDelayMs`,
 * with "equal jitter" (half fixed, half random) so retries of a burst of failures spread out
 * but never fire immediately.
 */
export function retryDelayMs(retry: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return ceiling / 2 + (options.random() * ceiling) / 2;
}
