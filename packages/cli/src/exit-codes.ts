/** Exit codes of the `dossier` command, documented in the README. */
export const ExitCode = {
  /** Done: the profile is complete, the batch finished, the command did what it said. */
  ok: 0,
  /** Something unexpected broke; the message says what. */
  internalError: 1,
  /** The command line or an input file is wrong; nothing was started. */
  usage: 2,
  /** The run ended as Profile.Incomplete (a profile exists, below the completeness threshold). */
  incomplete: 3,
  /** The run ended as Extraction.Failed, or a batch had failed runs. */
  failed: 4,
  /** What was asked for does not exist (no profile for that company). */
  notFound: 5,
  /** DOSSIER_HOME is in use by another dossier process. */
  busy: 6,
  /** An upstream the command needed before starting (SEC's ticker list) did not answer; nothing was started. */
  unavailable: 7,
  /** Stopped by SIGINT (Ctrl-C), as shells report it; the next start resumes what was accepted. */
  interrupted: 130,
  /** Stopped by SIGTERM. */
  terminated: 143,
} as const;

/** An error whose message is for the person at the terminal, with the exit code to end on. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.usage,
  ) {
    super(message);
  }
}
