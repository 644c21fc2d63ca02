import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { DemoFixtureServerOptions, DemoRequestLogEntry, IndexedDemoFiling } from "@dossier/local/demo";

export interface FixtureProcessOptions {
  /** Generated companies of the data set; the same count gives the same companies in every process. */
  syntheticCount: number;
  server?: Omit<DemoFixtureServerOptions, "dataset" | "clock" | "onHook">;
  /** Filings the server lists in its daily indexes (and serves) from the start. */
  filings?: (IndexedDemoFiling & { text: string })[];
}

export type ToFixtures = { type: "log"; id: number } | { type: "close" };
export type FromFixtures =
  | { type: "ready"; baseUrl: string; secDataUrl: string; secWwwUrl: string }
  | { type: "log"; id: number; entries: DemoRequestLogEntry[] };

export interface FixtureProcess {
  baseUrl: string;
  secDataUrl: string;
  secWwwUrl: string;
  /** Every request the fixture server answered so far, in order. */
  requestLog(): Promise<DemoRequestLogEntry[]>;
  close(): Promise<void>;
}

export class FixtureProcessError extends Error {
  readonly retryable = false;
  constructor(detail: string) {
    super(`the fixture server process failed: ${detail}; run a scenario alone to see its output`);
    this.name = "FixtureProcessError";
  }
}

/** Starts the demo fixture server in a child process and resolves once it listens. */
export function startFixtureProcess(options: FixtureProcessOptions): Promise<FixtureProcess> {
  const child: ChildProcess = fork(
    path.join(import.meta.dirname, "fixture-process.ts"),
    [JSON.stringify(options)],
    {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  const pending = new Map<
    number,
    { settle: (entries: DemoRequestLogEntry[]) => void; fail: (error: Error) => void }
  >();
  let nextId = 0;
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      const error = new FixtureProcessError(`exited with code ${code}`);
      reject(error);
      for (const request of pending.values()) request.fail(error);
      pending.clear();
    });
    child.on("message", (message: FromFixtures) => {
      if (message.type === "log") {
        pending.get(message.id)?.settle(message.entries);
        pending.delete(message.id);
        return;
      }
      resolve({
        baseUrl: message.baseUrl,
        secDataUrl: message.secDataUrl,
        secWwwUrl: message.secWwwUrl,
        requestLog: () =>
          new Promise((settle, fail) => {
            if (!child.connected) return fail(new FixtureProcessError("the process is gone"));
            const id = nextId++;
            pending.set(id, { settle, fail });
            child.send({ type: "log", id } satisfies ToFixtures);
          }),
        close: () =>
          new Promise<void>((settle) => {
            if (child.exitCode !== null || !child.connected) return settle();
            child.once("exit", () => settle());
            child.send({ type: "close" } satisfies ToFixtures);
          }),
      });
    });
  });
}
