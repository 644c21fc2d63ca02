import { parseArgs } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import { type LatestDocument, ObjectStore, ProfileKeys } from "@dossier/core/profile";
import { Part } from "@dossier/events";
import { LocalResourceNames } from "@dossier/local/runtime";
import { CliError, ExitCode } from "../exit-codes";
import { dossierHome } from "../home";
import { resolveCompanyId } from "../identity";
import { withRuntime } from "../session";

export const profileUsage = `dossier profile get <companyId|ticker> [--part sec|leadership]

Prints profiles/{companyId}/latest.json from the embedded runtime's bucket: the latest merged
profile and each part's outcome (with its data while the run is still merging). --part prints one
part with its data, read from the part's own document once merged. A ticker is resolved to its
CIK id. Exit 5 when absent.`;

type LatestPart = LatestDocument["parts"][Part];

/** A part of latest.json with its data: a merged part keeps only a reference to its document. */
async function partWithData(objects: ObjectStore, part: LatestPart): Promise<LatestPart> {
  if (!part || part.data !== undefined || !part.s3Key) return part;
  const document = await objects.getJson<{ data?: unknown }>(part.s3Key);
  return document ? { ...part, data: document.value.data } : part;
}

export async function profileCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "get") throw new CliError(profileUsage);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { part: { type: "string" } },
  });
  const subject = positionals[0];
  if (!subject) throw new CliError(profileUsage);
  const part = values.part === undefined ? undefined : Part.safeParse(values.part);
  if (part && !part.success) throw new CliError(`--part must be one of ${Part.options.join(", ")}`);
  const looksLikeId = /^(cik|name|ticker)-|\./.test(subject);
  const candidates = looksLikeId
    ? [subject]
    : [
        await resolveCompanyId(
          { ticker: subject },
          dossierHome(),
          Boolean(process.env.DOSSIER_SEC_USER_AGENT),
        ).catch(() => `ticker-${subject.toLowerCase()}`),
        `ticker-${subject.toLowerCase()}`,
      ];
  return withRuntime("profile", { sweepIntervalMs: 0 }, async () => {
    const objects = new ObjectStore(new S3Client({}), LocalResourceNames.bucket);
    for (const companyId of new Set(candidates)) {
      const latest = await objects.getJson<LatestDocument>(ProfileKeys.latest(companyId));
      if (!latest) continue;
      const value = part ? await partWithData(objects, latest.value.parts[part.data]) : latest.value;
      process.stdout.write(`${JSON.stringify(value ?? null, null, 2)}\n`);
      return ExitCode.ok;
    }
    throw new CliError(
      `no profile for ${subject} (looked for ${[...new Set(candidates)].join(", ")})`,
      ExitCode.notFound,
    );
  });
}
