import { type HttpClient, NotFoundError } from "@ledgerline/core";
import type { paths } from "../generated/netsuite.js";
import type { NetSuiteMasterData } from "../mappers/context.js";

/** A journal entry as NetSuite holds it, read back by external id. */
export interface HeldJournalEntry {
  internalId: string;
  tranDate?: string;
  /** The `line` sublist: account code (mapped back through `masterData.accounts`, else `id:<internal id>`), and exact decimal sides. */
  lines: Array<{ account: string; debit?: string; credit?: string }>;
}

/**
 * `GET /record/v1/journalEntry/eid:{externalId}?expandSubResources=true`: the entry NetSuite holds under an
 * external id — what a closed period really contains — or `undefined` when there is none (404). Amounts
 * come back as JSON numbers and are returned as their shortest decimal text (exact for what NetSuite stores:
 * at most the currency's decimals).
 */
export async function readJournalEntry(
  http: HttpClient<paths>,
  masterData: NetSuiteMasterData,
  externalId: string,
): Promise<HeldJournalEntry | undefined> {
  const codeOf = new Map(Object.entries(masterData.accounts ?? {}).map(([code, id]) => [id, code]));
  try {
    const { data } = await http.GET("/record/v1/journalEntry/eid:{externalId}", {
      params: { path: { externalId }, query: { expandSubResources: true } },
    });
    if (!data || typeof data.id !== "string") return undefined;
    const items = data.line?.items ?? [];
    return {
      internalId: data.id,
      ...(data.tranDate ? { tranDate: data.tranDate } : {}),
      lines: items.map((line) => {
        const id = line.account?.id ?? "";
        return {
          account: codeOf.get(id) ?? `id:${id}`,
          ...(typeof line.debit === "number" ? { debit: String(line.debit) } : {}),
          ...(typeof line.credit === "number" ? { credit: String(line.credit) } : {}),
        };
      }),
    };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
