import type { Amount } from "./summary.js";

/** Number formatting shared by the report and the exception messages (en-US, exact). */

/** `1234` → `1,234`. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** Minutes as `H:MM` with thousands separators, e.g. `1,234:05`. */
export function hours(minutes: number): string {
  const sign = minutes < 0 ? "-" : "";
  const abs = Math.abs(minutes);
  return `${sign}${count(Math.floor(abs / 60))}:${String(abs % 60).padStart(2, "0")}`;
}

/** Exact decimal amounts, e.g. `USD 1,234,567.50`; several currencies joined by ` + `. */
export function amounts(list: readonly Amount[]): string {
  return list.map(formatAmount).join(" + ");
}

/**
 * `{ amount: "1234567.5", currency: "USD" }` → `USD 1,234,567.50` (string arithmetic, no floats). The
 * decimals are those of the amount (at least two when it has any): `JPY 1,234`, `BHD 1.234`.
 */
export function formatAmount(value: Amount): string {
  const negative = value.amount.startsWith("-");
  const [whole = "0", fraction = ""] = value.amount.replace(/^[-+]/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = fraction === "" ? "" : `.${fraction.padEnd(2, "0")}`;
  return `${value.currency} ${negative ? "-" : ""}${grouped}${decimals}`;
}
