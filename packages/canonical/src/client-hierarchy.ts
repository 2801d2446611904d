import type { Client } from "./client.js";
import { createIntegrationException, type IntegrationException } from "./integration-exception.js";

/** Result of {@link orderClientHierarchy}. Every input client is in exactly one of `ordered` or `cyclic`. */
export interface ClientHierarchyOrder {
  /** Parents before their children (input order kept otherwise): safe order for upserts into the ERP. */
  ordered: Client[];
  /** Clients whose parent chain contains a cycle; they cannot be created in any order. */
  cyclic: Client[];
  /** One `CLIENT_HIERARCHY_CYCLE` exception (impact `data-quality`) per cyclic client. */
  exceptions: IntegrationException[];
}

/**
 * Orders clients so every parent comes before its children (NetSuite needs a parent customer to exist
 * before a sub-customer references it). A parent outside the set is assumed to exist already. Clients in a
 * parent cycle are returned in `cyclic` with an exception each, never dropped.
 */
export function orderClientHierarchy(
  clients: readonly Client[],
  options: { now?: Date } = {},
): ClientHierarchyOrder {
  const byKey = new Map<string, Client>();
  for (const client of clients) if (!byKey.has(client.key)) byKey.set(client.key, client);
  const state = new Map<string, "visiting" | "done" | "cyclic">();
  const ordered: Client[] = [];
  const cyclic: Client[] = [];
  const emitted = new Set<Client>();

  const visit = (client: Client): boolean => {
    const mark = state.get(client.key);
    if (mark === "done") return true;
    if (mark === "visiting" || mark === "cyclic") return false;
    state.set(client.key, "visiting");
    const parent = client.parent ? byKey.get(client.parent.key) : undefined;
    let ok: boolean;
    if (parent === undefined) ok = true;
    else if (parent === client) ok = false;
    else ok = visit(parent);
    state.set(client.key, ok ? "done" : "cyclic");
    return ok;
  };

  for (const client of clients) visit(client);
  // Emit in an order where parents precede children: by depth, stable within a depth.
  const depth = new Map<string, number>();
  const depthOf = (client: Client): number => {
    const known = depth.get(client.key);
    if (known !== undefined) return known;
    const parent = client.parent ? byKey.get(client.parent.key) : undefined;
    const d = parent === undefined ? 0 : depthOf(parent) + 1;
    depth.set(client.key, d);
    return d;
  };
  const good = clients.filter((c) => state.get(c.key) === "done");
  const indexed = good.map((c, i) => ({ c, i, d: depthOf(c) }));
  indexed.sort((a, b) => a.d - b.d || a.i - b.i);
  for (const { c } of indexed) {
    ordered.push(c);
    emitted.add(c);
  }
  for (const client of clients) if (!emitted.has(client)) cyclic.push(client);
  const exceptions = cyclic.map((client) =>
    createIntegrationException({
      code: "CLIENT_HIERARCHY_CYCLE",
      impact: "data-quality",
      message: "the client's parent chain contains a cycle",
      field: "parent",
      record: { key: client.key, type: "Client", system: client.source.system, id: client.source.id },
      ...(options.now === undefined ? {} : { now: options.now }),
    }),
  );
  return { ordered, cyclic, exceptions };
}
