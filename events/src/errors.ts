/**
 * The one error base of the project. Every error says whether trying again can help
 * (`retryable`): handlers rethrow retryable errors so the delivery is retried with backoff, and
 * turn permanent ones into an outcome (a failed part, a failed run). The message is for a person:
 * it says what was wrong and what to do about it. `cause` keeps the underlying error.
 */
export class DossierError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options.retryable;
  }
}

/** A setting (environment variable, deploy option) that is missing or malformed; fix it and restart. */
export class ConfigError extends DossierError {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`, { retryable: false });
  }
}

/**
 * Whether an error is worth retrying. Only errors that say so are: an unknown error is treated
 * as permanent by extraction code, but infrastructure code (SDK clients) carries its own flags.
 */
export function isRetryable(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { retryable?: unknown }).retryable === true;
}

/** `Name: message` of any thrown value, for reasons and logs. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
