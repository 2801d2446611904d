import { ValidationError, type ValidationIssue } from "./errors.js";

/** How a field may be missing: `required` (default), `optional` (absent is fine), `nullable` (also null). */
export type FieldPresence = "required" | "optional" | "nullable";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the attributes of one vendor record of unknown shape, collecting every problem as a
 * {@link ValidationIssue} that names the field and the reason — never the value. Mappers read every field
 * they use through it and call {@link FieldReader.check} before they compute anything, so a hostile record
 * (null, numbers for strings, missing fields, wrong nesting) becomes one typed rejection, never a
 * `TypeError`.
 *
 * Required getters return a harmless placeholder (`""`, `0`, `false`) when the field is invalid; the
 * placeholder is never used because `check()` throws first.
 *
 * Hand-written (under 200 lines) rather than a schema library: the vendor shapes already live in the
 * connectors' OpenAPI documents, the mappers read only a handful of fields each, and the issues must use
 * the {@link ValidationIssue} format with value-free messages. Shared by the connectors' mappers.
 */
export class FieldReader {
  /** Every problem found so far (shared with the readers of nested objects). */
  readonly issues: ValidationIssue[];
  readonly #record: Record<string, unknown>;
  readonly #prefix: string;
  /** The record itself is not an object: that one issue says it all, its fields add nothing. */
  readonly #notAnObject: boolean;

  /**
   * @param what names the record in the error message, e.g. `"Workday worker"`.
   * @param nested for a nested object: its path prefix and the issue list it reports into.
   */
  constructor(
    record: unknown,
    readonly what: string,
    nested?: { prefix: string; issues: ValidationIssue[] },
  ) {
    this.#prefix = nested?.prefix ?? "";
    this.issues = nested?.issues ?? [];
    this.#notAnObject = !isObject(record);
    if (isObject(record)) {
      this.#record = record;
    } else {
      this.#record = {};
      const path = this.#prefix === "" ? "(root)" : this.#prefix.slice(0, -1);
      this.issues.push({
        path,
        message: record === null ? "must not be null" : "must be an object",
        code: "invalid_type",
      });
    }
  }

  /** Whether the record has `field` with a value other than `undefined`. */
  has(field: string): boolean {
    return this.#record[field] !== undefined;
  }

  /** Whether `field` was read without a problem (so a domain rule on its value may run). */
  valid(field: string): boolean {
    const path = `${this.#prefix}${field}`;
    return this.has(field) && !this.issues.some((i) => i.path === path);
  }

  /** A string attribute. */
  string(field: string): string;
  string(field: string, presence: "optional" | "nullable"): string | undefined;
  string(field: string, presence: FieldPresence = "required"): string | undefined {
    return this.#read(field, presence, "", (v) => (typeof v === "string" ? v : fail("must be a string")));
  }

  /** A string matching `pattern`; `reason` says what it must be (e.g. `"must be a Workday ID (32 hex)"`). */
  matching(field: string, pattern: RegExp, reason: string): string;
  matching(
    field: string,
    pattern: RegExp,
    reason: string,
    presence: "optional" | "nullable",
  ): string | undefined;
  matching(
    field: string,
    pattern: RegExp,
    reason: string,
    presence: FieldPresence = "required",
  ): string | undefined {
    return this.#read(field, presence, "", (v) =>
      typeof v === "string" && pattern.test(v) ? v : fail(reason),
    );
  }

  /** A whole number (a safe integer). */
  integer(field: string): number;
  integer(field: string, presence: "optional" | "nullable"): number | undefined;
  integer(field: string, presence: FieldPresence = "required"): number | undefined {
    return this.#read(field, presence, 0, (v) =>
      typeof v === "number" && Number.isSafeInteger(v) ? v : fail("must be a whole number"),
    );
  }

  /** A boolean. */
  boolean(field: string): boolean;
  boolean(field: string, presence: "optional" | "nullable"): boolean | undefined;
  boolean(field: string, presence: FieldPresence = "required"): boolean | undefined {
    return this.#read(field, presence, false, (v) =>
      typeof v === "boolean" ? v : fail("must be a boolean"),
    );
  }

  /** A calendar date `YYYY-MM-DD`. With `emptyIsAbsent`, `""` counts as not set (some vendors send unset dates so). */
  date(field: string): string;
  date(field: string, presence: "optional" | "nullable", emptyIsAbsent?: boolean): string | undefined;
  date(field: string, presence: FieldPresence = "required", emptyIsAbsent = false): string | undefined {
    if (emptyIsAbsent && this.#record[field] === "") return undefined;
    return this.#read(field, presence, "1970-01-01", (v) =>
      typeof v === "string" && DATE.test(v) ? v : fail("must be a date YYYY-MM-DD"),
    );
  }

  /** An ISO 8601 instant (checked loosely here; the canonical schema checks the format exactly). */
  instant(field: string): string;
  instant(field: string, presence: "optional" | "nullable"): string | undefined;
  instant(field: string, presence: FieldPresence = "required"): string | undefined {
    return this.#read(field, presence, "1970-01-01T00:00:00Z", (v) =>
      typeof v === "string" && !Number.isNaN(Date.parse(v)) ? v : fail("must be an ISO 8601 timestamp"),
    );
  }

  /** A nested object, read with its own reader (issues are collected here, paths prefixed `field.`). */
  object(field: string, presence: FieldPresence = "required"): FieldReader | undefined {
    const value = this.#record[field];
    if (value === undefined || (value === null && presence === "nullable")) {
      if (presence === "required") this.#issue(field, "is required", "required");
      return undefined;
    }
    return new FieldReader(value, this.what, { prefix: `${this.#prefix}${field}.`, issues: this.issues });
  }

  /** Adds an issue of the mapper's own (e.g. a domain rule). */
  add(field: string, message: string, code?: string): void {
    this.#issue(field, message, code);
  }

  /** Throws one {@link ValidationError} listing every issue found so far; returns when there is none. */
  check(): void {
    if (this.issues.length === 0) return;
    throw new ValidationError(`Invalid ${this.what}: ${this.issues.map((i) => i.path).join(", ")}`, [
      ...this.issues,
    ]);
  }

  #issue(field: string, message: string, code?: string): void {
    if (this.#notAnObject) return;
    const issue: ValidationIssue = { path: `${this.#prefix}${field}`, message, ...(code ? { code } : {}) };
    this.issues.push(issue);
  }

  #read<T>(
    field: string,
    presence: FieldPresence,
    placeholder: T,
    parse: (value: unknown) => T,
  ): T | undefined {
    const value = this.#record[field];
    if (value === undefined || (value === null && presence === "nullable")) {
      if (presence === "required") this.#issue(field, "is required", "required");
      return presence === "required" ? placeholder : undefined;
    }
    try {
      return parse(value);
    } catch (e) {
      if (!(e instanceof FieldProblem)) throw e;
      this.#issue(field, value === null ? "must not be null" : e.message, "invalid_type");
      return presence === "required" ? placeholder : undefined;
    }
  }
}

class FieldProblem extends Error {}

function fail(reason: string): never {
  throw new FieldProblem(reason);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
