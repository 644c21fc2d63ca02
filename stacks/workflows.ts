import {
  type FunctionName,
  FunctionNames,
  type StateMachineName,
  StateMachineNames,
} from "@dossier/core/topology";
import { type StateMachineDefinition, Workflows } from "@dossier/core/workflows";
import { bus } from "./bus";
import { functions } from "./functions";
import { componentName } from "./handlers";
import { assumeRolePolicy, stateMachineRolePolicy } from "./policies";
import { LiveAlias, stateMachineName } from "./rollback";

const functionArns = $resolve(
  Object.fromEntries(FunctionNames.map((name) => [name, functions[name].arn])) as Record<
    FunctionName,
    $util.Output<string>
  >,
);

export interface DeployedWorkflow {
  stateMachine: aws.sfn.StateMachine;
  role: aws.iam.Role;
  logGroup: aws.cloudwatch.LogGroup;
  /** `live`: the alias rules start; each deploy publishes a version and routes it all there. */
  alias: aws.sfn.Alias;
}

function createWorkflow(name: StateMachineName): DeployedWorkflow {
  const id = componentName(name);
  // The shared JSONPath ASL, bound to the deployed functions and bus; the local runtime binds the same definition.
  const definition: $util.Output<StateMachineDefinition> = $util
    .all([functionArns, bus.name])
    .apply(([arns, busName]) => Workflows[name]({ functionArn: (fn) => arns[fn], busName }));
  const role = new aws.iam.Role(`${id}Role`, {
    description: `Runs the ${name} Express workflow of dossier ${$app.stage}`,
    assumeRolePolicy: JSON.stringify(assumeRolePolicy("states.amazonaws.com")),
  });
  const rolePolicy = new aws.iam.RolePolicy(`${id}RolePolicy`, {
    role: role.id,
    policy: $util
      .all([definition, bus.arn])
      .apply(([asl, busArn]) => JSON.stringify(stateMachineRolePolicy(asl, busArn))),
  });
  // Under /aws/vendedlogs/ so the log-delivery resource policy stays within its size limit.
  const logGroup = new aws.cloudwatch.LogGroup(`${id}Logs`, {
    namePrefix: `/aws/vendedlogs/states/dossier-${$app.stage}-${name}-`,
    retentionInDays: 30,
  });
  const stateMachine = new aws.sfn.StateMachine(
    `${id}StateMachine`,
    {
      name: stateMachineName($app.stage, name),
      type: "EXPRESS",
      // Every change publishes a new immutable version, so the previous one stays to roll back to.
      publish: true,
      roleArn: role.arn,
      definition: definition.apply((asl) => JSON.stringify(asl)),
      loggingConfiguration: {
        level: "ALL",
        includeExecutionData: true,
        logDestination: $interpolate`${logGroup.arn}:*`,
      },
      tracingConfiguration: { enabled: true },
    },
    // Step Functions checks the role can deliver logs when the machine is created.
    { dependsOn: [rolePolicy] },
  );
  const alias = new aws.sfn.Alias(`${id}LiveAlias`, {
    name: LiveAlias,
    description: `The ${name} version rules start; moved back by \`dossier deploy rollback\``,
    routingConfigurations: [{ stateMachineVersionArn: stateMachine.stateMachineVersionArn, weight: 100 }],
  });
  return { stateMachine, role, logGroup, alias };
}

/** One Express state machine per shared workflow definition. */
export const workflows = Object.fromEntries(
  StateMachineNames.map((name) => [name, createWorkflow(name)]),
) as Record<StateMachineName, DeployedWorkflow>;
