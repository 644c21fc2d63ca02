import { DossierError } from "@dossier/events";
import type { EventEnvelope } from "./types";

/** What a rule target receives, as PutTargets configures it (at most one of Input, InputPath, InputTransformer). */
export type TargetInput =
  | { kind: "event" }
  | { kind: "constant"; input: string }
  | { kind: "path"; inputPath: string }
  | { kind: "transformer"; inputPathsMap: Record<string, string>; inputTemplate: string };

export interface TargetInputContext {
  ruleArn: string;
  ruleName: string;
  /** When EventBridge received the event (ISO 8601); the event's time when absent. */
  ingestionTime?: string;
}

/** A target input configuration PutTargets refuses with a ValidationException (HTTP 400). */
export class TargetInputError extends DossierError {
  readonly awsErrorType = "ValidationException";

  constructor(message: string) {
    super(message, { retryable: false });
  }
}

// Limits of the Target and InputTransformer shapes in the EventBridge API reference.
const MAX_INPUT_LENGTH = 8192;
const MAX_INPUT_PATH_LENGTH = 256;
const MAX_INPUT_TEMPLATE_LENGTH = 8192;
const MAX_INPUT_PATHS = 100;
const MAX_INPUT_PATHS_KEY_LENGTH = 256;
const INPUT_PATHS_KEY_PATTERN = /^[A-Za-z0-9_-]+$/;

const RULE_ARN = "aws.events.rule-arn";
const RULE_NAME = "aws.events.rule-name";
const INGESTION_TIME = "aws.events.event.ingestion-time";
const EVENT_WITHOUT_DETAIL = "aws.events.event";
const EVENT_JSON = "aws.events.event.json";
/** "These variables are reserved, and you can't create variables with these names." */
const PREDEFINED_VARIABLES: ReadonlySet<string> = new Set([
  RULE_ARN,
  RULE_NAME,
  INGESTION_TIME,
  EVENT_WITHOUT_DETAIL,
  EVENT_JSON,
]);
/** "Can only be used as a value for a JSON field, as its contents are not escaped." */
const JSON_FIELD_ONLY_VARIABLES: ReadonlySet<string> = new Set([EVENT_WITHOUT_DETAIL, EVENT_JSON]);

type PathStep = { kind: "name"; name: string } | { kind: "index"; index: number } | { kind: "wildcard" };

/**
 * One step of the JSONPath subset EventBridge evaluates: "dot notation, dashes, underscores,
 * alphanumeric characters, array indices, wildcards (*), forward slashes", plus bracketed quoted
 * names, which only InputPath accepts ("You may use JSON dot notation or bracket notation";
 * InputPathsMap: "You must use JSON dot notation, not bracket notation").
 */
const PATH_STEP = /\.(\*|[\p{L}\p{N}_\-/]+)|\[(\*|\d{1,9})\]|\[(?:'([^']*)'|"([^"]*)")\]/uy;

function parsePath(path: string, bracketNames: boolean): PathStep[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const steps: PathStep[] = [];
  PATH_STEP.lastIndex = 1;
  while (PATH_STEP.lastIndex < path.length) {
    const match = PATH_STEP.exec(path);
    if (match === null) return undefined;
    const [, dotted, bracketed, singleQuoted, doubleQuoted] = match;
    const quoted = singleQuoted ?? doubleQuoted;
    if (quoted !== undefined && !bracketNames) return undefined;
    const step = dotted ?? bracketed;
    if (step === "*") steps.push({ kind: "wildcard" });
    else if (bracketed !== undefined) steps.push({ kind: "index", index: Number(bracketed) });
    else steps.push({ kind: "name", name: step ?? quoted ?? "" });
  }
  return steps;
}

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function childrenAt(value: unknown, step: PathStep): unknown[] {
  if (step.kind === "wildcard") {
    if (Array.isArray(value)) return value;
    return isJsonObject(value) ? Object.values(value) : [];
  }
  if (step.kind === "index")
    return Array.isArray(value) && step.index < value.length ? [value[step.index]] : [];
  // Own properties only, so "__proto__" or "constructor" never reach past the event's own data.
  return isJsonObject(value) && Object.hasOwn(value, step.name) ? [value[step.name]] : [];
}

/**
 * The value a path selects, `undefined` when it selects nothing. A path with a wildcard selects
 * the list of every match, as JSONPath's indefinite paths do, even when that list is empty.
 */
function evaluatePath(root: unknown, steps: readonly PathStep[]): unknown {
  let matches: unknown[] = [root];
  for (const step of steps) matches = matches.flatMap((value) => childrenAt(value, step));
  return steps.some((step) => step.kind === "wildcard") ? matches : matches[0];
}

interface Placeholder {
  name: string;
  start: number;
  end: number;
  /** Inside a quoted JSON string of the template, where the value becomes part of that string. */
  inString: boolean;
  /** Unquoted where a JSON object expects a key. */
  objectKey: boolean;
}

