import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from "@aws-sdk/client-scheduler";
import {
  describe,
  InvalidScheduleExpressionError,
  nextFireTimes,
  parseScheduleExpression,
  toCreateScheduleInput,
} from "@dossier/core/schedule";
import { BatchRequested, Part, Sources, WatchlistName } from "@dossier/events";
import { scheduleStore } from "@dossier/local/scheduler";
import { CliError, ExitCode } from "../exit-codes";
import { withHomeReader } from "../home-reader";
import { readCompanyList, validateCompanies } from "../inputs";
import { table } from "../render";
import { withRuntime } from "../session";

export const scheduleUsage = `dossier schedule create --name N --expression "cron(…)|rate(…)|at(…)" [--timezone TZ] --companies FILE|--watchlist LIST [--parts sec,leadership] [--target local|aws]
dossier schedule list [--target local|aws]
dossier schedule delete --name N [--target local|aws]

Schedules use EventBridge Scheduler expressions; each firing publishes Batch.Requested, for the
companies of FILE, or to refresh a watchlist (\`dossier watch\`) with its companies as they are then.
--target local (default) stores the schedule for \`dossier dev\`, which fires it on time.
--target aws creates it in EventBridge Scheduler for a deployed stage: set DOSSIER_AWS_BUS_ARN,
DOSSIER_AWS_SCHEDULER_ROLE_ARN and DOSSIER_AWS_SCHEDULE_GROUP (the stage's outputs busArn,
schedulerRoleArn, scheduleGroup), or run it where .sst/outputs.json of the deployed stage exists.`;

const namePattern = /^[0-9a-zA-Z-_.]{1,64}$/;

async function awsTarget() {
  let outputs: Record<string, string> = {};
  try {
    outputs = JSON.parse(await readFile(".sst/outputs.json", "utf8")) as Record<string, string>;
  } catch {
    // No deployed stage here: the environment variables must name it.
  }
  const busArn = process.env.DOSSIER_AWS_BUS_ARN ?? outputs.busArn;
  const roleArn = process.env.DOSSIER_AWS_SCHEDULER_ROLE_ARN ?? outputs.schedulerRoleArn;
  const groupName = process.env.DOSSIER_AWS_SCHEDULE_GROUP ?? outputs.scheduleGroup;
  if (!busArn || !roleArn || !groupName) {
    throw new CliError(
      "--target aws needs DOSSIER_AWS_BUS_ARN, DOSSIER_AWS_SCHEDULER_ROLE_ARN and DOSSIER_AWS_SCHEDULE_GROUP (or .sst/outputs.json)",
    );
  }
  return { busArn, roleArn, groupName, client: new SchedulerClient({}) };
}

