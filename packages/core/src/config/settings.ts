import { ConfigError } from "@dossier/events";
import { z } from "zod";

/** Where a setting is read: by the deploy (`sst deploy`), by the handlers, by the `dossier` command. */
export type SettingScope = "deploy" | "handlers" | "cli";

interface SettingDefinition<Schema extends z.ZodType> {
  /** Parses the raw string (undefined when unset) into the value, defaults included. */
  schema: Schema;
  /** The default as a person would write it, for the settings table; undefined when unset means off. */
  defaultText?: string;
  description: string;
  scopes: readonly SettingScope[];
}

function define<Schema extends z.ZodType>(definition: SettingDefinition<Schema>) {
  return definition;
}

const number = (rule: string, valid: (value: number) => boolean) =>
  z.coerce.number({ error: `must be ${rule}` }).refine((value) => Number.isFinite(value) && valid(value), {
    message: `must be ${rule}`,
  });
const optionalText = z.string().min(1).optional();

/**
 * Every `DOSSIER_*` and `POWERTOOLS_*` setting, once: its parser (range and default) and what it
 * does. Stacks, handlers, the local runtime and the CLI read settings only through
 * {@link readSetting}; the README's settings table is checked against this list.
 */
export const Settings = {
  DOSSIER_SEC_USER_AGENT: define({
    schema: optionalText,
    description:
      "User-Agent with a contact sent to SEC (fair access), e.g. `Jane Doe jane@example.com`; SEC is not called without it",
    scopes: ["handlers", "cli"],
  }),
  DOSSIER_SEC_DATA_URL: define({
    schema: z.url().default("https://data.sec.gov"),
    defaultText: "https://data.sec.gov",
    description:
      "base URL of SEC's JSON APIs (submissions, companyfacts); tests and the demo use a fixture server",
    scopes: ["handlers", "cli"],
  }),
  DOSSIER_SEC_WWW_URL: define({
    schema: z.url().default("https://www.sec.gov"),
    defaultText: "https://www.sec.gov",
    description: "base URL of SEC's ticker list and filing archive",
    scopes: ["handlers", "cli"],
  }),
  DOSSIER_SEC_MAX_RPS: define({
    schema: z
      .union([z.literal("unlimited"), number("a number above 0, or unlimited", (value) => value > 0)], {
        error: "must be a number above 0, or unlimited",
      })
      .default(10),
    defaultText: "10",
    description:
      "SEC requests/s shared by every worker; at most 10 against sec.gov, more (or `unlimited`) only against another server",
    scopes: ["deploy", "handlers"],
  }),
  DOSSIER_CACHE_TTL_SECONDS: define({
    schema: number("a non-negative number of seconds", (value) => value >= 0).default(86_400),
    defaultText: "86400",
    description: "how long an upstream answer (a part's result) is reused",
    scopes: ["deploy", "handlers"],
  }),
  DOSSIER_COMPLETENESS_THRESHOLD: define({
    schema: number("a percentage from 0 to 100", (value) => value >= 0 && value <= 100).default(95),
    defaultText: "95",
    description: "completeness at which a run ends as `Profile.Completed`",
    scopes: ["deploy", "handlers"],
  }),
  DOSSIER_RUN_TIMEOUT_SECONDS: define({
    schema: number("a positive number of seconds", (value) => value > 0).default(600),
    defaultText: "600",
    description: "after this, the sweep ends a run still waiting for a part",
    scopes: ["deploy", "handlers"],
  }),
  DOSSIER_ANNOUNCE_GRACE_SECONDS: define({
    schema: number("zero or more seconds", (value) => value >= 0).default(60),
    defaultText: "60",
    description:
      "how long after a run's claim the sweep waits before publishing a terminal event that never went out",
    scopes: ["handlers"],
  }),
  DOSSIER_BEDROCK_MODEL: define({
    schema: optionalText,
    description:
      "Bedrock model or inference-profile id for the fallbacks (leadership pages, 8-K Item 5.02 wording the patterns cannot read); grants `bedrock:InvokeModel` on exactly that model",
    scopes: ["deploy", "handlers"],
  }),
  DOSSIER_WEB_USER_AGENT: define({
    schema: z.string().min(1).default("dossier/0.1 (company profile builder; robots.txt respected)"),
    defaultText: "dossier/0.1 (…)",
    description: "User-Agent sent to company websites",
    scopes: ["handlers"],
  }),
  DOSSIER_ALLOW_PRIVATE_NETWORK: define({
    schema: z
      .enum(["0", "1"], { error: 'must be "1" (allow) or "0"' })
      .default("0")
      .transform((value) => value === "1"),
    defaultText: "0",
    description:
      "`1` lets website fetching reach private and loopback addresses: for tests and the demo's fixture sites only",
    scopes: ["handlers", "cli"],
  }),
  DOSSIER_ARCHIVE_RETENTION_DAYS: define({
    schema: number(
      "a whole number of days (0 keeps events forever)",
      (value) => Number.isInteger(value) && value >= 0,
    ).default(30),
    defaultText: "30",
    description: "event archive retention (0 keeps events forever)",
    scopes: ["deploy"],
  }),
  DOSSIER_ALARM_EMAIL: define({
    schema: z.email({ error: "must be an email address" }).optional(),
    description: "subscribes this address to the alarm topic",
    scopes: ["deploy"],
  }),
  POWERTOOLS_LOG_LEVEL: define({
    schema: z
      .string()
      .default("INFO")
      .transform((value) => value.toUpperCase())
      .pipe(
        z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT"], {
          error: "must be DEBUG, INFO, WARN, ERROR or SILENT",
        }),
      ),
    defaultText: "INFO",
    description: "handlers' log level (DEBUG, INFO, WARN, ERROR; SILENT locally)",
    scopes: ["deploy", "handlers"],
  }),
  POWERTOOLS_SERVICE_NAME: define({
    schema: z.string().min(1).default("dossier"),
    defaultText: "dossier",
    description: "the `service` dimension of every metric and log line; the stacks set `dossier-<stage>`",
    scopes: ["handlers"],
  }),
  POWERTOOLS_METRICS_NAMESPACE: define({
    schema: z.string().min(1).default("dossier"),
    defaultText: "dossier",
    description: "CloudWatch namespace of the handlers' metrics",
    scopes: ["handlers"],
  }),
  DOSSIER_HOME: define({
    schema: z.string().min(1).default(".dossier"),
    defaultText: ".dossier",
    description: "where the `dossier` command keeps the local runtime's state (events, table, profiles)",
    scopes: ["cli"],
  }),
  DOSSIER_LOG_LEVEL: define({
    schema: z
      .enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT"], {
        error: "must be DEBUG, INFO, WARN, ERROR or SILENT",
      })
      .default("SILENT"),
    defaultText: "SILENT",
    description: "log level of the handlers the `dossier` command runs locally",
    scopes: ["cli"],
  }),
  DOSSIER_AWS_BUS_NAME: define({
    schema: optionalText,
    description: "with `--target aws`: the bus, instead of `.sst/outputs.json`'s `busName`",
    scopes: ["cli"],
  }),
  DOSSIER_AWS_BUS_ARN: define({
    schema: optionalText,
    description: "with `--target aws`: the bus ARN schedules publish to",
    scopes: ["cli"],
  }),
  DOSSIER_AWS_TABLE_NAME: define({
    schema: optionalText,
    description: "with `--target aws`: the table",
    scopes: ["cli"],
  }),
  DOSSIER_AWS_BUCKET_NAME: define({
    schema: optionalText,
    description: "with `--target aws`: the profiles bucket",
    scopes: ["cli"],
  }),
  DOSSIER_AWS_SCHEDULER_ROLE_ARN: define({
    schema: optionalText,
    description: "with `--target aws`: the role schedules run as",
    scopes: ["cli"],
  }),
  DOSSIER_AWS_SCHEDULE_GROUP: define({
    schema: optionalText,
    description: "with `--target aws`: the schedule group",
    scopes: ["cli"],
  }),
} as const;

