import { z } from "zod";

/** The two halves of a profile; each is extracted by its own subscriber. */
export const Part = z.enum(["sec", "leadership"]);
export type Part = z.infer<typeof Part>;

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
    cik: z
      .union([z.string().regex(/^\d{1,10}$/, "a CIK has 1 to 10 digits"), z.number().int().positive()])
      .transform((value) => String(value))
      .optional(),
    name: z.string().trim().min(1).max(200).optional(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
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
