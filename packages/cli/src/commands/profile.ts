import { parseArgs } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import { describeChange, summariseChanges } from "@dossier/core/changes";
import { compareVersions, profileVersions, UnknownVersionError } from "@dossier/core/pipeline";
import {
  type LatestDocument,
  listStoredProfiles,
  ObjectStore,
  ProfileKeys,
  type StoredProfile,
  storedCompaniesWithTicker,
} from "@dossier/core/profile";
import { Part } from "@dossier/events";
import { LocalResourceNames } from "@dossier/local/runtime";
import { CliError, ExitCode } from "../exit-codes";
import { withHomeReader } from "../home-reader";
import { resolveCompanyId } from "../identity";
import { localStore } from "../local-store";
import { summariseProfile } from "../profile-summary";
import { printable, table } from "../render";

export const profileUsage = `dossier profile get <companyId|ticker> [--part sec|leadership]
dossier profile show <companyId|ticker> [--sources]
dossier profile list [--json]
dossier profile history <companyId|ticker> [--json]
dossier profile diff <companyId|ticker> [--from V] [--to V] [--json]

get prints profiles/{companyId}/latest.json from the local bucket: the latest merged profile and
each part's outcome (with its data while the run is still merging). --part prints one part with
its data, read from the part's own document once merged. show prints the readable summary
extract prints; --sources adds where every value came from (filing, concept, page, method) and
when each document was read. list shows every stored profile, most recently updated first.
history lists every version of a company's profile (each run that ended with one), oldest first.
diff prints the meaningful changes between two versions (the changes Profile.Changed carries):
by default the newest against the one before; V is a version as history numbers it (v3) or a run id.
A ticker is looked up among the stored profiles first, then in SEC's ticker list. These commands
only read: they work while \`dossier dev\` or a batch runs. Exit 5 when absent.`;

type LatestPart = LatestDocument["parts"][Part];

/** A part of latest.json with its data: a merged part keeps only a reference to its document. */
async function partWithData(objects: ObjectStore, part: LatestPart): Promise<LatestPart> {
  if (!part || part.data !== undefined || !part.s3Key) return part;
  const document = await objects.getJson<{ data?: unknown }>(part.s3Key);
  return document ? { ...part, data: document.value.data } : part;
}

/** The company ids a subject may name: itself when it is an id; else the stored profiles with that ticker, then SEC's answer. */
async function candidateIds(subject: string, objects: ObjectStore, home: string): Promise<string[]> {
  if (/^(cik|name|ticker)-|\./.test(subject)) return [subject];
  const stored = storedCompaniesWithTicker(await listStoredProfiles(objects), subject);
  if (stored.length > 0) return stored.map((profile) => profile.companyId);
  const viaSec = await resolveCompanyId(
    { ticker: subject },
    home,
    Boolean(process.env.DOSSIER_SEC_USER_AGENT),
  ).catch(() => undefined);
  return [...new Set([...(viaSec ? [viaSec] : []), `ticker-${subject.toLowerCase()}`])];
}

function renderList(profiles: StoredProfile[]): string {
  if (profiles.length === 0)
    return "no profiles stored yet: run `dossier extract`, `dossier batch` or `npm run demo`";
  return table(
    ["company", "ticker", "id", "status", "completeness", "updated"],
    profiles.map((profile) => [
      printable(profile.name ?? "-"),
      printable(profile.tickers.join(", ") || "-"),
      profile.companyId,
      profile.status,
      profile.completeness === undefined ? "-" : `${profile.completeness} %`,
      profile.updatedAt,
    ]),
  );
}

