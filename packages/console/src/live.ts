import type { Context } from "hono";
import { streamSSE } from "hono/streaming";

/** The SSE event every live region listens for (`hx-trigger="sse:update"`). */
export const UpdateEvent = "update";

/**
 * A live stream: every `intervalMs` the page's fingerprint is read again, and an `update` event is
 * pushed when it changed; the page then fetches the fragment it shows. The first fingerprint is
 * always pushed, so a change between rendering the page and opening the stream is not missed.
 *
 * Polling the ledger, not subscribing to the bus: the table and bucket are all the console needs,
 * the same on the local runtime and on a deployed stage (where a subscription would need a queue
 * or a socket endpoint deployed for it), and a read of one run or one ETag a second is cheap. The
 * cost is up to one interval of delay.
 */
export function liveStream(c: Context, fingerprint: () => Promise<string>, intervalMs: number) {
  return streamSSE(c, async (stream) => {
    let last: string | undefined;
    let id = 0;
    while (!stream.aborted && !stream.closed) {
      let current: string;
      try {
        current = await fingerprint();
      } catch (error) {
        // A storage hiccup is reported to the page and tried again; the stream stays open.
        current = `error: ${(error as Error).message}`;
      }
      if (current !== last) {
        last = current;
        id += 1;
        await stream.writeSSE({ event: UpdateEvent, data: String(id), id: String(id) });
      }
      await stream.sleep(intervalMs);
    }
  });
}
