import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeleteApiDestinationCommand,
  DeleteConnectionCommand,
  DeleteRuleCommand,
  EventBridgeClient,
  ListApiDestinationsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import {
  InvalidWebhookUrlError,
  NotifiableDetailTypes,
  Notification,
  NotificationKinds,
  NotificationNameTooLongError,
  type NotificationStage,
  notificationAwsRequests,
  notificationResourceName,
  notificationRuleName,
  validateWebhookUrl,
} from "@dossier/core/notify";
import { CliError, ExitCode } from "../exit-codes";
import { withHomeReader } from "../home-reader";
import { localStore } from "../local-store";
import { printable, table } from "../render";
import { withRuntime } from "../session";

export const notifyUsage = `dossier notify add slack|teams|http <url> --on ${NotifiableDetailTypes.join(",")} [--name N] [--filter JSON] [--target local|aws --stage S]
dossier notify list [--target local]
dossier notify remove <name> [--target local|aws --stage S]

Sends events to a Slack or Microsoft Teams incoming webhook (as a message) or to any HTTPS
endpoint (the whole event as JSON), as EventBridge API destinations do: an input transformer
shapes the message, failures are retried for a day (401, 407, 409, 429 and 5xx; other answers are
not) and what still fails lands in the dead letters (\`dossier dlq list\`). --filter narrows the
events with an EventBridge pattern for their detail, e.g. '{"companyId":["cik-0000320193"]}'.
Locally, http:// is accepted for 127.0.0.1 and localhost; the running runtime picks up a new
notification when it starts. --target aws creates the connection, API destination and rules on a
deployed stage (its outputs notificationRoleArn and notificationDeadLetterArn).`;

function parseOn(value: string | undefined): Notification["on"] {
  if (!value) throw new CliError(`--on is required: one or more of ${NotifiableDetailTypes.join(", ")}`);
  const types = value.split(",").map((entry) => entry.trim());
  const unknown = types.filter((type) => !(NotifiableDetailTypes as readonly string[]).includes(type));
  if (unknown.length)
    throw new CliError(
      `--on: ${unknown.join(", ")} cannot be sent; choose from ${NotifiableDetailTypes.join(", ")}`,
    );
  return [...new Set(types)] as Notification["on"];
}

function parseFilter(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  let filter: unknown;
  try {
    filter = JSON.parse(value);
  } catch (error) {
    throw new CliError(`--filter is not JSON: ${(error as Error).message}`);
  }
  if (typeof filter !== "object" || filter === null || Array.isArray(filter))
    throw new CliError(
      '--filter is an EventBridge pattern for the detail, e.g. {"companyId":["cik-0000320193"]}',
    );
  return filter as Record<string, unknown>;
}

/** The deployed stage's notification pieces, from .sst/outputs.json or the environment. */
async function notificationStage(stage: string | undefined): Promise<NotificationStage> {
  let outputs: Record<string, string> = {};
  try {
    outputs = JSON.parse(await readFile(".sst/outputs.json", "utf8")) as Record<string, string>;
  } catch {
    // Not deployed from here: the environment names the stage's resources.
  }
  if (stage && outputs.stage && outputs.stage !== stage && !process.env.DOSSIER_AWS_BUS_NAME)
    throw new CliError(`.sst/outputs.json is for stage "${outputs.stage}", not "${stage}"`);
  const busName = process.env.DOSSIER_AWS_BUS_NAME ?? outputs.busName;
  const roleArn = process.env.DOSSIER_AWS_NOTIFICATION_ROLE_ARN ?? outputs.notificationRoleArn;
  const deadLetterArn = process.env.DOSSIER_AWS_NOTIFICATION_DLQ_ARN ?? outputs.notificationDeadLetterArn;
  if (!busName || !roleArn || !deadLetterArn)
    throw new CliError(
      "--target aws needs the stage's outputs busName, notificationRoleArn and notificationDeadLetterArn (.sst/outputs.json), or DOSSIER_AWS_BUS_NAME, DOSSIER_AWS_NOTIFICATION_ROLE_ARN and DOSSIER_AWS_NOTIFICATION_DLQ_ARN",
    );
  return { busName, roleArn, deadLetterArn };
}

/** A name that does not fit beside the stage's bus name is the user's to change: one line, exit 2. */
function fittingName<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof NotificationNameTooLongError)
      throw new CliError(`${error.message}; pass a shorter --name`);
    throw error;
  }
}

async function addOnAws(notification: Notification, stage: string | undefined): Promise<void> {
  const client = new EventBridgeClient({});
  const settings = await notificationStage(stage);
  const requests = fittingName(() =>
    notificationAwsRequests(settings, notification, randomBytes(24).toString("base64url")),
  );
  const connection = await client.send(new CreateConnectionCommand(requests.connection));
  const destination = await client.send(
    new CreateApiDestinationCommand(requests.destination(connection.ConnectionArn ?? "")),
  );
  for (const { rule, targets } of requests.rules) {
    await client.send(new PutRuleCommand(rule));
    const put = await client.send(new PutTargetsCommand(targets(destination.ApiDestinationArn ?? "")));
    if (put.FailedEntryCount)
      throw new CliError(
        `EventBridge refused the target of ${rule.Name}: ${put.FailedEntries?.[0]?.ErrorMessage}`,
      );
  }
}

