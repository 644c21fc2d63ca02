import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createConsoleApp } from "./app";
import { newToken, TokenField } from "./security";
import type { ConsoleSources } from "./sources";

export interface ConsoleOptions {
  sources: ConsoleSources;
  /** 0 or absent picks a free port. */
  port?: number;
  liveIntervalMs?: number;
}

export interface RunningConsole {
  /** The address to open, with the token; whoever has it can use the console. */
  url: string;
  /** The address without the token. */
  origin: string;
  token: string;
  close(): Promise<void>;
}

/** Serves the console on 127.0.0.1 only, with a fresh token. */
export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const token = newToken();
  let port = 0;
  const app = createConsoleApp({
    sources: options.sources,
    token,
    allowedHosts: () => [`127.0.0.1:${port}`, `localhost:${port}`],
    ...(options.liveIntervalMs === undefined ? {} : { liveIntervalMs: options.liveIntervalMs }),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: options.port ?? 0 }, () =>
      resolve(started),
    );
    started.once("error", reject);
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?${TokenField}=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Live streams never end on their own: end every open connection so close() returns.
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
