import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isInternalSource } from "@dossier/events";
import type { LocalEventBus } from "./bus";
import { DEFAULT_BUS_NAME } from "./envelope";
import { testEventPattern } from "./pattern";
import type { PutEventsRequestEntry } from "./types";

export interface EventBridgeServerOptions {
  bus: LocalEventBus;
  /**
   * The session token dossier's own handlers sign with. A PutEvents with one of dossier's internal
   * sources and another (or no) token is refused, as the bus policy refuses it on AWS.
   */
  internalSessionToken?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface EventBridgeServer {
  /** Base URL for the SDK's `endpoint` or `AWS_ENDPOINT_URL_EVENTBRIDGE`. */
  endpoint: string;
  close: () => Promise<void>;
}

const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
// Ten maximal entries plus JSON framing; anything larger cannot be a valid PutEvents call.
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** An error answered in the AWS JSON protocol shape: HTTP status, `__type` and message. */
class AwsProtocolError extends Error {
  override readonly name = "AwsProtocolError";
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Caller {
  /** The request was signed with the runtime's own session token: dossier itself is publishing. */
  internal: boolean;
}

type Operation = (input: Record<string, unknown>, bus: LocalEventBus, caller: Caller) => Promise<unknown>;

const optionalString = (input: Record<string, unknown>, field: string): string | undefined => {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new AwsProtocolError("ValidationException", `Parameter ${field} must be a string.`);
  }
  return value;
};

const requiredString = (input: Record<string, unknown>, field: string): string => {
  const value = optionalString(input, field);
  if (value === undefined) {
    throw new AwsProtocolError("ValidationException", `Parameter ${field} is required.`);
  }
  return value;
};

/** The bus a request names: this one, or the account's default bus, which exists everywhere. */
function namedBus(input: Record<string, unknown>, field: string, bus: LocalEventBus): "this" | "default" {
  const name = optionalString(input, field) ?? DEFAULT_BUS_NAME;
  if (name === bus.name || name === bus.arn) return "this";
  if (name === DEFAULT_BUS_NAME) return "default";
  throw new AwsProtocolError("ResourceNotFoundException", `Event bus ${name} does not exist.`);
}

const defaultBusArn = (bus: LocalEventBus) =>
  bus.arn.replace(/event-bus\/.*$/, `event-bus/${DEFAULT_BUS_NAME}`);

const operations: Record<string, Operation> = {
  PutEvents: async (input, bus, caller) => {
    if (!Array.isArray(input.Entries)) {
      throw new AwsProtocolError("ValidationException", "Parameter Entries is required and must be a list.");
    }
    const entries = input.Entries as PutEventsRequestEntry[];
    const forged = caller.internal
      ? undefined
      : entries.find((entry) => isInternalSource(String(entry?.Source)));
    if (forged) {
      throw new AwsProtocolError(
        "AccessDeniedException",
        `User is not authorized to perform events:PutEvents with source ${forged.Source}: dossier's internal sources are published by dossier only (on AWS the bus policy denies them); publish requests with your own source or dossier.requests.`,
      );
    }
    return bus.putEvents(entries);
  },
  TestEventPattern: async (input) => ({
    Result: testEventPattern(requiredString(input, "EventPattern"), requiredString(input, "Event")),
  }),
  ListRules: async (input, bus) => {
    if (namedBus(input, "EventBusName", bus) === "default") return { Rules: [] };
    const prefix = optionalString(input, "NamePrefix") ?? "";
    return {
      Rules: bus
        .listRules()
        .filter((rule) => rule.name.startsWith(prefix))
        .map((rule) => ({
          Name: rule.name,
          Arn: rule.arn,
          EventPattern: rule.eventPattern,
          State: "ENABLED",
          EventBusName: bus.name,
        })),
    };
  },
  DescribeEventBus: async (input, bus) =>
    namedBus(input, "Name", bus) === "default"
      ? { Name: DEFAULT_BUS_NAME, Arn: defaultBusArn(bus) }
      : { Name: bus.name, Arn: bus.arn },
  ListEventBuses: async (_input, bus) => ({
    EventBuses: [
      { Name: DEFAULT_BUS_NAME, Arn: defaultBusArn(bus) },
      { Name: bus.name, Arn: bus.arn },
    ],
  }),
};

function toProtocolError(error: unknown): AwsProtocolError {
  if (error instanceof AwsProtocolError) return error;
  // The bus's and the pattern matcher's errors name the AWS error they stand for.
  if (error instanceof Error && "awsErrorType" in error && typeof error.awsErrorType === "string") {
    return new AwsProtocolError(error.awsErrorType, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AwsProtocolError("InternalException", message, 500);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new AwsProtocolError("ValidationException", `Request body exceeds ${MAX_BODY_BYTES} bytes.`, 413);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseInput(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AwsProtocolError("SerializationException", "Request body is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsProtocolError("SerializationException", "Request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": JSON_CONTENT_TYPE,
    "Content-Length": Buffer.byteLength(payload),
    "x-amzn-RequestId": randomUUID(),
    ...(errorType === undefined ? {} : { "x-amzn-ErrorType": errorType }),
  });
  response.end(payload);
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  bus: LocalEventBus,
  internalSessionToken: string | undefined,
): Promise<void> {
  try {
    if (request.method !== "POST") {
      throw new AwsProtocolError(
        "UnknownOperationException",
        `Method ${request.method} is not supported; POST.`,
      );
    }
    const target = request.headers["x-amz-target"];
    const [service, operationName] = typeof target === "string" ? target.split(".", 2) : [];
    // Own properties only: "AWSEvents.constructor" or "AWSEvents.toString" are not operations.
    const operation =
      service === "AWSEvents" && operationName && Object.hasOwn(operations, operationName)
        ? operations[operationName]
        : undefined;
    if (operation === undefined) {
      throw new AwsProtocolError(
        "UnknownOperationException",
        `Operation ${String(target)} is not supported by the local EventBridge endpoint (supported: ${Object.keys(operations).join(", ")}).`,
      );
    }
    const input = parseInput(await readBody(request));
    const token = request.headers["x-amz-security-token"];
    const caller = { internal: internalSessionToken === undefined || token === internalSessionToken };
    send(response, 200, await operation(input, bus, caller));
  } catch (error) {
    const protocolError = toProtocolError(error);
    send(
      response,
      protocolError.status,
      { __type: protocolError.type, message: protocolError.message },
      protocolError.type,
    );
  }
}

/**
 * Serves the AWS JSON 1.1 EventBridge protocol (PutEvents, TestEventPattern, ListRules,
 * DescribeEventBus) for one bus, so the AWS SDK and CLI work against it unchanged.
 * Signatures are not verified.
 */
export async function startEventBridgeServer(options: EventBridgeServerOptions): Promise<EventBridgeServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((request, response) => {
    void handle(request, response, options.bus, options.internalSessionToken);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
