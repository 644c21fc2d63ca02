import { describe, expect, it } from "vitest";
import { isCompanyId } from "./profiles";

describe("isCompanyId", () => {
  it("accepts every shape of company id", () => {
    for (const id of [
      "cik-0000320193",
      "apple.com",
      "acme.co.uk",
      "name-acme-widgets",
      "ticker-brk-b",
      "xn--bcher-kva.de",
    ])
      expect(isCompanyId(id), id).toBe(true);
  });

  it("refuses what could climb out of the profiles folder or is no id", () => {
    for (const id of ["..", "../../etc", "a/b", ".hidden", "acme..com", "acme.", "Acme", "", "a b"])
      expect(isCompanyId(id), id).toBe(false);
  });
});
