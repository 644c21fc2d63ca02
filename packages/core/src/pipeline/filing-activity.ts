import { type ObjectStore, ProfileKeys } from "../profile/object-store";
import type { SecClient } from "../sec/client";
import { SecNotFoundError } from "../sec/errors";
import { parseDailyIndex } from "../sec/filings";
import type { FilersOn, IndexedFiling } from "./watchlist-refresh";

/** Who filed what on one day: CIK (10 digits) → the filings. */
interface DailyFilers {
  day: string;
  /** False for a day EDGAR has no index of (a holiday). */
  published: boolean;
  filers: Record<string, { form: string; fileName: string }[]>;
}

/**
 * A missing index of a day this recent may only be late; older, the day was a holiday. Only the
 * latter is kept, so a late index is read again by the next refresh.
 */
const holidayCertainAfterMs = 5 * 86_400_000;

/**
 * Which CIKs filed on given business days, from EDGAR's daily form indexes: each day's index is
 * fetched from SEC once per stage (about 600 KB, one request), reduced to who filed what, and
 * kept in the bucket, so every later refresh reads it from there.
 */
export function filingActivity(options: {
  sec: Pick<SecClient, "getDailyIndex">;
  objects: ObjectStore;
  now: () => Date;
}): FilersOn {
  async function filersOf(day: string): Promise<DailyFilers> {
    const key = ProfileKeys.dailyFilers(day);
    const kept = await options.objects.getJson<DailyFilers>(key);
    if (kept) return kept.value;
    let text: string;
    try {
      text = await options.sec.getDailyIndex(day);
    } catch (error) {
      if (!(error instanceof SecNotFoundError)) throw error;
      const holiday: DailyFilers = { day, published: false, filers: {} };
      if (options.now().getTime() - Date.parse(`${day}T00:00:00Z`) > holidayCertainAfterMs)
        await options.objects.putJson(key, holiday);
      return holiday;
    }
    const filers: DailyFilers["filers"] = {};
    for (const entry of parseDailyIndex(text)) {
      const filings = filers[entry.cik] ?? [];
      filings.push({ form: entry.form, fileName: entry.fileName });
      filers[entry.cik] = filings;
    }
    const read: DailyFilers = { day, published: true, filers };
    await options.objects.putJson(key, read);
    return read;
  }

  return async (days) => {
    const byCik = new Map<string, IndexedFiling[]>();
    // One day after another: SEC's rate limit is the bottleneck, and most days are kept already.
    for (const day of days) {
      for (const [cik, filings] of Object.entries((await filersOf(day)).filers)) {
        const known = byCik.get(cik) ?? [];
        known.push(...filings.map((filing) => ({ day, ...filing })));
        byCik.set(cik, known);
      }
    }
    return byCik;
  };
}
