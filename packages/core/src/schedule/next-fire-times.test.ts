import { describe, expect, it } from "vitest";
import { InvalidScheduleOptionsError, InvalidTimezoneError } from "./errors";
import { parseScheduleExpression } from "./expression";
import { nextFireTimes } from "./next-fire-times";

function fires(expression: string, after: string, count: number, timezone = "UTC"): string[] {
  return nextFireTimes(expression, { timezone, after: new Date(after), count }).map((date) =>
    date.toISOString(),
  );
}

describe("nextFireTimes", () => {
  describe("AWS's documented cron examples (UTC)", () => {
    it("cron(0 10 * * ? *) fires at 10:00 every day", () => {
      expect(fires("cron(0 10 * * ? *)", "2025-01-15T00:00:00Z", 3)).toEqual([
        "2025-01-15T10:00:00.000Z",
        "2025-01-16T10:00:00.000Z",
        "2025-01-17T10:00:00.000Z",
      ]);
    });

    it("cron(15 12 * * ? *) fires at 12:15 every day", () => {
      expect(fires("cron(15 12 * * ? *)", "2025-01-15T12:15:00Z", 2)).toEqual([
        "2025-01-16T12:15:00.000Z",
        "2025-01-17T12:15:00.000Z",
      ]);
    });

    it("cron(0 18 ? * MON-FRI *) skips the weekend after Friday 18:00", () => {
      expect(fires("cron(0 18 ? * MON-FRI *)", "2025-01-17T18:00:00Z", 2)).toEqual([
        "2025-01-20T18:00:00.000Z",
        "2025-01-21T18:00:00.000Z",
      ]);
    });

    it("cron(0 8 1 * ? *) fires at 08:00 on the first of each month", () => {
      expect(fires("cron(0 8 1 * ? *)", "2025-01-15T00:00:00Z", 3)).toEqual([
        "2025-02-01T08:00:00.000Z",
        "2025-03-01T08:00:00.000Z",
        "2025-04-01T08:00:00.000Z",
      ]);
    });

    it("cron(0/15 * * * ? *) fires every 15 minutes from the next quarter hour", () => {
      expect(fires("cron(0/15 * * * ? *)", "2025-01-15T10:07:30Z", 4)).toEqual([
        "2025-01-15T10:15:00.000Z",
        "2025-01-15T10:30:00.000Z",
        "2025-01-15T10:45:00.000Z",
        "2025-01-15T11:00:00.000Z",
      ]);
    });

    it("cron(0/10 * ? * MON-FRI *) goes from Friday 23:50 to Monday 00:00", () => {
      expect(fires("cron(0/10 * ? * MON-FRI *)", "2025-01-17T23:45:00Z", 3)).toEqual([
        "2025-01-17T23:50:00.000Z",
        "2025-01-20T00:00:00.000Z",
        "2025-01-20T00:10:00.000Z",
      ]);
    });

    it("cron(0/5 8-17 ? * MON-FRI *) ends the day at 17:55 and resumes Monday 08:00", () => {
      expect(fires("cron(0/5 8-17 ? * MON-FRI *)", "2025-01-17T17:50:00Z", 3)).toEqual([
        "2025-01-17T17:55:00.000Z",
        "2025-01-20T08:00:00.000Z",
        "2025-01-20T08:05:00.000Z",
      ]);
    });

    it("cron(0 9 ? * 2#1 *) fires at 09:00 on the first Monday of each month", () => {
      expect(fires("cron(0 9 ? * 2#1 *)", "2025-01-15T00:00:00Z", 3)).toEqual([
        "2025-02-03T09:00:00.000Z",
        "2025-03-03T09:00:00.000Z",
        "2025-04-07T09:00:00.000Z",
      ]);
    });
  });

  describe("time zones", () => {
    it("cron(0 6 ? * MON *) in America/New_York keeps 06:00 local across the March DST change", () => {
      expect(fires("cron(0 6 ? * MON *)", "2025-03-01T00:00:00Z", 3, "America/New_York")).toEqual([
        "2025-03-03T11:00:00.000Z",
        "2025-03-10T10:00:00.000Z",
        "2025-03-17T10:00:00.000Z",
      ]);
    });

    it("cron(0 6 ? * MON *) in America/New_York moves back to 11:00 UTC after November's change", () => {
      expect(fires("cron(0 6 ? * MON *)", "2025-10-25T00:00:00Z", 2, "America/New_York")).toEqual([
        "2025-10-27T10:00:00.000Z",
        "2025-11-03T11:00:00.000Z",
      ]);
    });

    it("reads a half-hour zone: 10:00 in Asia/Kolkata is 04:30 UTC", () => {
      expect(fires("cron(0 10 * * ? *)", "2025-01-15T00:00:00Z", 1, "Asia/Kolkata")).toEqual([
        "2025-01-15T04:30:00.000Z",
      ]);
    });

    it("finds the local day, not the UTC day: Monday 06:00 in Asia/Tokyo is Sunday 21:00 UTC", () => {
      expect(fires("cron(0 6 ? * MON *)", "2025-01-15T00:00:00Z", 1, "Asia/Tokyo")).toEqual([
        "2025-01-19T21:00:00.000Z",
      ]);
    });

    it("skips a local time that the spring-forward gap removes (02:30 on 9 March 2025 in New York)", () => {
      expect(fires("cron(30 2 * * ? *)", "2025-03-08T12:00:00Z", 2, "America/New_York")).toEqual([
        "2025-03-10T06:30:00.000Z",
        "2025-03-11T06:30:00.000Z",
      ]);
    });

    it("skips the gap in Europe/Paris too (02:30 on Sunday 30 March 2025)", () => {
      expect(fires("cron(30 2 ? * SUN *)", "2025-03-29T00:00:00Z", 1, "Europe/Paris")).toEqual([
        "2025-04-06T00:30:00.000Z",
      ]);
    });

    it("fires a repeated local time once, at its first occurrence (01:30 on 2 November 2025 in New York)", () => {
      expect(fires("cron(30 1 * * ? *)", "2025-11-01T12:00:00Z", 2, "America/New_York")).toEqual([
        "2025-11-02T05:30:00.000Z",
        "2025-11-03T06:30:00.000Z",
      ]);
    });

    it("does not repeat the fall-back hour for a 30-minute schedule", () => {
      expect(fires("cron(0/30 * * * ? *)", "2025-11-02T04:50:00Z", 4, "America/New_York")).toEqual([
        "2025-11-02T05:00:00.000Z",
        "2025-11-02T05:30:00.000Z",
        "2025-11-02T07:00:00.000Z",
        "2025-11-02T07:30:00.000Z",
      ]);
    });

    it("starting inside the repeated hour, waits for the first time after it", () => {
      // 06:10 UTC is 01:10 EST, the second pass through 01:00-01:59.
      expect(fires("cron(0/30 * * * ? *)", "2025-11-02T06:10:00Z", 2, "America/New_York")).toEqual([
        "2025-11-02T07:00:00.000Z",
        "2025-11-02T07:30:00.000Z",
      ]);
    });

    it("jumps from 01:30 EST to 03:00 EDT over the spring gap for a 30-minute schedule", () => {
      expect(fires("cron(0/30 * * * ? *)", "2025-03-09T06:15:00Z", 3, "America/New_York")).toEqual([
        "2025-03-09T06:30:00.000Z",
        "2025-03-09T07:00:00.000Z",
        "2025-03-09T07:30:00.000Z",
      ]);
    });

    it("rejects a zone that is not an IANA name", () => {
      expect(() => fires("cron(0 10 * * ? *)", "2025-01-15T00:00:00Z", 1, "Mars/Olympus_Mons")).toThrow(
        InvalidTimezoneError,
      );
    });
  });

  describe("L, W and #", () => {
    it("L in day-of-month is the last day, 29 February in a leap year", () => {
      expect(fires("cron(0 0 L * ? *)", "2024-01-15T00:00:00Z", 4)).toEqual([
        "2024-01-31T00:00:00.000Z",
        "2024-02-29T00:00:00.000Z",
        "2024-03-31T00:00:00.000Z",
        "2024-04-30T00:00:00.000Z",
      ]);
    });

    it("L in February alone follows leap years", () => {
      expect(fires("cron(0 0 L 2 ? *)", "2023-01-01T00:00:00Z", 3)).toEqual([
        "2023-02-28T00:00:00.000Z",
        "2024-02-29T00:00:00.000Z",
        "2025-02-28T00:00:00.000Z",
      ]);
    });

    it("L alone in day-of-week is every Saturday", () => {
      expect(fires("cron(0 12 ? * L *)", "2025-01-15T00:00:00Z", 2)).toEqual([
        "2025-01-18T12:00:00.000Z",
        "2025-01-25T12:00:00.000Z",
      ]);
    });

    it("6L is the last Friday of the month", () => {
      expect(fires("cron(0 0 ? * 6L *)", "2025-01-15T00:00:00Z", 3)).toEqual([
        "2025-01-31T00:00:00.000Z",
        "2025-02-28T00:00:00.000Z",
        "2025-03-28T00:00:00.000Z",
      ]);
    });

    it("15W is the weekday nearest the 15th: Saturday moves to Friday, Sunday to Monday", () => {
      expect(fires("cron(0 0 15W * ? *)", "2025-01-01T00:00:00Z", 6)).toEqual([
        "2025-01-15T00:00:00.000Z",
        "2025-02-14T00:00:00.000Z",
        "2025-03-14T00:00:00.000Z",
        "2025-04-15T00:00:00.000Z",
        "2025-05-15T00:00:00.000Z",
        "2025-06-16T00:00:00.000Z",
      ]);
    });

    it("1W on a Saturday moves forward to Monday the 3rd rather than into the previous month", () => {
      expect(fires("cron(0 0 1W * ? *)", "2025-01-15T00:00:00Z", 3)).toEqual([
        "2025-02-03T00:00:00.000Z",
        "2025-03-03T00:00:00.000Z",
        "2025-04-01T00:00:00.000Z",
      ]);
    });

    it("31W on a Sunday moves back to Friday rather than into the next month, and skips 30-day months", () => {
      expect(fires("cron(0 0 31W * ? *)", "2025-08-01T00:00:00Z", 3)).toEqual([
        "2025-08-29T00:00:00.000Z",
        "2025-10-31T00:00:00.000Z",
        "2025-12-31T00:00:00.000Z",
      ]);
    });

    it("LW is the last weekday of the month", () => {
      expect(fires("cron(0 0 LW * ? *)", "2025-08-01T00:00:00Z", 4)).toEqual([
        "2025-08-29T00:00:00.000Z",
        "2025-09-30T00:00:00.000Z",
        "2025-10-31T00:00:00.000Z",
        "2025-11-28T00:00:00.000Z",
      ]);
    });

    it("3#2 is the second Tuesday", () => {
      expect(fires("cron(0 0 ? * 3#2 *)", "2025-01-01T00:00:00Z", 3)).toEqual([
        "2025-01-14T00:00:00.000Z",
        "2025-02-11T00:00:00.000Z",
        "2025-03-11T00:00:00.000Z",
      ]);
    });

    it("6#5 fires only in months with a fifth Friday", () => {
      expect(fires("cron(0 0 ? * 6#5 *)", "2025-01-01T00:00:00Z", 3)).toEqual([
        "2025-01-31T00:00:00.000Z",
        "2025-05-30T00:00:00.000Z",
        "2025-08-29T00:00:00.000Z",
      ]);
    });
  });

  describe("years", () => {
    it("stops after the last year of a year range", () => {
      expect(fires("cron(0 0 1 1 ? 2030-2032)", "2025-01-15T00:00:00Z", 5)).toEqual([
        "2030-01-01T00:00:00.000Z",
        "2031-01-01T00:00:00.000Z",
        "2032-01-01T00:00:00.000Z",
      ]);
    });

    it("steps through years", () => {
      expect(fires("cron(0 0 1 1 ? 2025/5)", "2025-01-01T00:00:00Z", 3)).toEqual([
        "2030-01-01T00:00:00.000Z",
        "2035-01-01T00:00:00.000Z",
        "2040-01-01T00:00:00.000Z",
      ]);
    });

    it("fires in 2199, the last year AWS allows, and never after", () => {
      expect(fires("cron(59 23 31 12 ? *)", "2197-06-01T00:00:00Z", 5)).toEqual([
        "2197-12-31T23:59:00.000Z",
        "2198-12-31T23:59:00.000Z",
        "2199-12-31T23:59:00.000Z",
      ]);
    });

    it("returns nothing for a schedule whose years are past", () => {
      expect(fires("cron(0 0 * * ? 2020)", "2025-01-15T00:00:00Z", 3)).toEqual([]);
    });

    it("skips whole years to find 29 February", () => {
      expect(fires("cron(0 0 29 2 ? *)", "2025-01-01T00:00:00Z", 3)).toEqual([
        "2028-02-29T00:00:00.000Z",
        "2032-02-29T00:00:00.000Z",
        "2036-02-29T00:00:00.000Z",
      ]);
    });

    it("answers a day that never exists (30 February) with no fire times, by field not by minute", () => {
      expect(fires("cron(* * 30 2 ? *)", "1970-01-01T00:00:00Z", 1)).toEqual([]);
    });
  });

  describe("startDate, endDate and count", () => {
    it("keeps cron fire times within startDate and endDate, both inclusive", () => {
      const times = nextFireTimes("cron(0 10 * * ? *)", {
        after: new Date("2025-01-01T00:00:00Z"),
        count: 10,
        startDate: new Date("2025-01-20T10:00:00Z"),
        endDate: new Date("2025-01-22T10:00:00Z"),
      });
      expect(times.map((time) => time.toISOString())).toEqual([
        "2025-01-20T10:00:00.000Z",
        "2025-01-21T10:00:00.000Z",
        "2025-01-22T10:00:00.000Z",
      ]);
    });

    it("accepts an already parsed expression", () => {
      const parsed = parseScheduleExpression("cron(0 10 * * ? *)");
      const [first] = nextFireTimes(parsed, { after: new Date("2025-01-15T10:00:00Z"), count: 1 });
      expect(first?.toISOString()).toBe("2025-01-16T10:00:00.000Z");
    });

    it("returns nothing for count 0 and rejects a negative or fractional count", () => {
      const after = new Date("2025-01-15T00:00:00Z");
      expect(nextFireTimes("cron(0 10 * * ? *)", { after, count: 0 })).toEqual([]);
      expect(() => nextFireTimes("cron(0 10 * * ? *)", { after, count: -1 })).toThrow(
        InvalidScheduleOptionsError,
      );
      expect(() => nextFireTimes("cron(0 10 * * ? *)", { after, count: 1.5 })).toThrow(
        InvalidScheduleOptionsError,
      );
    });

    it("rejects an invalid after date", () => {
      expect(() => nextFireTimes("cron(0 10 * * ? *)", { after: new Date("nope"), count: 1 })).toThrow(
        "after must be a valid Date",
      );
    });
  });

  describe("rate", () => {
    const startDate = new Date("2025-01-15T10:00:00Z");

    it("counts periods from the start, not from the clock", () => {
      const times = nextFireTimes("rate(5 minutes)", {
        after: new Date("2025-01-15T10:12:00Z"),
        count: 3,
        startDate,
      });
      expect(times.map((time) => time.toISOString())).toEqual([
        "2025-01-15T10:15:00.000Z",
        "2025-01-15T10:20:00.000Z",
        "2025-01-15T10:25:00.000Z",
      ]);
    });

    it("fires first at the start itself, as AWS does for a new schedule", () => {
      const times = nextFireTimes("rate(1 hour)", {
        after: new Date("2025-01-01T00:00:00Z"),
        count: 2,
        startDate,
      });
      expect(times.map((time) => time.toISOString())).toEqual([
        "2025-01-15T10:00:00.000Z",
        "2025-01-15T11:00:00.000Z",
      ]);
    });

    it("excludes a fire time equal to after", () => {
      const times = nextFireTimes("rate(5 minutes)", {
        after: new Date("2025-01-15T10:15:00Z"),
        count: 1,
        startDate,
      });
      expect(times.map((time) => time.toISOString())).toEqual(["2025-01-15T10:20:00.000Z"]);
    });

    it("treats a day as 24 hours across a DST change, whatever the time zone", () => {
      const times = nextFireTimes("rate(1 day)", {
        timezone: "America/New_York",
        after: new Date("2025-03-08T00:00:00Z"),
        count: 3,
        startDate: new Date("2025-03-08T12:00:00Z"),
      });
      expect(times.map((time) => time.toISOString())).toEqual([
        "2025-03-08T12:00:00.000Z",
        "2025-03-09T12:00:00.000Z",
        "2025-03-10T12:00:00.000Z",
      ]);
    });

    it("stops at endDate, inclusive", () => {
      const times = nextFireTimes("rate(1 hour)", {
        after: startDate,
        count: 10,
        startDate,
        endDate: new Date("2025-01-15T12:00:00Z"),
      });
      expect(times.map((time) => time.toISOString())).toEqual([
        "2025-01-15T11:00:00.000Z",
        "2025-01-15T12:00:00.000Z",
      ]);
    });

    it("asks for startDate, the anchor rate() counts from", () => {
      expect(() => nextFireTimes("rate(5 minutes)", { after: startDate, count: 1 })).toThrow(
        "pass startDate (its start or creation time)",
      );
    });
  });

  describe("at", () => {
    it("fires once at the wall-clock time in the schedule's zone", () => {
      expect(fires("at(2025-06-01T09:30:00)", "2025-01-01T00:00:00Z", 3, "America/New_York")).toEqual([
        "2025-06-01T13:30:00.000Z",
      ]);
    });

    it("reads the time as UTC without a zone", () => {
      const [time] = nextFireTimes("at(2025-06-01T09:30:15)", {
        after: new Date("2025-01-01T00:00:00Z"),
        count: 1,
      });
      expect(time?.toISOString()).toBe("2025-06-01T09:30:15.000Z");
    });

    it("has nothing left once its time has passed", () => {
      expect(fires("at(2025-06-01T09:30:00)", "2025-06-01T09:30:00Z", 1)).toEqual([]);
    });

    it("moves a time inside the spring-forward gap forward by the gap (02:30 → 03:30 EDT)", () => {
      expect(fires("at(2025-03-09T02:30:00)", "2025-01-01T00:00:00Z", 1, "America/New_York")).toEqual([
        "2025-03-09T07:30:00.000Z",
      ]);
    });

    it("takes the first of a repeated time (01:30 EDT, not 01:30 EST)", () => {
      expect(fires("at(2025-11-02T01:30:00)", "2025-01-01T00:00:00Z", 1, "America/New_York")).toEqual([
        "2025-11-02T05:30:00.000Z",
      ]);
    });

    it("ignores startDate and endDate, as AWS does for one-time schedules", () => {
      const times = nextFireTimes("at(2025-06-01T09:30:00)", {
        after: new Date("2025-01-01T00:00:00Z"),
        count: 1,
        startDate: new Date("2025-07-01T00:00:00Z"),
        endDate: new Date("2025-02-01T00:00:00Z"),
      });
      expect(times.map((time) => time.toISOString())).toEqual(["2025-06-01T09:30:00.000Z"]);
    });
  });
});
