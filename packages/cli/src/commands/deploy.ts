import { parseArgs } from "node:util";
import {
  DescribeStateMachineAliasCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  SFNClient,
  UpdateStateMachineAliasCommand,
} from "@aws-sdk/client-sfn";
import { type StateMachineName, StateMachineNames } from "@dossier/core/topology";
import { LiveAlias, previousVersion, stateMachineName, versionNumber } from "../../../../stacks/rollback";
import { CliError, ExitCode } from "../exit-codes";

export const deployUsage = `dossier deploy rollback --stage S [--workflow ${StateMachineNames.join("|")}]

Points the "${LiveAlias}" alias of the stage's state machines (or of one) back to the version
published before the one it routes to now; rules start the alias, so new runs use that version.
Uses the AWS credentials and region of the shell (as \`sst deploy\` does).`;

async function findStateMachineArn(client: SFNClient, name: string): Promise<string> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachinesCommand({ nextToken }));
    const found = page.stateMachines?.find((machine) => machine.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
    nextToken = page.nextToken;
  } while (nextToken);
  throw new CliError(
    `no state machine ${name} in this account and region; is the stage deployed?`,
    ExitCode.notFound,
  );
}

async function listVersionArns(client: SFNClient, stateMachineArn: string): Promise<string[]> {
  const versions: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachineVersionsCommand({ stateMachineArn, nextToken }));
    for (const { stateMachineVersionArn } of page.stateMachineVersions ?? []) {
      if (stateMachineVersionArn) versions.push(stateMachineVersionArn);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return versions;
}

async function rollback(client: SFNClient, stage: string, workflow: StateMachineName): Promise<string> {
  const stateMachineArn = await findStateMachineArn(client, stateMachineName(stage, workflow));
  const aliasArn = `${stateMachineArn}:${LiveAlias}`;
  const alias = await client.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
  // The version taking most of the traffic is the one in service (a deploy routes 100 % to one).
  const [current] = [...(alias.routingConfiguration ?? [])].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
  if (!current?.stateMachineVersionArn)
    throw new CliError(`${aliasArn} routes to no version`, ExitCode.failed);
  const target = previousVersion(
    await listVersionArns(client, stateMachineArn),
    current.stateMachineVersionArn,
  );
  if (!target) {
    throw new CliError(
      `${workflow}: ${LiveAlias} already routes to the oldest version (${versionNumber(current.stateMachineVersionArn)})`,
      ExitCode.failed,
    );
  }
  await client.send(
    new UpdateStateMachineAliasCommand({
      stateMachineAliasArn: aliasArn,
      routingConfiguration: [{ stateMachineVersionArn: target, weight: 100 }],
    }),
  );
  return `${workflow}: ${LiveAlias} ${versionNumber(current.stateMachineVersionArn)} → ${versionNumber(target)}`;
}

export async function deployCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== "rollback") throw new CliError(deployUsage);
  const { values } = parseArgs({
    args: rest,
    options: { stage: { type: "string" }, workflow: { type: "string" } },
  });
  if (!values.stage) throw new CliError(`--stage is required\n\n${deployUsage}`);
  const workflow = values.workflow;
  if (workflow !== undefined && !(StateMachineNames as readonly string[]).includes(workflow)) {
    throw new CliError(`--workflow must be one of ${StateMachineNames.join(", ")}, got "${workflow}"`);
  }
  const client = new SFNClient({});
  const workflows = workflow ? [workflow as StateMachineName] : [...StateMachineNames];
  for (const name of workflows) process.stdout.write(`${await rollback(client, values.stage, name)}\n`);
  return ExitCode.ok;
}
