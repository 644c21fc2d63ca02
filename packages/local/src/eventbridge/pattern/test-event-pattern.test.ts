import { describe, expect, it } from "vitest";
import {
  InvalidEventError,
  InvalidEventPatternError,
  matchEvent,
  testEventPattern,
  validateTestEvent,
} from "./index";

const envelope = {
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "Extraction.PartCompleted",
  source: "dossier.sec",
  account: "000000000000",
  time: "2025-01-01T00:00:00Z",
  region: "us-east-1",
  resources: [],
  detail: { status: "succeeded" },
};

describe("testEventPattern", () => {
  it("tells whether the pattern matches the event", () => {
    const event = JSON.stringify(envelope);
    expect(testEventPattern('{"detail":{"status":["succeeded"]}}', event)).toBe(true);
    expect(testEventPattern('{"detail":{"status":["failed"]}}', event)).toBe(false);
  });

  it("throws InvalidEventPatternError for an invalid pattern", () => {
    expect(() => testEventPattern('{"source":"dossier.sec"}', JSON.stringify(envelope))).toThrow(
      InvalidEventPatternError,
    );
  });

  it("throws InvalidEventError for an event that is not a JSON object", () => {
    expect(() => testEventPattern('{"source":["x"]}', "not json")).toThrow(InvalidEventError);
    expect(() => testEventPattern('{"source":["x"]}', "[]")).toThrow(InvalidEventError);
  });

  it("throws InvalidEventError naming the first missing envelope field", () => {
    const { region: _region, ...withoutRegion } = envelope;
    expect(() => testEventPattern('{"source":["x"]}', JSON.stringify(withoutRegion))).toThrow(
      /field "region"/,
    );
  });
});

describe("validateTestEvent", () => {
  it("accepts an event with id, account, source, time, region and detail-type", () => {
    expect(() => validateTestEvent(envelope)).not.toThrow();
  });

  it("refuses an event without detail-type", () => {
    const { "detail-type": _detailType, ...event } = envelope;
    expect(() => validateTestEvent(event)).toThrow(InvalidEventError);
  });
});

describe("matchEvent", () => {
  it("matches without requiring the envelope fields", () => {
    expect(matchEvent({ detail: { status: ["succeeded"] } }, { detail: { status: "succeeded" } })).toBe(true);
    expect(matchEvent('{"detail":{"status":["succeeded"]}}', '{"detail":{"status":"failed"}}')).toBe(false);
  });

  it("still refuses events that are not objects", () => {
    expect(() => matchEvent({ a: ["x"] }, "42")).toThrow(InvalidEventError);
  });
});
