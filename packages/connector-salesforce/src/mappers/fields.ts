import { currencyExponent, type Money, REASON_CODES, type ReasonCode } from "@ledgerline/canonical";
import { ValidationError, type ValidationIssue } from "@ledgerline/core";

/**
 * Reads fields of a Salesforce record, collecting one issue per offending field (name and reason, never
 * the value); `check()` throws them together as a `ValidationError`.
 */
export class FieldReader {
  readonly issues: ValidationIssue[] = [];
  readonly #record: Record<string, unknown>;
  readonly #what: string;
  constructor(record: unknown, what: string) {
    this.#what = what;
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      this.#record = {};
      this.add("", "must be an object", "invalid_record");
    } else this.#record = record as Record<string, unknown>;
  }
  add(path: string, message: string, code: string): void {
    this.issues.push({ path, message, code });
  }
  /** A reason from canonical's shared `REASON_CODES`. */
  reason(path: string, code: ReasonCode): void {
    this.add(path, REASON_CODES[code], code);
  }
  has(name: string): boolean {
    const v = this.#record[name];
    return v !== undefined && v !== null;
  }
  raw(name: string): unknown {
    return this.#record[name];
  }
  id(name: string, required = true): string | undefined {
    const v = this.#record[name];
    if (v === undefined || v === null) {
      if (required) this.add(name, "is required", "missing");
      return undefined;
    }
    if (typeof v !== "string" || !/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(v)) {
      this.add(name, "must be a 15- or 18-character Salesforce id", "invalid_id");
      return undefined;
    }
    return v;
  }
  string(name: string, required = true, max = 255): string | undefined {
    const v = this.#record[name];
    if (v === undefined || v === null || v === "") {
      if (required) this.add(name, "is required", "missing");
      return undefined;
    }
    if (typeof v !== "string") {
      this.add(name, "must be a string", "invalid_type");
      return undefined;
    }
    if (v.length > max) {
      this.add(name, `must be at most ${max} characters`, "too_long");
      return undefined;
    }
    return v;
  }
  boolean(name: string): boolean | undefined {
    const v = this.#record[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") {
      this.add(name, "must be a boolean", "invalid_type");
      return undefined;
    }
    return v;
  }
  date(name: string, required = false): string | undefined {
    const v = this.#record[name];
    if (v === undefined || v === null) {
      if (required) this.add(name, "is required", "missing");
      return undefined;
    }
    if (
      typeof v !== "string" ||
      !/^\d{4}-\d{2}-\d{2}$/.test(v) ||
      Number.isNaN(Date.parse(`${v}T00:00:00Z`))
    ) {
      this.add(name, "must be a date YYYY-MM-DD", "invalid_date");
      return undefined;
    }
    return v;
  }
  /** A Salesforce dateTime (`2026-03-01T09:30:00.000+0000`) as an ISO 8601 instant with offset. */
  instant(name: string): string | undefined {
    const v = this.#record[name];
    if (typeof v !== "string") {
      this.add(
        name,
        v === undefined || v === null ? "is required" : "must be a dateTime",
        "invalid_datetime",
      );
      return undefined;
    }
    const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)(Z|[+-]\d{2}:?\d{2})$/.exec(v);
    if (!m || Number.isNaN(Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")))) {
      this.add(name, "must be a dateTime with offset", "invalid_datetime");
      return undefined;
    }
    const offset = m[2] as string;
    return `${m[1]}${offset === "Z" ? "Z" : offset.includes(":") ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`}`;
  }
  /** A number field as an exact decimal string (Salesforce sends currency and quantity as JSON numbers). */
  decimal(name: string, required = false): string | undefined {
    const v = this.#record[name];
    if (v === undefined || v === null) {
      if (required) this.add(name, "is required", "missing");
      return undefined;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) {
      this.add(name, "must be a finite number", "invalid_type");
      return undefined;
    }
    const text = String(v);
    if (/e/i.test(text)) {
      this.reason(name, "PRECISION");
      return undefined;
    }
    return text;
  }
  /** A currency field as exact money; more decimals than the currency has is a `PRECISION` reject. */
  money(name: string, currency: string | undefined, required = false): Money | undefined {
    const amount = this.decimal(name, required);
    if (amount === undefined || currency === undefined) return undefined;
    const exponent = currencyExponent(currency) ?? 0;
    const dot = amount.indexOf(".");
    if (dot !== -1 && amount.length - dot - 1 > exponent) {
      this.reason(name, "PRECISION");
      return undefined;
    }
    return { amount, currency } as Money;
  }
  /** Throws the collected issues as one `ValidationError`. */
  check(): void {
    if (this.issues.length > 0) {
      throw new ValidationError(
        `${this.#what} cannot be mapped: ${this.issues.map((i) => `${i.path || "(record)"} ${i.message}`).join("; ")}`,
        this.issues,
      );
    }
  }
}
