import { z } from "zod";
import { IntegrationExceptionSchema } from "./integration-exception.js";
import { CANONICAL_SCHEMAS, type CanonicalTypeName } from "./schemas.js";

/**
 * Version of the canonical model and of its JSON Schemas (semver: a major bump removes or changes the meaning
 * of a field, a minor bump adds optional fields or types).
 */
export const SCHEMA_VERSION = "1.1.0";

/** Base of the `$id` of every exported JSON Schema. */
export const JSON_SCHEMA_BASE_URI = "https://schemas.ledgerline.dev/canonical/";

/** Names of the types exported as JSON Schema: every canonical record, plus `IntegrationException`. */
export type JsonSchemaName = CanonicalTypeName | "IntegrationException";

/** A JSON Schema document (draft 2020-12). */
export type JsonSchemaDocument = Record<string, unknown>;

const ALL: Record<JsonSchemaName, z.ZodType> = {
  ...CANONICAL_SCHEMAS,
  IntegrationException: IntegrationExceptionSchema,
};

/** Every name {@link canonicalJsonSchema} accepts, in a stable order. */
export const JSON_SCHEMA_NAMES = Object.keys(ALL) as JsonSchemaName[];

/**
 * The JSON Schema (draft 2020-12) of one canonical type, for non-TypeScript consumers. Describes the output
 * shape (`additionalProperties: false`). Cross-field rules (amount precision per currency, lines summing to a
 * total, `raw` required for `other`) are enforced by the zod schemas only; they are listed in `$comment`.
 */
export function canonicalJsonSchema(name: JsonSchemaName): JsonSchemaDocument {
  const schema = ALL[name];
  if (!schema) throw new TypeError(`unknown canonical type ${String(name)}`);
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "output",
    unrepresentable: "any",
  }) as JsonSchemaDocument;
  return {
    $schema: json.$schema,
    $id: `${JSON_SCHEMA_BASE_URI}${SCHEMA_VERSION}/${name}.json`,
    title: name,
    $comment: `@ledgerline/canonical schema version ${SCHEMA_VERSION}. Generated from the zod schemas; zod additionally checks cross-field rules (money precision per currency, totals, raw for "other").`,
    "x-ledgerline-schema-version": SCHEMA_VERSION,
    ...Object.fromEntries(Object.entries(json).filter(([k]) => k !== "$schema" && k !== "title")),
  };
}

/** Every exported JSON Schema by type name. */
export function canonicalJsonSchemas(): Record<JsonSchemaName, JsonSchemaDocument> {
  return Object.fromEntries(JSON_SCHEMA_NAMES.map((n) => [n, canonicalJsonSchema(n)])) as Record<
    JsonSchemaName,
    JsonSchemaDocument
  >;
}
