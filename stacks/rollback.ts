// Which state-machine version a rollback moves the `live` alias to. Pure: the stacks name the
// alias, `dossier deploy rollback` applies the choice with the AWS SDK, tests check the choice.

/** The alias every rule targets; each deploy publishes a version and routes it all here. */
export const LiveAlias = "live";

/** The state machine of one workflow in one stage, named so a rollback can find it by stage. */
export function stateMachineName(stage: string, workflow: string): string {
  return `dossier-${stage}-${workflow}`;
}

/** The version number at the end of a version ARN (`…:stateMachine:name:7` → 7). */
export function versionNumber(versionArn: string): number {
  const number = Number(versionArn.slice(versionArn.lastIndexOf(":") + 1));
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`not a state machine version ARN: ${versionArn}`);
  return number;
}

/**
 * The version to roll back to: the newest one published before the version the alias routes to
 * now. Undefined when the alias already routes to the oldest version there is.
 */
export function previousVersion(versionArns: string[], currentVersionArn: string): string | undefined {
  const current = versionNumber(currentVersionArn);
  return versionArns
    .filter((arn) => versionNumber(arn) < current)
    .sort((a, b) => versionNumber(b) - versionNumber(a))[0];
}
