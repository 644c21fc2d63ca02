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
  const runtime = await startLocalRuntime({ retryBaseDelayMs: 20, sweepIntervalMs: 0, extractorConcurrency: 8, environment: demoEnvironment(fixture) });
  const events = recordEvents(runtime);
  await runBatch(runtime, cases.map((c) => toCompanyRequest(c.request)), { parts: ["sec", "leadership"], force: false, progress: false, timeoutMs: 60000 });
  for (const e of events) if ((e["detail-type"] === "Extraction.PartCompleted" || e["detail-type"].startsWith("Profile.I")) && /rhpz|cik-0009900026/.test(JSON.stringify(e.detail))) console.log(e["detail-type"], JSON.stringify(e.detail));
  console.log(JSON.stringify(fixture.counts()));
  await runtime.stop(); await fixture.close();
}, 60000);