async function create(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: "string" },
      expression: { type: "string" },
      timezone: { type: "string", default: "UTC" },
      companies: { type: "string" },
      watchlist: { type: "string" },
      parts: { type: "string", default: "sec,leadership" },
      target: { type: "string", default: "local" },
    },
  });
  if (!values.name || !namePattern.test(values.name))
    throw new CliError(`--name is required: 1–64 of letters, digits, - _ .\n\n${scheduleUsage}`);
  if (!values.expression) throw new CliError(`--expression is required\n\n${scheduleUsage}`);
  if (Boolean(values.companies) === Boolean(values.watchlist))
    throw new CliError(`give --companies FILE or --watchlist LIST (one of them)\n\n${scheduleUsage}`);
  if (values.watchlist !== undefined && !WatchlistName.safeParse(values.watchlist).success)
    throw new CliError(
      `--watchlist: a watchlist name is 1–64 of letters, digits, - _ . (got "${values.watchlist}")`,
    );
  try {
    parseScheduleExpression(values.expression);
    nextFireTimes(values.expression, {
      timezone: values.timezone,
      after: new Date(),
      count: 1,
      startDate: new Date(),
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const companies = values.companies
    ? validateCompanies(values.companies, await readCompanyList(values.companies), {
        skipInvalid: false,
      }).map((row) => row.company)
    : [];
  if (values.companies && (companies.length === 0 || companies.length > 500))
    throw new CliError("a schedule takes 1 to 500 companies (a watchlist takes any number)");
  const requested = values.watchlist ? { watchlist: values.watchlist } : { companies };
  const parts = values.parts.split(",").map((part) => Part.parse(part.trim()));
  if (values.target === "aws") {
    const { busArn, roleArn, groupName, client } = await awsTarget();
    // Scheduler fills in the placeholders per firing, so every firing is its own batch.
    const input = toCreateScheduleInput({
      name: values.name,
      expression: values.expression,
      timezone: values.timezone,
      groupName,
      busArn,
      roleArn,
      detailType: BatchRequested.detailType,
      source: Sources.scheduler,
      detail: {
        batchId: "sched-<aws.scheduler.execution-id>",
        ...requested,
        parts,
        force: false,
        scheduleName: values.name,
        requestedAt: "<aws.scheduler.scheduled-time>",
      },
    });
    await client.send(new CreateScheduleCommand(input));
    process.stdout.write(
      `created schedule ${values.name} in group ${groupName}: ${describe(values.expression)}\n`,
    );
    return ExitCode.ok;
  }
  return withRuntime("schedule", { sweepIntervalMs: 0 }, async () => {
    const created = await scheduleStore()
      .create({
        name: values.name as string,
        expression: values.expression as string,
        timezone: values.timezone,
        companies,
        ...(values.watchlist ? { watchlist: values.watchlist } : {}),
        parts,
        enabled: true,
        createdAt: Date.now(),
      })
      .go({ returnOnConditionCheckFailure: true });
    if (created.rejected) throw new CliError(`a schedule named ${values.name} exists; delete it first`);
    const next = nextFireTimes(values.expression as string, {
      timezone: values.timezone,
      after: new Date(),
      count: 3,
      startDate: new Date(),
    });
    process.stdout.write(
      `created schedule ${values.name}: ${describe(values.expression as string)} (${values.timezone})\nnext: ${next.map((date) => date.toISOString()).join(", ")}\n\`dossier dev\` fires it.\n`,
    );
    return ExitCode.ok;
  });
}

async function list(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { target: { type: "string", default: "local" } } });
  if (values.target === "aws") {
    const { groupName, client } = await awsTarget();
    const response = await client.send(new ListSchedulesCommand({ GroupName: groupName }));
    process.stdout.write(
      `${table(
        ["name", "state"],
        (response.Schedules ?? []).map((s) => [s.Name ?? "", s.State ?? ""]),
      )}\n`,
    );
    return ExitCode.ok;
  }
  return withHomeReader("schedule", async () => {
    const { data } = await scheduleStore().query.byName({}).go({ pages: "all" });
    const rows = data.map((item) => [
      item.name,
      item.expression,
      item.timezone,
      item.watchlist ? `watchlist ${item.watchlist}` : String(item.companies.length),
      item.lastFiredAt ? new Date(item.lastFiredAt).toISOString() : "-",
      nextFireTimes(item.expression, {
        timezone: item.timezone,
        after: new Date(),
        count: 1,
        startDate: new Date(item.createdAt),
      })[0]?.toISOString() ?? "-",
    ]);
    process.stdout.write(
      `${table(["name", "expression", "timezone", "companies", "last fired", "next"], rows)}\n`,
    );
    return ExitCode.ok;
  });
}

async function remove(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { name: { type: "string" }, target: { type: "string", default: "local" } },
  });
  if (!values.name) throw new CliError(`--name is required\n\n${scheduleUsage}`);
  if (values.target === "aws") {
    const { groupName, client } = await awsTarget();
    await client.send(new DeleteScheduleCommand({ Name: values.name, GroupName: groupName }));
    process.stdout.write(`deleted schedule ${values.name}\n`);
    return ExitCode.ok;
  }
  return withRuntime("schedule", { sweepIntervalMs: 0 }, async () => {
    const removed = await scheduleStore()
      .delete({ name: values.name as string })
      .go({ response: "all_old" });
    if (!removed.data) throw new CliError(`no schedule named ${values.name}`, ExitCode.notFound);
    process.stdout.write(`deleted schedule ${values.name}\n`);
    return ExitCode.ok;
  });
}

export async function scheduleCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === "create") return await create(rest);
    if (sub === "list") return await list(rest);
    if (sub === "delete") return await remove(rest);
  } catch (error) {
    if (error instanceof InvalidScheduleExpressionError) throw new CliError(error.message);
    throw error;
  }
  throw new CliError(scheduleUsage);
}
