import { SHARE_ENV, Worker } from "node:worker_threads";
import type { FunctionName } from "@dossier/core/topology";
import { DossierError } from "@dossier/events";
import { deserializeError, type InvokeReply, type InvokeRequest } from "./handler-protocol";

/** Thrown to the invocations in flight when the handler thread died under them. */
export class HandlerThreadExitedError extends DossierError {
  constructor(message: string) {
    super(message, { retryable: true });
  }
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The handlers' thread, like a Lambda execution environment that serves many invocations at once.
 * It shares the process environment (the runtime points the SDK clients at its endpoints before the
 * first invocation), loads each handler module on first use and, should it die, is replaced by a
 * fresh one on the next invocation while those in flight fail (and are retried by their callers).
 */
export class HandlerThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stopped = false;

  invoke(name: FunctionName, arn: string, payload: unknown): Promise<unknown> {
    if (this.stopped) return Promise.reject(new HandlerThreadExitedError("the runtime has stopped"));
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, name, arn, payload } satisfies InvokeRequest);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failPending(new HandlerThreadExitedError("the runtime stopped during the invocation"));
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(new URL("./handler-worker.mjs", import.meta.url), {
      env: SHARE_ENV,
      // The thread registers its own TypeScript loader, so the parent's loader flags are not carried
      // over; a CPU profiler is, to profile the handlers too.
      execArgv: process.execArgv.filter((flag) => flag.startsWith("--cpu-prof")),
      // Handlers allocate short-lived objects by the million (SDK requests and responses, parsed
      // pages); a young generation this size scavenges less often. Measured on the benchmark's
      // 300-company probe: 96 MB beat the default and 192 MB.
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    worker.on("message", (reply: InvokeReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(deserializeError(reply.error));
    });
    const retire = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failPending(error);
    };
    worker.on("error", (error) =>
      retire(new HandlerThreadExitedError(`the handler thread failed: ${error.message}`)),
    );
    worker.on("exit", (code) => retire(new HandlerThreadExitedError(`the handler thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private failPending(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
