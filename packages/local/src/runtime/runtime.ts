import { randomUUID } from "node:crypto";
import "../polyfills";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createStore, releaseInProgressIdempotency } from "@dossier/core/store";
import {
  createLocalEventBus,
  type EventBridgeServer,
  type EventEnvelope,
  type LocalEventBus,
  startEventBridgeServer,
} from "../eventbridge";
import { notificationOf, subscribeNotifications } from "../notify";
import {
  busDataDirectory,
  type LocalEndpoints,
  LocalResourceNames,
  localEnvironment,
  toDotEnv,
} from "./environment";
import { HandlerThread } from "./handler-thread";
import { openHomeStorage } from "./home-storage";
import { createFunctionInvoker, createStateMachines, subscribeRules } from "./rule-targets";

export interface LocalRuntimeOptions {
  /** Where state lives on disk (table, objects, archive). Omit for an in-memory runtime (tests). */
  home?: string;
  /** Fixed ports, e.g. to restart on the same endpoints; 0 or absent picks free ones. */
  ports?: Partial<Record<keyof LocalEndpoints, number>>;
  /** First retry delay of bus deliveries (doubles per retry). Default 1000 ms. */
  retryBaseDelayMs?: number;
  /** Environment applied before handlers load, on top of the runtime's own (e.g. DOSSIER_SEC_*). */
  environment?: Record<string, string>;
  /** How often the stale-run sweep runs. Default 30 s; 0 disables it. */
  sweepIntervalMs?: number;
  /**
   * How many companies each extractor works on at once. Defaults to the catalogue's reserved
   * concurrency (the SEC extractor's) and is unlimited for functions without one.
   */
  extractorConcurrency?: number;
  /**
   * Delivers every event this many times to each target, concurrently — at-least-once
   * delivery at its worst, for tests that prove handlers are idempotent. Default 1.
   */
  deliveriesPerEvent?: number;
  /** Told about every failed delivery attempt (the bus retries it); `dossier dev` prints them. */
  onTargetError?: (rule: string, error: unknown) => void;
}

type EventListener = (event: EventEnvelope) => void;

/**
 * The embedded AWS: dynalite, s3rver, a local EventBridge bus with the shared rules, and the
 * shared Express workflows on aws-local-stepfunctions, all on 127.0.0.1. Handlers are the
 * deployed modules, run on a thread of their own after the environment points their SDK clients here.
 */
export interface LocalRuntime {
  /**
   * Settles, with the cause, if the local DynamoDB and S3 die while the runtime runs: a command
   * racing its work against it ends with that error instead of waiting on servers that are gone.
   */
  failure: Promise<Error>;
  endpoints: LocalEndpoints;
  environment: Record<string, string>;
  bus: LocalEventBus;
  home: string | undefined;
  /** Calls `listener` with every event the bus accepts (through an observer rule). */
  onEvent(listener: EventListener): () => void;
  /** Resolves once no delivery, execution or retry is pending. */
  drain(): Promise<void>;
  /** Runs the stale-run sweep now. */
  sweep(): Promise<void>;
  /** Puts the stored notifications' rules on the bus again (after `notify add` or `remove`). */
  reloadNotifications(): Promise<void>;
  stop(): Promise<void>;
}

const observerRuleName = "local-observer";

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const home = options.home ? path.resolve(options.home) : undefined;
  // An in-memory runtime keeps its objects on tmpfs where there is one: s3rver writes every object
  // and its metadata to files, and nothing of a scratch runtime needs to reach a disk.
  const scratchRoot = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const scratch = home ? undefined : await mkdtemp(path.join(scratchRoot, "dossier-runtime-"));
  const dataRoot = home ?? scratch ?? "";
  if (home) await mkdir(home, { recursive: true });
  const closers: (() => Promise<void>)[] = [];
  try {
    const storage = await openHomeStorage({
      dataRoot,
      persistTable: home !== undefined,
      ...(options.ports ? { ports: options.ports } : {}),
    });
    closers.push(() => storage.stop());
    // Stopped after the bus, which lets the deliveries in flight finish first.
    const handlers = new HandlerThread();
    closers.push(() => handlers.stop());
    // The home is this process's alone: an invocation left in progress by an earlier process
    // (stopped by a signal, or killed) is released, so its event is extracted again at once.
    await releaseInProgressIdempotency(storage.documentClient, LocalResourceNames.table);

    const bus = createLocalEventBus({
      busName: LocalResourceNames.bus,
      ...(home ? { dataDir: busDataDirectory(home) } : {}),
      retryBaseDelayMs: options.retryBaseDelayMs ?? 1000,
    });
    // The handlers sign with this token; a publisher outside the runtime (dev.env has no token)
    // cannot publish with dossier's internal sources.
    const internalSessionToken = randomUUID();
    const server: EventBridgeServer = await startEventBridgeServer({
      bus,
      port: options.ports?.eventBridge ?? 0,
      internalSessionToken,
    });
    closers.push(async () => {
      await server.close();
      await bus.stop();
    });

    const endpoints: LocalEndpoints = {
      eventBridge: server.endpoint,
      ...storage.endpoints,
    };
    const environment = {
      ...localEnvironment(endpoints, bus.arn),
      POWERTOOLS_METRICS_DISABLED: "true",
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "WARN",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...options.environment,
    };
    Object.assign(process.env, environment, { AWS_SESSION_TOKEN: internalSessionToken });
    if (home) await writeFile(path.join(home, "dev.env"), toDotEnv(environment));

    const invoke = createFunctionInvoker(handlers, options.extractorConcurrency);
    const stateMachines = createStateMachines(invoke, bus);
    subscribeRules(bus, {
      invoke,
      stateMachines,
      deliveriesPerEvent: options.deliveriesPerEvent ?? 1,
      onTargetError: options.onTargetError,
    });

    // Notifications added with `dossier notify add` are rules of this bus like the others.
    const notifications = createStore({ client: storage.documentClient, table: LocalResourceNames.table })
      .entities.notification;
    const reloadNotifications = async () => {
      const { data } = await notifications.query.byName({}).go({ pages: "all" });
      subscribeNotifications(bus, data.map(notificationOf));
    };
    await reloadNotifications();

    const listeners = new Set<EventListener>();
    bus.putRule({
      name: observerRuleName,
      eventPattern: { source: [{ prefix: "" }] },
      targets: [
        {
          id: "listeners",
          invoke: async (event) => {
            for (const listener of listeners) listener(event);
          },
        },
      ],
    });

    await bus.start();

    const sweep = async () => {
      await invoke("staleRunSweep", {});
    };
    const sweepIntervalMs = options.sweepIntervalMs ?? 30_000;
    let sweepTimer: NodeJS.Timeout | undefined;
    if (sweepIntervalMs > 0) {
      sweepTimer = setInterval(() => {
        sweep().catch((error: Error) => console.error(`stale-run sweep failed: ${error.message}`));
      }, sweepIntervalMs);
      sweepTimer.unref();
    }

    return {
      failure: storage.failure,
      endpoints,
      environment,
      bus,
      home,
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async drain() {
        // Deliveries publish further events; drain until a pass finds nothing new.
        for (;;) {
          const before = bus.stats();
          await bus.drain();
          const after = bus.stats();
          if (JSON.stringify(before) === JSON.stringify(after)) return;
        }
      },
      sweep,
      reloadNotifications,
      async stop() {
        if (sweepTimer) clearInterval(sweepTimer);
        for (const close of closers.reverse()) await close();
        if (scratch) await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    if (scratch) await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}
