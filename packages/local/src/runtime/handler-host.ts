import { parentPort } from "node:worker_threads";
import type { FunctionName } from "@dossier/core/topology";
import { FunctionCatalogue } from "@dossier/functions/catalogue";
import { type InvokeReply, type InvokeRequest, serializeError } from "./handler-protocol";
import { lambdaContext } from "./lambda-context";

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const loaded = new Map<FunctionName, Promise<Handler>>();

/** Loads a handler module on first use, as Lambda does on a cold start. */
function load(name: FunctionName): Promise<Handler> {
  let handler = loaded.get(name);
  if (!handler) {
    handler = import(`@dossier/functions/${FunctionCatalogue[name].module}`).then(
      (module: { handler: Handler }) => module.handler,
    );
    loaded.set(name, handler);
  }
  return handler;
}

async function run(request: InvokeRequest): Promise<InvokeReply> {
  try {
    const handler = await load(request.name);
    const context = lambdaContext(`dossier-${request.name}`, FunctionCatalogue[request.name], request.arn);
    return { id: request.id, ok: true, result: await handler(request.payload, context) };
  } catch (error) {
    return { id: request.id, ok: false, error: serializeError(error) };
  }
}

const port = parentPort;
if (!port) throw new Error("handler-host runs on the runtime's handler thread only");
port.on("message", (request: InvokeRequest) => {
  void run(request).then((reply) => {
    try {
      port.postMessage(reply);
    } catch (error) {
      // A result that cannot cross threads (a function, a socket) fails the invocation, as a
      // result Lambda cannot serialise would.
      port.postMessage({ id: request.id, ok: false, error: serializeError(error) } satisfies InvokeReply);
    }
  });
});
