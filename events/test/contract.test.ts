import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  Catalogue,
  detailJsonSchemas,
  ExtractionPartCompleted,
  ExtractionRequested,
  InvalidEventError,
  parseEvent,
  Sources,
  toPutEventsEntry,
} from "../src";
import { sampleDetails } from "./samples";
import { narrowings } from "./schema-compatibility";

const snapshotDir = path.join(import.meta.dirname, "..", "schemas");
const recordedDir = path.join(import.meta.dirname, "recorded");

/**
 * Narrowings made on purpose, each with why no publisher loses by it. Anything else that accepts
 * less than the published schema fails the contract test.
 */
const acceptedNarrowings = new Set([
  // A CIK has at most 10 digits; larger numbers were never CIKs and failed at SEC.
  "detail.company.cik<anyOf 1>: maximum lowered to 9999999999",
  "detail.companies[].cik<anyOf 1>: maximum lowered to 9999999999",
  // The same character class, serialised without the escape of "-" by this zod version.
  'detail.company.ticker: pattern "^[A-Za-z0-9.-]+$" added',
  'detail.companies[].ticker: pattern "^[A-Za-z0-9.-]+$" added',
]);

/** Every property path ("a.b[].c") a JSON Schema declares. */
function propertyPaths(schema: unknown, prefix = ""): string[] {
  if (!schema || typeof schema !== "object") return [];
  const node = schema as Record<string, unknown>;
  const paths: string[] = [];
  const properties = node.properties as Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(properties ?? {})) {
    const here = prefix ? `${prefix}.${key}` : key;
    paths.push(here, ...propertyPaths(child, here));
  }
  if (node.items) paths.push(...propertyPaths(node.items, `${prefix}[]`));
  for (const combinator of ["anyOf", "oneOf", "allOf"]) {
    for (const option of (node[combinator] as unknown[] | undefined) ?? [])
      paths.push(...propertyPaths(option, prefix));
  }
  return paths;
}

describe("event contract", () => {
  it.each(Object.keys(Catalogue))(
    "round-trips %s through a PutEvents entry and an envelope",
    (detailType) => {
      // Prepare
      const definition = Catalogue[detailType as keyof typeof Catalogue];
      const detail = sampleDetails[definition.detailType];
      // Act
      const entry = toPutEventsEntry(definition, detail as never, {
        source: Sources.requests,
        busName: "dossier",
      });
      const received = parseEvent(definition, {
        version: "0",
        id: "e1",
        "detail-type": entry.DetailType,
        source: entry.Source,
        account: "000000000000",
        time: "2026-11-02T10:00:00Z",
        region: "us-east-1",
        resources: [],
        detail: JSON.parse(entry.Detail ?? "null"),
      });
      // Assess
      expect(received.detail).toEqual(definition.schema.parse(detail));
      expect(received["detail-type"]).toBe(detailType);
    },
  );

  it("refuses to publish a request that names no company", () => {
    expect(() =>
      toPutEventsEntry(
        ExtractionRequested,
        { runId: "run_0001abcd", company: {}, requestedAt: "2026-11-02T10:00:00Z" },
        { source: Sources.requests, busName: "dossier" },
      ),
    ).toThrow(/a company needs a ticker, a CIK or a name/);
  });

  it("rejects a succeeded part without its claim-check key", () => {
    const { s3Key: _dropped, ...withoutKey } = sampleDetails["Extraction.PartCompleted"];
    expect(() => ExtractionPartCompleted.schema.parse(withoutKey)).toThrow(/s3Key/);
  });

  it("rejects an envelope of another detail-type", () => {
    const envelope = {
      version: "0",
      id: "e1",
      "detail-type": "Profile.Updated",
      source: "x",
      account: "1",
      time: "t",
      region: "r",
      resources: [],
      detail: {},
    };
    expect(() => parseEvent(ExtractionRequested, envelope)).toThrow(InvalidEventError);
  });

  it("defaults parts to both halves and force to false", () => {
    const detail = ExtractionRequested.schema.parse({
      runId: "run_0001abcd",
      company: { cik: 320193 },
      requestedAt: "2026-11-02T10:00:00Z",
    });
    expect(detail).toMatchObject({ parts: ["sec", "leadership"], force: false, company: { cik: "320193" } });
  });

  it.each(Object.keys(Catalogue))("keeps every field of the published %s schema snapshot", (detailType) => {
    // Prepare: the snapshot is what other systems were promised (events/schemas/<type>.v<version>.json)
    const definition = Catalogue[detailType as keyof typeof Catalogue];
    const file = path.join(snapshotDir, `${detailType}.v${definition.version}.json`);
    const promised = propertyPaths(JSON.parse(readFileSync(file, "utf8")));
    // Act
    const current = new Set(propertyPaths(detailJsonSchemas()[detailType]));
    // Assess
    expect(promised.length).toBeGreaterThan(0);
    expect(promised.filter((field) => !current.has(field))).toEqual([]);
  });

  it.each(Object.keys(Catalogue))("accepts everything the published %s schema accepted", (detailType) => {
    const definition = Catalogue[detailType as keyof typeof Catalogue];
    const promised = JSON.parse(
      readFileSync(path.join(snapshotDir, `${detailType}.v${definition.version}.json`), "utf8"),
    );
    const found = narrowings(promised, detailJsonSchemas()[detailType]).filter(
      (narrowing) => !acceptedNarrowings.has(narrowing),
    );
    expect(found).toEqual([]);
  });

  it("detects a narrowed enum, a newly required field and a tightened bound", () => {
    const promised = {
      type: "object",
      required: ["a"],
      properties: { a: { type: "string", maxLength: 10 }, b: { enum: ["x", "y"] } },
    };
    const current = {
      type: "object",
      required: ["a", "b"],
      properties: { a: { type: "string", maxLength: 5 }, b: { enum: ["x"] } },
    };
    expect(narrowings(promised, current)).toEqual([
      "detail.b: newly required",
      "detail.a: maxLength lowered to 5",
      'detail.b: enum value "y" removed',
    ]);
  });

  it.each(Object.keys(Catalogue))("still parses every recorded v1 %s event", (detailType) => {
    const definition = Catalogue[detailType as keyof typeof Catalogue];
    const recorded = JSON.parse(
      readFileSync(path.join(recordedDir, `${detailType}.v1.json`), "utf8"),
    ) as unknown[];
    expect(recorded.length).toBeGreaterThan(0);
    for (const envelope of recorded) expect(() => parseEvent(definition, envelope)).not.toThrow();
  });

  it("detects a removed field", () => {
    const current = propertyPaths(detailJsonSchemas()["Extraction.Requested"]);
    const { properties, ...rest } = detailJsonSchemas()["Extraction.Requested"] as {
      properties: Record<string, unknown>;
    };
    const { force: _removed, ...remaining } = properties;
    const shrunk = new Set(propertyPaths({ ...rest, properties: remaining }));
    expect(current.filter((field) => !shrunk.has(field))).toEqual(["force"]);
  });
});