/** The changes between two versions of the first candidate that has two, as lines or JSON. */
async function printDiff(
  subject: string,
  candidates: string[],
  selectors: { from?: string | undefined; to?: string | undefined },
  json: boolean,
): Promise<number> {
  const context = {
    store: localStore(),
    objects: new ObjectStore(new S3Client({}), LocalResourceNames.bucket),
  };
  for (const companyId of candidates) {
    const comparison = await compareVersions(context, companyId, selectors).catch((error: unknown) => {
      if (error instanceof UnknownVersionError) throw new CliError(`${companyId}: ${error.message}`);
      throw error;
    });
    if (!comparison) continue;
    if (json) {
      process.stdout.write(`${JSON.stringify({ companyId, ...comparison }, null, 2)}\n`);
      return ExitCode.ok;
    }
    const { from, to, changes } = comparison;
    const heading = `${companyId}: v${from.version} (${from.runId}) → v${to.version} (${to.runId})`;
    const body = changes.length
      ? `${summariseChanges(changes)}\n${changes.map((change) => `  ${printable(describeChange(change))}`).join("\n")}`
      : "no meaningful change";
    process.stdout.write(`${heading}\n${body}\n`);
    return ExitCode.ok;
  }
  throw new CliError(
    `${subject}'s profile has fewer than two versions to compare (looked for ${candidates.join(", ")}); \`dossier profile history ${subject}\` lists them`,
    ExitCode.notFound,
  );
}

/** The versions of the first candidate that has any, as a table or JSON. */
async function printHistory(subject: string, candidates: string[], json: boolean): Promise<number> {
  const context = { store: localStore() };
  for (const companyId of candidates) {
    const versions = await profileVersions(context, companyId);
    if (versions.length === 0) continue;
    if (json) {
      process.stdout.write(`${JSON.stringify(versions, null, 2)}\n`);
      return ExitCode.ok;
    }
    const rows = versions.map((version, index) => [
      `v${index + 1}`,
      new Date(version.requestedAt).toISOString(),
      version.runId,
      version.status,
      `${version.completeness} %`,
    ]);
    process.stdout.write(
      `${companyId}\n${table(["version", "requested", "run", "status", "completeness"], rows)}\n`,
    );
    return ExitCode.ok;
  }
  throw new CliError(
    `no versions of ${subject}'s profile (looked for ${candidates.join(", ")})`,
    ExitCode.notFound,
  );
}

export async function profileCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "get" && sub !== "show" && sub !== "list" && sub !== "history" && sub !== "diff")
    throw new CliError(profileUsage);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      part: { type: "string" },
      sources: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      from: { type: "string" },
      to: { type: "string" },
    },
  });
  if (sub !== "get" && values.part) throw new CliError("--part goes with `profile get`");
  if (sub !== "show" && values.sources) throw new CliError("--sources goes with `profile show`");
  if ((sub === "get" || sub === "show") && values.json)
    throw new CliError("--json goes with `profile list`, `history` and `diff` (`profile get` prints JSON)");
  if (sub !== "diff" && (values.from !== undefined || values.to !== undefined))
    throw new CliError("--from and --to go with `profile diff`");
  const subject = positionals[0];
  if (sub !== "list" && !subject) throw new CliError(profileUsage);
  const part = values.part === undefined ? undefined : Part.safeParse(values.part);
  if (part && !part.success) throw new CliError(`--part must be one of ${Part.options.join(", ")}`);
  return withHomeReader("profile", async ({ home }) => {
    const objects = new ObjectStore(new S3Client({}), LocalResourceNames.bucket);
    if (sub === "list") {
      const profiles = await listStoredProfiles(objects);
      process.stdout.write(`${values.json ? JSON.stringify(profiles, null, 2) : renderList(profiles)}\n`);
      return ExitCode.ok;
    }
    const named = subject as string;
    const candidates = await candidateIds(named, objects, home);
    if (sub === "history") return printHistory(named, candidates, values.json);
    if (sub === "diff")
      return printDiff(named, candidates, { from: values.from, to: values.to }, values.json);
    for (const companyId of candidates) {
      const latest = await objects.getJson<LatestDocument>(ProfileKeys.latest(companyId));
      if (!latest) continue;
      if (sub === "show") {
        const merged = latest.value.profile;
        if (!merged) {
          throw new CliError(
            `${companyId} has no merged profile yet (its run is still merging); \`dossier profile get ${named}\` shows the parts so far`,
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
      `no profile for ${named} (looked for ${candidates.join(", ")}); \`dossier profile list\` shows what is stored`,
      ExitCode.notFound,
    );
  });
}
