import type { CreateScheduleCommandInput } from "@aws-sdk/client-scheduler";
import { InvalidScheduleOptionsError } from "./errors";
import { parseScheduleExpression } from "./expression";
import { assertTimezone } from "./time-zone";

export interface EventBridgeScheduleSpec {
  /** Schedule name, unique in its group: 1-64 of [0-9a-zA-Z-_.]. */
  readonly name: string;
  readonly expression: string;
  /** IANA zone the expression is read in. */
  readonly timezone: string;
  readonly groupName: string;
  /** The event bus the schedule puts its event on. */
  readonly busArn: string;
  /** The role EventBridge Scheduler assumes to call PutEvents on the bus. */
  readonly roleArn: string;
  readonly detailType: string;
  readonly source: string;
  /** The event's detail, sent as the target input. */
  readonly detail: Readonly<Record<string, unknown>>;
  /** For rate(): the first fire time; AWS starts at once without it. */
  readonly startDate?: Date;
  readonly endDate?: Date;
}

const NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;
const BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[A-Za-z0-9._\-/]+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]+$/;

/**
 * The CreateSchedule input for an EventBridge Scheduler schedule that puts one event on a
 * bus, validated first so a bad expression fails here rather than at deploy time.
 *
 * @throws InvalidScheduleExpressionError, InvalidTimezoneError, InvalidScheduleOptionsError
 * @example
 * new SchedulerClient({}).send(new CreateScheduleCommand(toCreateScheduleInput({
 *   name: "nightly-batch", expression: "cron(0 2 * * ? *)", timezone: "Europe/Paris",
 *   groupName: "dossier", busArn, roleArn, detailType: BatchRequested.detailType,
 *   source: "dossier.scheduler", detail: { companies: ["AAPL"] },
 * })));
 */
export function toCreateScheduleInput(spec: EventBridgeScheduleSpec): CreateScheduleCommandInput {
  const schedule = parseScheduleExpression(spec.expression);
  assertTimezone(spec.timezone);
  if (!NAME.test(spec.name)) throw invalid(`name "${spec.name}" must be 1-64 of [0-9a-zA-Z-_.]`);
  if (!NAME.test(spec.groupName))
    throw invalid(`groupName "${spec.groupName}" must be 1-64 of [0-9a-zA-Z-_.]`);
  if (!BUS_ARN.test(spec.busArn)) throw invalid(`busArn "${spec.busArn}" is not an event bus ARN`);
  if (!ROLE_ARN.test(spec.roleArn)) throw invalid(`roleArn "${spec.roleArn}" is not an IAM role ARN`);
  if (spec.detailType.length < 1 || spec.detailType.length > 128)
    throw invalid("detailType must be 1-128 characters");
  if (spec.source.length < 1 || spec.source.length > 256 || spec.source.startsWith("aws.")) {
    throw invalid(`source "${spec.source}" must be 1-256 characters and not start with "aws."`);
  }
  if (spec.startDate && spec.endDate && spec.startDate.getTime() > spec.endDate.getTime()) {
    throw invalid("startDate is after endDate");
  }
  return {
    Name: spec.name,
    GroupName: spec.groupName,
    ScheduleExpression: schedule.expression,
    ScheduleExpressionTimezone: spec.timezone,
    FlexibleTimeWindow: { Mode: "OFF" },
    State: "ENABLED",
    ...(spec.startDate ? { StartDate: spec.startDate } : {}),
    ...(spec.endDate ? { EndDate: spec.endDate } : {}),
    Target: {
      Arn: spec.busArn,
      RoleArn: spec.roleArn,
      Input: JSON.stringify(spec.detail),
      EventBridgeParameters: { DetailType: spec.detailType, Source: spec.source },
    },
  };
}

function invalid(reason: string): InvalidScheduleOptionsError {
  return new InvalidScheduleOptionsError(reason);
}
