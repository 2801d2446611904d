/**
 * The SOQL subset the fake understands: `SELECT f, … FROM Object [WHERE cond] [ORDER BY f [ASC|DESC], …]
 * [LIMIT n]`, where `cond` combines `field op literal` (`=`, `!=`, `<`, `<=`, `>`, `>=`, `LIKE`) and
 * `field [NOT] IN (literal, …)` with `AND`, `OR`, `NOT` and parentheses. Literals: quoted strings with
 * SOQL escapes, numbers, `true` / `false` / `null`, dates and dateTimes.
 */

/** A SOQL token. */
export type SoqlToken =
  | { kind: "word"; text: string }
  | { kind: "string"; value: string }
  | { kind: "number"; text: string }
  | { kind: "date"; text: string }
  | { kind: "op"; text: string }
  | { kind: "punct"; text: "(" | ")" | "," };

/** Thrown for text the subset cannot read; the fake answers 400 `MALFORMED_QUERY`. */
export class SoqlSyntaxError extends Error {
  override name = "SoqlSyntaxError";
}

const ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  "'": "'",
  '"': '"',
  "\\": "\\",
};

/** Splits SOQL text into tokens; string literals are decoded. */
export function tokenizeSoql(text: string): SoqlToken[] {
  const out: SoqlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new SoqlSyntaxError("unterminated string literal");
        const c = text[i] as string;
        if (c === "\\") {
          const next = text[i + 1];
          const decoded = next === undefined ? undefined : ESCAPES[next];
          if (decoded === undefined) throw new SoqlSyntaxError("invalid escape sequence");
          value += decoded;
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else if (c === "\n" || c === "\r") {
          throw new SoqlSyntaxError("line break inside a string literal");
        } else {
          value += c;
          i++;
        }
      }
      out.push({ kind: "string", value });
    } else if (/[0-9]/.test(ch) || (ch === "-" && /[0-9]/.test(text[i + 1] ?? ""))) {
      const m = /^-?\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2}))?/.exec(text.slice(i));
      if (m && ch !== "-") {
        out.push({ kind: "date", text: m[0] });
        i += m[0].length;
      } else {
        const n = /^-?\d+(\.\d+)?/.exec(text.slice(i)) as RegExpExecArray;
        out.push({ kind: "number", text: n[0] });
        i += n[0].length;
      }
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i)) as RegExpExecArray;
      out.push({ kind: "word", text: m[0] });
      i += m[0].length;
    } else if (ch === "(" || ch === ")" || ch === ",") {
      out.push({ kind: "punct", text: ch });
      i++;
    } else {
      const m = /^(!=|<=|>=|<>|=|<|>)/.exec(text.slice(i));
      if (!m) throw new SoqlSyntaxError(`unexpected character at position ${i}`);
      out.push({ kind: "op", text: m[0] === "<>" ? "!=" : m[0] });
      i += m[0].length;
    }
  }
  return out;
}

/** A literal value in a condition. */
export type SoqlLiteral = string | number | boolean | null;

/** A parsed condition. */
export type SoqlCondition =
  | { type: "and" | "or"; left: SoqlCondition; right: SoqlCondition }
  | { type: "not"; inner: SoqlCondition }
  | { type: "compare"; field: string; op: string; value: SoqlLiteral }
  | { type: "in"; field: string; negated: boolean; values: SoqlLiteral[] };

/** A parsed query of the subset. */
export interface SoqlQuery {
  fields: string[];
  object: string;
  where?: SoqlCondition | undefined;
  orderBy: { field: string; descending: boolean }[];
  limit?: number | undefined;
  /** Relationship subqueries (`object` is the child relationship name, e.g. `OpportunityLineItems`). */
  subqueries: SoqlQuery[];
}

