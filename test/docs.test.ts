import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

describe("docs/architecture.md's map of where things live", () => {
  it("names only paths that exist", () => {
    const doc = readFileSync(path.join(root, "docs", "architecture.md"), "utf8");
    const map = doc.split("## Where things live")[1]?.split("\n## ")[0] ?? "";
    const paths = [...map.matchAll(/`([\w./-]+)`/g)]
      .map(([, name]) => name as string)
      .filter((name) => name.includes("/") || name.endsWith(".ts"));
    expect(paths.length).toBeGreaterThan(30);
    for (const name of paths) expect(existsSync(path.join(root, name)), name).toBe(true);
  });
});
