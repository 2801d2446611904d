import { loadOpenApiDocument } from "@ledgerline/core/testing";

/** A property name a record (or one of its sublist lines, or a reference) does not have. */
export interface UnknownProperty {
  /** JSON path of the property, as NetSuite's `o:errorPath` spells it: `expense.items[0].expenseDate`. */
  path: string;
  /** The property name itself (the last segment of `path`). */
  name: string;
}

/** Result of {@link PropertyNames.check}: the unknown properties, and the body without them. */
export interface PropertyNameCheck {
  unknown: UnknownProperty[];
  /** A copy of the body with every unknown property removed (what NetSuite stores under `Warning`). */
  cleaned: Record<string, unknown>;
}

/** The real property names of each record type, read from the OpenAPI document. */
export interface PropertyNames {
  /** Record types the document describes a write body for (`timeBill`, `expenseReport` …). */
  readonly types: readonly string[];
  /**
   * Walks `body` against the record's schema — body fields, sublists and their lines, references — and
   * lists every property name the schema does not have. Names in `allow` (account custom fields such as
   * `custbody_region`) are accepted anywhere.
   * @throws TypeError when the document describes no write body for `type`
   */
  check(type: string, body: unknown, allow?: ReadonlySet<string>): PropertyNameCheck;
}

type Schema = Record<string, unknown>;

/**
 * Reads the property names of every writable record type from an OpenAPI document (the request body of
 * `PUT /record/v1/{type}/eid:{externalId}`), following `$ref`, `allOf`, `anyOf` and `oneOf`. The document
 * is the single list of the names NetSuite knows: the fake refuses any other name, and the mappers' tests
 * walk every body they write through the same check.
 * @param spec a parsed document, its YAML/JSON text or a file path
 */
export function propertyNamesFromSpec(spec: string | object): PropertyNames {
  const doc = loadOpenApiDocument(spec);
  const bodies = new Map<string, Schema>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const match = /^\/record\/v1\/([A-Za-z]+)\/eid:\{externalId\}$/.exec(path);
    const schema = (item as { put?: { requestBody?: { content?: Record<string, { schema?: Schema }> } } })
      ?.put?.requestBody?.content?.["application/json"]?.schema;
    if (match?.[1] && schema) bodies.set(match[1], schema);
  }
  const propsCache = new Map<Schema, Map<string, Schema>>();

  const resolve = (schema: unknown, seen = 0): Schema | undefined => {
    if (!schema || typeof schema !== "object") return undefined;
    const ref = (schema as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#") && seen < 32) {
      return resolve(atPointer(doc, ref.slice(1)), seen + 1);
    }
    return schema as Schema;
  };
  const members = (schema: Schema): Schema[] => {
    const out: Schema[] = [schema];
    for (const key of ["allOf", "anyOf", "oneOf"]) {
      const list = schema[key];
      if (!Array.isArray(list)) continue;
      for (const member of list) {
        const resolved = resolve(member);
        if (resolved) out.push(...members(resolved));
      }
    }
    return out;
  };
  const propsOf = (schema: Schema): Map<string, Schema> => {
    let props = propsCache.get(schema);
    if (props) return props;
    props = new Map();
    for (const member of members(schema)) {
      const own = member.properties;
      if (!own || typeof own !== "object") continue;
      for (const [name, sub] of Object.entries(own as Record<string, unknown>)) {
        const resolved = resolve(sub);
        if (resolved && !props.has(name)) props.set(name, resolved);
      }
    }
    propsCache.set(schema, props);
    return props;
  };
  const itemsOf = (schema: Schema): Schema | undefined => {
    for (const member of members(schema)) {
      const items = resolve(member.items);
      if (items) return items;
    }
    return undefined;
  };

  const walk = (
    schema: Schema | undefined,
    value: unknown,
    path: string,
    unknown: UnknownProperty[],
    allow: ReadonlySet<string> | undefined,
  ): unknown => {
    if (!schema || !value || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      const items = itemsOf(schema);
      return value.map((element, i) => walk(items, element, `${path}[${i}]`, unknown, allow));
    }
    const props = propsOf(schema);
    // A schema without named properties (a free-form object) has no list to check against.
    if (props.size === 0) return value;
    const out: Record<string, unknown> = {};
    for (const [name, sub] of Object.entries(value as Record<string, unknown>)) {
      const at = path === "" ? name : `${path}.${name}`;
      const known = props.get(name);
      if (!known) {
        if (allow?.has(name)) out[name] = sub;
        else unknown.push({ path: at, name });
        continue;
      }
      out[name] = walk(known, sub, at, unknown, allow);
    }
    return out;
  };

  return {
    types: [...bodies.keys()],
    check(type, body, allow) {
      const schema = resolve(bodies.get(type));
      if (!schema) throw new TypeError(`property names: the document describes no write body for ${type}`);
      const unknown: UnknownProperty[] = [];
      const cleaned = walk(schema, body, "", unknown, allow);
      return {
        unknown,
        cleaned:
          cleaned && typeof cleaned === "object" && !Array.isArray(cleaned)
            ? (cleaned as Record<string, unknown>)
            : {},
      };
    },
  };
}

/** The node at a JSON pointer (`/components/schemas/TimeBill`), or undefined. */
function atPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split("/").slice(1)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