/** Parses a query of the subset; throws {@link SoqlSyntaxError}. */
export function parseSoql(text: string): SoqlQuery {
  const tokens = tokenizeSoql(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w: string) => {
    const t = peek();
    return t?.kind === "word" && t.text.toUpperCase() === w;
  };
  const expectWord = (w: string) => {
    if (!isWord(w)) throw new SoqlSyntaxError(`expected ${w}`);
    pos++;
  };
  const ident = (): string => {
    const t = tokens[pos++];
    if (t?.kind !== "word") throw new SoqlSyntaxError("expected a field or object name");
    return t.text;
  };
  const literal = (): SoqlLiteral => {
    const t = tokens[pos++];
    if (!t) throw new SoqlSyntaxError("expected a value");
    if (t.kind === "string") return t.value;
    if (t.kind === "number") return Number(t.text);
    if (t.kind === "date") return t.text;
    if (t.kind === "word") {
      const w = t.text.toLowerCase();
      if (w === "true") return true;
      if (w === "false") return false;
      if (w === "null") return null;
    }
    throw new SoqlSyntaxError("expected a value");
  };

  const primary = (): SoqlCondition => {
    const t = peek();
    if (t?.kind === "punct" && t.text === "(") {
      pos++;
      const inner = orExpr();
      const close = tokens[pos++];
      if (close?.kind !== "punct" || close.text !== ")") throw new SoqlSyntaxError("expected )");
      return inner;
    }
    if (isWord("NOT")) {
      pos++;
      return { type: "not", inner: primary() };
    }
    const field = ident();
    let negated = false;
    if (isWord("NOT")) {
      pos++;
      negated = true;
      if (!isWord("IN")) throw new SoqlSyntaxError("expected IN after NOT");
    }
    if (isWord("IN")) {
      pos++;
      const open = tokens[pos++];
      if (open?.kind !== "punct" || open.text !== "(") throw new SoqlSyntaxError("expected ( after IN");
      const values = [literal()];
      for (;;) {
        const t2 = tokens[pos++];
        if (t2?.kind === "punct" && t2.text === ",") values.push(literal());
        else if (t2?.kind === "punct" && t2.text === ")") break;
        else throw new SoqlSyntaxError("expected , or ) in IN list");
      }
      return { type: "in", field, negated, values };
    }
    let op: string;
    const o = tokens[pos];
    if (o?.kind === "op") op = o.text;
    else if (o?.kind === "word" && o.text.toUpperCase() === "LIKE") op = "LIKE";
    else throw new SoqlSyntaxError("expected a comparison operator");
    pos++;
    return { type: "compare", field, op, value: literal() };
  };
  const andExpr = (): SoqlCondition => {
    let left = primary();
    while (isWord("AND")) {
      pos++;
      left = { type: "and", left, right: primary() };
    }
    return left;
  };
  const orExpr = (): SoqlCondition => {
    let left = andExpr();
    while (isWord("OR")) {
      pos++;
      left = { type: "or", left, right: andExpr() };
    }
    return left;
  };

  const isPunct = (p: string) => {
    const t = peek();
    return t?.kind === "punct" && t.text === p;
  };
  /** One SELECT; a relationship subquery in the field list (`(SELECT … FROM OpportunityLineItems)`) nests. */
  const select = (nested: boolean): SoqlQuery => {
    expectWord("SELECT");
    const fields: string[] = [];
    const subqueries: SoqlQuery[] = [];
    for (;;) {
      if (isPunct("(")) {
        if (nested) throw new SoqlSyntaxError("subqueries cannot nest");
        pos++;
        subqueries.push(select(true));
        if (!isPunct(")")) throw new SoqlSyntaxError("expected ) after a subquery");
        pos++;
      } else fields.push(ident());
      if (isPunct(",")) pos++;
      else break;
    }
    if (fields.length === 0) throw new SoqlSyntaxError("SELECT needs at least one field");
    expectWord("FROM");
    const object = ident();
    const query: SoqlQuery = { fields, object, orderBy: [], subqueries };
    clauses(query);
    return query;
  };

  const clauses = (query: SoqlQuery) => {
    if (isWord("WHERE")) {
      pos++;
      query.where = orExpr();
    }
    if (isWord("ORDER")) {
      pos++;
      expectWord("BY");
      for (;;) {
        const field = ident();
        let descending = false;
        if (isWord("DESC")) {
          pos++;
          descending = true;
        } else if (isWord("ASC")) pos++;
        query.orderBy.push({ field, descending });
        const t = peek();
        if (t?.kind === "punct" && t.text === ",") pos++;
        else break;
      }
    }
    if (isWord("LIMIT")) {
      pos++;
      const t = tokens[pos++];
      if (t?.kind !== "number" || !/^\d+$/.test(t.text))
        throw new SoqlSyntaxError("LIMIT needs a whole number");
      query.limit = Number(t.text);
    }
  };

  const query = select(false);
  if (pos !== tokens.length) throw new SoqlSyntaxError("unexpected text after the query");
  return query;
}

/** Every field a condition names. */
export function conditionFields(c: SoqlCondition | undefined): string[] {
  if (!c) return [];
  switch (c.type) {
    case "and":
    case "or":
      return [...conditionFields(c.left), ...conditionFields(c.right)];
    case "not":
      return conditionFields(c.inner);
    default:
      return [c.field];
  }
}

function compare(a: unknown, b: SoqlLiteral): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

function like(value: unknown, pattern: SoqlLiteral): boolean {
  if (typeof value !== "string" || typeof pattern !== "string") return false;
  const re = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/%/g, ".*")
    .replace(/_/g, ".");
  return new RegExp(`^${re}$`, "is").test(value);
}

/** Whether a record satisfies a condition (field names matched case-insensitively by the caller). */
export function matches(record: Record<string, unknown>, c: SoqlCondition | undefined): boolean {
  if (!c) return true;
  switch (c.type) {
    case "and":
      return matches(record, c.left) && matches(record, c.right);
    case "or":
      return matches(record, c.left) || matches(record, c.right);
    case "not":
      return !matches(record, c.inner);
    case "in": {
      const v = record[c.field] ?? null;
      const found = c.values.some((x) => x === v);
      return c.negated ? !found : found;
    }
    case "compare": {
      const v = record[c.field] ?? null;
      switch (c.op) {
        case "=":
          return v === c.value;
        case "!=":
          return v !== c.value;
        case "LIKE":
          return like(v, c.value);
        default: {
          if (v === null || c.value === null) return false;
          const d = compare(v, c.value);
          return c.op === "<" ? d < 0 : c.op === "<=" ? d <= 0 : c.op === ">" ? d > 0 : d >= 0;
        }
      }
    }
  }
}
