import { currencyExponent } from "@ledgerline/canonical";
import type { FakeRequest, FakeResponse } from "@ledgerline/core/testing";
import type { components } from "../generated/kantata.js";
import type { KantataKey, KantataRecordTypes } from "../kantata-types.js";
import type { KantataStore } from "./kantata-store.js";

type Schemas = components["schemas"];

/** What the write routes need from the fake: the store, the one-record answer and Kantata's error body. */
export interface WriteRouteDeps {
  store: KantataStore;
  /** Answers the record `id` of `key` in the list envelope. */
  one(key: KantataKey, id: string, query: URLSearchParams): FakeResponse;
  /** Kantata's `{ errors: [{ type, message, field? }] }` body. */
  error(
    status: number,
    type: "oauth" | "system" | "validation",
    message: string,
    field?: string,
  ): FakeResponse;
}

/** Kantata object types an external reference may name, and the fake's map holding each. */
const SUBJECT_MAPS: Partial<Record<string, KantataKey>> = {
  Workspace: "workspaces",
  WorkspaceGroup: "workspace_groups",
  Story: "stories",
  TimeEntry: "time_entries",
  Expense: "expenses",
  User: "users",
  WorkspaceResource: "workspace_resources",
  Assignment: "assignments",
};

/**
 * The fake's write routes beyond updates and approvals: `POST /workspaces.json` and
 * `POST /external_references/create_or_update.json`. The OpenAPI validator has already refused a body
 * without the required attributes (`title`, `creator_role`; the reference's five); these handlers refuse,
 * like Kantata, with a 422 `validation` error naming the field, what only data can tell: workspace groups
 * or subjects that do not exist, a currency Kantata does not know, a price with more decimals than the
 * currency has, a due date before the start date.
 */
export function writeRoutes(deps: WriteRouteDeps): Record<string, (request: FakeRequest) => FakeResponse> {
  const { store } = deps;
  return {
    "POST /workspaces.json": (request) => {
      const input = (request.body as { workspace: Schemas["WorkspaceCreate"] }).workspace;
      const currency = input.currency ?? "USD";
      const exponent = currencyExponent(currency);
      if (exponent === undefined)
        return deps.error(422, "validation", "Currency is not supported", "currency");
      let priceInCents: number | null = null;
      if (input.price !== undefined) {
        const [whole = "0", fraction = ""] = input.price.split(".");
        if (fraction.length > exponent) {
          return deps.error(422, "validation", "Price has more decimals than the currency", "price");
        }
        priceInCents = Number(whole + fraction.padEnd(exponent, "0"));
      }
      if (input.start_date && input.due_date && input.due_date < input.start_date) {
        return deps.error(422, "validation", "Due date must be on or after the start date", "due_date");
      }
      const groups = input.workspace_group_ids ?? [];
      for (const id of groups) {
        if (store.get("workspace_groups", id) === undefined) {
          return deps.error(422, "validation", "Workspace group does not exist", "workspace_group_ids");
        }
      }
      const created = store.insert("workspaces", {
        title: input.title,
        description: input.description ?? null,
        archived: false,
        start_date: input.start_date ?? null,
        due_date: input.due_date ?? null,
        budgeted: input.budgeted ?? priceInCents !== null,
        currency,
        price_in_cents: priceInCents,
        status: { color: "grey", message: "Not Started" },
        status_key: input.status_key ?? 100,
        ...(input.require_time_approvals === undefined
          ? {}
          : { require_time_approvals: input.require_time_approvals }),
        ...(input.require_expense_approvals === undefined
          ? {}
          : { require_expense_approvals: input.require_expense_approvals }),
        stories_are_fixed_fee_by_default: input.stories_are_fixed_fee_by_default ?? false,
        primary_workspace_group_id: groups[0] ?? null,
        rate_card_id: input.rate_card_id ?? null,
        ...(groups.length > 0 ? { workspace_group_ids: [...groups] } : {}),
      } as unknown as KantataRecordTypes["workspaces"]);
      for (const id of groups) {
        const group = store.get("workspace_groups", id);
        if (group)
          store.update("workspace_groups", id, {
            workspace_ids: [...(group.workspace_ids ?? []), created.id],
          });
      }
      const ref = input.external_reference;
      if (ref) {
        store.insert("external_references", {
          subject_type: "Workspace",
          subject_id: created.id,
          service_name: ref.service_name,
          service_model: ref.service_model,
          service_model_ref: ref.service_model_ref,
          status: ref.status ?? null,
          external_link: ref.external_link ?? null,
          external_message: ref.external_message ?? null,
          external_status: ref.external_status ?? null,
          last_synced_at: null,
        });
      }
      return deps.one("workspaces", created.id, request.query);
    },
    "POST /external_references/create_or_update.json": (request) => {
      const input = (request.body as { external_reference: Schemas["ExternalReferenceWrite"] })
        .external_reference;
      const subjectId = String(input.subject_id);
      const map = Object.hasOwn(SUBJECT_MAPS, input.subject_type)
        ? SUBJECT_MAPS[input.subject_type]
        : undefined;
      if (map === undefined || store.get(map, subjectId) === undefined) {
        return deps.error(422, "validation", "Subject does not exist", "subject_id");
      }
      const fields = {
        service_model_ref: input.service_model_ref,
        ...(input.status === undefined ? {} : { status: input.status }),
        ...(input.external_link === undefined ? {} : { external_link: input.external_link }),
        ...(input.external_message === undefined ? {} : { external_message: input.external_message }),
        ...(input.external_status === undefined ? {} : { external_status: input.external_status }),
        ...(input.locked === undefined ? {} : { locked: input.locked }),
      };
      const existing = store
        .all("external_references")
        .find(
          (r) =>
            r.subject_type === input.subject_type &&
            r.subject_id === subjectId &&
            r.service_name === input.service_name &&
            r.service_model === input.service_model,
        );
      const saved = existing
        ? store.update("external_references", existing.id, fields)
        : store.insert("external_references", {
            subject_type: input.subject_type,
            subject_id: subjectId,
            service_name: input.service_name,
            service_model: input.service_model,
            status: null,
            external_link: null,
            external_message: null,
            last_synced_at: null,
            ...fields,
          });
      return deps.one("external_references", saved.id, request.query);
    },
  };
}
