import { z } from "zod";
import { defineEvent } from "../define";

const CircuitTransition = z.object({
  upstream: z.string().min(1),
  at: z.iso.datetime(),
  failures: z.number().int().nonnegative(),
});

export const CircuitOpened = defineEvent({
  detailType: "Circuit.Opened",
  version: 1,
  description: "An upstream failed repeatedly; calls to it are refused until a probe succeeds.",
  schema: CircuitTransition.extend({ halfOpensAt: z.iso.datetime() }),
});

export const CircuitClosed = defineEvent({
  detailType: "Circuit.Closed",
  version: 1,
  description: "A probe to a previously failing upstream succeeded; calls flow again.",
  schema: CircuitTransition,
});
