import { DossierError } from "@dossier/events";
/** A ledger operation named a run that was never created; the caller has the wrong id or skipped createRun. */
export class RunNotFoundError extends DossierError {
  constructor(readonly runId: string) {
    super(
      `Run ${runId} is not in the ledger: create it with runs.create() before recording parts or ending it.`,
      { retryable: false },
    );
  }
}

/** A ledger operation named a batch that was never created. */
export class BatchNotFoundError extends DossierError {
  constructor(readonly batchId: string) {
    super(
      `Batch ${batchId} is not in the ledger: create it with batches.create() before recording outcomes.`,
      { retryable: false },
    );
  }
}

/** A part that the run did not ask for; recording it would make the ledger lie about completeness. */
export class UnexpectedPartError extends DossierError {
  constructor(
    readonly runId: string,
    readonly part: string,
    expected: readonly string[],
  ) {
    super(
      `Run ${runId} expects parts ${expected.join(", ")}, not "${part}"; check the event's partsExpected.`,
      { retryable: false },
    );
  }
}

/** A part for a run that belongs to another company: a forged event, or a run id two requests used. */
export class ForeignPartError extends DossierError {
  constructor(
    readonly runId: string,
    readonly part: string,
    readonly partCompanyId: string,
    readonly runCompanyId: string,
  ) {
    super(
      `Part ${part} of run ${runId} is for ${partCompanyId}, but the run is for ${runCompanyId}; the part is refused.`,
      { retryable: false },
    );
  }
}
