import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { FormatsPlugin } from "ajv-formats";
import {
  deref,
  getAtPointer,
  type OpenApiDocument,
  type OpenApiOperation,
  pointerSegment,
} from "./openapi-document.js";
import { loadOptionalDependency } from "./optional-dependency.js";

/** Ajv and its formats are optional peer dependencies: loaded on first use, a typed error when missing. */
function loadAjv(): { Ajv: typeof Ajv2020; addFormats: FormatsPlugin } {
  const feature = "@ledgerline/core/testing (contract validation)";
  const { Ajv2020: Ajv } = loadOptionalDependency<{ Ajv2020: typeof Ajv2020 }>("ajv/dist/2020.js", feature);
  const formats = loadOptionalDependency<FormatsPlugin | { default: FormatsPlugin }>("ajv-formats", feature);
  return { Ajv, addFormats: "default" in formats ? formats.default : formats };
}

const DOC_ID = "urn:ledgerline:fake-api:document";

/** What the validator needs to know about a request. */
export interface RequestParts {
  method: string;
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  rawBody: string;
}

/** One problem found by the validator: the field (dotted path) and why. */
export interface ContractProblem {
  /** Where: `"request body"`, `"query parameter"`, `"path parameter"`, `"header"`, `"response body"`, … */
  location: string;
  /** Dotted field path, e.g. `"hours"` or `"lines.0.amount"`; empty for the whole part. */
  field: string;
  message: string;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: unknown;
}

