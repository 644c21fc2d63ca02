// The embedded runtime's Lambda execution environment: every handler runs on this thread, as the
// deployed modules, so their work (SDK calls, parsing) uses another core than the bus and the
// workflows. Plain JavaScript that registers the TypeScript loader (a worker thread does not
// inherit one, and under a test runner there is none to inherit), then starts the host.
import { register } from "tsx/esm/api";

register();
await import("./handler-host.ts");
