import { readFileSync } from "node:fs";
import type { parse } from "yaml";
import { loadOptionalDependency } from "./optional-dependency.js";

/** A parsed OpenAPI 3.x document (only the parts the fake kit reads are typed). */
export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One operation of the document: a method on a path template. */
export interface OpenApiOperation {
  /** `"PUT /record/v1/timeBill/eid:{externalId}"`: the route key handlers are registered under. */
  route: string;
  method: string;
  template: string;
  operationId?: string;
  /** JSON pointer of the operation object in the document. */
  pointer: string;
  matcher: RegExp;
  paramNames: string[];
  /** Literal characters in the template; more literal = more specific. */
  specificity: number;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Loads an OpenAPI document from a file path (`.yaml`, `.yml`, `.json`), from YAML/JSON text, or takes an
 * already parsed object (which is cloned, never modified). OpenAPI 3.0 `nullable` and boolean
 * `exclusiveMinimum`/`exclusiveMaximum` are rewritten to their JSON Schema 2020-12 equivalents.
 */
export function loadOpenApiDocument(spec: string | object): OpenApiDocument {
  let doc: unknown;
  if (typeof spec === "string") {
    const isPath = !spec.includes("\n") && /\.(ya?ml|json)$/i.test(spec.trim());
    const text = isPath ? readFileSync(spec.trim(), "utf8") : spec;
    const yaml = loadOptionalDependency<{ parse: typeof parse }>(
      "yaml",
      "@ledgerline/core/testing (loading an OpenAPI document from text)",
    );
    doc = yaml.parse(text);
  } else {
    doc = structuredClone(spec);
  }
  if (typeof doc !== "object" || doc === null || typeof (doc as { openapi?: unknown }).openapi !== "string") {
    throw new TypeError('createFakeApi: option "spec" is not an OpenAPI 3.x document (no "openapi" field)');
  }
  const version = (doc as OpenApiDocument).openapi;
  if (!version.startsWith("3.")) {
    throw new TypeError(`createFakeApi: option "spec" has OpenAPI version ${version}; only 3.x is supported`);
  }
  if (version.startsWith("3.0")) convertOpenApi30Schemas(doc);
  return doc as OpenApiDocument;
}

function convertOpenApi30Schemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) convertOpenApi30Schemas(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const schema = node as Record<string, unknown>;
  for (const value of Object.values(schema)) convertOpenApi30Schemas(value);
  for (const [bound, limit] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof schema[bound] === "boolean") {
      if (schema[bound] === true && typeof schema[limit] === "number") {
        schema[bound] = schema[limit];
        delete schema[limit];
      } else {
        delete schema[bound];
      }
    }
  }
  if (schema.nullable === true) {
    delete schema.nullable;
    if (typeof schema.type === "string") schema.type = [schema.type, "null"];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    if (schema.type === undefined && schema.$ref !== undefined) {
      const ref = schema.$ref;
      delete schema.$ref;
      schema.anyOf = [{ $ref: ref }, { type: "null" }];
    }
  }
}

/** Escapes one JSON pointer segment for use in a URI fragment. */
export function pointerSegment(segment: string): string {
  return encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1"));
}

/** Reads the value at a URI-fragment JSON pointer (`#/a/b` or `/a/b`). */
export function getAtPointer(doc: unknown, pointer: string): unknown {
  const parts = pointer.replace(/^#/, "").split("/").slice(1);
  let node = doc;
  for (const raw of parts) {
    const part = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Follows `$ref`s of OpenAPI objects (parameters, request bodies, responses) inside the document.
 * Returns the object and its pointer (schema refs are left to Ajv).
 */
export function deref(doc: unknown, node: unknown, pointer: string): { value: unknown; pointer: string } {
  let value = node;
  let at = pointer;
  for (let i = 0; i < 32; i++) {
    const ref = (value as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== "string") return { value, pointer: at };
    if (!ref.startsWith("#/")) throw new TypeError(`createFakeApi: external $ref "${ref}" is not supported`);
    at = ref;
    value = getAtPointer(doc, ref);
    if (value === undefined) throw new TypeError(`createFakeApi: $ref "${ref}" points at nothing`);
  }
  throw new TypeError(`createFakeApi: $ref cycle at ${pointer}`);
}

/** Every operation of the document, most specific template first. */
export function listOperations(doc: OpenApiDocument): OpenApiOperation[] {
  const operations: OpenApiOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)[method] as { operationId?: string } | undefined;
      if (!op) continue;
      const paramNames: string[] = [];
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const m = /^\{([^}]+)\}$/.exec(part);
          if (m) {
            paramNames.push(m[1]!);
            return "([^/]+)";
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("");
      const upper = method.toUpperCase();
      operations.push({
        route: `${upper} ${template}`,
        method: upper,
        template,
        ...(op.operationId ? { operationId: op.operationId } : {}),
        pointer: `#/paths/${pointerSegment(template)}/${method}`,
        matcher: new RegExp(`^${source}$`),
        paramNames,
        specificity: template.replace(/\{[^}]+\}/g, "").length,
      });
    }
  }
  return operations.sort((a, b) => b.specificity - a.specificity);
}

/** Base path of the first server URL, server variables set to their defaults (`/services/rest`). */
export function defaultServerUrl(doc: OpenApiDocument): string | undefined {
  const server = doc.servers?.[0];
  if (!server) return undefined;
  return server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? name);
}
