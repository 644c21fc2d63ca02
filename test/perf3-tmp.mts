import { runBatch } from "@dossier/cli/commands/batch";
import { generateDemoDataset, startDemoFixtureServer } from "@dossier/local/demo";
import { startLocalRuntime } from "@dossier/local/runtime";

const dataset = generateDemoDataset({ syntheticCount: 80 });
const server = await startDemoFixtureServer({ dataset });
const runtime = await startLocalRuntime({
  sweepIntervalMs: 0,
  extractorConcurrency: Number(process.env.CONC ?? 8),
  environment: {
    DOSSIER_SEC_DATA_URL: server.secDataUrl,
    DOSSIER_SEC_WWW_URL: server.secWwwUrl,
    DOSSIER_SEC_USER_AGENT: "x y@z.com",
    DOSSIER_ALLOW_PRIVATE_NETWORK: "1",
    POWERTOOLS_LOG_LEVEL: "SILENT",
    DOSSIER_SEC_MAX_RPS: "unlimited",
  },
});
const companies = dataset.companies
  .filter((c) => c.origin === "synthetic")
  .slice(0, 60)
  .map((c) => ({
    cik: String(c.sec!.cik),
    ...(c.site ? { website: `${server.baseUrl}/sites/${c.site.slug}/` } : {}),
  }));
const t = performance.now();
const report = await runBatch(runtime, companies as any, {
  parts: ["sec", "leadership"],
  force: false,
  progress: false,
  timeoutMs: 600000,
});
const s = (performance.now() - t) / 1000;
console.log("RESULT", (60 / s).toFixed(2), "companies/s", JSON.stringify(report.summary));
await runtime.stop();
await server.close();
