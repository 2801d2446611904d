import {
  checkFieldOwnership,
  type ExceptionRecord,
  type FieldOwnershipTable,
  type IntegrationException,
  type OwnedField,
  type OwnedObject,
  type OwnerSystem,
} from "@ledgerline/canonical";
import { contentHash, type Ledger } from "@ledgerline/core";

const PREFIX = "flows/owned/";

/** Arguments of {@link updateOwnedFields}. */
export interface OwnedUpdate<O extends OwnedObject> {
  ledger: Ledger;
  /** Which target record (`kantata/workspace/<key>`): the ledger remembers the source values per field under it. */
  target: string;
  table: FieldOwnershipTable;
  object: O;
  /** The system the values come from. */
  writer: OwnerSystem;
  /** The system written to. */
  targetSystem: OwnerSystem;
  record: ExceptionRecord;
  /** The values the source holds now, by canonical field. */
  proposed: Partial<Record<OwnedField<O>, unknown>>;
  /** Reads the target's current values (only called when a source value changed). */
  current(): Promise<Partial<Record<OwnedField<O>, unknown>>>;
  /** Writes the given fields (with their proposed values). */
  write(fields: OwnedField<O>[]): Promise<void>;
  now?: Date;
}

/** What {@link updateOwnedFields} did. */
export interface OwnedUpdateResult<O extends OwnedObject> {
  /** Fields written to the target. */
  written: OwnedField<O>[];
  /** Fields owned by another system whose value the source changed: not written. */
  conflicts: IntegrationException[];
}

/**
 * Updates a record another system already holds, field by field, under the system-of-record table: only
 * fields whose **source** value changed since the last run are considered (the ledger keeps a hash per
 * field), so a target that moved on by itself (a project's status in the PSA) is left alone; of those, the
 * fields the writer owns (or nobody owns) are written and the others become `FIELD_OWNERSHIP_CONFLICT`
 * exceptions — raised again on every run until the owner and the source agree. A rerun with unchanged
 * source values reads and writes nothing.
 */
export async function updateOwnedFields<O extends OwnedObject>(
  update: OwnedUpdate<O>,
): Promise<OwnedUpdateResult<O>> {
  const changed: OwnedField<O>[] = [];
  for (const [field, value] of Object.entries(update.proposed) as [OwnedField<O>, unknown][]) {
    const entry = await update.ledger.get(fieldKey(update.target, field));
    if (entry?.hash !== contentHash(value ?? null)) changed.push(field);
  }
  if (changed.length === 0) return { written: [], conflicts: [] };
  const current = await update.current();
  const changes = Object.fromEntries(
    changed.map((f) => [f, { current: current[f], proposed: update.proposed[f] }]),
  ) as Parameters<typeof checkFieldOwnership<O>>[0]["changes"];
  const check = checkFieldOwnership({
    table: update.table,
    object: update.object,
    writer: update.writer,
    target: update.targetSystem,
    record: update.record,
    changes,
    ...(update.now ? { now: update.now } : {}),
  });
  if (check.write.length > 0) await update.write(check.write);
  await rememberOwnedFields(
    update.ledger,
    update.target,
    pick(update.proposed, [...check.write, ...check.unchanged]),
    update.now,
  );
  return { written: check.write, conflicts: check.conflicts };
}

/** Remembers the source values written to a target (after creating it, or after an update). */
export async function rememberOwnedFields(
  ledger: Ledger,
  target: string,
  values: Readonly<Record<string, unknown>>,
  now: Date = new Date(),
): Promise<void> {
  for (const [field, value] of Object.entries(values)) {
    const hash = contentHash(value ?? null);
    await ledger.record({ key: fieldKey(target, field), hash, targetId: field, postedAt: now.toISOString() });
  }
}

function fieldKey(target: string, field: string): string {
  return `${PREFIX}${target}/${field}`;
}

function pick<T extends Record<string, unknown>>(
  values: T,
  fields: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, values[f]]));
}
