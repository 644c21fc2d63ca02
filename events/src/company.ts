import { z } from "zod";

/** The two halves of a profile; each is extracted by its own subscriber. */
export const Part = z.enum(["sec", "leadership"]);
export type Part = z.infer<typeof Part>;

/**
 * How a requester names a company. At least one of ticker, CIK or name is required;
 * the website is optional and only used by the leadership part.
 */
/**
 * Why a website cannot be fetched, or undefined when it can: only absolute http(s) URLs with a
 * host, as a person would type them into a browser's address bar.
 */
function websiteProblem(value: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (!scheme) return `"${value.slice(0, 80)}" has no scheme; write it as https://${value.slice(0, 60)}`;
  if (scheme !== "http" && scheme !== "https")
    return `a website is fetched over http or https, not ${scheme}:`;
  if (!/^https?:\/\/[^/?#]/i.test(value)) return "a website needs a host after http(s)://";
  if (/^https?:\/\/[^/?#]*%/i.test(value)) return "a website's host cannot carry a zone id or escapes";
  try {
    new URL(value);
  } catch {
    return `"${value.slice(0, 80)}" is not a valid URL (check the host and port)`;
  }
  return undefined;
}

/**
 * A company website: an absolute http(s) URL. User names and passwords in it are dropped, so
 * credentials are never stored, logged, published or sent to the site.
 */
export const Website = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, context) => {
    const problem = websiteProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => {
    const url = new URL(value);
    if (!url.username && !url.password) return value;
    url.username = "";
    url.password = "";
    return url.href;
  });

/** SEC's Central Index Key: 1 to 10 digits, never zero. */
export const Cik = z
  .union([
    z.string().regex(/^\d{1,10}$/, "a CIK has 1 to 10 digits, e.g. 320193"),
    z.number().int().positive().max(9_999_999_999),
  ])
  .transform((value) => String(value))
  .refine((value) => Number(value) > 0, "a CIK is a positive number, e.g. 320193");

/**
 * How a requester names a company. At least one of ticker, CIK or name is required;
 * the website is optional and only used by the leadership part.
 */
export const CompanyRequest = z
  .object({
    ticker: z
      .string()
      .trim()
      .min(1)
      .max(12)
      .regex(/^[A-Za-z0-9.-]+$/, "a ticker has letters, digits, '.' or '-' only")
      .optional(),
    cik: Cik.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    website: Website.optional(),
  })
  .refine((company) => company.ticker ?? company.cik ?? company.name, {
    message: "a company needs a ticker, a CIK or a name",
  });
export type CompanyRequest = z.infer<typeof CompanyRequest>;

export const RunId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "a run id has letters, digits, '_' or '-' only");

export const CompanyId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "a company id is lower-case letters, digits, '.', '_' or '-'");

export const Percent = z.number().min(0).max(100);

/** A watchlist's name, as Scheduler names schedules: 1–64 of letters, digits, '-', '_' or '.'. */
export const WatchlistName = z
  .string()
  .regex(/^[0-9a-zA-Z-_.]{1,64}$/, "a watchlist name is 1–64 of letters, digits, '-', '_' or '.'");
