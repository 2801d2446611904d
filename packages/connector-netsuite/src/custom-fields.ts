/** Prefixes of NetSuite custom fields and custom records. */
export const CUSTOM_FIELD_PREFIXES = [
  "custbody_",
  "custcol_",
  "custentity_",
  "custevent_",
  "custitem_",
  "custrecord_",
] as const;

/** Options of {@link generateCustomFieldTypes}. */
export interface CustomFieldTypesOptions {
  /** The account's metadata catalog: an OpenAPI 3 document (parsed, or its JSON/YAML text). */
  metadata: object | string;
  /** Keep only these record types (the catalog's schema names), like the catalog's `?select=`. */
  select?: readonly string[];
}

/** Result of {@link generateCustomFieldTypes}. */
export interface CustomFieldTypes {
  /** TypeScript source: openapi-typescript's output plus `CustomFields` and `CustomRecordTypes`. */
  source: string;
  /** Custom fields found per record type (body and sublist lines). */
  customFields: Record<string, string[]>;
  /** Custom record types (`customrecord_*`). */
  customRecordTypes: string[];
}

/**
 * Turns a NetSuite metadata-catalog document (`GET /services/rest/record/v1/metadata-catalog` with
 * `Accept: application/swagger+json`) into TypeScript types for the account's records with their custom
 * fields (`custbody_*`, `custcol_*`, `custentity_*` …), using openapi-typescript. Adds a `CustomFields`
 * map (record type → union of its custom field names) and `CustomRecordTypes`.
 * @throws TypeError when the document is not an OpenAPI 3 document or openapi-typescript is not installed
 */
export async function generateCustomFieldTypes(options: CustomFieldTypesOptions): Promise<CustomFieldTypes> {
  const doc = (
    typeof options.metadata === "string" ? await parseText(options.metadata) : options.metadata
  ) as {
    openapi?: unknown;
    components?: { schemas?: Record<string, unknown> };
  };
  if (!doc || typeof doc !== "object" || typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.")) {
    throw new TypeError('custom fields: "metadata" must be an OpenAPI 3 document from the metadata catalog');
  }
  const schemas = doc.components?.schemas ?? {};
  const selected = options.select?.length
    ? Object.fromEntries(
        Object.entries(schemas).filter(
          ([name]) => options.select?.includes(name) || !isRecordSchema(name, schemas),
        ),
      )
    : schemas;
  const narrowed = { ...doc, components: { ...doc.components, schemas: selected } };
  if (options.select?.length) (narrowed as { paths?: unknown }).paths = {};

  let openapiTS: typeof import("openapi-typescript");
  try {
    openapiTS = await import("openapi-typescript");
  } catch {
    throw new TypeError(
      "custom fields: install openapi-typescript (npm i -D openapi-typescript) to generate types",
    );
  }
  const ast = await openapiTS.default(narrowed as never, { alphabetize: true });
  const customFields: Record<string, string[]> = {};
  for (const [name, schema] of Object.entries(selected)) {
    const fields = [...collectCustomFields(schema, selected, new Set())].sort();
    if (fields.length > 0) customFields[name] = fields;
  }
  const customRecordTypes = Object.keys(selected)
    .filter((n) => n.startsWith("customrecord"))
    .sort();
  const extra = [
    "",
    "/** Custom fields per record type (body fields and sublist line fields), from the metadata catalog. */",
    "export interface CustomFields {",
    ...Object.entries(customFields).map(
      ([name, fields]) => `    ${JSON.stringify(name)}: ${fields.map((f) => JSON.stringify(f)).join(" | ")};`,
    ),
    "}",
    "",
    "/** Custom record types of the account. */",
    `export type CustomRecordTypes = ${customRecordTypes.length > 0 ? customRecordTypes.map((n) => JSON.stringify(n)).join(" | ") : "never"};`,
    "",
  ].join("\n");
  return {
    source: openapiTS.COMMENT_HEADER + openapiTS.astToString(ast) + extra,
    customFields,
    customRecordTypes,
  };
}

function isRecordSchema(name: string, schemas: Record<string, unknown>): boolean {
  // Shared helper schemas (references, links, sublist item types) are kept; records are the rest.
  return (
    !/^ns|^nsResource|Collection$|Element$|^o:|^links?$/i.test(name) && typeof schemas[name] === "object"
  );
}

function collectCustomFields(
  schema: unknown,
  schemas: Record<string, unknown>,
  seen: Set<unknown>,
): Set<string> {
  const found = new Set<string>();
  if (!schema || typeof schema !== "object" || seen.has(schema)) return found;
  seen.add(schema);
  const s = schema as {
    properties?: Record<string, unknown>;
    items?: unknown;
    allOf?: unknown[];
    $ref?: string;
  };
  if (s.$ref?.startsWith("#/components/schemas/")) {
    const target = schemas[s.$ref.slice("#/components/schemas/".length)];
    // Follow references into sublist line types only (not into other records' fields).
    if (target && typeof target === "object" && (target as { type?: string }).type === "array") {
      for (const f of collectCustomFields(target, schemas, seen)) found.add(f);
    }
    return found;
  }
  for (const [field, value] of Object.entries(s.properties ?? {})) {
    if (CUSTOM_FIELD_PREFIXES.some((p) => field.startsWith(p))) found.add(field);
    for (const f of collectCustomFields(value, schemas, seen)) found.add(f);
  }
  for (const part of [s.items, ...(s.allOf ?? [])])
    for (const f of collectCustomFields(part, schemas, seen)) found.add(f);
  return found;
}

async function parseText(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    throw new TypeError(
      'custom fields: "metadata" is not JSON (request the catalog with Accept: application/swagger+json)',
    );
  }
}
