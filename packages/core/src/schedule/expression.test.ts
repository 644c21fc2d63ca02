import { describe, expect, it } from "vitest";
import { InvalidScheduleExpressionError } from "./errors";
import { parseScheduleExpression } from "./expression";

function reasonFor(expression: string): string {
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidScheduleExpressionError);
    expect((error as InvalidScheduleExpressionError).retryable).toBe(false);
    return (error as Error).message;
  }
  throw new Error(`expected ${expression} to be rejected`);
}

describe("parseScheduleExpression", () => {
  describe("cron", () => {
    it("reads the six AWS fields with day-of-week counted 1 = SUN … 7 = SAT", () => {
      // Act
      const parsed = parseScheduleExpression("cron(0/15 8-17 ? JAN,MAR-APR MON-FRI 2025-2026)");

      // Assess
      expect(parsed).toEqual({
        kind: "cron",
        expression: "cron(0/15 8-17 ? JAN,MAR-APR MON-FRI 2025-2026)",
        minutes: [0, 15, 30, 45],
        hours: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
        days: { kind: "days-of-week", days: [2, 3, 4, 5, 6] },
        months: [1, 3, 4],
        years: [2025, 2026],
      });
    });

    it("reads 1/10 in minutes as every tenth minute from minute 1", () => {
      const parsed = parseScheduleExpression("cron(1/10 * * * ? *)");
      expect(parsed.kind === "cron" && parsed.minutes).toEqual([1, 11, 21, 31, 41, 51]);
    });

    it("reads a stepped range and a stepped day-of-month", () => {
      const parsed = parseScheduleExpression("cron(10-40/10 */6 1/10 * ? *)");
      expect(parsed.kind === "cron" && [parsed.minutes, parsed.hours, parsed.days]).toEqual([
        [10, 20, 30, 40],
        [0, 6, 12, 18],
        { kind: "days-of-month", days: [1, 11, 21, 31] },
      ]);
    });

    it("reads the day-of-month specials L, LW and 15W", () => {
      const days = ["L", "LW", "15W"].map((field) => {
        const parsed = parseScheduleExpression(`cron(0 0 ${field} * ? *)`);
        return parsed.kind === "cron" ? parsed.days : undefined;
      });
      expect(days).toEqual([
        { kind: "last-day-of-month" },
        { kind: "last-weekday-of-month" },
        { kind: "weekday-nearest", day: 15 },
      ]);
    });

    it("reads the day-of-week specials L (Saturday), 6L, FRIL and 3#2", () => {
      const days = ["L", "6L", "FRIL", "3#2", "TUE#5"].map((field) => {
        const parsed = parseScheduleExpression(`cron(0 0 ? * ${field} *)`);
        return parsed.kind === "cron" ? parsed.days : undefined;
      });
      expect(days).toEqual([
        { kind: "days-of-week", days: [7] },
        { kind: "last-day-of-week-in-month", dayOfWeek: 6 },
        { kind: "last-day-of-week-in-month", dayOfWeek: 6 },
        { kind: "nth-day-of-week-in-month", dayOfWeek: 3, nth: 2 },
        { kind: "nth-day-of-week-in-month", dayOfWeek: 3, nth: 5 },
      ]);
    });

    it("accepts the year field's limits 1970 and 2199", () => {
      const parsed = parseScheduleExpression("cron(0 0 1 1 ? 1970,2199)");
      expect(parsed.kind === "cron" && parsed.years).toEqual([1970, 2199]);
    });

    it.each([
      ["cron(0 10 * * ?)", "expected 6 fields"],
      ["cron(0 10 * * ?)", "add * at the end"],
      ["cron(0 10 * * ? * *)", "got 7"],
      ["cron(0 10 * * * *)", "one of day-of-month and day-of-week must be ?"],
      ["cron(0 10 1 * MON *)", "one of day-of-month and day-of-week must be ?"],
      ["cron(0 10 ? * ? *)", "cannot both be ?"],
      ["cron(0 10 ? * 0 *)", "not Unix 0-6"],
      ["cron(0 10 ? * 8 *)", "day-of-week value 8 is out of range 1-7"],
      ["cron(60 * * * ? *)", "minutes value 60 is out of range 0-59"],
      ["cron(0 24 * * ? *)", "hours value 24 is out of range 0-23"],
      ["cron(0 0 0 * ? *)", "day-of-month value 0 is out of range 1-31"],
      ["cron(0 0 32 * ? *)", "day-of-month value 32 is out of range 1-31"],
      ["cron(0 0 1 13 ? *)", "month value 13 is out of range 1-12"],
      ["cron(0 0 1 FOO ? *)", 'month "FOO" is not a value (1-12 or JAN-DEC)'],
      ["cron(0 0 ? * MOO *)", 'day-of-week "MOO" is not a value (1-7 or SUN-SAT)'],
      ["cron(0 0 1 1 ? 1969)", "year value 1969 is out of range 1970-2199"],
      ["cron(0 0 1 1 ? 2200)", "year value 2200 is out of range 1970-2199"],
      ["cron(0 0 ? * MON/2 *)", "/ is not allowed in day-of-week"],
      ["cron(0/0 * * * ? *)", "step must be 1-59"],
      ["cron(0/x * * * ? *)", 'step "x" must be a whole number'],
      ["cron(0 0 10-5 * ? *)", "range 10-5 runs backwards"],
      ["cron(0 0 1-2-3 * ? *)", "a range has one -"],
      ["cron(0,,5 * * * ? *)", "empty list item"],
      ["cron(0 0 ? * 3#6 *)", "the number after # must be 1-5"],
      ["cron(0 0 ? * 3#1,6#3 *)", "must stand alone"],
      ["cron(0 0 ? * 2,6L *)", "must stand alone"],
      ["cron(0 0 L,15 * ? *)", "must stand alone"],
      ["cron(0 0 W * ? *)", "must stand alone"],
      ["cron(0 0 32W * ? *)", "day-of-month value 32 is out of range 1-31"],
      ["cron(0 0 ? * 9L *)", "day-of-week value 9 is out of range 1-7"],
      ["cron(0 0 1,? * ? *)", "? is only allowed alone"],
      ["cron(0 ? 1 * ? *)", "? is only allowed alone"],
    ])("rejects %s: %s", (expression, reason) => {
      expect(reasonFor(expression)).toContain(reason);
    });
  });

  describe("rate", () => {
    it.each([
      ["rate(1 minute)", 1, "minute", 60_000],
      ["rate(5 minutes)", 5, "minute", 300_000],
      ["rate(1 hour)", 1, "hour", 3_600_000],
      ["rate(12 hours)", 12, "hour", 43_200_000],
      ["rate(1 day)", 1, "day", 86_400_000],
      ["rate(7 days)", 7, "day", 604_800_000],
    ])("reads %s", (expression, value, unit, periodMs) => {
      expect(parseScheduleExpression(expression)).toEqual({
        kind: "rate",
        expression,
        value,
        unit,
        periodMs,
      });
    });

    it.each([
      ["rate(1 minutes)", "a rate of 1 takes the singular unit: rate(1 minute)"],
      ["rate(5 minute)", "a rate of 5 takes the plural unit: rate(5 minutes)"],
      ["rate(0 minutes)", "must be a positive whole number"],
      ["rate(-1 minutes)", "must be a positive whole number"],
      ["rate(1.5 hours)", "must be a positive whole number"],
      ["rate(30 seconds)", 'rate unit "seconds" must be one of minute(s), hour(s), day(s)'],
      ["rate(5)", "expected rate(value unit)"],
      [" rate(10 minutes)", "remove the spaces before or after the expression"],
      ["rate(10 minutes) ", "remove the spaces before or after the expression"],
      ["rate( 10 minutes )", "remove the spaces just inside the parentheses"],
      ["rate(10  minutes)", "with one space between them"],
      ["cron( 0 10 * * ? *)", "remove the spaces just inside the parentheses"],
    ])("rejects %j: %s", (expression, reason) => {
      expect(reasonFor(expression)).toContain(reason);
    });
  });

  describe("at", () => {
    it("reads the wall-clock time without a zone", () => {
      expect(parseScheduleExpression("at(2025-11-20T13:05:09)")).toEqual({
        kind: "at",
        expression: "at(2025-11-20T13:05:09)",
        at: { year: 2025, month: 11, day: 20, hour: 13, minute: 5, second: 9 },
      });
    });

    it("accepts 29 February in a leap year", () => {
      expect(parseScheduleExpression("at(2024-02-29T00:00:00)").kind).toBe("at");
    });

    it.each([
      ["at(2025-02-29T10:00:00)", "day 29 does not exist in 2025-02"],
      ["at(2025-04-31T10:00:00)", "day 31 does not exist in 2025-04"],
      ["at(2025-13-01T00:00:00)", "month 13 is not 01-12"],
      ["at(2025-01-01T24:00:00)", "hour 24 is not 00-23"],
      ["at(2025-01-01T10:60:00)", "minute 60 is not 00-59"],
      ["at(2025-01-01 10:00:00)", "expected at(yyyy-mm-ddThh:mm:ss)"],
      ["at(2025-01-01T10:00:00Z)", "expected at(yyyy-mm-ddThh:mm:ss)"],
    ])("rejects %s: %s", (expression, reason) => {
      expect(reasonFor(expression)).toContain(reason);
    });
  });

  it.each(["", "every 5 minutes", "0 10 * * ? *"])(
    "rejects %j as neither cron, rate nor at",
    (expression) => {
      expect(reasonFor(expression)).toContain("expected cron(...), rate(...) or at(...)");
    },
  );
});