export type SettingName = keyof typeof Settings;
export type SettingValue<Name extends SettingName> = z.output<(typeof Settings)[Name]["schema"]>;
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads one setting from the environment, applying its default and range; a malformed value
 * throws a ConfigError naming the setting, the rule and the value.
 * @example const ttl = readSetting("DOSSIER_CACHE_TTL_SECONDS") // 86400 unless set
 */
export function readSetting<Name extends SettingName>(
  name: Name,
  env: Environment = process.env,
): SettingValue<Name> {
  const raw = env[name]?.trim();
  const result = Settings[name].schema.safeParse(raw === "" ? undefined : raw);
  if (!result.success) {
    const rule = result.error.issues[0]?.message ?? "is not valid";
    throw new ConfigError(name, `${rule}, got "${raw}"`);
  }
  return result.data as SettingValue<Name>;
}

/** The settings table of the README: one row per setting, in this module's order. */
export function settingsTable(): string {
  const rows = Object.entries(Settings).map(
    ([name, setting]) =>
      `| \`${name}\` | ${"defaultText" in setting && setting.defaultText !== undefined ? `\`${setting.defaultText}\`` : "unset"} | ${setting.scopes.join(", ")} | ${setting.description} |`,
  );
  return ["| setting | default | read by | what it does |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
