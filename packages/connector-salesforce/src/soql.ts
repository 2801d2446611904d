/**
 * A SOQL statement built by {@link soql}: the text with every interpolated value already escaped and
 * typed. Only {@link soql} makes one, so user text cannot reach a query any other way.
 */
export class SoqlStatement {
  readonly text: string;
  /** @internal */
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

/** A date-only value (`YYYY-MM-DD`), sent unquoted as SOQL date literals are. */
export class SoqlDate {
  readonly value: string;
  constructor(value: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw new TypeError("soqlDate: value must be a date YYYY-MM-DD");
    }
    this.value = value;
  }
}

/** Marks a `YYYY-MM-DD` string as a SOQL date literal (a plain string would be quoted as text). */
export function soqlDate(value: string): SoqlDate {
  return new SoqlDate(value);
}

/** Values the {@link soql} tag accepts. */
export type SoqlValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Date
  | SoqlDate
  | SoqlStatement
  | readonly (string | number | bigint | boolean | Date | SoqlDate)[];

/**
 * Escapes text for a single-quoted SOQL string literal, per Salesforce's reserved-character rules:
 * backslash, both quotes, newline, carriage return, tab, backspace and form feed are backslash-escaped.
 */
export function escapeSoqlString(value: string): string {
  let out = "";
  for (const ch of value) {
    switch (ch) {
      case "\\":
        out += "\\\\";
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      case "\b":
        out += "\\b";
        break;
      case "\f":
        out += "\\f";
        break;
      default:
        out += ch;
    }
  }
  return `'${out}'`;
}

function literal(value: unknown, index: number): string {
  if (value === null) return "null";
  if (typeof value === "string") return escapeSoqlString(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`soql: value ${index} must be a finite number`);
    // Exponent notation is not SOQL: write the plain decimal form.
    return Number.isInteger(value)
      ? BigInt(value).toString()
      : value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
  }
  if (value instanceof SoqlDate) return value.value;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`soql: value ${index} must be a valid Date`);
    return value.toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  throw new TypeError(`soql: value ${index} has a type SOQL cannot take (${typeof value})`);
}

/**
 * Tagged template for SOQL: every `${value}` becomes a typed literal — strings quoted and escaped,
 * numbers plain decimals, `Date` a UTC dateTime literal, {@link soqlDate} a date literal, arrays a
 * parenthesised list for `IN`, a nested `soql` statement inlined. No value can change the structure.
 * @example
 * const q = soql`SELECT Id, Name FROM Account WHERE Name = ${name} AND CreatedDate > ${since}`;
 * @throws TypeError naming the value's position when a value cannot be a SOQL literal
 */
export function soql(strings: TemplateStringsArray, ...values: SoqlValue[]): SoqlStatement {
  let text = strings[0] ?? "";
  values.forEach((value, i) => {
    let part: string;
    if (value instanceof SoqlStatement) part = value.text;
    else if (Array.isArray(value)) {
      if (value.length === 0) throw new TypeError(`soql: list ${i} must not be empty`);
      part = `(${value.map((v) => literal(v, i)).join(", ")})`;
    } else part = literal(value, i);
    text += part + (strings[i + 1] ?? "");
  });
  return new SoqlStatement(text);
}
