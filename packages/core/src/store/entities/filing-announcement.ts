import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

/**
 * That an 8-K's leadership changes were announced (`Leadership.ChangeFiled`): claimed with one
 * conditional write before publishing, so a retried or repeated refresh announces a filing once.
 */
export const createFilingAnnouncementEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "filingAnnouncement", version: "1", service: "dossier" },
      attributes: {
        accessionNumber: { type: "string", required: true, readOnly: true },
        companyId: { type: "string", required: true, readOnly: true },
        /** Epoch ms. */
        claimedAt: { type: "number", required: true, readOnly: true },
      },
      indexes: {
        byAccession: {
          pk: { field: "pk", composite: ["accessionNumber"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

export type FilingAnnouncementEntity = ReturnType<typeof createFilingAnnouncementEntity>;
export type FilingAnnouncementItem = EntityItem<FilingAnnouncementEntity>;
