import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { newBatchId, newRunId } from "@dossier/core/pipeline";
import {
  BatchRequested,
  Catalogue,
  detailJsonSchemas,
  ExtractionRequested,
  InvalidEventError,
  parseAnyDetail,
  Sources,
} from "@dossier/events";
import {
  InvalidEventPatternError,
  InvalidEventError as InvalidTestEventError,
  testEventPattern,
} from "@dossier/local/eventbridge/pattern";
import { CliError, ExitCode } from "../exit-codes";
import { dossierHome, readDotEnv } from "../home";
import { readJsonArgument } from "../inputs";

export const eventsUsage = `dossier events schema [--out DIR]
dossier events test-pattern --pattern <json|@file> --event <json|@file>
dossier events publish --detail-type T --detail <json|@file> [--source S]

schema        prints the JSON Schema of every detail-type (or writes one file each to DIR)
test-pattern  prints true or false, as EventBridge TestEventPattern would; exit 2 when invalid
publish       validates the detail and publishes it to the bus of a running \`dossier dev\`; an
              Extraction.Requested without runId or requestedAt (a Batch.Requested without
              batchId or requestedAt) gets them filled in, and they are printed`;

/** Fills the identifiers a request needs and a person would rather not make up, and says which. */
function withGeneratedFields(
  detailType: string,
  raw: unknown,
): { detail: unknown; filled: Record<string, string> } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { detail: raw, filled: {} };
  const given = raw as Record<string, unknown>;
  const now = new Date();
  const generated: Record<string, () => string> =
    detailType === ExtractionRequested.detailType
      ? { runId: newRunId, requestedAt: () => now.toISOString() }
      : detailType === BatchRequested.detailType
        ? { batchId: () => newBatchId(now), requestedAt: () => now.toISOString() }
        : {};
  const filled = Object.fromEntries(
    Object.entries(generated)
      .filter(([field]) => given[field] === undefined)
      .map(([field, make]) => [field, make()]),
  );
  return { detail: { ...given, ...filled }, filled };
}

async function schema(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: "string" } } });
  const schemas = detailJsonSchemas();
  if (!values.out) {
    process.stdout.write(`${JSON.stringify(schemas, null, 2)}\n`);
    return ExitCode.ok;
  }
  await mkdir(values.out, { recursive: true });
  for (const definition of Object.values(Catalogue)) {
    const file = path.join(values.out, `${definition.detailType}.v${definition.version}.json`);
    await writeFile(file, `${JSON.stringify(schemas[definition.detailType], null, 2)}\n`);
    process.stdout.write(`${file}\n`);
  }
  return ExitCode.ok;
}

async function testPattern(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { pattern: { type: "string" }, event: { type: "string" } },
  });
  const pattern = await readJsonArgument(values.pattern, "pattern");
  const event = await readJsonArgument(values.event, "event");
  try {
    process.stdout.write(`${testEventPattern(JSON.stringify(pattern), JSON.stringify(event))}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof InvalidEventPatternError || error instanceof InvalidTestEventError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

async function publish(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      "detail-type": { type: "string" },
      detail: { type: "string" },
      source: { type: "string", default: Sources.requests },
    },
  });
  const detailType = values["detail-type"];
  if (!detailType) throw new CliError(`--detail-type is required\n\n${eventsUsage}`);
  const { detail: completed, filled } = withGeneratedFields(
    detailType,
    await readJsonArgument(values.detail, "detail"),
  );
  let detail: unknown;
  try {
    detail = parseAnyDetail(detailType, completed);
  } catch (error) {
    if (error instanceof InvalidEventError) throw new CliError(error.message);
    throw error;
  }
  let environment: Record<string, string>;
  try {
    environment = await readDotEnv(path.join(dossierHome(), "dev.env"));
  } catch {
    throw new CliError(
      "no running runtime found: start `npx dossier dev` first (it writes dev.env)",
      ExitCode.notFound,
    );
  }
  Object.assign(process.env, environment);
  const endpoint = environment.AWS_ENDPOINT_URL_EVENTBRIDGE;
  const response = await new EventBridgeClient({ maxAttempts: 1 })
    .send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: "dossier",
            Source: values.source,
            DetailType: detailType,
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    )
    .catch((error: NodeJS.ErrnoException) => {
      // dev.env outlives the runtime that wrote it: nobody answers there once dev has stopped.
      if (
        error.code === "ECONNREFUSED" ||
        (error.cause as NodeJS.ErrnoException | undefined)?.code === "ECONNREFUSED"
      )
        throw new CliError(
          `no runtime answers at ${endpoint} (from ${path.join(dossierHome(), "dev.env")}): start \`npx dossier dev\` first`,
          ExitCode.notFound,
        );
      if (error.name === "AccessDeniedException") throw new CliError(error.message, ExitCode.usage);
      throw error;
    });
  for (const [field, value] of Object.entries(filled))
    process.stderr.write(`${field} ${value} (filled in)\n`);
  process.stdout.write(`${JSON.stringify({ ...response.Entries?.[0], ...filled })}\n`);
  return response.FailedEntryCount ? ExitCode.failed : ExitCode.ok;
}

export async function eventsCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "schema") return schema(rest);
  if (sub === "test-pattern") return testPattern(rest);
  if (sub === "publish") return publish(rest);
  throw new CliError(eventsUsage);
}
