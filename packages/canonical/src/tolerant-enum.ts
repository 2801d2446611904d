import { z } from "zod";

/** A canonical enum value: a known `code`, or `other` with the vendor's `raw` value kept. */
export interface TolerantValue<C extends string> {
  code: C | "other";
  raw?: string | undefined;
}

/** A canonical enum that tolerates unknown vendor values. */
export interface TolerantEnum<C extends string> {
  /** Known codes (without `other`). */
  readonly codes: readonly C[];
  /** Schema of `{ code, raw? }`; `code: "other"` requires `raw`. */
  readonly schema: z.ZodType<TolerantValue<C>>;
  /**
   * Maps a vendor value to the canonical one: exact code, a built-in alias or one of `aliases`
   * (compared case- and punctuation-insensitively); anything else becomes `{ code: "other", raw }`.
   * `null`/`undefined`/empty becomes `{ code: "other", raw: "" }`.
   */
  normalize(
    raw: string | number | boolean | null | undefined,
    aliases?: Readonly<Record<string, C>>,
  ): TolerantValue<C>;
}

function fold(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Builds a {@link TolerantEnum}.
 * @param codes the known canonical codes
 * @param aliases vendor spellings → code (folded: case, spaces and punctuation ignored)
 */
export function tolerantEnum<const C extends string>(
  codes: readonly [C, ...C[]],
  aliases: Readonly<Record<string, C>>,
  description: string,
): TolerantEnum<C> {
  const all = [...codes, "other"] as [C | "other", ...(C | "other")[]];
  const table = new Map<string, C>();
  for (const code of codes) table.set(fold(code), code);
  for (const [alias, code] of Object.entries(aliases)) table.set(fold(alias), code);
  const schema = z
    .object({ code: z.enum(all), raw: z.string().max(255).optional() })
    .check((ctx) => {
      if (ctx.value.code === "other" && ctx.value.raw === undefined) {
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          path: ["raw"],
          message: 'is required when code is "other"',
        });
      }
    })
    .meta({ description }) as unknown as z.ZodType<TolerantValue<C>>;
  return {
    codes,
    schema,
    normalize(raw, extra) {
      const text = raw === null || raw === undefined ? "" : String(raw);
      const folded = fold(text);
      let code: C | undefined;
      if (extra) {
        for (const [alias, target] of Object.entries(extra)) {
          if (fold(alias) === folded) code = target;
        }
      }
      code ??= table.get(folded);
      return code === undefined
        ? { code: "other", raw: text.slice(0, 255) }
        : { code, raw: text.slice(0, 255) };
    },
  };
}
