import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

export const CIRCUIT_STATES = ["closed", "open", "half-open"] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

/**
 * Circuit-breaker state per upstream, shared by every worker. Every change is guarded by
 * `version`, so concurrent workers agree on one transition and one half-open probe.
 */
export const createCircuitEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "circuit", version: "1", service: "dossier" },
      attributes: {
        upstream: { type: "string", required: true, readOnly: true },
        state: { type: CIRCUIT_STATES, required: true, default: "closed" },
        /** Epoch ms of recent failures, oldest first, trimmed to the failure window. */
        failures: { type: "list", items: { type: "number" }, required: true, default: () => [] },
        openedAt: { type: "number" },
        /** Epoch ms until which the current half-open probe owns the circuit. */
        probeInFlightUntil: { type: "number" },
        version: { type: "number", required: true, default: 0 },
      },
      indexes: {
        byUpstream: {
          pk: { field: "pk", composite: ["upstream"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

export type CircuitEntity = ReturnType<typeof createCircuitEntity>;
export type CircuitItem = EntityItem<CircuitEntity>;
