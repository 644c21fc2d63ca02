import { parseArgs } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import { type LatestDocument, ObjectStore, ProfileKeys } from "@dossier/core/profile";
import { Part } from "@dossier/events";
import { LocalResourceNames } from "@dossier/local/runtime";
import { CliError, ExitCode } from "../exit-codes";
import { dossierHome } from "../home";
import { resolveCompanyId } from "../identity";
import { summariseProfile } from "../profile-summary";
import { withRuntime } from "../session";

export const profileUsage = `dossier profile get <companyId|ticker> [--part sec|leadership]
dossier profile show <companyId|ticker> [--sources]

get prints profiles/{companyId}/latest.json from the embedded runtime's bucket: the latest merged
profile and each part's outcome (with its data while the run is still merging). --part prints one
part with its data, read from the part's own document once merged. show prints the readable
summary extract prints; --sources adds where every value came from (filing, concept, page,
method) and when each document was read. A ticker is resolved to its CIK id. Exit 5 when absent.`;

type LatestPart = LatestDocument["parts"][Part];

/** A part of latest.json with its data: a merged part keeps only a reference to its document. */
async function partWithData(objects: ObjectStore, part: LatestPart): Promise<LatestPart> {
  if (!part || part.data !== undefined || !part.s3Key) return part;
  const document = await objects.getJson<{ data?: unknown }>(part.s3Key);
  return document ? { ...part, data: document.value.data } : part;
}

export async function profileCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "get" && sub !== "show") throw new CliError(profileUsage);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { part: { type: "string" }, sources: { type: "boolean", default: false } },
  });
  if (sub === "show" && values.part) throw new CliError("--part goes with `profile get`");
  if (sub === "get" && values.sources) throw new CliError("--sources goes with `profile show`");
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
      if (sub === "show") {
        const merged = latest.value.profile;
        if (!merged) {
          throw new CliError(
            `${companyId} has no merged profile yet (its run is still merging); \`dossier profile get ${subject}\` shows the parts so far`,
            ExitCode.notFound,
          );
        }
        process.stdout.write(`${summariseProfile(merged, { sources: values.sources })}\n`);
        return ExitCode.ok;
      }
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
