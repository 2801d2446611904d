import { createRequire } from "node:module";
import { LedgerlineError } from "../errors.js";

/**
 * Thrown when a part of the testing kit needs an optional peer dependency that is not installed.
 * `@ledgerline/core/testing` validates with Ajv (`ajv`, `ajv-formats`) and reads YAML documents with `yaml`;
 * they are optional peer dependencies of `@ledgerline/core`, so a production install of a connector does
 * not pull them in. Install them as dev dependencies where the fakes run:
 * `npm install --save-dev ajv ajv-formats yaml`.
 */
export class MissingDependencyError extends LedgerlineError {
  override name = "MissingDependencyError";
  /** The npm package that is missing, e.g. `"ajv"`. */
  readonly dependency: string;

  constructor(dependency: string, feature: string, cause?: unknown) {
    super(
      "MISSING_DEPENDENCY",
      `${feature} needs the optional peer dependency "${dependency}", which is not installed: npm install --save-dev ${dependency}`,
      { cause },
    );
    this.dependency = dependency;
  }
}

const requireFromHere = createRequire(import.meta.url);
const loaded = new Map<string, unknown>();

/**
 * Loads an optional CommonJS-compatible dependency synchronously, resolved from this package (so the
 * consumer's `node_modules`), or throws {@link MissingDependencyError} naming it.
 * @internal
 */
export function loadOptionalDependency<T>(specifier: string, feature: string): T {
  if (loaded.has(specifier)) return loaded.get(specifier) as T;
  let mod: unknown;
  try {
    mod = requireFromHere(specifier);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const parts = specifier.split("/");
    const packageName = (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
    if (
      code === "MODULE_NOT_FOUND" ||
      code === "ERR_MODULE_NOT_FOUND" ||
      code === "ERR_PACKAGE_PATH_NOT_EXPORTED"
    ) {
      throw new MissingDependencyError(packageName, feature, error);
    }
    throw error;
  }
  loaded.set(specifier, mod);
  return mod as T;
}
