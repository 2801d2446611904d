import { currencyExponent } from "@ledgerline/canonical";
import { FakeNetSuiteError } from "./fake-error.js";

/** A record held by the fake, as NetSuite would return it (without `links`). */
export type FakeRecord = Record<string, unknown> & { id: string; externalId?: string };

/** Record types the fake stores. Writable types accept POST / PATCH / PUT; the others are seeded. */
export const WRITABLE_TYPES = [
  "customer",
  "job",
  "projectTask",
  "timeBill",
  "expenseReport",
  "invoice",
  "journalEntry",
] as const;
/** Read-only record types of the fake (seed them with `seed` or `importState`). */
export const READ_ONLY_TYPES = [
  "subsidiary",
  "department",
  "classification",
  "location",
  "currency",
  "employee",
  "accountingPeriod",
] as const;
/** A record type the fake knows. */
export type FakeRecordType = (typeof WRITABLE_TYPES)[number] | (typeof READ_ONLY_TYPES)[number];

/** A JSON snapshot of the fake's records, from `exportState()`, for `importState()`. */
export interface FakeNetSuiteState {
  /** Snapshot format version. */
  version: 1;
  /** Next internal id the fake hands out. */
  nextId: number;
  /** Every stored record by type. */
  records: Partial<Record<FakeRecordType, FakeRecord[]>>;
}

/** Fields the fake requires before it stores a record (NetSuite's mandatory fields for these forms). */
const REQUIRED: Partial<Record<FakeRecordType, string[]>> = {
  customer: ["companyName"],
  job: ["companyName"],
  projectTask: ["title", "project"],
  timeBill: ["employee", "tranDate", "hours"],
  expenseReport: ["entity", "tranDate"],
  invoice: ["entity"],
};

/** Which record types a reference field may point to, for the optional reference check. */
const REFERENCES: Record<string, FakeRecordType[]> = {
  employee: ["employee"],
  customer: ["customer", "job"],
  caseTaskEvent: ["projectTask"],
  projecttask: ["projectTask"],
  project: ["job"],
  parent: ["customer", "job"],
  entity: ["customer", "job", "employee"],
  department: ["department"],
  class: ["classification"],
  location: ["location"],
  subsidiary: ["subsidiary"],
  postingPeriod: ["accountingPeriod"],
};

const SUBLISTS = new Set(["expense", "item", "time", "expCost", "itemCost", "line"]);
const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;

/** A record a write just stored (as stored), with the next internal id the store hands out. */
export interface FakeStoreChange {
  type: FakeRecordType;
  record: FakeRecord;
  nextId: number;
}

/** Outcome of a write to the store. */
export interface WriteOutcome {
  id: string;
  created: boolean;
}

/**
 * The fake's record store: records by type and internal id, with NetSuite's write semantics — create,
 * update (omitted fields unchanged, `null` clears, sublist lines appended unless `replace` names the
 * sublist) and upsert by external id (a second upsert updates, never duplicates).
 */
export class FakeStore {
  private readonly byType = new Map<FakeRecordType, Map<string, FakeRecord>>();
  /** Index externalId → internal id per type (the first record holding it). */
  private readonly byExternalId = new Map<FakeRecordType, Map<string, string>>();
  private nextId = 1001;
  private readonly changeListeners = new Set<(change: FakeStoreChange) => void>();

  constructor(private readonly options: { strictReferences: boolean }) {}

