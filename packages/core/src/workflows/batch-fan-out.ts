import type { prepareBatch } from "../pipeline";
import {
  lambdaTaskRetry,
  PutEventsResource,
  pathIn,
  putEventsRetry,
  type StateMachineDefinition,
  type WorkflowBindings,
} from "./asl";

/** BatchFanOut's state after Prepare: Prepare's output at its ResultPath (the paths below are typed against it). */
export interface FanOutState {
  prepared: Awaited<ReturnType<typeof prepareBatch>>;
}

const fanOut = pathIn<FanOutState>();

/** How many pages of a batch are published at once, and how many 10-entry chunks per page. */
export const BatchFanOutConcurrency = { pages: 2, chunksPerPage: 5 } as const;

/**
 * BatchFanOut: started by the rule on `Batch.Requested`. `batchPrepare` opens the batch ledger
 * and splits the company list into pages in S3 (a state's payload is capped at 256 KB, a
 * 10,000-company list is not); each page becomes PutEvents calls of 10 `Extraction.Requested`
 * entries, the most one PutEvents call takes.
 */
export function batchFanOutDefinition(bindings: WorkflowBindings): StateMachineDefinition {
  return {
    Comment: "Fan a batch out into one Extraction.Requested per company, ten per PutEvents call.",
    StartAt: "Prepare",
    TimeoutSeconds: 300,
    States: {
      Prepare: {
        Type: "Task",
        Resource: bindings.functionArn("batchPrepare"),
        Parameters: { "event.$": "$" },
        ResultPath: fanOut("prepared"),
        Retry: lambdaTaskRetry,
        Next: "Pages",
      },
      Pages: {
        Type: "Map",
        ItemsPath: fanOut("prepared.pages"),
        MaxConcurrency: BatchFanOutConcurrency.pages,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "LoadPage",
          States: {
            LoadPage: {
              Type: "Task",
              Resource: bindings.functionArn("batchLoadPage"),
              Retry: lambdaTaskRetry,
              Next: "Partition",
            },
            Partition: {
              Type: "Pass",
              Parameters: { "chunks.$": "States.ArrayPartition($.entries, 10)" },
              Next: "Chunks",
            },
            Chunks: {
              Type: "Map",
              ItemsPath: "$.chunks",
              MaxConcurrency: BatchFanOutConcurrency.chunksPerPage,
              ItemProcessor: {
                ProcessorConfig: { Mode: "INLINE" },
                StartAt: "PublishRequests",
                States: {
                  PublishRequests: {
                    Type: "Task",
                    Resource: PutEventsResource,
                    Parameters: { "Entries.$": "$" },
                    Retry: putEventsRetry,
                    Next: "EveryEntryAccepted",
                  },
                  EveryEntryAccepted: {
                    Type: "Choice",
                    Choices: [
                      { Variable: "$.FailedEntryCount", NumericGreaterThan: 0, Next: "EntriesRejected" },
                    ],
                    Default: "Published",
                  },
                  EntriesRejected: {
                    Type: "Fail",
                    Error: "PutEventsEntriesRejected",
                    Cause: "The bus rejected some Extraction.Requested entries of this chunk.",
                  },
                  Published: { Type: "Succeed" },
                },
              },
              ResultPath: null,
              End: true,
            },
          },
        },
        ResultPath: null,
        Next: "FannedOut",
      },
      FannedOut: { Type: "Succeed" },
    },
  };
}
