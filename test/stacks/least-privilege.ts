// The least-privilege rule for one IAM statement, shared by the checks on stacks/policies.ts'
// builders and on every document in the recorded resource graph.
import { RunTimeNamedResources, serviceWideStatements, xrayTracingPermission } from "../../stacks/policies";

/** A statement as IAM reads it: Action and Resource may be a string or a list. */
export interface IamStatement {
  Effect: string;
  Action?: string | string[];
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: unknown;
}

const list = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

/** The only actions AWS lets us scope to nothing narrower than `*` (see serviceWideStatements). */
const serviceWideActions = new Set([
  ...serviceWideStatements.flatMap((statement) => statement.Action),
  ...xrayTracingPermission.actions,
]);

/**
 * Why an Allow statement grants more than it should: a wildcard action, or a `*` resource outside
 * the service-wide logging/tracing exceptions. `<arn>/*` (what lies under one named resource) is fine.
 * Deny statements narrow access and are never a violation.
 */
export function leastPrivilegeViolations(statement: IamStatement): string[] {
  if (statement.Effect !== "Allow") return [];
  const actions = list(statement.Action);
  const violations = actions.filter((action) => action.includes("*")).map((a) => `wildcard action ${a}`);
  const serviceWide = actions.length > 0 && actions.every((action) => serviceWideActions.has(action));
  const runTimeNamed = (resource: string) =>
    RunTimeNamedResources.some(
      (allowed) => actions.length === 1 && actions[0] === allowed.action && allowed.resource.test(resource),
    );
  for (const resource of list(statement.Resource)) {
    const unscoped = resource.replace(/\/\*$/, "").includes("*") && !runTimeNamed(resource);
    if (unscoped && !serviceWide) violations.push(`unscoped resource ${resource} for ${actions.join(", ")}`);
  }
  if (statement.Principal === "*" || JSON.stringify(statement.Principal) === '{"AWS":"*"}') {
    violations.push("allows any principal");
  }
  return violations;
}
