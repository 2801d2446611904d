import { LedgerlineError } from "@ledgerline/core";
import { z } from "zod";
import { CURRENCY_EXPONENTS, type CurrencyCode, CurrencyCodeSchema, currencyExponent } from "./currency.js";
import {
  assertRoundingMode,
  DECIMAL_PATTERN,
  divRound,
  formatScaled,
  numberToDecimalString,
  parseDecimal,
  type RoundingMode,
  type Scaled,
} from "./decimal.js";

const EXPONENT_BY_CODE: ReadonlyMap<string, number> = new Map(Object.entries(CURRENCY_EXPONENTS));

/**
 * An exact amount of money: a decimal string with at most the currency's minor-unit digits
 * (`"1234.50"` USD, `"1500"` JPY, `"12.345"` BHD) and its ISO 4217 currency. Never a binary float.
 */
export const MoneySchema = z
  .object({
    amount: z
      .string()
      .regex(DECIMAL_PATTERN, { error: "must be a plain decimal string like 1234.50" })
      .max(40),
    currency: CurrencyCodeSchema,
  })
  .check((ctx) => {
    // zod skips this check when `amount` is not a string or `currency` not a known code (aborting issues).
    // Allocation-free on the success path: it runs for every rate on every record.
    const value = ctx.value;
    const amount = value.amount;
    const dot = amount.indexOf(".");
    if (dot === -1) return; // integral amounts fit every currency
    const currency = value.currency;
    const exponent = EXPONENT_BY_CODE.get(currency) ?? 0;
    const digits = amount.length - dot - 1;
    if (digits > exponent) {
      ctx.issues.push({
        code: "custom",
        input: amount,
        path: ["amount"],
        message: `has ${digits} decimal places but ${currency} allows ${exponent}`,
      });
    }
  })
  .meta({ description: "Exact decimal amount with its ISO 4217 currency" });

/** An exact amount of money. See {@link MoneySchema}. */
export type Money = z.infer<typeof MoneySchema>;

/** Why a money operation failed. Messages never contain amounts (rates are sensitive). */
export type MoneyErrorCode =
  | "INVALID_AMOUNT"
  | "UNKNOWN_CURRENCY"
  | "PRECISION"
  | "CURRENCY_MISMATCH"
  | "INVALID_ARGUMENT";

/** Typed error thrown by the money helpers: a `@ledgerline/core` `LedgerlineError`, never retryable. */
export class MoneyError extends LedgerlineError {
  override name = "MoneyError";
  /** Machine-readable reason. */
  declare readonly code: MoneyErrorCode;
  constructor(code: MoneyErrorCode, message: string) {
    super(code, message, { retryable: false });
  }
}

function exponentOf(currency: string): number {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new MoneyError("UNKNOWN_CURRENCY", "unknown ISO 4217 currency code");
  return exponent;
}

function parseAmount(amount: string, what = "amount"): Scaled {
  const parsed = parseDecimal(amount);
  if (!parsed) throw new MoneyError("INVALID_AMOUNT", `${what} must be a plain decimal string`);
  return parsed;
}

/** Amount of `m` in integer minor units (cents for USD, yen for JPY, fils for BHD). */
export function toMinorUnits(m: Money): bigint {
  const exponent = exponentOf(m.currency);
  const value = parseAmount(m.amount);
  if (value.scale > exponent) {
    throw new MoneyError("PRECISION", `amount has more decimal places than ${m.currency} allows`);
  }
  return value.units * 10n ** BigInt(exponent - value.scale);
}

/** Money from integer minor units: `fromMinorUnits(12345n, "USD")` → `{ amount: "123.45", currency: "USD" }`. */
export function fromMinorUnits(minor: bigint, currency: string): Money {
  return { amount: formatScaled(minor, exponentOf(currency)), currency: currency as CurrencyCode };
}

/**
 * Creates normalised Money (exactly the currency's minor-unit digits). Throws {@link MoneyError} when the
 * amount is not a plain decimal, the currency unknown, or the amount more precise than the currency.
 * @example money("12.5", "USD") // { amount: "12.50", currency: "USD" }
 */
export function money(amount: string, currency: string): Money {
  return fromMinorUnits(toMinorUnits({ amount, currency: currency as CurrencyCode }), currency);
}

/** Zero in `currency`. */
export function zeroMoney(currency: string): Money {
  return fromMinorUnits(0n, currency);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError("CURRENCY_MISMATCH", `cannot combine ${a.currency} with ${b.currency}`);
  }
}

/** `a + b` (same currency). */
export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return fromMinorUnits(toMinorUnits(a) + toMinorUnits(b), a.currency);
}

/** `a − b` (same currency). */
export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return fromMinorUnits(toMinorUnits(a) - toMinorUnits(b), a.currency);
}

/** `−m`. */
export function negateMoney(m: Money): Money {
  return fromMinorUnits(-toMinorUnits(m), m.currency);
}

/**
 * Exact sum of amounts in one currency. `currency` is required for an empty list and, when given, every
 * item must be in it.
 */
