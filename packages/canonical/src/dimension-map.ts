import type { DimensionKind } from "./dimensions.js";
import {
  type BusinessImpact,
  createIntegrationException,
  defaultImpact,
  type ExceptionRecord,
  type IntegrationException,
} from "./integration-exception.js";

/** Canonical code → target id, as a plain object or a Map. */
export type DimensionTable = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

/**
 * Typed mapping tables from canonical dimension codes to one target system's ids, e.g. for NetSuite:
 * `{ target: "netsuite", tables: { costCenter: { "CC-100": "12" }, taxCode: { VAT20: "5" } } }`.
 */
export interface DimensionMap {
  /** Target system the ids belong to (`"netsuite"`). */
  target: string;
  tables: Partial<Record<DimensionKind, DimensionTable>>;
}

/** Dimension values of one record, by kind (codes). */
export type DimensionValues = Partial<Record<DimensionKind, string | undefined>>;

/** Options of {@link mapDimensions}. */
export interface MapDimensionsOptions {
  /** The record being mapped (for the exceptions). */
  record: ExceptionRecord;
  /** Kinds that must be present and mapped (default: none; present values are always mapped). */
  required?: readonly DimensionKind[];
  /** Impact of a failure (default: by record type, see `defaultImpact`). */
  impact?: BusinessImpact;
  correlationId?: string;
  now?: Date;
}

/** Result of {@link mapDimensions}: ids for the kinds that mapped, an exception for each that did not. */
export interface DimensionMappingResult {
  /** True when there are no exceptions. */
  ok: boolean;
  mapped: Partial<Record<DimensionKind, string>>;
  exceptions: IntegrationException[];
}

const LABELS: Record<DimensionKind, string> = {
  costCenter: "cost center",
  practice: "practice",
  region: "region",
  legalEntity: "legal entity",
  taxCode: "tax code",
};

const CODES: Record<DimensionKind, string> = {
  costCenter: "COST_CENTER",
  practice: "PRACTICE",
  region: "REGION",
  legalEntity: "LEGAL_ENTITY",
  taxCode: "TAX_CODE",
};

/** Exception code of a record lacking a required dimension: `MISSING_COST_CENTER`. */
export function missingDimensionCode(kind: DimensionKind): string {
  return `MISSING_${CODES[kind]}`;
}

/** Exception code of a dimension with no target id: `UNMAPPED_TAX_CODE`. */
export function unmappedDimensionCode(kind: DimensionKind): string {
  return `UNMAPPED_${CODES[kind]}`;
}

/** Human label of a dimension kind (`"cost center"`). */
export function dimensionLabel(kind: DimensionKind): string {
  return LABELS[kind];
}

/** Looks up one code; `undefined` when the table or the entry is missing (never a prototype property). */
export function lookupDimension(map: DimensionMap, kind: DimensionKind, code: string): string | undefined {
  const table = map.tables[kind];
  if (!table) return undefined;
  if (table instanceof Map) {
    const id = table.get(code);
    return typeof id === "string" && id.length > 0 ? id : undefined;
  }
  const record = table as Readonly<Record<string, string>>;
  if (!Object.hasOwn(record, code)) return undefined;
  const id = record[code];
  return typeof id === "string" && id.length > 0 ? id : undefined;
}

/**
 * The canonical code whose target id is `targetId` (for reading target records back), or `undefined`.
 * When several codes map to the same id the first in table order wins.
 */
export function reverseLookupDimension(
  map: DimensionMap,
  kind: DimensionKind,
  targetId: string,
): string | undefined {
  const table = map.tables[kind];
  if (!table) return undefined;
  const entries =
    table instanceof Map ? [...table.entries()] : Object.entries(table as Readonly<Record<string, string>>);
  for (const [code, id] of entries) if (id === targetId) return code;
  return undefined;
}

/**
 * Maps a record's dimension codes to target ids. Never throws for missing data: a required kind with no
 * value yields `MISSING_<KIND>`, a value with no target id `UNMAPPED_<KIND>` (an {@link IntegrationException}
 * with the record and its business impact). A present value whose kind has no table at all is skipped
 * unless required (the target does not use that dimension).
 */
export function mapDimensions(
  values: DimensionValues,
  map: DimensionMap,
  options: MapDimensionsOptions,
): DimensionMappingResult {
  const required = new Set(options.required ?? []);
  const mapped: Partial<Record<DimensionKind, string>> = {};
  const exceptions: IntegrationException[] = [];
  const impact = options.impact ?? defaultImpact(options.record.type);
  const kinds = new Set<DimensionKind>([...required]);
  for (const kind of Object.keys(LABELS) as DimensionKind[]) {
    if (values[kind] !== undefined) kinds.add(kind);
  }
  const common = {
    impact,
    record: options.record,
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
    ...(options.now === undefined ? {} : { now: options.now }),
  };
  for (const kind of kinds) {
    const code = values[kind];
    if (code === undefined || code === "") {
      exceptions.push(
        createIntegrationException({
          ...common,
          code: missingDimensionCode(kind),
          message: `${LABELS[kind]} is required but the record has none`,
          field: kind,
        }),
      );
      continue;
    }
    if (!required.has(kind) && map.tables[kind] === undefined) continue;
    const id = lookupDimension(map, kind, code);
    if (id === undefined) {
      exceptions.push(
        createIntegrationException({
          ...common,
          code: unmappedDimensionCode(kind),
          message: `${LABELS[kind]} ${code} has no ${map.target} id`,
          field: kind,
        }),
      );
    } else {
      mapped[kind] = id;
    }
  }
  return { ok: exceptions.length === 0, mapped, exceptions };
}
