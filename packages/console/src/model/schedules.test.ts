import { describe, expect, it } from "vitest";
import { parseCompanyLine, parseScheduleForm } from "./schedules";

const now = new Date("2026-12-01T10:00:00Z");

describe("parseCompanyLine", () => {
  it("reads a CIK, a ticker or a name, with an optional website", () => {
    expect(parseCompanyLine("320193")).toEqual({ cik: "320193" });
    expect(parseCompanyLine("BRK.B")).toEqual({ ticker: "BRK.B" });
    expect(parseCompanyLine("Acme Widgets Inc")).toEqual({ name: "Acme Widgets Inc" });
    expect(parseCompanyLine("ACME https://acme.example/")).toEqual({
      ticker: "ACME",
      website: "https://acme.example/",
    });
  });
});

describe("parseScheduleForm", () => {
  const form = {
    name: "weekly-watchlist",
    expression: "cron(0 6 ? * MON *)",
    timezone: "Europe/Paris",
    companies: "AAPL\n\n320193\n",
    parts: ["sec", "leadership"],
  };

  it("reads a schedule with its companies and parts", () => {
    expect(parseScheduleForm(form, now)).toEqual({
      name: "weekly-watchlist",
      expression: "cron(0 6 ? * MON *)",
      timezone: "Europe/Paris",
      companies: [{ ticker: "AAPL" }, { cik: "320193" }],
      parts: ["sec", "leadership"],
    });
  });

  it("says what is wrong: the name, the expression, the companies, the parts", () => {
    expect(parseScheduleForm({ ...form, name: "no spaces please" }, now)).toMatch(/name/);
    expect(parseScheduleForm({ ...form, expression: "every monday" }, now)).toEqual(expect.any(String));
    expect(parseScheduleForm({ ...form, companies: "" }, now)).toMatch(/1 to 500 companies/);
    expect(parseScheduleForm({ ...form, companies: `AAPL\n${"x".repeat(201)}` }, now)).toMatch(/line 2/);
    expect(parseScheduleForm({ ...form, parts: [] }, now)).toMatch(/at least one part/);
  });

  it("takes a single part as a plain field", () => {
    expect(parseScheduleForm({ ...form, parts: "sec" }, now)).toMatchObject({ parts: ["sec"] });
  });
});