async function removeOnAws(name: string, stage: string | undefined): Promise<boolean> {
  const client = new EventBridgeClient({});
  const settings = await notificationStage(stage);
  const resourceName = fittingName(() => notificationResourceName(settings, name));
  const listed = await client.send(new ListApiDestinationsCommand({ NamePrefix: resourceName }));
  if (!listed.ApiDestinations?.some((destination) => destination.Name === resourceName)) return false;
  // The notification may have been made for some of the types only: each type's rule is removed if there.
  for (const ruleName of NotifiableDetailTypes.map((detailType) => notificationRuleName(name, detailType))) {
    await client
      .send(new RemoveTargetsCommand({ Rule: ruleName, EventBusName: settings.busName, Ids: ["webhook"] }))
      .catch(() => undefined);
    await client
      .send(new DeleteRuleCommand({ Name: ruleName, EventBusName: settings.busName }))
      .catch(() => undefined);
  }
  await client.send(new DeleteApiDestinationCommand({ Name: resourceName }));
  await client.send(new DeleteConnectionCommand({ Name: resourceName }));
  return true;
}

async function add(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      on: { type: "string" },
      name: { type: "string" },
      filter: { type: "string" },
      target: { type: "string", default: "local" },
      stage: { type: "string" },
    },
  });
  const [kind, url] = positionals;
  if (!kind || !(NotificationKinds as readonly string[]).includes(kind) || !url || positionals.length > 2)
    throw new CliError(notifyUsage);
  if (values.target !== "local" && values.target !== "aws") throw new CliError("--target is local or aws");
  try {
    validateWebhookUrl(url, { allowLoopbackHttp: values.target === "local" });
  } catch (error) {
    if (error instanceof InvalidWebhookUrlError) throw new CliError(error.message);
    throw error;
  }
  const parsed = Notification.safeParse({
    name: values.name ?? kind,
    kind,
    url,
    on: parseOn(values.on),
    ...(values.filter === undefined ? {} : { detailFilter: parseFilter(values.filter) }),
  });
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join("; "));
  const notification = parsed.data;
  if (values.target === "aws") {
    await addOnAws(notification, values.stage);
    process.stdout.write(`created notification ${notification.name} on the stage's bus\n`);
    return ExitCode.ok;
  }
  return withRuntime("notify", { sweepIntervalMs: 0 }, async (runtime) => {
    const created = await localStore()
      .entities.notification.create({
        name: notification.name,
        kind: notification.kind,
        url: notification.url,
        on: notification.on,
        ...(notification.detailFilter ? { detailFilter: JSON.stringify(notification.detailFilter) } : {}),
        createdAt: Date.now(),
      })
      .go({ returnOnConditionCheckFailure: true });
    if (created.rejected)
      throw new CliError(`a notification named ${notification.name} exists; remove it first or pass --name`);
    await runtime.reloadNotifications();
    process.stdout.write(
      `notification ${notification.name}: ${notification.on.join(", ")} → ${notification.kind} ${new URL(notification.url).host}\n`,
    );
    return ExitCode.ok;
  });
}

async function list(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { target: { type: "string", default: "local" } } });
  if (values.target !== "local") throw new CliError("notify list reads the local runtime's notifications");
  return withHomeReader("notify", async () => {
    const { data } = await localStore().entities.notification.query.byName({}).go({ pages: "all" });
    process.stdout.write(
      data.length === 0
        ? "no notifications: `dossier notify add slack <webhook url> --on Profile.Changed` makes one\n"
        : `${table(
            ["name", "kind", "endpoint", "on", "filter"],
            data.map((item) => [
              item.name,
              item.kind,
              printable(new URL(item.url).host),
              item.on.join(", "),
              printable(item.detailFilter ?? "-"),
            ]),
          )}\n`,
    );
    return ExitCode.ok;
  });
}

async function remove(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { target: { type: "string", default: "local" }, stage: { type: "string" } },
  });
  const [name] = positionals;
  if (!name) throw new CliError(notifyUsage);
  if (values.target === "aws") {
    if (!(await removeOnAws(name, values.stage)))
      throw new CliError(`no notification named ${name} on the stage`, ExitCode.notFound);
    process.stdout.write(`removed notification ${name}\n`);
    return ExitCode.ok;
  }
  return withRuntime("notify", { sweepIntervalMs: 0 }, async (runtime) => {
    const removed = await localStore().entities.notification.delete({ name }).go({ response: "all_old" });
    if (!removed.data) throw new CliError(`no notification named ${name}`, ExitCode.notFound);
    await runtime.reloadNotifications();
    process.stdout.write(`removed notification ${name}\n`);
    return ExitCode.ok;
  });
}

export async function notifyCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "add") return add(rest);
  if (sub === "list") return list(rest);
  if (sub === "remove") return remove(rest);
  throw new CliError(notifyUsage);
}