const PLACEHOLDER = /<([^\s<>"\\]+)>/y;

/**
 * Finds the `<name>` placeholders of a template and where each stands: inside a quoted string or
 * in a JSON value position. A template meant as text is written as quoted strings ("For Strings,
 * quotes are required"; "For (non-JSON) text output as multi-line strings, wrap each separate
 * line in your input template in double quotes"), so one scan serves text and JSON templates.
 */
function findPlaceholders(template: string): Placeholder[] {
  const placeholders: Placeholder[] = [];
  const openContainers: string[] = [];
  let inString = false;
  let previousToken = "";
  let i = 0;
  while (i < template.length) {
    const char = template.charAt(i);
    PLACEHOLDER.lastIndex = i;
    const match = char === "<" ? PLACEHOLDER.exec(template) : null;
    if (match?.[1] !== undefined) {
      const objectKey =
        !inString && openContainers.at(-1) === "{" && (previousToken === "{" || previousToken === ",");
      placeholders.push({ name: match[1], start: i, end: PLACEHOLDER.lastIndex, inString, objectKey });
      // Outside a string the placeholder stands for a whole value, which ends like any other token.
      if (!inString) previousToken = ">";
      i = PLACEHOLDER.lastIndex;
      continue;
    }
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      previousToken = '"';
    } else if (char === "{" || char === "[") {
      openContainers.push(char);
      previousToken = char;
    } else if (char === "}" || char === "]") {
      openContainers.pop();
      previousToken = char;
    } else if (char.trim() !== "") {
      previousToken = char;
    }
    i++;
  }
  return placeholders;
}

/**
 * An object or array inside a string: "If a JSON path references a JSON object or array, but the
 * variable is referenced in a string, EventBridge removes any internal quotes to ensure a valid
 * string", so `{"state":"RUNNING"}` reads `{state:RUNNING}`.
 */
function withoutQuotes(value: unknown): string {
  if (typeof value === "string") return value.replaceAll('"', "");
  if (Array.isArray(value)) return `[${value.map(withoutQuotes).join(",")}]`;
  if (isJsonObject(value)) {
    const members = Object.entries(value).map(
      ([key, member]) => `${withoutQuotes(key)}:${withoutQuotes(member)}`,
    );
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A value in a JSON value position: "EventBridge automatically adds quotes to string variable
 * values during transformation, to ensure the transformation output is valid JSON. EventBridge
 * does not add quotes to variables that represent JSON objects or arrays."
 *
 * A path that selects nothing: "If you specify a variable to match a JSON path that doesn't exist
 * in the event, that variable isn't created and won't appear in the output." The variable
 * contributes no text, which in a value position leaves the empty string `""` (what AWS delivers,
 * and what keeps a JSON template valid JSON).
 */
const asJsonValue = (value: unknown): string => (value === undefined ? '""' : JSON.stringify(value));

/**
 * A value inside a quoted string of the template. It is escaped for JSON (quotes, backslashes,
 * control characters), so a value from a publisher can neither end the string early nor break
 * the JSON around it; a value that selects nothing contributes nothing.
 */
function asStringContent(value: unknown): string {
  let text: string;
  if (value === undefined) text = "";
  else if (typeof value === "string") text = value;
  else if (typeof value === "object" && value !== null) text = withoutQuotes(value);
  else text = JSON.stringify(value);
  return JSON.stringify(text).slice(1, -1);
}

/** `aws.events.event`: "The original event payload as JSON (without the detail field)". */
function eventWithoutDetail(event: EventEnvelope, ingestionTime: string): Record<string, unknown> {
  // The members, their order and `detailType` are those AWS delivers, as recorded against AWS in
  // https://github.com/localstack/localstack/blob/main/tests/aws/services/events/test_events_inputs.snapshot.json
  return {
    id: event.id,
    account: event.account,
    detailType: event["detail-type"],
    time: ingestionTime,
    source: event.source,
    region: event.region,
    resources: event.resources,
    version: event.version,
  };
}

function fail(message: string): never {
  throw new TargetInputError(message);
}

function parseInputPath(inputPath: string): PathStep[] {
  if (inputPath.length > MAX_INPUT_PATH_LENGTH) {
    fail(`InputPath ${inputPath} is longer than ${MAX_INPUT_PATH_LENGTH} characters.`);
  }
  return (
    parsePath(inputPath, true) ??
    fail(
      `InputPath ${inputPath} is not a valid JSON path; EventBridge supports paths such as $.detail.items[0].`,
    )
  );
}

function parseInputPathsMapValue(key: string, path: string): PathStep[] {
  if (path.length > MAX_INPUT_PATH_LENGTH) {
    fail(`InputPathsMap value for ${key} is longer than ${MAX_INPUT_PATH_LENGTH} characters.`);
  }
  return (
    parsePath(path, false) ??
    fail(
      `InputPathsMap value ${path} for ${key} is not a valid JSON path; use JSON dot notation such as $.detail.items[0], not bracket notation.`,
    )
  );
}

function validateInputPathsMapKey(key: string): void {
  if (PREDEFINED_VARIABLES.has(key)) {
    fail(`InputPathsMap key ${key} is a predefined variable; predefined variables cannot be redefined.`);
  }
  if (key.length > MAX_INPUT_PATHS_KEY_LENGTH || !INPUT_PATHS_KEY_PATTERN.test(key)) {
    fail(
      `InputPathsMap key ${key} must be 1 to ${MAX_INPUT_PATHS_KEY_LENGTH} characters matching [A-Za-z0-9_-]+.`,
    );
  }
  // "The keys can't start with "AWS"": the prefix of the predefined variables, in any case.
  if (key.toLowerCase().startsWith("aws")) fail(`InputPathsMap key ${key} cannot start with "AWS".`);
}

function validateTransformer(inputPathsMap: Record<string, string>, inputTemplate: string): void {
  const entries = Object.entries(inputPathsMap);
  if (entries.length > MAX_INPUT_PATHS) {
    fail(`InputPathsMap has ${entries.length} entries; at most ${MAX_INPUT_PATHS} are allowed.`);
  }
  for (const [key, path] of entries) {
    validateInputPathsMapKey(key);
    parseInputPathsMapValue(key, path);
  }
  if (inputTemplate.length === 0 || inputTemplate.length > MAX_INPUT_TEMPLATE_LENGTH) {
    fail(`InputTemplate must be 1 to ${MAX_INPUT_TEMPLATE_LENGTH} characters long.`);
  }
  for (const placeholder of findPlaceholders(inputTemplate)) {
    const { name } = placeholder;
    if (!Object.hasOwn(inputPathsMap, name) && !PREDEFINED_VARIABLES.has(name)) {
      fail(`InputTemplate contains invalid placeholder ${name}.`);
    }
    // "If InputTemplate is a JSON object (surrounded by curly braces) ... The placeholder cannot be used as an object key."
    if (placeholder.objectKey)
      fail(`InputTemplate uses placeholder ${name} as an object key; it cannot be one.`);
    if (placeholder.inString && JSON_FIELD_ONLY_VARIABLES.has(name)) {
      fail(`${name} can only be used as the value of a JSON field in InputTemplate, not inline in a string.`);
    }
  }
}

/** Refuses a target input configuration the way PutTargets does. */
export function validateTargetInput(input: TargetInput): void {
  switch (input.kind) {
    case "event":
      return;
    case "constant":
      if (input.input.length > MAX_INPUT_LENGTH) fail(`Input is longer than ${MAX_INPUT_LENGTH} characters.`);
      try {
        JSON.parse(input.input);
      } catch {
        fail("Input is not valid JSON text.");
      }
      return;
    case "path":
      parseInputPath(input.inputPath);
      return;
    case "transformer":
      validateTransformer(input.inputPathsMap, input.inputTemplate);
      return;
  }
}

function renderTemplate(template: string, variables: ReadonlyMap<string, unknown>): string {
  let rendered = "";
  let copiedUpTo = 0;
  for (const placeholder of findPlaceholders(template)) {
    // Placeholders naming no variable are refused by validateTargetInput; left as written here.
    if (!variables.has(placeholder.name)) continue;
    const value = variables.get(placeholder.name);
    rendered += template.slice(copiedUpTo, placeholder.start);
    rendered += placeholder.inString ? asStringContent(value) : asJsonValue(value);
    copiedUpTo = placeholder.end;
  }
  return rendered + template.slice(copiedUpTo);
}

/**
 * The body EventBridge delivers to a target for `event`. Every placeholder is replaced in one
 * pass over the template, so text from the event is never read as a placeholder itself.
 */
export function renderTargetInput(
  input: TargetInput,
  event: EventEnvelope,
  context: TargetInputContext,
): string {
  switch (input.kind) {
    case "event":
      return JSON.stringify(event);
    case "constant":
      return input.input;
    case "path":
      // The selected value as JSON, as a placeholder standing alone in a value position renders it.
      return asJsonValue(evaluatePath(event, parseInputPath(input.inputPath)));
    case "transformer": {
      const variables = new Map<string, unknown>();
      for (const [key, path] of Object.entries(input.inputPathsMap)) {
        variables.set(key, evaluatePath(event, parseInputPathsMapValue(key, path)));
      }
      const ingestionTime = context.ingestionTime ?? event.time;
      variables.set(RULE_ARN, context.ruleArn);
      variables.set(RULE_NAME, context.ruleName);
      variables.set(INGESTION_TIME, ingestionTime);
      variables.set(EVENT_WITHOUT_DETAIL, eventWithoutDetail(event, ingestionTime));
      variables.set(EVENT_JSON, event);
      return renderTemplate(input.inputTemplate, variables);
    }
  }
}
