import type { z } from "zod";

/**
 * One event of the contract: its detail-type, the schema version, the sources allowed to
 * publish it and the zod schema of its `detail`.
 */
export interface EventDefinition<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly detailType: Name;
  readonly version: number;
  readonly description: string;
  readonly schema: Schema;
}

export type DetailOf<Definition extends EventDefinition> = z.output<Definition["schema"]>;
export type DetailInput<Definition extends EventDefinition> = z.input<Definition["schema"]>;

export function defineEvent<const Name extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Name, Schema>,
): EventDefinition<Name, Schema> {
  return Object.freeze(definition);
}
