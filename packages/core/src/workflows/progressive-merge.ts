import { ExtractionFailed, ProfileUpdated, Sources } from "@dossier/events";
import type { AppendPartOutput, PartCompletedDetail, TerminalDecision } from "../pipeline";
import {
  lambdaTaskRetry,
  pathIn,
  publishEventTask,
  type StateMachineDefinition,
  type WorkflowBindings,
} from "./asl";

/**
 * ProgressiveMerge's state as its tasks leave it: the PartCompleted event, then each task's output
 * at its ResultPath. The Choice and Parameters paths below are typed against it.
 */
export interface MergeState {
  detail: PartCompletedDetail;
  append: AppendPartOutput;
  final: TerminalDecision;
  failure: TerminalDecision;
  error: { Error?: string; Cause?: string };
  announceError: { Error?: string; Cause?: string };
}

const merge = pathIn<MergeState>();

/**
 * Records in the ledger that the terminal event at `decisionPath` went out, so the sweep does not
 * publish it again. Should recording fail, the execution goes on to `next` all the same: the
 * sweep will then publish the event once more, later.
 */
function recordAnnouncedTask(bindings: WorkflowBindings, decisionPath: string, next: string) {
  return {
    Type: "Task",
    Comment: "The event is out: the ledger's sweep must not publish it again.",
    Resource: bindings.functionArn("mergeRecordAnnounced"),
    Parameters: { "decision.$": decisionPath },
    ResultPath: null,
    Retry: lambdaTaskRetry,
    Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: merge("announceError"), Next: next }],
    Next: next,
  };
}

/**
 * ProgressiveMerge: started by the rule on `Extraction.PartCompleted` (every status) with the
 * event as input; the one path by which a run reaches its end. Records the part; publishes
 * `Profile.Updated` when a succeeded part went into latest.json while parts are missing; merges
 * and publishes the run's single terminal event once every part is in. A part that is not the
 * run's own is refused without touching the run. Any failure
 * ends the run as `Extraction.Failed` and fails the execution. Once a terminal event is out it is
 * recorded in the ledger (else the sweep publishes it from the ledger later); latest.json gets
 * the merged profile after that, so its read-modify-write is off the path to the run's end.
 *
 * A duplicate delivery of a part is not short-circuited: unless the run has already ended, it
 * goes on to the merge, whose terminal claim is exactly-once. That way a delivery replayed
 * after a crash between "append" and "merge" still ends the run.
 */
export function progressiveMergeDefinition(bindings: WorkflowBindings): StateMachineDefinition {
  return {
    Comment: "Append one part of a run to its profile; merge and end the run when every part is in.",
    StartAt: "AppendPart",
    TimeoutSeconds: 120,
    States: {
      AppendPart: {
        Type: "Task",
        Resource: bindings.functionArn("mergeAppendPart"),
        Parameters: { "event.$": "$" },
        ResultPath: merge("append"),
        Retry: lambdaTaskRetry,
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: merge("error"), Next: "FailRun" }],
        Next: "HasEveryPart",
      },
      HasEveryPart: {
        Type: "Choice",
        Choices: [
          { Variable: merge("append.refused"), BooleanEquals: true, Next: "PartRefused" },
          { Variable: merge("append.ended"), BooleanEquals: true, Next: "AlreadyEnded" },
          { Variable: merge("append.allIn"), BooleanEquals: true, Next: "Finalize" },
          { Variable: merge("append.updated"), IsPresent: true, Next: "PublishUpdated" },
        ],
        Default: "AwaitingParts",
      },
      PartRefused: {
        Type: "Fail",
        Error: "PartRefused",
        Cause:
          "The part is not the run's own (another company's run, an unexpected part, or a foreign document); nothing was recorded.",
      },
      AwaitingParts: {
        Type: "Succeed",
        Comment: "An unsuccessful part is recorded; the run waits for its other parts.",
      },
      PublishUpdated: publishEventTask({
        busName: bindings.busName,
        source: Sources.merge,
        detailType: ProfileUpdated.detailType,
        detailPath: merge("append.updated"),
      }),
      Finalize: {
        Type: "Task",
        Resource: bindings.functionArn("mergeFinalize"),
        Parameters: { "runId.$": merge("detail.runId"), "append.$": merge("append") },
        ResultPath: merge("final"),
        Retry: lambdaTaskRetry,
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: merge("error"), Next: "FailRun" }],
        Next: "ClaimedTerminal",
      },
      ClaimedTerminal: {
        Type: "Choice",
        Choices: [{ Variable: merge("final.claimed"), BooleanEquals: true, Next: "PublishTerminal" }],
        Default: "AlreadyEnded",
      },
      AlreadyEnded: { Type: "Succeed", Comment: "Another execution ended this run first." },
      PublishTerminal: publishEventTask({
        busName: bindings.busName,
        source: Sources.merge,
        detailType: merge("final.detailType"),
        detailPath: merge("final.detail"),
        next: "RecordAnnounced",
      }),
      RecordAnnounced: recordAnnouncedTask(bindings, merge("final"), "UpdateLatest"),
      UpdateLatest: {
        Type: "Task",
        Comment: "After the run's end: the merged profile and its parts' outcomes into latest.json.",
        Resource: bindings.functionArn("mergeUpdateLatest"),
        Parameters: { "final.$": merge("final") },
        ResultPath: null,
        Retry: lambdaTaskRetry,
        End: true,
      },
      FailRun: {
        Type: "Task",
        Resource: bindings.functionArn("mergeFailRun"),
        Parameters: { "runId.$": merge("detail.runId"), "error.$": merge("error") },
        ResultPath: merge("failure"),
        Retry: lambdaTaskRetry,
        Next: "ClaimedFailure",
      },
      ClaimedFailure: {
        Type: "Choice",
        Choices: [{ Variable: merge("failure.claimed"), BooleanEquals: true, Next: "PublishFailed" }],
        Default: "MergeFailed",
      },
      PublishFailed: publishEventTask({
        busName: bindings.busName,
        source: Sources.merge,
        detailType: ExtractionFailed.detailType,
        detailPath: merge("failure.detail"),
        next: "RecordFailureAnnounced",
      }),
      RecordFailureAnnounced: recordAnnouncedTask(bindings, merge("failure"), "MergeFailed"),
      MergeFailed: {
        Type: "Fail",
        Error: "MergeFailed",
        Cause: "The merge failed; the run ended as Extraction.Failed.",
      },
    },
  };
}
