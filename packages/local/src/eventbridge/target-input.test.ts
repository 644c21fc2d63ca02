import { describe, expect, it } from "vitest";
import { renderTargetInput, type TargetInput, TargetInputError, validateTargetInput } from "./target-input";
import type { EventEnvelope } from "./types";

const ec2Event: EventEnvelope = {
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2015-11-11T21:29:54Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  detail: { "instance-id": "i-0123456789", state: "RUNNING" },
};

const exampleRule = { ruleArn: "arn:aws:events:us-east-2:123456789012:rule/example", ruleName: "example" };

const ec2InputPaths = {
  timestamp: "$.time",
  instance: "$.detail.instance-id",
  state: "$.detail.state",
  resource: "$.resources[0]",
};

function transform(
  inputTemplate: string,
  inputPathsMap: Record<string, string> = ec2InputPaths,
  event: EventEnvelope = ec2Event,
): string {
  const input: TargetInput = { kind: "transformer", inputPathsMap, inputTemplate };
  validateTargetInput(input);
  return renderTargetInput(input, event, exampleRule);
}

const refusal = (input: TargetInput): unknown => {
  try {
    validateTargetInput(input);
  } catch (error) {
    return error;
  }
  throw new Error("expected the configuration to be refused");
};

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
describe("the input transform examples of the EventBridge user guide", () => {
  it("Simple string", () => {
    expect(transform('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });

  it("String with escaped quotes (as the console sends the template)", () => {
    expect(transform('"instance \\"<instance>\\" is in <state>"')).toBe(
      '"instance \\"i-0123456789\\" is in RUNNING"',
    );
  });

  it("Simple JSON", () => {
    expect(transform('{\n  "instance" : <instance>,\n  "state": <state>\n}')).toBe(
      '{\n  "instance" : "i-0123456789",\n  "state": "RUNNING"\n}',
    );
  });

  it("JSON with strings and variables", () => {
    const template =
      '{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}';
    expect(transform(template)).toBe(
      '{\n "instance" : "i-0123456789",\n "state": "RUNNING",\n "instanceStatus": "instance \\"i-0123456789\\" is in RUNNING"\n}',
    );
  });

  it("JSON with a mix of variables and static information", () => {
    const body = transform(
      '{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}\n',
    );
    // The guide prints the output indented; the delivered text keeps the template's layout.
    expect(body).toBe(
      '{\n  "instance" : "i-0123456789",\n  "state": [ 9, "RUNNING", true ],\n  "Transformed" : "Yes"\n}\n',
    );
    expect(JSON.parse(body)).toEqual({
      instance: "i-0123456789",
      state: [9, "RUNNING", true],
      Transformed: "Yes",
    });
  });

  it("Including reserved variables in JSON", () => {
    const body = transform(
      '{\n  "instance" : <instance>,\n  "state": <state>,\n  "ruleArn" : <aws.events.rule-arn>,\n  "ruleName" : <aws.events.rule-name>,\n  "originalEvent" : <aws.events.event.json>\n}',
    );
    expect(JSON.parse(body)).toEqual({
      instance: "i-0123456789",
      state: "RUNNING",
      ruleArn: "arn:aws:events:us-east-2:123456789012:rule/example",
      ruleName: "example",
      originalEvent: ec2Event,
    });
  });

  it("Including reserved variables in a string", () => {
    expect(transform('"<aws.events.rule-name> triggered"')).toBe('"example triggered"');
  });

  it("Amazon CloudWatch log group", () => {
    const body = transform(
      '{\n  "timestamp" : <timestamp>,\n  "message": "instance \\"<instance>\\" is in <state>"\n}',
    );
    // The guide shows the log event the group records: the timestamp and the message, unescaped.
    expect(JSON.parse(body)).toEqual({
      timestamp: "2015-11-11T21:29:54Z",
      message: 'instance "i-0123456789" is in RUNNING',
    });
  });

  it("removes the internal quotes of an object referenced in a string", () => {
    expect(transform('"Detail is <detail>"', { detail: "$.detail" })).toBe(
      '"Detail is {instance-id:i-0123456789,state:RUNNING}"',
    );
  });

  it("outputs an object from a single JSON path variable placed as a key's value", () => {
    expect(transform('{"detail": <detail>}', { detail: "$.detail" })).toBe(
      '{"detail": {"instance-id":"i-0123456789","state":"RUNNING"}}',
    );
  });

  it("adds quotes to string variables and none to objects", () => {
    const body = transform(
      '{\n  "ruleArn" : <aws.events.rule-arn>,\n  "ruleName" : <aws.events.rule-name>,\n  "originalEvent" : <aws.events.event.json>\n}',
      {},
    );
    expect(body).toBe(
      `{\n  "ruleArn" : "arn:aws:events:us-east-2:123456789012:rule/example",\n  "ruleName" : "example",\n  "originalEvent" : ${JSON.stringify(ec2Event)}\n}`,
    );
  });

  it("leaves out a variable whose JSON path does not exist in the event", () => {
    const paths = { ...ec2InputPaths, owner: "$.detail.owner" };
    expect(transform('"instance <instance> owned by <owner>"', paths)).toBe(
      '"instance i-0123456789 owned by "',
    );
    expect(transform('{"instance": <instance>, "owner": <owner>}', paths)).toBe(
      '{"instance": "i-0123456789", "owner": ""}',
    );
  });

  it("writes multi-line text as one quoted string per line", () => {
    expect(transform('"<state> instance <instance>"\n"Resource: <resource>"\n"At: <timestamp>"')).toBe(
      '"RUNNING instance i-0123456789"\n"Resource: arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"\n"At: 2015-11-11T21:29:54Z"',
    );
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html
describe("the InputTemplate examples of the EventBridge API reference", () => {
  it("fills a JSON template with variables in quotes and out", () => {
    const event: EventEnvelope = { ...ec2Event, detail: { instance: "i-0123456789", status: "RUNNING" } };
    const body = transform(
      '{"myInstance": <instance>,"myStatus": "<instance> is in state \\"<status>\\""}',
      { instance: "$.detail.instance", status: "$.detail.status" },
      event,
    );
    expect(body).toBe('{"myInstance": "i-0123456789","myStatus": "i-0123456789 is in state \\"RUNNING\\""}');
  });
});

describe("predefined variables", () => {
  it("gives the ingestion time, or the event time when none is known", () => {
    const input: TargetInput = {
      kind: "transformer",
      inputPathsMap: {},
      inputTemplate: '"received <aws.events.event.ingestion-time>"',
    };
    expect(
      renderTargetInput(input, ec2Event, { ...exampleRule, ingestionTime: "2015-11-11T21:29:55.123Z" }),
    ).toBe('"received 2015-11-11T21:29:55.123Z"');
    expect(renderTargetInput(input, ec2Event, exampleRule)).toBe('"received 2015-11-11T21:29:54Z"');
  });

  it("gives aws.events.event as the event without its detail, in the members AWS delivers", () => {
    const input: TargetInput = {
      kind: "transformer",
      inputPathsMap: {},
      inputTemplate: '{"e": <aws.events.event>}',
    };
    const body = renderTargetInput(input, ec2Event, {
      ...exampleRule,
      ingestionTime: "2015-11-11T21:29:55Z",
    });
    expect(body).toBe(
      `{"e": ${JSON.stringify({
        id: ec2Event.id,
        account: "123456789012",
        detailType: "EC2 Instance State-change Notification",
        time: "2015-11-11T21:29:55Z",
        source: "aws.ec2",
        region: "us-east-1",
        resources: ec2Event.resources,
        version: "0",
      })}}`,
    );
  });
});

describe("values in templates", () => {
  const event: EventEnvelope = {
    ...ec2Event,
    detail: { count: 3, ratio: 0.5, valid: true, none: null, tags: ["HIGH"], levels: ["ACTIVE", "INACTIVE"] },
  };
  const paths = {
    count: "$.detail.count",
    ratio: "$.detail.ratio",
    valid: "$.detail.valid",
    none: "$.detail.none",
    tags: "$.detail.tags",
    levels: "$.detail.levels",
  };

  it("writes numbers, booleans, null and arrays as JSON in value positions", () => {
    expect(transform("[<count>, <ratio>, <valid>, <none>, <tags>, <levels>]", paths, event)).toBe(
      '[3, 0.5, true, null, ["HIGH"], ["ACTIVE","INACTIVE"]]',
    );
  });

  it("writes them as text inside strings, arrays without their quotes", () => {
    expect(transform('"<count> <ratio> <valid> <none> <tags> <levels>"', paths, event)).toBe(
      '"3 0.5 true null [HIGH] [ACTIVE,INACTIVE]"',
    );
  });

  it("replaces every use of a variable", () => {
    expect(transform('{"path": "users/<instance>/second/<instance>"}')).toBe(
      '{"path": "users/i-0123456789/second/i-0123456789"}',
    );
  });

  it("selects every match of a wildcard as a list", () => {
    expect(transform('{"all": <all>, "none": <none>}', { all: "$.resources[*]", none: "$.detail.*.x" })).toBe(
      `{"all": ${JSON.stringify(ec2Event.resources)}, "none": []}`,
    );
  });

  it("reads only the event's own members", () => {
    expect(transform('{"a": <a>, "b": <b>}', { a: "$.detail.__proto__", b: "$.constructor" })).toBe(
      '{"a": "", "b": ""}',
    );
  });
});

describe("values a publisher controls", () => {
  const hostile = [
    'quote " and backslash \\ and \\" together',
    "</script><script>alert(1)</script>",
    "line\nbreak\rcarriage\ttab\u0000nul\u001fus",
    "separators \u2028 and \u2029",
    "lone surrogate \ud800 end",
    "<aws.events.rule-arn> <instance>",
    "\\",
  ];
  const event = (value: string): EventEnvelope => ({
    ...ec2Event,
    detail: { text: value, nested: { [`key "${value}"`]: [value, { inner: value }] } },
  });
  const paths = { text: "$.detail.text", nested: "$.detail.nested" };
  const template =
    '{"value": <text>, "inString": "before <text> after", "object": <nested>, "objectInString": "n=<nested>"}';

  it.each(hostile)("keeps a JSON template valid JSON for %j", (value) => {
    const parsed = JSON.parse(transform(template, paths, event(value)));
    expect(parsed.value).toBe(value);
    expect(parsed.inString).toBe(`before ${value} after`);
    expect(parsed.object).toEqual(event(value).detail.nested);
    expect(parsed.objectInString).toBe(
      `n={key ${value.replaceAll('"', "")}:[${value.replaceAll('"', "")},{inner:${value.replaceAll('"', "")}}]}`,
    );
  });

  it.each(hostile)("keeps a string template one valid JSON string for %j", (value) => {
    expect(JSON.parse(transform('"text: <text>"', paths, event(value)))).toBe(`text: ${value}`);
  });

  it("does not expand placeholders that come from the event", () => {
    const body = transform('"<text>"', paths, event("<aws.events.rule-arn>"));
    expect(body).toBe('"<aws.events.rule-arn>"');
  });
});

describe("InputPath", () => {
  const path = (inputPath: string): string => {
    const input: TargetInput = { kind: "path", inputPath };
    validateTargetInput(input);
    return renderTargetInput(input, ec2Event, exampleRule);
  };

  it("delivers the JSON of the value it selects", () => {
    expect(path("$")).toBe(JSON.stringify(ec2Event));
    expect(path("$.detail")).toBe('{"instance-id":"i-0123456789","state":"RUNNING"}');
    expect(path("$.detail.state")).toBe('"RUNNING"');
    expect(path("$.resources[0]")).toBe('"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"');
  });

  it("accepts bracket notation", () => {
    expect(path("$['detail'][\"instance-id\"]")).toBe('"i-0123456789"');
  });

  it("delivers an empty value for a path that selects nothing", () => {
    expect(path("$.detail.owner")).toBe('""');
    expect(path("$.resources[5]")).toBe('""');
  });
});

describe("Input and the whole event", () => {
  it("delivers constant Input verbatim", () => {
    const input: TargetInput = { kind: "constant", input: '{ "a" : 1,\n  "b": "</script>" }' };
    validateTargetInput(input);
    expect(renderTargetInput(input, ec2Event, exampleRule)).toBe('{ "a" : 1,\n  "b": "</script>" }');
  });

  it("delivers the whole event by default", () => {
    const input: TargetInput = { kind: "event" };
    validateTargetInput(input);
    expect(renderTargetInput(input, ec2Event, exampleRule)).toBe(JSON.stringify(ec2Event));
  });
});

describe("configurations PutTargets refuses", () => {
  const transformer = (inputPathsMap: Record<string, string>, inputTemplate = '"static"'): TargetInput => ({
    kind: "transformer",
    inputPathsMap,
    inputTemplate,
  });

  it("refuses with a ValidationException", () => {
    const error = refusal({ kind: "constant", input: "{not json" });
    expect(error).toBeInstanceOf(TargetInputError);
    expect((error as TargetInputError).awsErrorType).toBe("ValidationException");
  });

  it("refuses Input that is not JSON text or is too long", () => {
    expect(() => validateTargetInput({ kind: "constant", input: "{not json" })).toThrow(
      /Input is not valid JSON/,
    );
    expect(() => validateTargetInput({ kind: "constant", input: "" })).toThrow(/Input is not valid JSON/);
    expect(() => validateTargetInput({ kind: "constant", input: `"${"a".repeat(8191)}"` })).toThrow(/8192/);
    expect(() => validateTargetInput({ kind: "constant", input: '"text"' })).not.toThrow();
  });

  it.each([
    "detail",
    "$.",
    "$..detail",
    "$.detail[?(@.x)]",
    "$.resources[-1]",
    "$.a b",
    "$['detail'",
    `$.${"a".repeat(256)}`,
  ])("refuses InputPath %s", (inputPath) => {
    expect(() => validateTargetInput({ kind: "path", inputPath })).toThrow(TargetInputError);
  });

  it("refuses more than 100 InputPathsMap entries", () => {
    const paths = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`v${i}`, "$.id"]));
    expect(() => validateTargetInput(transformer(paths(100)))).not.toThrow();
    expect(() => validateTargetInput(transformer(paths(101)))).toThrow(/101 entries; at most 100/);
  });

  it.each([
    "aws.events.rule-arn",
    "aws.events.rule-name",
    "aws.events.event",
    "aws.events.event.ingestion-time",
    "aws.events.event.json",
  ])("refuses to redefine the predefined variable %s", (key) => {
    expect(() => validateTargetInput(transformer({ [key]: "$.id" }))).toThrow(/predefined variable/);
  });

  it.each(["", "my key", "a.b", "ü", "k".repeat(257)])("refuses the InputPathsMap key %j", (key) => {
    expect(() => validateTargetInput(transformer({ [key]: "$.id" }))).toThrow(/\[A-Za-z0-9_-\]\+/);
  });

  it("refuses keys starting with AWS", () => {
    expect(() => validateTargetInput(transformer({ AWSRegion: "$.region" }))).toThrow(
      /cannot start with "AWS"/,
    );
    expect(() => validateTargetInput(transformer({ awsRegion: "$.region" }))).toThrow(
      /cannot start with "AWS"/,
    );
    expect(() => validateTargetInput(transformer({ "my-aws_Region": "$.region" }))).not.toThrow();
  });

  it.each(["detail.state", "$['detail']", "$..state", "$.detail[?(@.x)]", `$.${"a".repeat(256)}`])(
    "refuses the InputPathsMap value %s",
    (path) => {
      expect(() => validateTargetInput(transformer({ state: path }))).toThrow(TargetInputError);
    },
  );

  it("refuses placeholders that name no variable", () => {
    expect(() =>
      validateTargetInput(transformer({ state: "$.detail.state" }, '"<state> and <other>"')),
    ).toThrow("InputTemplate contains invalid placeholder other.");
  });

  it("refuses a placeholder used as an object key", () => {
    expect(() => validateTargetInput(transformer({ k: "$.id" }, "{<k>: 1}"))).toThrow(/as an object key/);
    expect(() => validateTargetInput(transformer({ k: "$.id" }, '{"a": 1, <k>: 1}'))).toThrow(
      /as an object key/,
    );
    expect(() =>
      validateTargetInput(transformer({ k: "$.id" }, '{"a": [<k>, <k>], "<k>": <k>}')),
    ).not.toThrow();
  });

  it("refuses the event variables inline in a string", () => {
    expect(() => validateTargetInput(transformer({}, '"event: <aws.events.event.json>"'))).toThrow(
      /only be used as the value of a JSON field/,
    );
    expect(() => validateTargetInput(transformer({}, '{"e": "<aws.events.event>"}'))).toThrow(
      /only be used as the value of a JSON field/,
    );
  });

  it("refuses an empty or too long InputTemplate", () => {
    expect(() => validateTargetInput(transformer({}, ""))).toThrow(/1 to 8192 characters/);
    expect(() => validateTargetInput(transformer({}, `"${"a".repeat(8191)}"`))).toThrow(
      /1 to 8192 characters/,
    );
  });

  it("accepts a template that references nothing, and text that only looks like a placeholder", () => {
    expect(() => validateTargetInput(transformer({}, '{"fixed": true}'))).not.toThrow();
    expect(() =>
      validateTargetInput(transformer({ state: "$.detail.state" }, '"a < b > c, <state>"')),
    ).not.toThrow();
  });
});
