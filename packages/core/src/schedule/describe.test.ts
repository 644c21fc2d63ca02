import { expect, it, describe as suite } from "vitest";
import { describe } from "./describe";

suite("describe", () => {
  it.each([
    ["cron(0 10 * * ? *)", "at 10:00, every day"],
    ["cron(15 12 * * ? *)", "at 12:15, every day"],
    ["cron(0 18 ? * MON-FRI *)", "at 18:00, on Monday-Friday"],
    ["cron(0 8 1 * ? *)", "at 08:00, on day 1 of the month"],
    ["cron(0/15 * * * ? *)", "every 15 minutes, every day"],
    ["cron(0/10 * ? * MON-FRI *)", "every 10 minutes, on Monday-Friday"],
    ["cron(0/5 8-17 ? * MON-FRI *)", "every 5 minutes during hours 08-17, on Monday-Friday"],
    ["cron(0 9 ? * 2#1 *)", "at 09:00, on the first Monday of the month"],
    ["cron(0 0 ? * 6L *)", "at 00:00, on the last Friday of the month"],
    ["cron(0 0 LW * ? *)", "at 00:00, on the last weekday of the month"],
    ["cron(0 0 15W * ? *)", "at 00:00, on the weekday nearest day 15 of the month"],
    ["cron(0 0 L 2 ? *)", "at 00:00, on the last day of the month, in February"],
    [
      "cron(30 6,18 1,2,3,15 JAN,MAR-MAY ? 2025-2027)",
      "at 06:30, 18:30, on day 1-3, 15 of the month, in January, March-May, in 2025-2027",
    ],
    ["cron(5,20 * * * ? *)", "at minutes 05, 20, every day"],
    ["cron(* * ? * SAT,SUN *)", "every minute, on Sunday, Saturday"],
    ["rate(1 minute)", "every minute"],
    ["rate(6 hours)", "every 6 hours"],
    ["at(2025-06-01T09:30:00)", "once, at 2025-06-01 09:30:00"],
  ])("reads %s as %j", (expression, text) => {
    expect(describe(expression)).toBe(text);
  });
});
