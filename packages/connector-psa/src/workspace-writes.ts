import { type HttpClient, ValidationError } from "@ledgerline/core";
import { walkEnvelope } from "./envelope.js";
import type { components, paths } from "./generated/kantata.js";
import type { KantataEnvelope, KantataExternalReference, KantataWorkspace } from "./kantata-types.js";
import type { KantataQuery, PageFetcher } from "./page-fetcher.js";
import { paginate } from "./paginate.js";

/** Attributes of a new Kantata workspace (`title` and `creator_role` required), as Kantata documents them. */
export type KantataWorkspaceCreate = components["schemas"]["WorkspaceCreate"];

/** Attributes of a workspace update: Kantata's update attributes (`creator_role` is not one). */
export type KantataWorkspaceUpdate = components["schemas"]["WorkspaceUpdate"];

/** An external reference to create, or update when the subject already has one for that service and model. */
export type KantataExternalReferenceWrite = components["schemas"]["ExternalReferenceWrite"];

/** What identifies an external reference: the Kantata type, the service and its model, and the service's id. */
export interface ExternalReferenceLookup {
  /** Kantata type of the subject, e.g. `Workspace`. */
  subjectType: string;
  /** The external system, e.g. `Ledgerline`, `NetSuite`. */
  serviceName: string;
  /** The external system's type, e.g. `job`, `engagement`. */
  serviceModel: string;
  /** The external system's id. */
  serviceModelRef: string;
}

/** The write operations of the PSA client (see `PsaClient`). */
export interface PsaWrites {
  /**
   * Creates a workspace (`POST /workspaces.json`). Not idempotent, so never retried: pass an
   * `external_reference` and, after an unclear answer, look the workspace up with
   * {@link PsaWrites.findExternalReference} before creating it again.
   */
  createWorkspace(workspace: KantataWorkspaceCreate): Promise<KantataWorkspace>;
  /** Updates a workspace (`PUT /workspaces/{id}.json`); only the attributes given change. */
  updateWorkspace(id: string, changes: KantataWorkspaceUpdate): Promise<KantataWorkspace>;
  /** One workspace by id, or `undefined` when Kantata answers 404. */
  workspace(id: string): Promise<KantataWorkspace | undefined>;
  /**
   * Creates or updates an external reference on a Kantata object
   * (`POST /external_references/create_or_update.json`).
   */
  upsertExternalReference(reference: KantataExternalReferenceWrite): Promise<KantataExternalReference>;
  /**
   * The external reference of `serviceName` / `serviceModel` whose `service_model_ref` is `serviceModelRef`
   * on an object of `subjectType`, or `undefined`. Reads the references of that type and service page by
   * page (Kantata cannot filter by `service_model_ref`).
   */
  findExternalReference(lookup: ExternalReferenceLookup): Promise<KantataExternalReference | undefined>;
}

function only<K extends "workspaces" | "external_references">(
  envelope: KantataEnvelope | undefined,
  key: K,
  what: string,
) {
  const [first] = envelope === undefined ? [] : walkEnvelope(envelope, key);
  if (first === undefined) {
    throw new ValidationError(
      `Malformed Kantata response: ${what} answered without the record`,
      [{ path: "results", message: "holds no record", code: "no_record" }],
      { system: "kantata" },
    );
  }
  return first.record;
}

/** The write operations over the typed client (used by `createPsaClient`). */
export function psaWrites(http: HttpClient<paths>, fetchPage: PageFetcher, perPage?: number): PsaWrites {
  return {
    async createWorkspace(workspace) {
      const { data } = await http.POST("/workspaces.json", { body: { workspace } });
      return only(data, "workspaces", "POST /workspaces.json");
    },
    async updateWorkspace(id, changes) {
      const { data } = await http.PUT("/workspaces/{id}.json", {
        params: { path: { id } },
        body: { workspace: changes },
      });
      return only(data, "workspaces", "PUT /workspaces/{id}.json");
    },
    async workspace(id) {
      for await (const page of paginate(fetchPage, "workspaces", { only: id }, { perPage: 1 })) {
        const found = page.records.find((r) => r.id === id);
        if (found) return found.record;
      }
      return undefined;
    },
    async upsertExternalReference(reference) {
      // Create-or-update by subject, system and record type: repeating it is safe, so core may retry it.
      const { data } = await http.POST("/external_references/create_or_update.json", {
        body: { external_reference: reference },
        idempotent: true,
      });
      return only(data, "external_references", "POST /external_references/create_or_update.json");
    },
    async findExternalReference(lookup) {
      const query: KantataQuery = { subject_type: lookup.subjectType, service_name: lookup.serviceName };
      for await (const page of paginate(fetchPage, "external_references", query, {
        ...(perPage ? { perPage } : {}),
      })) {
        const found = page.records.find(
          ({ record: r }) =>
            r.service_model === lookup.serviceModel && r.service_model_ref === lookup.serviceModelRef,
        );
        if (found) return found.record;
      }
      return undefined;
    },
  };
}
