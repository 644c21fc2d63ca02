import { FunctionNames } from "@dossier/core/topology";
import { bus } from "./bus";
import { functions } from "./functions";
import { busPublishGuardPolicy } from "./policies";
import { schedulerRole } from "./schedules";
import { workflows } from "./workflows";

/** Every role dossier itself publishes as: the functions, the state machines and the request scheduler. */
const dossierRoleArns = $util.all([
  ...FunctionNames.map((name) => functions[name].nodes.role.arn),
  ...Object.values(workflows).map(({ role }) => role.arn),
  schedulerRole.arn,
]);

/** The bus refuses internal sources from anyone else (see busPublishGuardPolicy). */
export const busPolicy = new aws.cloudwatch.EventBusPolicy("BusPolicy", {
  eventBusName: bus.name,
  policy: $util
    .all([bus.arn, dossierRoleArns])
    .apply(([busArn, roleArns]) => JSON.stringify(busPublishGuardPolicy(busArn, roleArns))),
});
