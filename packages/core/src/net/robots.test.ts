import { describe, expect, it } from "vitest";
import { parseRobots } from "./robots";

describe("parseRobots", () => {
  const robots = parseRobots(
    [
      "User-agent: *",
      "Disallow: /private",
      "Disallow: /*.pdf$",
      "",
      "User-agent: dossier",
      "User-agent: otherbot",
      "Disallow: /team/drafts",
      "Allow: /team/drafts/public",
    ].join("\n"),
  );

  it("applies only our own group when one names the dossier token", () => {
    expect(robots.isAllowed("/private/leadership", "dossier")).toBe(true);
    expect(robots.isAllowed("/team/drafts/x", "dossier")).toBe(false);
  });

  it("lets the longest matching rule win, Allow over Disallow", () => {
    expect(robots.isAllowed("/team/drafts/public/page", "dossier")).toBe(true);
  });

  it("falls back to the * group for other agents, with wildcards and end anchors", () => {
    expect(robots.isAllowed("/private/x", "somebot")).toBe(false);
    expect(robots.isAllowed("/report.pdf", "somebot")).toBe(false);
    expect(robots.isAllowed("/report.pdf?x=1", "somebot")).toBe(true);
  });

  it("treats an empty Disallow as allowing everything", () => {
    expect(parseRobots("User-agent: *\nDisallow:\n").isAllowed("/anything", "dossier")).toBe(true);
  });
});
