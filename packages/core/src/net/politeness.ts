import { systemTimer, type Timer } from "./timer";

/**
 * Spaces requests to the same host at least `delayMs` apart, in call order, so one company's site never sees
 * a burst from us even when several pages are fetched concurrently.
 */
export function createPoliteness(
  delayMs: number,
  timer: Timer = systemTimer,
): (host: string) => Promise<void> {
  const nextSlot = new Map<string, number>();
  return async (host) => {
    const now = timer.now();
    const slot = Math.max(now, nextSlot.get(host) ?? now);
    nextSlot.set(host, slot + delayMs);
    if (slot > now) await timer.sleep(slot - now);
  };
}
