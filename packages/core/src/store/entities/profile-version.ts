import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

/**
 * One version of a company's profile: every run that ended with a merged profile keeps its
 * `profile.json`, and this index lists them by company in request order without listing S3.
 */
export const createProfileVersionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "profileVersion", version: "1", service: "dossier" },
      attributes: {
        companyId: { type: "string", required: true, readOnly: true },
        runId: { type: "string", required: true, readOnly: true },
        /** Epoch ms of the run's request: versions are ordered by it, as latest.json is. */
        requestedAt: { type: "number", required: true, readOnly: true, padding: { length: 15, char: "0" } },
        status: { type: ["completed", "incomplete"] as const, required: true },
        completeness: { type: "number", required: true },
        /** Where the version's merged profile is: `profiles/{companyId}/runs/{runId}/profile.json`. */
        profileKey: { type: "string", required: true },
        /** A hash of what the diff compares: equal to the previous version's, nothing changed. */
        fingerprint: { type: "string", required: true },
        /** Epoch ms at which the version was indexed. */
        recordedAt: { type: "number", required: true },
        /** Epoch ms at which the Profile.Changed of this version was claimed for publishing (once). */
        changesClaimedAt: { type: "number" },
      },
      indexes: {
        byCompany: {
          pk: { field: "pk", composite: ["companyId"] },
          sk: { field: "sk", composite: ["requestedAt", "runId"] },
        },
      },
    },
    config,
  );

export type ProfileVersionEntity = ReturnType<typeof createProfileVersionEntity>;
export type ProfileVersionItem = EntityItem<ProfileVersionEntity>;
