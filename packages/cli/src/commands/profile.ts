import { parseArgs } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import { ObjectStore, ProfileKeys } from "@dossier/core/profile";
import { LocalResourceNames } from "@dossier/local/runtime";
import { CliError, ExitCode } from "../exit-codes";
import { dossierHome } from "../home";
import { resolveCompanyId } from "../identity";
import { withRuntime } from "../session";

export const profileUsage = `dossier profile get <companyId|ticker> [--part sec|leadership]

Prints profiles/{companyId}/latest.json from the embedded runtime's bucket: the latest merged
profile and each part as it came in. A ticker is resolved to its CIK id. Exit 5 when absent.`;

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
      const latest = await objects.getJson<Record<string, unknown>>(ProfileKeys.latest(companyId));
      if (!latest) continue;
      const value = values.part ? (latest.value.parts as Record<string, unknown>)[values.part] : latest.value;
      process.stdout.write(`${JSON.stringify(value ?? null, null, 2)}\n`);
      return ExitCode.ok;
    }
    throw new CliError(
      `no profile for ${subject} (looked for ${[...new Set(candidates)].join(", ")})`,
      ExitCode.notFound,
    );
  });
}