  /**
   * Calls `listener` synchronously, in commit order, after every write (create, update, upsert) stored a
   * record — not for `seed`, `clear` or `importState`. Returns a function that removes it.
   */
  onChange(listener: (change: FakeStoreChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Every record of `type`, in id order (copies). */
  list(type: FakeRecordType): FakeRecord[] {
    return [...this.table(type).values()].map((r) => structuredClone(r));
  }

  /** One record by internal id or `eid:<externalId>`, or undefined. */
  get(type: FakeRecordType, id: string): FakeRecord | undefined {
    const found = this.find(type, id);
    return found ? structuredClone(found) : undefined;
  }

  /** Creates a record (POST). A duplicate external id is refused, as NetSuite does. */
  create(type: FakeRecordType, body: Record<string, unknown>): WriteOutcome {
    const externalId = body.externalId;
    if (externalId !== undefined) {
      this.checkExternalId(externalId);
      if (this.findByExternalId(type, externalId as string)) {
        throw new FakeNetSuiteError(
          400,
          "USER_ERROR",
          "A record with this external ID already exists.",
          "externalId",
        );
      }
    }
    const record = this.build(type, { id: this.takeId() }, body, []);
    this.check(type, record, undefined);
    this.put(type, record);
    this.changed(type, record);
    return { id: record.id, created: true };
  }

  /** Updates a record (PATCH) by internal id or `eid:`. */
  update(type: FakeRecordType, id: string, body: Record<string, unknown>, replace: string[]): WriteOutcome {
    const existing = this.find(type, id);
    if (!existing) throw nonexistent(type, id);
    const record = this.build(type, existing, body, replace);
    this.check(type, record, existing);
    this.put(type, record);
    this.changed(type, record);
    return { id: record.id, created: false };
  }

  /** Creates or updates the record with this external id (PUT `eid:`). */
  upsert(
    type: FakeRecordType,
    externalId: string,
    body: Record<string, unknown>,
    replace: string[],
  ): WriteOutcome {
    this.checkExternalId(externalId);
    if (body.externalId !== undefined && body.externalId !== externalId) {
      throw new FakeNetSuiteError(
        400,
        "INVALID_CONTENT",
        "The external ID in the body differs from the one in the URL.",
        "externalId",
      );
    }
    const existing = this.findByExternalId(type, externalId);
    const base = existing ?? { id: this.peekId() };
    const record = this.build(type, base, { ...body, externalId }, replace);
    this.check(type, record, existing);
    if (!existing) this.takeId();
    this.put(type, record);
    this.changed(type, record);
    return { id: record.id, created: !existing };
  }

  /** Inserts records as they are (seeding reference data). */
  seed(type: FakeRecordType, records: Array<Record<string, unknown>>): void {
    for (const raw of records) {
      const id = typeof raw.id === "string" && raw.id !== "" ? raw.id : this.takeId();
      const numeric = Number(id);
      if (Number.isInteger(numeric) && numeric >= this.nextId) this.nextId = numeric + 1;
      this.put(type, { ...structuredClone(raw), id } as FakeRecord);
    }
  }

  /** External ids held by more than one record of a type (always empty unless something went wrong). */
  duplicateExternalIds(): Array<{ type: FakeRecordType; externalId: string; count: number }> {
    const out: Array<{ type: FakeRecordType; externalId: string; count: number }> = [];
    for (const [type, table] of this.byType) {
      const counts = new Map<string, number>();
      for (const record of table.values()) {
        if (typeof record.externalId === "string") {
          counts.set(record.externalId, (counts.get(record.externalId) ?? 0) + 1);
        }
      }
      for (const [externalId, count] of counts) if (count > 1) out.push({ type, externalId, count });
    }
    return out;
  }

  /** Removes every record. */
  clear(): void {
    this.byType.clear();
    this.byExternalId.clear();
    this.nextId = 1001;
  }

  /** A JSON-safe snapshot of every record. */
  exportState(): FakeNetSuiteState {
    const records: FakeNetSuiteState["records"] = {};
    for (const [type, table] of this.byType)
      records[type] = [...table.values()].map((r) => structuredClone(r));
    return { version: 1, nextId: this.nextId, records };
  }

  /** Replaces every record with a snapshot from {@link exportState}. */
  importState(state: FakeNetSuiteState): void {
    if (state?.version !== 1 || typeof state.nextId !== "number" || typeof state.records !== "object") {
      throw new TypeError('importState: "state" must be a snapshot from exportState() (version 1)');
    }
    this.clear();
    for (const [type, records] of Object.entries(state.records)) {
      for (const record of records ?? []) this.put(type as FakeRecordType, structuredClone(record));
    }
    this.nextId = state.nextId;
  }

  private table(type: FakeRecordType): Map<string, FakeRecord> {
    let table = this.byType.get(type);
    if (!table) {
      table = new Map();
      this.byType.set(type, table);
    }
    return table;
  }

  private find(type: FakeRecordType, id: string): FakeRecord | undefined {
    if (id.startsWith("eid:")) return this.findByExternalId(type, id.slice(4));
    return this.table(type).get(id);
  }

  private findByExternalId(type: FakeRecordType, externalId: string): FakeRecord | undefined {
    const id = this.byExternalId.get(type)?.get(externalId);
    const indexed = id === undefined ? undefined : this.table(type).get(id);
    return indexed?.externalId === externalId ? indexed : undefined;
  }

  private put(type: FakeRecordType, record: FakeRecord): void {
    let index = this.byExternalId.get(type);
    if (!index) {
      index = new Map();
      this.byExternalId.set(type, index);
    }
    const previous = this.table(type).get(record.id)?.externalId;
    if (previous !== undefined && previous !== record.externalId && index.get(previous) === record.id) {
      index.delete(previous);
    }
    this.table(type).set(record.id, record);
    if (typeof record.externalId === "string" && !index.has(record.externalId)) {
      index.set(record.externalId, record.id);
    }
  }

  private changed(type: FakeRecordType, record: FakeRecord): void {
    for (const listener of this.changeListeners) {
      listener({ type, record: structuredClone(record), nextId: this.nextId });
    }
  }

  private takeId(): string {
    return String(this.nextId++);
  }

  private peekId(): string {
    return String(this.nextId);
  }

  private checkExternalId(value: unknown): void {
    if (typeof value !== "string" || !EXTERNAL_ID.test(value)) {
      throw new FakeNetSuiteError(
        400,
        "INVALID_CONTENT",
        "External IDs may contain only letters, digits, '_' and '-'.",
        "externalId",
      );
    }
  }

  /** Applies `body` to `base` with NetSuite's update semantics. */
  private build(
    type: FakeRecordType,
    base: Record<string, unknown> & { id: string },
    body: Record<string, unknown>,
    replace: string[],
  ): FakeRecord {
    const record: Record<string, unknown> = structuredClone(base);
    for (const [field, value] of Object.entries(body)) {
      if (field === "id" || field === "links") continue;
      if (type === "job" && field === "customer") {
        throw new FakeNetSuiteError(
          400,
          "INVALID_CONTENT",
          "The field customer is not supported for the job record in REST; use parent.",
          "customer",
        );
      }
      if (value === null) {
        delete record[field];
      } else if (SUBLISTS.has(field) && isSublist(value)) {
        const lines = value.items.map((line) => stripLinks(line));
        const previous = isSublist(record[field])
          ? (record[field] as { items: Record<string, unknown>[] }).items
          : [];
        const kept = replace.includes(field) ? [] : previous;
        // NetSuite numbers lines with a string `line` and an integer `id`; a line sent with a known `line`
        // updates that line, any other is appended.
        let nextLine = kept.reduce((max, l) => Math.max(max, Number(l.line) || 0), 0) + 1;
        const merged = [...kept];
        for (const line of lines) {
          const at = line.line === undefined ? -1 : merged.findIndex((l) => l.line === String(line.line));
          if (at >= 0) merged[at] = { ...merged[at], ...line, line: String(line.line) };
          else {
            merged.push({ ...line, id: nextLine, line: String(nextLine) });
            nextLine++;
          }
        }
        record[field] = { items: merged };
      } else {
        record[field] = structuredClone(stripLinks(value));
      }
    }
    record.lastModifiedDate = new Date().toISOString();
    return record as FakeRecord;
  }

  private check(type: FakeRecordType, record: FakeRecord, existing: FakeRecord | undefined): void {
    for (const field of REQUIRED[type] ?? []) {
      if (record[field] === undefined || record[field] === "") {
        throw new FakeNetSuiteError(400, "USER_ERROR", `Please enter value(s) for: ${field}`, field);
      }
    }
    if (type === "journalEntry") {
      // A transaction in a closed period can be neither created nor changed: check where it was and is.
      if (existing) this.checkPeriodOpen(existing);
      this.checkPeriodOpen(record);
      checkJournalLines(record, this.currencyExponent(record.currency));
    }
    if (type === "invoice") this.checkBillables(record);
    if (!this.options.strictReferences) return;
    this.checkRefs(record, "");
    for (const sublist of SUBLISTS) {
      const value = record[sublist];
      if (!isSublist(value)) continue;
      for (const [i, line] of value.items.entries()) this.checkRefs(line, `${sublist}.items[${i}].`);
    }
  }

  /**
   * The accounting period a transaction posts in: its `postingPeriod`, or else the (non-summary) period
   * whose dates hold its `tranDate`. Refused when that period is closed or all-locked.
   */
  private checkPeriodOpen(record: Record<string, unknown>): void {
    const periods = [...this.table("accountingPeriod").values()];
    const ref = record.postingPeriod as { id?: unknown } | undefined;
    const tranDate =
      typeof record.tranDate === "string" ? record.tranDate : new Date().toISOString().slice(0, 10);
    const period =
      ref && typeof ref.id === "string"
        ? periods.find((p) => p.id === ref.id)
        : periods.find(
            (p) =>
              p.isQuarter !== true &&
              p.isYear !== true &&
              typeof p.startDate === "string" &&
              typeof p.endDate === "string" &&
              p.startDate <= tranDate &&
              tranDate <= p.endDate,
          );
    if (period && (period.closed === true || period.allLocked === true)) {
      throw new FakeNetSuiteError(
        400,
        "USER_ERROR",
        "The accounting period of this transaction is closed; transactions in a closed period cannot be created or changed.",
        ref ? "postingPeriod" : "tranDate",
      );
    }
  }

  /** Minor-unit digits of a transaction's currency (a seeded `currency` record's ISO `symbol`), else 2. */
  private currencyExponent(ref: unknown): number {
    const id = (ref as { id?: unknown } | undefined)?.id;
    const record = typeof id === "string" ? this.table("currency").get(id) : undefined;
    const symbol = typeof record?.symbol === "string" ? record.symbol : undefined;
    return (symbol === undefined ? undefined : currencyExponent(symbol)) ?? 2;
  }

  /**
   * The billable `time` and `expCost` lines of an invoice, as strictly as NetSuite offers them: an applied
   * line must name (`doc`) a stored time bill / expense report of the invoice's entity, that is billable (a
   * time bill also approved, when it carries an approval status) and not billed on another invoice —
   * NetSuite lists only the entity's unbilled billable items, so anything else is refused (400 `USER_ERROR`
   * naming the line's `doc`).
   */
  private checkBillables(invoice: FakeRecord): void {
    const entity = refIdOf(invoice.entity);
    const sublists = [
      ["time", "timeBill"],
      ["expCost", "expenseReport"],
    ] as const;
    for (const [sublist, docType] of sublists) {
      const value = invoice[sublist];
      if (!isSublist(value)) continue;
      const seen = new Set<string>();
      for (const [i, line] of value.items.entries()) {
        if (line.apply !== true) continue;
        const path = `${sublist}.items[${i}].doc`;
        const docId = refIdOf(line.doc);
        const doc = docId === undefined ? undefined : this.table(docType).get(docId);
        if (docId === undefined || doc === undefined) {
          throw new FakeNetSuiteError(400, "USER_ERROR", `Invalid ${sublist} doc reference key.`, path);
        }
        if (seen.has(docId)) {
          throw new FakeNetSuiteError(400, "USER_ERROR", `The ${docType} is applied twice.`, path);
        }
        seen.add(docId);
        const refusal = billableRefusal(docType, doc, entity);
        if (refusal) throw new FakeNetSuiteError(400, "USER_ERROR", refusal, path);
        for (const other of this.table("invoice").values()) {
          if (other.id === invoice.id) continue;
          const lines = isSublist(other[sublist])
            ? (other[sublist] as { items: Record<string, unknown>[] }).items
            : [];
          if (lines.some((l) => l.apply === true && refIdOf(l.doc) === docId)) {
            throw new FakeNetSuiteError(
              400,
              "USER_ERROR",
              `The ${docType} is already billed on another invoice.`,
              path,
            );
          }
        }
      }
    }
  }

  /**
   * A reference as NetSuite reads it back: `{ links, id, refName }` when the field names a known record
   * type and the record is stored (its name, title or number as `refName`), else the reference unchanged.
   */
  expandRef(field: string, value: unknown, root: string): unknown {
    const targets = REFERENCES[field];
    if (!targets || !value || typeof value !== "object" || Array.isArray(value)) return value;
    const id = (value as { id?: unknown }).id;
    if (typeof id !== "string") return value;
    for (const type of targets) {
      const target = this.table(type).get(id);
      if (!target) continue;
      const name = ["companyName", "entityId", "title", "name", "tranId", "externalId"]
        .map((k) => target[k])
        .find((v): v is string => typeof v === "string" && v !== "");
      return {
        links: [{ rel: "self", href: `${root}/record/v1/${type.toLowerCase()}/${id}` }],
        ...(value as object),
        ...(name === undefined ? {} : { refName: name }),
      };
    }
    return value;
  }

  private checkRefs(fields: Record<string, unknown>, prefix: string): void {
    for (const [field, targets] of Object.entries(REFERENCES)) {
      const value = fields[field];
      if (!value || typeof value !== "object" || !("id" in value)) continue;
      const id = String((value as { id: unknown }).id);
      if (!targets.some((t) => this.table(t).has(id))) {
        throw new FakeNetSuiteError(
          400,
          "USER_ERROR",
          `Invalid ${field} reference key ${id}.`,
          `${prefix}${field}`,
        );
      }
    }
  }
}

/**
 * A journal entry's lines as NetSuite checks them: at least two, each with an account and exactly one
 * non-negative `debit` or `credit` carrying no more decimals than the currency has, and total debits equal
 * to total credits — compared exactly, in minor units, never as floats.
 */
function checkJournalLines(record: Record<string, unknown>, exponent: number): void {
  const lines = isSublist(record.line) ? record.line.items : [];
  if (lines.length < 2) {
    throw new FakeNetSuiteError(400, "USER_ERROR", "A journal entry needs at least two lines.", "line");
  }
  let debits = 0n;
  let credits = 0n;
  for (const [i, line] of lines.entries()) {
    const path = `line.items[${i}]`;
    if (!line.account) {
      throw new FakeNetSuiteError(400, "USER_ERROR", "Please enter value(s) for: Account", `${path}.account`);
    }
    const sides = (["debit", "credit"] as const).filter(
      (side) => line[side] !== undefined && line[side] !== null,
    );
    if (sides.length !== 1) {
      throw new FakeNetSuiteError(
        400,
        "USER_ERROR",
        "Each journal line takes either a debit or a credit amount.",
        `${path}.debit`,
      );
    }
    const side = sides[0] as "debit" | "credit";
    const minor = minorUnits(line[side], exponent);
    if (minor === undefined || minor < 0n) {
      throw new FakeNetSuiteError(
        400,
        "INVALID_CONTENT",
        `Invalid ${side} amount: a non-negative number with at most ${exponent} decimal places is required.`,
        `${path}.${side}`,
      );
    }
    if (side === "debit") debits += minor;
    else credits += minor;
  }
  if (debits !== credits) {
    throw new FakeNetSuiteError(
      400,
      "USER_ERROR",
      "The total of the debit lines must equal the total of the credit lines.",
      "line",
    );
  }
}

/** A JSON number as exact minor units (its shortest decimal form), or undefined when it has too many decimals. */
function minorUnits(value: unknown, exponent: number): bigint | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!match) return undefined;
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (fraction.length > exponent) return undefined;
  const units = BigInt(whole + fraction.padEnd(exponent, "0"));
  return sign === "-" ? -units : units;
}