/** Validates requests and responses of one OpenAPI document with Ajv (JSON Schema 2020-12). */
export class OpenApiValidator {
  readonly #doc: OpenApiDocument;
  readonly #strictAjv: Ajv2020;
  readonly #coercingAjv: Ajv2020;
  readonly #cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.#doc = doc;
    const { Ajv, addFormats } = loadAjv();
    const make = (coerceTypes: boolean | "array") => {
      const ajv = new Ajv({
        strict: false,
        allErrors: true,
        logger: false,
        validateSchema: false,
        verbose: true, // errors carry their parent schema, to spot readOnly / writeOnly properties
        coerceTypes,
      });
      addFormats(ajv);
      for (const format of ["int32", "int64", "float", "double", "byte", "binary", "password"]) {
        ajv.addFormat(format, true);
      }
      ajv.addSchema(doc as object, DOC_ID);
      return ajv;
    };
    this.#strictAjv = make(false);
    this.#coercingAjv = make("array");
  }

  /** Problems with a request to `op`; empty when it conforms. */
  validateRequest(op: OpenApiOperation, req: RequestParts): ContractProblem[] {
    const problems: ContractProblem[] = [];
    const opObject = getAtPointer(this.#doc, op.pointer) as Record<string, unknown>;
    const pathPointer = op.pointer.slice(0, op.pointer.lastIndexOf("/"));
    const params = this.#parameters(pathPointer, op.pointer);

    const groups: Record<string, { param: Parameter; pointer: string }[]> = {
      path: [],
      query: [],
      header: [],
    };
    for (const p of params) groups[p.param.in]?.push(p);

    const check = (
      where: string,
      list: { param: Parameter; pointer: string }[],
      read: (p: Parameter) => unknown,
    ) => {
      const value: Record<string, unknown> = {};
      const properties: Record<string, unknown> = {};
      const required: string[] = [];
      for (const { param, pointer } of list) {
        const v = read(param);
        if (v !== undefined) value[param.name] = v;
        if (param.required || param.in === "path") required.push(param.name);
        properties[param.name] = param.schema ? { $ref: `${DOC_ID}${pointer}/schema` } : {};
      }
      const schemaKey = `${op.pointer}|${where}`;
      const schema = { type: "object", properties, required };
      for (const e of this.#run(this.#coercingAjv, schemaKey, schema, value)) {
        problems.push(problemFrom(where, e));
      }
    };
    check("path parameter", groups.path!, (p) => req.pathParams[p.name]);
    check("query parameter", groups.query!, (p) => {
      const all = req.query.getAll(p.name);
      if (all.length === 0) return undefined;
      const type = (p.schema as { type?: unknown } | undefined)?.type;
      return type === "array" ? all : all[0];
    });
    check("header", groups.header!, (p) => req.headers.get(p.name) ?? undefined);

    const body = opObject.requestBody;
    if (body !== undefined) {
      const { value, pointer } = deref(this.#doc, body, `${op.pointer}/requestBody`);
      const requestBody = value as { required?: boolean; content?: Record<string, { schema?: unknown }> };
      if (req.rawBody.length === 0) {
        if (requestBody.required)
          problems.push({ location: "request body", field: "", message: "is required" });
      } else {
        problems.push(
          ...this.#validateContent(
            "request body",
            requestBody.content ?? {},
            `${pointer}/content`,
            req.headers.get("content-type"),
            req.rawBody,
          ),
        );
      }
    } else if (req.rawBody.length > 0 && !["GET", "HEAD", "DELETE"].includes(req.method)) {
      problems.push({ location: "request body", field: "", message: "is not documented for this operation" });
    }
    return problems;
  }

  /** Problems with a response of `op`; empty when it conforms. */
  validateResponse(
    op: OpenApiOperation,
    status: number,
    headers: Headers,
    rawBody: string,
  ): ContractProblem[] {
    const opObject = getAtPointer(this.#doc, op.pointer) as { responses?: Record<string, unknown> };
    const responses = opObject.responses ?? {};
    const code = String(status);
    const key = [code, `${code[0]}XX`, `${code[0]}xx`, "default"].find((k) => responses[k] !== undefined);
    if (key === undefined) {
      return [{ location: "response", field: "", message: `status ${status} is not documented` }];
    }
    const { value, pointer } = deref(
      this.#doc,
      responses[key],
      `${op.pointer}/responses/${pointerSegment(key)}`,
    );
    const response = value as { content?: Record<string, unknown>; headers?: Record<string, unknown> };
    const problems: ContractProblem[] = [];
    for (const [name, h] of Object.entries(response.headers ?? {})) {
      const header = deref(this.#doc, h, `${pointer}/headers/${pointerSegment(name)}`).value as {
        required?: boolean;
      };
      if (header.required && !headers.has(name)) {
        problems.push({ location: `response (${status}) header`, field: name, message: "is required" });
      }
    }
    if (rawBody.length > 0) {
      if (!response.content) {
        problems.push({
          location: `response (${status}) body`,
          field: "",
          message: "is not documented (no content)",
        });
      } else {
        problems.push(
          ...this.#validateContent(
            `response (${status}) body`,
            response.content as Record<string, { schema?: unknown }>,
            `${pointer}/content`,
            headers.get("content-type"),
            rawBody,
          ),
        );
      }
    }
    return problems;
  }

  /** The JSON media type a response of `op` with `status` documents, if any (for serialising fake bodies). */
  documentedJsonType(op: OpenApiOperation, status: number): string | undefined {
    const opObject = getAtPointer(this.#doc, op.pointer) as { responses?: Record<string, unknown> };
    const responses = opObject.responses ?? {};
    const code = String(status);
    const key = [code, `${code[0]}XX`, "default"].find((k) => responses[k] !== undefined);
    if (key === undefined) return undefined;
    const response = deref(this.#doc, responses[key], op.pointer).value as {
      content?: Record<string, unknown>;
    };
    return Object.keys(response.content ?? {}).find(isJsonType);
  }

  #parameters(pathPointer: string, opPointer: string): { param: Parameter; pointer: string }[] {
    const byKey = new Map<string, { param: Parameter; pointer: string }>();
    for (const base of [pathPointer, opPointer]) {
      const list = getAtPointer(this.#doc, `${base}/parameters`);
      if (!Array.isArray(list)) continue;
      list.forEach((raw, i) => {
        const { value, pointer } = deref(this.#doc, raw, `${base}/parameters/${i}`);
        const param = value as Parameter;
        const name = param.in === "header" ? param.name.toLowerCase() : param.name;
        byKey.set(`${param.in}:${name}`, { param, pointer });
      });
    }
    return [...byKey.values()];
  }

  #validateContent(
    location: string,
    content: Record<string, { schema?: unknown }>,
    contentPointer: string,
    contentType: string | null,
    rawBody: string,
  ): ContractProblem[] {
    const mediaType = matchMediaType(Object.keys(content), contentType);
    if (mediaType === undefined) {
      return [
        {
          location,
          field: "",
          message: `content type "${contentType ?? "(none)"}" is not documented (documented: ${Object.keys(content).join(", ") || "none"})`,
        },
      ];
    }
    const media = content[mediaType];
    if (!media?.schema) return [];
    const schemaRef = { $ref: `${DOC_ID}${contentPointer}/${pointerSegment(mediaType)}/schema` };
    let value: unknown;
    let ajv = this.#strictAjv;
    if (isJsonType(mediaType)) {
      try {
        value = JSON.parse(rawBody);
      } catch {
        return [{ location, field: "", message: "is not valid JSON" }];
      }
    } else if (mediaType.startsWith("application/x-www-form-urlencoded")) {
      value = Object.fromEntries(new URLSearchParams(rawBody));
      ajv = this.#coercingAjv;
    } else {
      return [];
    }
    // A required `readOnly` property is not expected in a request, nor a required `writeOnly` one in a response.
    const exempt = location.startsWith("request") ? "readOnly" : "writeOnly";
    return this.#run(ajv, schemaRef.$ref, schemaRef, value)
      .filter((e) => !(e.keyword === "required" && this.#propertyFlag(e, exempt)))
      .map((e) => problemFrom(location, e));
  }

  #propertyFlag(error: ErrorObject, flag: "readOnly" | "writeOnly"): boolean {
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
    let property = missing === undefined ? undefined : parent?.properties?.[missing];
    for (let i = 0; i < 8; i++) {
      const ref = (property as { $ref?: unknown } | undefined)?.$ref;
      if (typeof ref !== "string" || !ref.startsWith("#/")) break;
      property = getAtPointer(this.#doc, ref);
    }
    return (property as Record<string, unknown> | undefined)?.[flag] === true;
  }

  #run(ajv: Ajv2020, cacheKey: string, schema: object, value: unknown): ErrorObject[] {
    const fullKey = `${ajv === this.#strictAjv ? "s" : "c"}|${cacheKey}`;
    let validate = this.#cache.get(fullKey);
    if (!validate) {
      validate = ajv.compile(schema);
      this.#cache.set(fullKey, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []);
  }
}

/** True for `application/json`, `application/*+json` and JSON types with parameters. */
export function isJsonType(mediaType: string): boolean {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  return base === "application/json" || base.endsWith("+json");
}

function normaliseMediaType(value: string): string {
  return value
    .split(";")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .join("; ");
}

function matchMediaType(documented: string[], contentType: string | null): string | undefined {
  if (contentType === null) return documented.length === 1 ? documented[0] : undefined;
  const wanted = normaliseMediaType(contentType);
  const base = wanted.split(";")[0]!;
  return (
    documented.find((d) => normaliseMediaType(d) === wanted) ??
    documented.find((d) => normaliseMediaType(d) === base) ??
    documented.find((d) => normaliseMediaType(d).split(";")[0] === base) ??
    documented.find((d) => d === `${base.split("/")[0]}/*`) ??
    documented.find((d) => d === "*/*")
  );
}

function problemFrom(location: string, e: ErrorObject): ContractProblem {
  const segments = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  if (e.keyword === "required" && params.missingProperty) segments.push(params.missingProperty);
  if (e.keyword === "additionalProperties" && params.additionalProperty)
    segments.push(params.additionalProperty);
  let message = e.message ?? e.keyword;
  if (e.keyword === "required") message = "is required";
  if (e.keyword === "additionalProperties") message = "is not allowed (additional property)";
  if (e.keyword === "enum")
    message = `${message}: ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`;
  return { location, field: segments.join("."), message };
}
