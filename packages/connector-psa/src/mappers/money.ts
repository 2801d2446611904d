import { currencyExponent, fromMinorUnits, type Money } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";

/**
 * Exact money from a Kantata `*_in_cents` integer and its currency: `12345`, `"USD"` → `"123.45" USD`.
 * `null`/`undefined` cents give `undefined`. Throws {@link ValidationError} naming `field` when the cents
 * are not an integer, `currency` when it is missing or unknown, and `currency_base_unit` when the record's
 * base unit disagrees with the currency's ISO 4217 minor unit (the amount would be off by a power of ten —
 * never guessed). Messages carry the field and the reason, never a value.
 */
export function moneyFromCents(
  cents: number | null | undefined,
  currency: string | null | undefined,
  field: string,
  currencyBaseUnit?: number,
): Money | undefined {
  if (cents === null || cents === undefined) return undefined;
  if (typeof cents !== "number" || !Number.isSafeInteger(cents)) {
    throw new ValidationError(`Invalid ${field}`, [
      { path: field, message: "must be an integer number of minor units", code: "invalid_type" },
    ]);
  }
  const exponent = typeof currency === "string" ? currencyExponent(currency) : undefined;
  if (typeof currency !== "string" || exponent === undefined) {
    throw new ValidationError("Invalid currency", [
      {
        path: "currency",
        message:
          typeof currency === "string"
            ? "unknown ISO 4217 currency code"
            : `is required with ${field} (amounts are never given a guessed currency)`,
        code: typeof currency === "string" ? "unknown_currency" : "currency_missing",
      },
    ]);
  }
  if (currencyBaseUnit !== undefined && currencyBaseUnit !== 10 ** exponent) {
    throw new ValidationError("Invalid currency_base_unit", [
      {
        path: "currency_base_unit",
        message: "disagrees with the currency's ISO 4217 minor unit",
        code: "base_unit_mismatch",
      },
    ]);
  }
  return fromMinorUnits(BigInt(cents), currency);
}
