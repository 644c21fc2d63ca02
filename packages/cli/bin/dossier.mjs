#!/usr/bin/env node
// The CLI ships as TypeScript source; tsx compiles it on load so there is no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