/** The id of a reference (`{ id }`), or undefined. */
function refIdOf(value: unknown): string | undefined {
  if (!value || typeof value !== "object") return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** Why a time bill / expense report cannot be billed to `entity`, or undefined when it can. */
function billableRefusal(
  docType: "timeBill" | "expenseReport",
  doc: FakeRecord,
  entity: string | undefined,
): string | undefined {
  if (docType === "timeBill") {
    if (doc.isBillable !== true) return "The time bill is not billable.";
    const approval = refIdOf(doc.approvalStatus);
    if (approval !== undefined && approval !== "3") return "The time bill is not approved.";
    if (entity !== undefined && refIdOf(doc.customer) !== entity)
      return "The time bill belongs to another customer or project.";
    return undefined;
  }
  const lines = isSublist(doc.expense) ? doc.expense.items : [];
  if (!lines.some((l) => l.isBillable === true)) return "The expense report has no billable expense.";
  if (entity !== undefined && !lines.some((l) => refIdOf(l.customer) === entity))
    return "The expense report's billable expense belongs to another customer or project.";
  return undefined;
}

function isSublist(value: unknown): value is { items: Record<string, unknown>[] } {
  return (
    !!value &&
    typeof value === "object" &&
    Array.isArray((value as { items?: unknown }).items) &&
    (value as { items: unknown[] }).items.every((l) => !!l && typeof l === "object")
  );
}

function stripLinks<T>(value: T): T {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const { links: _links, ...rest } = value as Record<string, unknown>;
  return rest as T;
}

function nonexistent(type: string, id: string): FakeNetSuiteError {
  return new FakeNetSuiteError(
    404,
    "NONEXISTENT_ID",
    `The record instance does not exist. Type: ${type}, id: ${id}.`,
  );
}
