import { currencyExponent, fromMinorUnits, type Money } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";

/**
 * Exact money from a Kantata `*_in_cents` integer and its currency: `12345`, `"USD"` → `"123.45" USD`.
 * `null`/`undefined` cents give `undefined`. Throws {@link ValidationError} naming `field` when the cents
 * are not an integer, the currency is unknown, or the record's `currency_base_unit` disagrees with the
 * currency's ISO 4217 minor unit (the amount would be off by a power of ten — never guessed).
 */
export function moneyFromCents(
  cents: number | null | undefined,
  currency: string,
  field: string,
  currencyBaseUnit?: number,
): Money | undefined {
  if (cents === null || cents === undefined) return undefined;
  if (!Number.isSafeInteger(cents)) {
    throw new ValidationError(`Invalid ${field}`, [
      { path: field, message: "must be an integer number of minor units" },
    ]);
  }
  const exponent = currencyExponent(currency);
  if (exponent === undefined) {
    throw new ValidationError("Invalid currency", [
      { path: "currency", message: "unknown ISO 4217 currency code" },
    ]);
  }
  if (currencyBaseUnit !== undefined && currencyBaseUnit !== 10 ** exponent) {
    throw new ValidationError("Invalid currency_base_unit", [
      {
        path: "currency_base_unit",
        message: `${currency} has ${10 ** exponent} minor units per unit, the record says ${currencyBaseUnit}`,
      },
    ]);
  }
  return fromMinorUnits(BigInt(cents), currency);
}
