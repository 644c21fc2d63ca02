import { runBatch } from "@dossier/cli/commands/batch";
import { demoRequests, generateDemoDataset, startDemoFixtureServer } from "@dossier/local/demo";
import { startLocalRuntime } from "@dossier/local/runtime";
import { it } from "vitest";
import { recordEvents } from "../support";
import { demoEnvironment, toCompanyRequest } from "./harness";

it("probe", async () => {
  const dataset = generateDemoDataset();
  const fixture = await startDemoFixtureServer({ dataset });
  const cases = demoRequests(dataset, fixture.baseUrl);
  const runtime = await startLocalRuntime({
    retryBaseDelayMs: 20,
    sweepIntervalMs: 0,
    extractorConcurrency: 8,
    environment: demoEnvironment(fixture),
  });
  const events = recordEvents(runtime);
  await runBatch(
    runtime,
    cases.map((c) => toCompanyRequest(c.request)),
    { parts: ["sec", "leadership"], force: false, progress: false, timeoutMs: 60000 },
  );
  const out: Record<string, string> = {
    "Profile.Completed": "completed",
    "Profile.Incomplete": "incomplete",
    "Extraction.Failed": "failed",
  };
  cases.forEach((c, i) => {
    const rid = `-${String(i).padStart(5, "0")}`;
    const mine = events.filter((e) => String(e.detail.runId ?? "").endsWith(rid));
    const t = mine.find((e) => out[e["detail-type"]]);
    if (out[t?.["detail-type"] ?? ""] !== c.expect) {
      console.log("MISMATCH", c.key);
      for (const e of mine)
        if (e["detail-type"] !== "Profile.Updated") console.log(e["detail-type"], JSON.stringify(e.detail));
    }
  });
  console.log(JSON.stringify(fixture.counts()));
  await runtime.stop();
  await fixture.close();
}, 60000);
