import { existsSync } from "node:fs";
import path from "node:path";
import { FunctionNames, wiredRules } from "@dossier/core/topology";
import { FunctionCatalogue } from "@dossier/functions/catalogue";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  asyncInvokedFunctions,
  componentName,
  HandlersRoot,
  handlerPath,
  SweepFunction,
} from "../../stacks/handlers";

const root = path.resolve(import.meta.dirname, "../..");

describe("function handlers the stacks deploy", () => {
  // What the deployed links give a function: `Resource.X` as SST_RESOURCE_X; some handlers read it at load.
  beforeAll(() => {
    vi.stubEnv("AWS_REGION", "us-east-1");
    vi.stubEnv("SST_RESOURCE_App", JSON.stringify({ name: "dossier", stage: "test" }));
    vi.stubEnv("SST_RESOURCE_Table", JSON.stringify({ name: "dossier-test-Table", type: "sst.aws.Dynamo" }));
    vi.stubEnv(
      "SST_RESOURCE_Bucket",
      JSON.stringify({ name: "dossier-test-bucket", type: "sst.aws.Bucket" }),
    );
    vi.stubEnv(
      "SST_RESOURCE_Bus",
      JSON.stringify({
        name: "dossier-test-Bus",
        arn: "arn:aws:events:us-east-1:123456789012:event-bus/dossier-test-Bus",
        type: "sst.aws.Bus",
      }),
    );
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it.each(FunctionNames)("%s points SST at a module exporting a handler function", async (name) => {
    const handler = handlerPath(name);
    expect(handler).toBe(`${HandlersRoot}/${FunctionCatalogue[name].module}.handler`);
    const file = path.join(root, `${handler.slice(0, -".handler".length)}.ts`);
    expect(existsSync(file), `${file} is missing`).toBe(true);
    const module = (await import(file)) as Record<string, unknown>;
    expect(typeof module.handler).toBe("function");
  });

  it("gives every function a distinct PascalCase component name", () => {
    const names = FunctionNames.map(componentName);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    expect(new Set(names).size).toBe(FunctionNames.length);
  });

  it("gives an on-failure queue to exactly the rule targets and the sweep", () => {
    const ruleTargets = wiredRules
      .map((rule) => rule.target)
      .filter((target) => target.kind === "function")
      .map((target) => target.name);
    expect(asyncInvokedFunctions().sort()).toEqual([...new Set([...ruleTargets, SweepFunction])].sort());
    expect(asyncInvokedFunctions()).not.toContain("mergeFinalize");
  });

  it("sizes every function within Lambda's limits", () => {
    for (const name of FunctionNames) {
      const spec = FunctionCatalogue[name];
      expect(spec.memory).toBeGreaterThanOrEqual(128);
      expect(spec.memory).toBeLessThanOrEqual(10_240);
      expect(spec.timeout).toBeGreaterThanOrEqual(1);
      expect(spec.timeout).toBeLessThanOrEqual(900);
      expect(spec.description.length).toBeLessThanOrEqual(256);
    }
  });
});
