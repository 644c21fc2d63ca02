/** Clock and sleep, injectable so politeness, retries and backoff can be tested without waiting. */
export type Timer = { now(): number; sleep(ms: number): Promise<void> };

export const systemTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
