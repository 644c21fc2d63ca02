import type { FunctionName } from "@dossier/core/topology";

/** One invocation, from the runtime to its handler thread. */
export interface InvokeRequest {
  id: number;
  name: FunctionName;
  arn: string;
  payload: unknown;
}

/** An error as it crosses threads: what callers read of it (name, message, flags such as `retryable`). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string | undefined;
  properties: Record<string, unknown>;
}

export type InvokeReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), properties: {} };
  let properties: Record<string, unknown> = {};
  try {
    // Own enumerable fields (retryable, code, statusCode…); anything that is not JSON is dropped.
    properties = JSON.parse(JSON.stringify({ ...error })) as Record<string, unknown>;
  } catch {
    properties = {};
  }
  return { name: error.name, message: error.message, stack: error.stack, properties };
}

export function deserializeError(serialized: SerializedError): Error {
  const error = Object.assign(new Error(serialized.message), serialized.properties);
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