export function sumMoney(items: Iterable<Money>, currency?: string): Money {
  let total = 0n;
  let code = currency;
  for (const item of items) {
    if (code === undefined) code = item.currency;
    else if (item.currency !== code) {
      throw new MoneyError("CURRENCY_MISMATCH", `cannot sum ${item.currency} into ${code}`);
    }
    total += toMinorUnits(item);
  }
  if (code === undefined) throw new MoneyError("INVALID_ARGUMENT", "sumMoney of no items needs a currency");
  return fromMinorUnits(total, code);
}

/** −1, 0 or 1 as `a` is less than, equal to or greater than `b` (same currency). */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  const x = toMinorUnits(a);
  const y = toMinorUnits(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when both have the same currency and the same exact value (`"1.5"` equals `"1.50"`). */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && toMinorUnits(a) === toMinorUnits(b);
}

/** True when the amount is zero. */
export function isZeroMoney(m: Money): boolean {
  return toMinorUnits(m) === 0n;
}

function factorOf(factor: string | number | bigint, what: string): Scaled {
  if (typeof factor === "bigint") return { units: factor, scale: 0 };
  const text = typeof factor === "number" ? numberToDecimalString(factor) : factor;
  if (text === undefined) throw new MoneyError("INVALID_ARGUMENT", `${what} must be a finite decimal`);
  return parseAmount(text, what);
}

/** Options naming the rounding mode; rounding is always explicit. */
export interface RoundingOptions {
  /** How to round to the currency's minor unit. */
  rounding: RoundingMode;
}

/**
 * `m × factor`, rounded to the currency's minor unit. A number factor is read by its shortest decimal
 * representation (`0.1` means exactly one tenth); prefer decimal strings.
 */
export function multiplyMoney(m: Money, factor: string | number | bigint, options: RoundingOptions): Money {
  assertRoundingMode(options?.rounding);
  const f = factorOf(factor, "factor");
  const product = toMinorUnits(m) * f.units;
  return fromMinorUnits(divRound(product, 10n ** BigInt(f.scale), options.rounding), m.currency);
}

/**
 * Amount for working `minutes` at an hourly `ratePerHour`: `rate × minutes / 60`, rounded once to the
 * currency's minor unit. `rateTimesDuration(money("150.00","USD"), 50, { rounding: "half-even" })` → 125.00.
 */
export function rateTimesDuration(ratePerHour: Money, minutes: number, options: RoundingOptions): Money {
  assertRoundingMode(options?.rounding);
  if (!Number.isSafeInteger(minutes)) throw new MoneyError("INVALID_ARGUMENT", "minutes must be an integer");
  const product = toMinorUnits(ratePerHour) * BigInt(minutes);
  return fromMinorUnits(divRound(product, 60n, options.rounding), ratePerHour.currency);
}

/** FX conversion options. */
export interface ConvertOptions extends RoundingOptions {
  /** Target ISO 4217 currency. */
  to: string;
  /** Units of `to` per one unit of the source currency, as a decimal string (e.g. `"0.9187"`). */
  rate: string;
}

/**
 * Converts `m` into another currency at an explicit rate, rounding once to the target's minor unit.
 * @example convertMoney(money("100.00","USD"), { to: "JPY", rate: "151.237", rounding: "half-up" }) // 15124 JPY
 */
export function convertMoney(m: Money, options: ConvertOptions): Money {
  assertRoundingMode(options?.rounding);
  const rate = factorOf(options.rate, "rate");
  if (rate.units <= 0n) throw new MoneyError("INVALID_ARGUMENT", "rate must be positive");
  const fromExp = exponentOf(m.currency);
  const toExp = exponentOf(options.to);
  // value_to_minor = minor_from / 10^fromExp * rate.units / 10^rate.scale * 10^toExp
  const numerator = toMinorUnits(m) * rate.units * 10n ** BigInt(toExp);
  const denominator = 10n ** BigInt(fromExp + rate.scale);
  return fromMinorUnits(divRound(numerator, denominator, options.rounding), options.to);
}

/**
 * Splits `m` into parts proportional to `ratios` without losing or inventing a minor unit: the parts
 * always sum exactly to `m` (largest-remainder method; ties go to the earlier part). Ratios are
 * non-negative decimals (strings, integers or bigints) with a positive sum.
 * @example allocateMoney(money("100.00","USD"), [1, 1, 1]) // 33.34, 33.33, 33.33
 */
export function allocateMoney(m: Money, ratios: readonly (string | number | bigint)[]): Money[] {
  if (!Array.isArray(ratios) || ratios.length === 0) {
    throw new MoneyError("INVALID_ARGUMENT", "ratios must be a non-empty array");
  }
  const parsed = ratios.map((r) => factorOf(r, "ratio"));
  const scale = Math.max(...parsed.map((p) => p.scale));
  const weights = parsed.map((p) => p.units * 10n ** BigInt(scale - p.scale));
  if (weights.some((w) => w < 0n)) throw new MoneyError("INVALID_ARGUMENT", "ratios must not be negative");
  const totalWeight = weights.reduce((a, b) => a + b, 0n);
  if (totalWeight === 0n) throw new MoneyError("INVALID_ARGUMENT", "ratios must not all be zero");
  const total = toMinorUnits(m);
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const shares = weights.map((w) => (abs * w) / totalWeight);
  const remainders = weights.map((w, i) => ({ i, r: (abs * w) % totalWeight }));
  let left = abs - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((s) => fromMinorUnits(negative ? -s : s, m.currency));
}
