import { bus } from "./bus";
import { functions } from "./extractors";
import { internalSourcesBusPolicy } from "./policies";
import { schedulerRole } from "./schedules";
import { workflows } from "./workflows";

/** Dossier's internal sources are published by dossier's own roles only (see internalSourcesBusPolicy). */
export const busPolicy = new aws.cloudwatch.EventBusPolicy("BusPolicy", {
  eventBusName: bus.name,
  policy: $util
    .all([
      bus.arn,
      ...Object.values(functions).map((fn) => fn.nodes.role.arn),
      ...Object.values(workflows).map((workflow) => workflow.role.arn),
      schedulerRole.arn,
    ])
    .apply(([busArn, ...roleArns]) => JSON.stringify(internalSourcesBusPolicy(busArn, roleArns))),
});
