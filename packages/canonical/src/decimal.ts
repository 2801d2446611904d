/**
 * Exact decimal helpers on BigInt (internal). A decimal is represented as `units / 10^scale`.
 * @internal
 */

/**
 * How a value that falls between two representable values is rounded.
 * - `half-even`: to nearest, ties to the even neighbour (banker's rounding)
 * - `half-up`: to nearest, ties away from zero (the usual commercial rounding)
 * - `half-down`: to nearest, ties toward zero
 * - `up`: away from zero; `down`: toward zero (truncate)
 * - `ceiling`: toward +∞; `floor`: toward −∞
 */
export type RoundingMode = "half-even" | "half-up" | "half-down" | "up" | "down" | "ceiling" | "floor";

/** Every {@link RoundingMode}, for validation and tests. */
export const ROUNDING_MODES: readonly RoundingMode[] = [
  "half-even",
  "half-up",
  "half-down",
  "up",
  "down",
  "ceiling",
  "floor",
];

/** A plain decimal string: optional minus, digits, optional fraction. No exponent, no `+`, no spaces. */
export const DECIMAL_PATTERN = /^-?\d+(?:\.\d+)?$/;

/** Exact scaled decimal. */
export interface Scaled {
  units: bigint;
  scale: number;
}

/** Parses a decimal string exactly; returns `undefined` when it is not a plain decimal. */
export function parseDecimal(text: string): Scaled | undefined {
  if (typeof text !== "string" || text.length > 200 || !DECIMAL_PATTERN.test(text)) return undefined;
  const negative = text.startsWith("-");
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf(".");
  const whole = dot === -1 ? body : body.slice(0, dot);
  const frac = dot === -1 ? "" : body.slice(dot + 1);
  const units = BigInt(whole + frac);
  return { units: negative ? -units : units, scale: frac.length };
}

/**
 * Converts a JS number to an exact decimal using its shortest round-trip representation (what a vendor's
 * JSON most likely contained, e.g. `1.1` → "1.1"). Returns `undefined` for non-finite numbers.
 */
export function numberToDecimalString(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Expand exponent notation exactly.
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return undefined;
  const [, sign = "", intPart = "", fracPart = "", expText = "0"] = match;
  const digits = intPart + fracPart;
  const pointAt = intPart.length + Number(expText);
  if (pointAt <= 0) return `${sign}0.${"0".repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${"0".repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** `n / d` rounded with `mode`. `d` must not be zero. */
export function divRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const sign = n < 0n ? -1n : 1n;
  const away = q + sign;
  switch (mode) {
    case "down":
      return q;
    case "up":
      return away;
    case "ceiling":
      return sign > 0n ? away : q;
    case "floor":
      return sign < 0n ? away : q;
    default: {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > d) return away;
      if (twice < d) return q;
      if (mode === "half-up") return away;
      if (mode === "half-down") return q;
      if (mode === "half-even") return q % 2n === 0n ? q : away;
      throw new TypeError(`unknown rounding mode`);
    }
  }
}

/** Re-expresses `value` at `scale` decimal places, rounding with `mode` when precision is lost. */
export function rescale(value: Scaled, scale: number, mode: RoundingMode): bigint {
  if (scale >= value.scale) return value.units * 10n ** BigInt(scale - value.scale);
  return divRound(value.units, 10n ** BigInt(value.scale - scale), mode);
}

/** Formats `units / 10^scale` as a plain decimal string with exactly `scale` fraction digits. */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Throws a TypeError naming `option` unless `mode` is a {@link RoundingMode}. */
export function assertRoundingMode(mode: unknown, option = "rounding"): asserts mode is RoundingMode {
  if (!ROUNDING_MODES.includes(mode as RoundingMode)) {
    throw new TypeError(`${option} must be one of ${ROUNDING_MODES.join(", ")}`);
  }
}
