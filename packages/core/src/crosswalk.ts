import { contentHash } from "./content-hash.js";
import { ValidationError } from "./errors.js";
import type { Ledger } from "./ledger.js";

/**
 * What a crosswalk entry identifies: a client, project, person, cost center, legal entity … Free-form so
 * a flow can add its own kinds; 1–64 of `a-z`, `A-Z`, `0-9`, `_` and `-`.
 */
export type CrosswalkKind = "client" | "project" | "person" | "costCenter" | "legalEntity" | (string & {});

/** A system that holds its own id for a record (`salesforce`, `netsuite`, `kantata`, `workday` …). */
export type CrosswalkSystem = "salesforce" | "netsuite" | "kantata" | "workday" | (string & {});

/** One system's id for one canonical record. */
export interface CrosswalkLink {
  kind: CrosswalkKind;
  /** Canonical key of the record (the same in every system). */
  key: string;
  system: CrosswalkSystem;
  /** The id that system gave the record. */
  id: string;
  /** When the link was recorded, as an ISO 8601 instant. */
  linkedAt: string;
}

/** What {@link Crosswalk.link} did. */
export interface CrosswalkLinkResult {
  /** `created`: first id for this system; `unchanged`: the same id again; `replaced`: a different id. */
  outcome: "created" | "unchanged" | "replaced";
  /** The id recorded before, when `replaced`. */
  previousId?: string;
}

const FORWARD = "xw";
const REVERSE = "xw-id";
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

function checkName(what: "kind" | "system", value: string): void {
  if (!NAME.test(value)) {
    const reason = "must be 1-64 of A-Z, a-z, 0-9, _ and -";
    throw new ValidationError(`Crosswalk: ${what} ${reason}`, [{ path: what, message: reason }]);
  }
}

function checkPart(what: "key" | "id", value: string): void {
  if (typeof value !== "string" || value.length === 0 || value.length > 255) {
    const reason = "must be a string of 1-255 characters";
    throw new ValidationError(`Crosswalk: ${what} ${reason}`, [{ path: what, message: reason }]);
  }
}

/**
 * Identity across systems: for each canonical key, the id every system gave the same client, project,
 * person or cost center — and back from a system's id to the canonical key.
 *
 * It keeps its links in a {@link Ledger} (entries under the `xw/` and `xw-id/` key prefixes), so it has
 * exactly that ledger's guarantees: with a `FileLedger` a link is durable once `link` resolves and survives
 * a crash; with a shared (Postgres) ledger every worker sees the same links. The reverse entry is written
 * before the forward one, so a crash between the two leaves only an entry that the next `link` rewrites.
 *
 * @example
 * ```ts
 * const crosswalk = new Crosswalk(new MemoryLedger());
 * await crosswalk.link("project", "acme-erp-rollout", "netsuite", "1042");
 * await crosswalk.lookup("project", "acme-erp-rollout", "netsuite"); // "1042"
 * await crosswalk.resolve("project", "netsuite", "1042"); // "acme-erp-rollout"
 * ```
 */
export class Crosswalk {
  readonly #ledger: Ledger;
  readonly #now: () => Date;

  /**
   * @param ledger where the links live: usually the run's ledger, so ids and postings share one store
   * @param options.now clock for `linkedAt` (tests)
   */
  constructor(ledger: Ledger, options: { now?: () => Date } = {}) {
    this.#ledger = ledger;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Records that `system` knows the record `kind`/`key` as `id`. Recording the same id again is a no-op
   * (`unchanged`); a different id replaces the old one and says so (`replaced`, with `previousId`), so the
   * caller can raise it as an exception when a system's id should never change.
   */
  async link(
    kind: CrosswalkKind,
    key: string,
    system: CrosswalkSystem,
    id: string,
  ): Promise<CrosswalkLinkResult> {
    checkName("kind", kind);
    checkName("system", system);
    checkPart("key", key);
    checkPart("id", id);
    const forwardKey = `${FORWARD}/${kind}/${system}/${key}`;
    const existing = await this.#ledger.get(forwardKey);
    if (existing?.targetId === id) {
      const reverse = await this.#ledger.get(`${REVERSE}/${kind}/${system}/${id}`);
      if (reverse?.targetId === key) return { outcome: "unchanged" };
    }
    const postedAt = this.#now().toISOString();
    await this.#ledger.record({
      key: `${REVERSE}/${kind}/${system}/${id}`,
      hash: contentHash({ key }),
      targetId: key,
      postedAt,
    });
    await this.#ledger.record({ key: forwardKey, hash: contentHash({ id }), targetId: id, postedAt });
    if (existing === undefined) return { outcome: "created" };
    if (existing.targetId === id) return { outcome: "unchanged" };
    return { outcome: "replaced", previousId: existing.targetId };
  }

  /** The id `system` gave the record `kind`/`key`, or `undefined` when none is known yet. */
  async lookup(kind: CrosswalkKind, key: string, system: CrosswalkSystem): Promise<string | undefined> {
    checkName("kind", kind);
    checkName("system", system);
    checkPart("key", key);
    return (await this.#ledger.get(`${FORWARD}/${kind}/${system}/${key}`))?.targetId;
  }

  /**
   * The canonical key of the record `system` knows as `id`, or `undefined`. A reverse entry whose forward
   * entry now points at another id (the record was re-linked) does not resolve.
   */
  async resolve(kind: CrosswalkKind, system: CrosswalkSystem, id: string): Promise<string | undefined> {
    checkName("kind", kind);
    checkName("system", system);
    checkPart("id", id);
    const key = (await this.#ledger.get(`${REVERSE}/${kind}/${system}/${id}`))?.targetId;
    if (key === undefined) return undefined;
    const forward = await this.#ledger.get(`${FORWARD}/${kind}/${system}/${key}`);
    return forward?.targetId === id ? key : undefined;
  }

  /** Every current link (one per kind, key and system), optionally of one kind, in no particular order. */
  async *links(kind?: CrosswalkKind): AsyncIterable<CrosswalkLink> {
    const prefix = kind === undefined ? `${FORWARD}/` : `${FORWARD}/${kind}/`;
    for await (const entry of this.#ledger.entries()) {
      if (!entry.key.startsWith(prefix)) continue;
      const [, entryKind, system, ...rest] = entry.key.split("/");
      if (entryKind === undefined || system === undefined) continue;
      yield { kind: entryKind, system, key: rest.join("/"), id: entry.targetId, linkedAt: entry.postedAt };
    }
  }
}
