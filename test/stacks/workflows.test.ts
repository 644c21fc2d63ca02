import { FunctionNames, type StateMachineName, StateMachineNames } from "@dossier/core/topology";
import { PutEventsResource, taskStates, Workflows } from "@dossier/core/workflows";
import { FunctionCatalogue } from "@dossier/functions/catalogue";
import { StateMachine } from "aws-local-stepfunctions";
import { describe, expect, it } from "vitest";
import { invokedFunctionArns, stateMachineRolePolicy } from "../../stacks/policies";

const account = "123456789012";
const arnOf = (name: string) => `arn:aws:lambda:us-east-1:${account}:function:dossier-test-${name}`;
const busName = "dossier-test-Bus";
const busArn = `arn:aws:events:us-east-1:${account}:event-bus/${busName}`;
const definitionOf = (name: StateMachineName) => Workflows[name]({ functionArn: arnOf, busName });

describe.each(StateMachineNames)("workflow %s as deployed", (name) => {
  const definition = definitionOf(name);

  it("is valid JSONPath ASL, ARNs and paths included", () => {
    expect(
      () =>
        new StateMachine(definition as never, { validationOptions: { checkArn: true, checkPaths: true } }),
    ).not.toThrow();
  });

  it("only calls functions of the catalogue, or the bus through PutEvents", () => {
    const byArn = new Map(FunctionNames.map((fn) => [arnOf(fn), fn]));
    const resources = taskStates(definition).map(({ state }) => String(state.Resource));
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      if (resource === PutEventsResource) continue;
      const fn = byArn.get(resource);
      expect(fn, `${resource} is not a deployed function`).toBeDefined();
      expect(FunctionCatalogue[fn as keyof typeof FunctionCatalogue]).toBeDefined();
    }
  });

  it("publishes only to the stage's bus", () => {
    const entries = taskStates(definition)
      .filter(({ state }) => state.Resource === PutEventsResource)
      .flatMap(({ state }) => (state.Parameters as { Entries?: { EventBusName?: string }[] }).Entries ?? []);
    for (const entry of entries) expect(entry.EventBusName).toBe(busName);
  });

  it("gets a role that invokes exactly its task functions", () => {
    const policy = stateMachineRolePolicy(definition, busArn);
    const invoke = policy.Statement.filter((statement) => statement.Action.includes("lambda:InvokeFunction"));
    expect(invoke).toHaveLength(1);
    expect(invoke[0]?.Action).toEqual(["lambda:InvokeFunction"]);
    expect(invoke[0]?.Resource).toEqual(invokedFunctionArns(definition));
  });
});

describe("state machine roles", () => {
  it("let ProgressiveMerge invoke its five merge functions and publish to the bus", () => {
    const policy = stateMachineRolePolicy(definitionOf("progressiveMerge"), busArn);
    expect(policy.Statement.find((s) => s.Sid === "InvokeTaskFunctions")?.Resource).toEqual(
      ["mergeAppendPart", "mergeFailRun", "mergeFinalize", "mergeRecordAnnounced", "mergeUpdateLatest"]
        .map(arnOf)
        .sort(),
    );
    expect(policy.Statement.find((s) => s.Sid === "PublishToBus")).toMatchObject({
      Action: ["events:PutEvents"],
      Resource: [busArn],
    });
  });

  it("let BatchFanOut invoke only the batch functions, found inside its nested Map states", () => {
    const policy = stateMachineRolePolicy(definitionOf("batchFanOut"), busArn);
    expect(policy.Statement.find((s) => s.Sid === "InvokeTaskFunctions")?.Resource).toEqual(
      ["batchLoadPage", "batchPrepare"].map(arnOf).sort(),
    );
    expect(policy.Statement.find((s) => s.Sid === "PublishToBus")?.Resource).toEqual([busArn]);
  });

  it("grant no PutEvents to a definition without a PutEvents task", () => {
    const definition = {
      StartAt: "Only",
      States: { Only: { Type: "Task", Resource: arnOf("runLedger"), End: true } },
    };
    const actions = stateMachineRolePolicy(definition, busArn).Statement.flatMap((s) => s.Action);
    expect(actions).not.toContain("events:PutEvents");
    expect(actions).toContain("lambda:InvokeFunction");
  });
});
