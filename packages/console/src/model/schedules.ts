import { nextFireTimes, parseScheduleExpression } from "@dossier/core/schedule";
import type { ScheduleItem, Store } from "@dossier/core/store";
import { CompanyRequest, Part } from "@dossier/events";

/** Names EventBridge Scheduler accepts, as `dossier schedule create` checks them. */
const namePattern = /^[0-9a-zA-Z-_.]{1,64}$/;

export interface NewSchedule {
  name: string;
  expression: string;
  timezone: string;
  companies: CompanyRequest[];
  parts: Part[];
}

/**
 * One company per line: digits are a CIK, a short upper-case symbol is a ticker, anything else a
 * name; `https://…` after a space adds the website (`ACME https://acme.example`).
 */
export function parseCompanyLine(line: string): Record<string, string> {
  const [identifier = "", website] = line.trim().split(/\s+(?=https?:\/\/\S+$)/);
  const company: Record<string, string> = /^\d{1,10}$/.test(identifier)
    ? { cik: identifier }
    : /^[A-Z][A-Z0-9.-]{0,9}$/.test(identifier)
      ? { ticker: identifier }
      : { name: identifier };
  return website ? { ...company, website } : company;
}

/** Reads the schedule form; a string is what is wrong with it, for the person who filled it in. */
export function parseScheduleForm(form: Record<string, unknown>, now: Date): NewSchedule | string {
  const text = (key: string) => (typeof form[key] === "string" ? (form[key] as string).trim() : "");
  const name = text("name");
  if (!namePattern.test(name)) return "The name takes 1–64 letters, digits, '-', '_' or '.'.";
  const expression = text("expression");
  const timezone = text("timezone") || "UTC";
  try {
    parseScheduleExpression(expression);
    nextFireTimes(expression, { timezone, after: now, count: 1, startDate: now });
  } catch (error) {
    return (error as Error).message;
  }
  const lines = text("companies")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0 || lines.length > 500) return "A schedule takes 1 to 500 companies, one per line.";
  const companies: CompanyRequest[] = [];
  for (const [index, line] of lines.entries()) {
    const parsed = CompanyRequest.safeParse(parseCompanyLine(line));
    if (!parsed.success)
      return `Company on line ${index + 1} is not valid: ${parsed.error.issues[0]?.message}`;
    companies.push(parsed.data);
  }
  const chosen = [form.parts].flat().filter((part): part is string => typeof part === "string");
  const parts = Part.options.filter((part) => chosen.includes(part));
  if (parts.length === 0) return "Pick at least one part.";
  return { name, expression, timezone, companies, parts };
}

/**
 * Stores a schedule in the runtime's table, where the local scheduler of `dossier dev` finds and
 * fires it (a deployed stage's schedules live in EventBridge Scheduler: `dossier schedule create
 * --target aws`). False when the name is taken.
 */
export async function createSchedule(store: Store, schedule: NewSchedule, now: Date): Promise<boolean> {
  const created = await store.entities.schedule
    .create({ ...schedule, enabled: true, createdAt: now.getTime() })
    .go({ returnOnConditionCheckFailure: true });
  return !created.rejected;
}

export async function deleteSchedule(store: Store, name: string): Promise<void> {
  await store.entities.schedule.delete({ name }).go();
}

/** When a schedule fires next (the runner records it only once it has fired). */
export function nextFire(schedule: ScheduleItem, now: Date): number | undefined {
  if (!schedule.enabled) return undefined;
  try {
    const [next] = nextFireTimes(schedule.expression, {
      timezone: schedule.timezone,
      after: now,
      count: 1,
      startDate: new Date(schedule.createdAt),
    });
    return next?.getTime();
  } catch {
    // Stored by another tool with an expression this version cannot read: no next time to show.
    return undefined;
  }
}
