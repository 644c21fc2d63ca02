import { deployConfig } from "./config";

/** The event bus every event of the contract travels on; handlers publish to it as `Resource.Bus`. */
export const bus = new sst.aws.Bus("Bus");

/** Every event on the bus, kept for replay (`DOSSIER_ARCHIVE_RETENTION_DAYS`, default 30; 0 = forever). */
export const archive = new aws.cloudwatch.EventArchive("BusArchive", {
  eventSourceArn: bus.arn,
  description: "Every dossier event, replayable into the bus.",
  retentionDays: deployConfig().archiveRetentionDays,
});
