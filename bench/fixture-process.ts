/**
 * The demo fixture server in a process of its own, as EDGAR and the websites are other machines:
 * its request timestamps (what the 10 requests/s window judges) and its CPU then do not depend
 * on the pipeline's event loop. Started by `startFixtureProcess` over an IPC channel.
 */
import { generateDemoDataset, startDemoFixtureServer } from "@dossier/local/demo";
import type { FixtureProcessOptions, FromFixtures, ToFixtures } from "./fixtures";

const send = (message: FromFixtures) => process.send?.(message);

async function main(): Promise<void> {
  if (!process.send)
    throw new Error("fixture-process.ts is started by bench/fixtures.ts over IPC, not directly");
  const options = JSON.parse(process.argv[2] ?? "{}") as FixtureProcessOptions;
  const server = await startDemoFixtureServer({
    dataset: generateDemoDataset({ syntheticCount: options.syntheticCount }),
    ...options.server,
  });
  for (const filing of options.filings ?? []) server.file(filing);
  process.on("message", (message: ToFixtures) => {
    if (message.type === "log") send({ type: "log", id: message.id, entries: server.requestLog });
    else if (message.type === "close") {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({
    type: "ready",
    baseUrl: server.baseUrl,
    secDataUrl: server.secDataUrl,
    secWwwUrl: server.secWwwUrl,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
