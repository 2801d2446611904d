import { LedgerlineError } from "@ledgerline/core";
import { z } from "zod";
import {
  assertRoundingMode,
  divRound,
  formatScaled,
  numberToDecimalString,
  parseDecimal,
  type RoundingMode,
} from "./decimal.js";

/** A duration in whole minutes (never fractional hours). */
export const MinutesSchema = z.int({ error: "must be an integer number of minutes" }).min(0);

/** Typed error for malformed durations: a `@ledgerline/core` `LedgerlineError`, never retryable. */
export class DurationError extends LedgerlineError {
  override name = "DurationError";
  /** Machine-readable reason. */
  declare readonly code: "INVALID_DURATION";
  constructor(message: string) {
    super("INVALID_DURATION", message, { retryable: false });
  }
}

function assertMinutes(minutes: number): void {
  if (!Number.isSafeInteger(minutes)) throw new DurationError("minutes must be an integer");
}

/**
 * Formats minutes as `H:MM` (NetSuite's time format): `formatHoursMinutes(270)` → `"4:30"`,
 * `formatHoursMinutes(-90)` → `"-1:30"`.
 */
export function formatHoursMinutes(minutes: number): string {
  assertMinutes(minutes);
  const abs = Math.abs(minutes);
  const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
  return minutes < 0 ? `-${text}` : text;
}

const HOURS_MINUTES = /^(-?)(\d{1,7}):([0-5]\d)$/;

/** Parses `H:MM` / `HH:MM` (minutes 00–59) into integer minutes: `"4:30"` → 270. */
export function parseHoursMinutes(text: string): number {
  const match = typeof text === "string" ? HOURS_MINUTES.exec(text.trim()) : null;
  if (!match) throw new DurationError('duration must look like "H:MM" with minutes 00-59');
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" && minutes !== 0 ? -minutes : minutes;
}

/** Options for decimal-hour conversions. */
export interface HoursOptions {
  /** How to round (to whole minutes, or to `decimals` places of an hour). */
  rounding: RoundingMode;
  /** Fraction digits of the decimal-hours string (default 2). */
  decimals?: number;
}

/**
 * Minutes as a decimal-hours string: `minutesToDecimalHours(50, { rounding: "half-up" })` → `"0.83"`.
 */
export function minutesToDecimalHours(minutes: number, options: HoursOptions): string {
  assertMinutes(minutes);
  assertRoundingMode(options?.rounding);
  const decimals = options.decimals ?? 2;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) {
    throw new DurationError("decimals must be an integer from 0 to 12");
  }
  const units = divRound(BigInt(minutes) * 10n ** BigInt(decimals), 60n, options.rounding);
  return formatScaled(units, decimals);
}

/**
 * Decimal hours (a decimal string, or a number read by its shortest representation) as whole minutes:
 * `decimalHoursToMinutes("1.255", { rounding: "half-even" })` → 75 (75.3 rounded).
 */
export function decimalHoursToMinutes(
  hours: string | number,
  options: Pick<HoursOptions, "rounding">,
): number {
  assertRoundingMode(options?.rounding);
  const text = typeof hours === "number" ? numberToDecimalString(hours) : hours;
  const parsed = text === undefined ? undefined : parseDecimal(text);
  if (!parsed) throw new DurationError("hours must be a finite decimal");
  const minutes = divRound(parsed.units * 60n, 10n ** BigInt(parsed.scale), options.rounding);
  if (minutes > BigInt(Number.MAX_SAFE_INTEGER) || minutes < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DurationError("hours out of range");
  }
  return Number(minutes);
}
