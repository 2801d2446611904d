import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const folder = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "workday");

/** A fixture body of test/fixtures/workday, parsed (a fresh copy each call). */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(folder, `${name}.json`), "utf8")) as T;
}

/** A WID made from a number (32 hex). */
export function wid(n: number): string {
  return n.toString(16).padStart(32, "0");
}
