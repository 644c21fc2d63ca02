import path from "node:path";
import { parseArgs } from "node:util";
import { localOperations, localSources, startConsole } from "@dossier/console";
import { startLocalRuntime } from "@dossier/local/runtime";
import { startScheduleRunner } from "@dossier/local/scheduler";
import { dossierHome, lockHome } from "../home";
import { paint, printable } from "../render";

export const devUsage = `dossier dev [--sweep-seconds N]

Runs the embedded runtime in the foreground: EventBridge, DynamoDB and S3 endpoints on
127.0.0.1, the shared rules and workflows, local schedules and the stale-run sweep. Writes the
endpoints to $DOSSIER_HOME/dev.env for other processes. Ctrl-C stops it cleanly.`;

export async function devCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { "sweep-seconds": { type: "string", default: "30" } },
  });
  const home = dossierHome();
  const unlock = await lockHome(home, "dev");
  const runtime = await startLocalRuntime({
    home,
    sweepIntervalMs: Number(values["sweep-seconds"]) * 1000,
    onTargetError: (rule, error) =>
      process.stderr.write(
        paint.yellow(`delivery to ${rule} failed (will retry): ${printable((error as Error).message)}\n`),
      ),
  });
  const schedules = await startScheduleRunner({
    onFired: (name, batchId) => process.stdout.write(`schedule ${printable(name)} fired batch ${batchId}\n`),
    onError: (error, name) =>
      process.stderr.write(
        `schedule ${printable(name ?? "")} failed: ${printable((error as Error).message)}\n`,
      ),
  });
  // In this process the console also reaches the bus's dead letters, which live here.
  const consoleServer = await startConsole({
    sources: localSources(runtime.environment, {
      target: "local runtime (dossier dev)",
      operations: localOperations(runtime),
    }),
  });
  // Listening before the banner below: whoever reads "Ctrl-C to stop." may signal at once.
  let signalled = false;
  const onSignal = () => {
    // A second Ctrl-C while stopping would kill the process mid-shutdown: say so and keep going.
    if (signalled) process.stderr.write("still stopping: waiting for deliveries in flight…\n");
    signalled = true;
  };
  const stopped = new Promise<Error | undefined>((resolve) => {
    const stop = () => {
      onSignal();
      resolve(undefined);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    // `npx dossier dev` runs this process under npm, which does not pass a SIGTERM on: when the
    // process that started dev is gone (this one is re-parented), stop as if it had been signalled.
    const parent = process.ppid;
    const orphaned = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(orphaned);
      stop();
    }, 250);
    orphaned.unref();
    // The local DynamoDB and S3 dying ends dev with the cause, not a runtime that answers nothing.
    void runtime.failure.then(resolve);
  });
  const out = process.stdout;
  out.write(`${paint.bold("dossier local runtime")} (state in ${home})\n`);
  out.write(
    `  EventBridge  ${runtime.endpoints.eventBridge}   bus "${runtime.bus.name}" (${runtime.bus.arn})\n`,
  );
  out.write(`  DynamoDB     ${runtime.endpoints.dynamodb}   table "dossier"\n`);
  out.write(`  S3           ${runtime.endpoints.s3}   bucket "dossier-profiles"\n`);
  out.write(
    `  rules        ${runtime.bus
      .listRules()
      .map((rule) => rule.name)
      .join(", ")}\n`,
  );
  out.write(
    `  env file     ${path.join(home, "dev.env")}  (source it, then use any AWS SDK or the AWS CLI)\n`,
  );
  out.write(`  console      ${consoleServer.url}\n`);
  out.write(paint.dim("Ctrl-C to stop.\n"));
  runtime.onEvent((event) => {
    const detail = event.detail as { runId?: string; batchId?: string; companyId?: string };
    const subject = detail.companyId ?? detail.batchId ?? detail.runId ?? "";
    // Everything but the time comes from whoever published the event.
    out.write(
      `${paint.dim(event.time)} ${printable(event["detail-type"]).padEnd(26)} ${printable(event.source).padEnd(20)} ${printable(String(subject))}\n`,
    );
  });
  const storageFailure = await stopped;
  if (storageFailure) {
    process.stderr.write(`dossier dev: ${storageFailure.message}\n`);
    await consoleServer.close().catch(() => undefined);
    await schedules.stop().catch(() => undefined);
    await runtime.stop().catch(() => undefined);
    await unlock();
    return 1;
  }
  out.write("\nstopping: waiting for deliveries in flight…\n");
  await consoleServer.close();
  await schedules.stop();
  await runtime.stop();
  await unlock();
  out.write("stopped; the archive keeps every accepted event.\n");
  return 0;
}
