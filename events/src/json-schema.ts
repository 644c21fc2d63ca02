import { z } from "zod";
import { Catalogue } from "./catalogue";

/**
 * JSON Schema (draft 2020-12) of each detail-type's `detail`, for publishers in other languages.
 * Uses the input shape: fields with defaults are optional for a publisher.
 */
export function detailJsonSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.values(Catalogue).map((definition) => [
      definition.detailType,
      {
        ...z.toJSONSchema(definition.schema, { io: "input", unrepresentable: "any" }),
        title: definition.detailType,
        description: definition.description,
        "x-dossier-version": definition.version,
      },
    ]),
  );
}
