import {
  type Client,
  createIntegrationException,
  DEFAULT_FIELD_OWNERSHIP,
  type Dimensions,
  type Engagement,
  type FieldOwnershipTable,
  fromMinorUnits,
  type Project,
  parseProject,
  toMinorUnits,
} from "@ledgerline/canonical";
import type { NetSuiteClient, NetSuiteRecordResult } from "@ledgerline/connector-netsuite";
import {
  type PsaClient,
  toWorkspaceAttributes,
  type WorkspaceProjectFields,
  workspaceProjectFields,
} from "@ledgerline/connector-psa";
import {
  type ClosedWonDeal,
  readClosedWon,
  type SalesforceClient,
  type SalesforceMapOptions,
} from "@ledgerline/connector-salesforce";
import { Crosswalk, idempotentUpsert, type Ledger } from "@ledgerline/core";
import { readJson, writeJson } from "./ledger-json.js";
import { rememberOwnedFields, updateOwnedFields } from "./owned-fields.js";
import type { StepReport } from "./report.js";
import { reasonOf, StepReportBuilder } from "./step-report.js";

/** The systems `syncEngagements` reads and writes. */
export interface EngagementSystems {
  salesforce: Pick<SalesforceClient, "query" | "updateRecord">;
  netsuite: Pick<NetSuiteClient, "upsertClient" | "upsertProject">;
  psa: Pick<
    PsaClient,
    "createWorkspace" | "updateWorkspace" | "workspace" | "upsertExternalReference" | "findExternalReference"
  >;
}

/** Options of {@link syncEngagements}. */
export interface SyncEngagementsOptions {
  /** The run's ledger: checkpoint, crosswalk, what was written where. */
  ledger: Ledger;
  /** @default a `Crosswalk` over `ledger` */
  crosswalk?: Crosswalk | undefined;
  /** System of record per field. @default canonical's `DEFAULT_FIELD_OWNERSHIP` */
  ownership?: FieldOwnershipTable | undefined;
  /** The org's custom fields and single currency (connector-salesforce's mapper options). */
  mapOptions?: SalesforceMapOptions | undefined;
  /** Financial dimensions of the project (e.g. `{ legalEntity: "US01" }`); NetSuite maps them through its master data. */
  dimensions?: ((engagement: Engagement, client: Client) => Dimensions | undefined) | undefined;
  /** Opportunity fields the NetSuite project id and the Kantata workspace id are written back to. */
  writeBack?:
    | { netsuiteProjectField?: string | undefined; kantataWorkspaceField?: string | undefined }
    | undefined;
  /** The token user's side in new Kantata workspaces. @default "maven" */
  creatorRole?: "maven" | "buyer" | undefined;
  /** Kantata `service_name` of the references that carry canonical keys. @default "Ledgerline" */
  serviceName?: string | undefined;
  /** First checkpoint when none is stored (ISO 8601 instant). @default the epoch: every Closed Won deal */
  since?: string | undefined;
  /** Aborting stops the run at the next write (the rest is picked up by the next run). */
  signal?: AbortSignal | undefined;
  now?: (() => Date) | undefined;
}

/** Exception code of a deal whose Salesforce record cannot become an engagement. */
export const ENGAGEMENT_REJECTED = "ENGAGEMENT_REJECTED";

const CHECKPOINT = "flows/engagements/checkpoint";
/**
 * Closed Won deals → a client and a project everywhere. Reads the Opportunities that reached Closed Won
 * since the checkpoint (with line items, account and contract: connector-salesforce's `toClient` /
 * `toEngagement`), then for each, in order:
 *
 * 1. the client as a NetSuite `customer` and the engagement as a NetSuite project (`job`) under it, by
 *    external id = canonical key (idempotent upserts through the ledger), with its dimensions;
 * 2. the Kantata workspace: created once, with an external reference carrying the canonical key in the same
 *    request; on later runs updated field by field under the system-of-record table (a field another
 *    system owns is never overwritten: `FIELD_OWNERSHIP_CONFLICT`); references to the NetSuite job and the
 *    Opportunity are attached;
 * 3. the NetSuite project id and the Kantata workspace id written back to the Opportunity.
 *
 * Every id goes into the crosswalk (kinds `client` and `project`) as soon as it is known. A deal that fails
 * half-way (NetSuite done, Kantata down) is reported `failed`, holds the checkpoint back, and completes on
 * the next run without duplicates: NetSuite upserts by external id, and a workspace whose id was lost (a
 * crash right after Kantata created it) is found again by its external reference before any create. A rerun
 * over unchanged deals writes nothing.
 */
export async function syncEngagements(
  systems: EngagementSystems,
  options: SyncEngagementsOptions,
): Promise<StepReport> {
  const now = options.now ?? (() => new Date());
  const report = new StepReportBuilder("syncEngagements", now);
  const { ledger, signal } = options;
  const crosswalk = options.crosswalk ?? new Crosswalk(ledger);
  const table = options.ownership ?? DEFAULT_FIELD_OWNERSHIP;
  const serviceName = options.serviceName ?? "Ledgerline";
  const nsField = options.writeBack?.netsuiteProjectField ?? "NetSuite_Project_Id__c";
  const kField = options.writeBack?.kantataWorkspaceField ?? "Kantata_Workspace_Id__c";
  for (const field of [nsField, kField]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) {
      throw new TypeError("syncEngagements: writeBack field names must be Salesforce field API names");
    }
  }
  const stop = () => {
    if (signal?.aborted) throw signal.reason ?? new Error("syncEngagements aborted");
  };

  const since =
    (await readJson<{ since: string }>(ledger, CHECKPOINT))?.since ?? options.since ?? "1970-01-01T00:00:00Z";
  const sinceMs = Date.parse(since);

  const deals = await report.phase("read", async () => {
    const out: ClosedWonDeal[] = [];
    for await (const deal of readClosedWon(systems.salesforce, { since, mapOptions: options.mapOptions })) {
      out.push(deal);
    }
    return out;
  });

  const clientsDone = new Map<string, NetSuiteRecordResult>();
  let firstFailed: number | undefined;
  let latestSeen = sinceMs;

  await report.phase("write", async () => {
    for (const deal of deals) {
      const stampMs = Date.parse(deal.modifiedAt);
      latestSeen = Math.max(latestSeen, stampMs);
      const { engagement: read, client: clientRead } = deal;
      if (!read.ok || !clientRead.ok) {
        const reason = reasonOf(read.ok ? (clientRead.ok ? undefined : clientRead.error) : read.error);
        report.add({ key: read.key, type: "Engagement", status: "rejected", reason });
        report.exception(
          createIntegrationException({
            code: reason.code === "ERROR" ? ENGAGEMENT_REJECTED : reason.code,
            impact: "blocks-billing",
            message: `The Closed Won deal cannot become an engagement: ${reason.message}`,
            record: { key: read.key, type: "Engagement", system: "salesforce", id: read.source.id },
            ...(reason.field ? { field: reason.field } : {}),
            now: now(),
          }),
        );
        continue;
      }
      const { engagement } = read.value;
      try {
        const outcome = await syncOne(engagement, clientRead.value, deal.opportunityId);
        report.add(outcome);
        if (outcome.status === "failed") firstFailed = Math.min(firstFailed ?? stampMs, stampMs);
      } catch (error) {
        stop();
        firstFailed = Math.min(firstFailed ?? stampMs, stampMs);
        report.add({ key: engagement.key, type: "Engagement", status: "failed", reason: reasonOf(error) });
      }
    }
  });

  // The next run starts at the first deal that failed (it is done again, idempotently), else after the last seen.
  const next = firstFailed ?? latestSeen;
  if (next !== sinceMs) await writeJson(ledger, CHECKPOINT, { since: new Date(next).toISOString() }, now());
  return report.finish();

  async function syncOne(engagement: Engagement, client: Client, opportunityId: string) {
    const key = engagement.key;
    let wrote = false;
    stop();
    // 1. NetSuite customer (once per client per run) and project.
    let customer = clientsDone.get(client.key);
    if (customer === undefined) {
      customer = await systems.netsuite.upsertClient(client);
      clientsDone.set(client.key, customer);
      if (customer.internalId) {
        await crosswalk.link("client", client.key, "salesforce", client.source.id);
        await crosswalk.link("client", client.key, "netsuite", customer.internalId);
      }
      report.add({
        key: client.key,
        type: "Client",
        status: customer.status,
        ...(customer.internalId
          ? { targets: { netsuite: customer.internalId, salesforce: client.source.id } }
          : {}),
        ...(customer.reason
          ? {
              reason: {
                code: customer.issues?.[0]?.code ?? "NETSUITE",
                ...(customer.field ? { field: customer.field } : {}),
                message: customer.reason,
              },
            }
          : {}),
      });
    }
    if (!customer.internalId) {
      return {
        key,
        type: "Engagement",
        status: "failed" as const,
        reason: {
          code: "CLIENT_NOT_WRITTEN",
          message: "the client's NetSuite customer could not be written",
        },
      };
    }
    const project = toProject(
      engagement,
      client,
      customer.internalId,
      options.dimensions?.(engagement, client),
    );
    const job = await systems.netsuite.upsertProject(project);
    if (!job.internalId) {
      return {
        key,
        type: "Engagement",
        status: job.status === "rejected" ? ("rejected" as const) : ("failed" as const),
        reason: {
          code: job.issues?.[0]?.code ?? "NETSUITE",
          ...(job.field ? { field: job.field } : {}),
          message: job.reason ?? "NetSuite did not write the project",
        },
      };
    }
    if (job.status === "written") wrote = true;
    await crosswalk.link("project", key, "salesforce", opportunityId);
    await crosswalk.link("project", key, "netsuite", job.internalId);
    stop();

    // 2. Kantata workspace: found by the crosswalk, else by its external reference, else created.
    const ref = { subjectType: "Workspace", serviceName, serviceModel: "engagement", serviceModelRef: key };
    let workspaceId =
      (await crosswalk.lookup("project", key, "kantata")) ??
      (await systems.psa.findExternalReference(ref))?.subject_id;
    const proposed = workspaceFields(project);
    const target = `kantata/workspace/${key}`;
    if (workspaceId === undefined) {
      const created = await systems.psa.createWorkspace({
        ...toWorkspaceAttributes(proposed),
        title: project.name,
        creator_role: options.creatorRole ?? "maven",
        require_time_approvals: true,
        require_expense_approvals: true,
        external_reference: {
          service_name: serviceName,
          service_model: "engagement",
          service_model_ref: key,
          status: "successful",
        },
      });
      workspaceId = created.id;
      wrote = true;
      await crosswalk.link("project", key, "kantata", workspaceId);
      await rememberOwnedFields(ledger, target, proposed, now());
    } else {
      await crosswalk.link("project", key, "kantata", workspaceId);
      const id = workspaceId;
      const result = await updateOwnedFields({
        ledger,
        target,
        table,
        object: "Project",
        writer: "salesforce",
        targetSystem: "kantata",
        record: { key, type: "Project", system: "kantata", id },
        proposed,
        current: async () => {
          const ws = await systems.psa.workspace(id);
          return ws ? workspaceProjectFields(ws) : {};
        },
        write: async (fields) => {
          const changed = Object.fromEntries(
            fields.map((f) => [f, proposed[f as keyof WorkspaceProjectFields]]),
          );
          await systems.psa.updateWorkspace(id, toWorkspaceAttributes(changed));
        },
        now: now(),
      });
      if (result.written.length > 0) wrote = true;
      report.exception(...result.conflicts);
    }
    stop();
    for (const [service, model, id] of [
      ["NetSuite", "job", job.internalId],
      ["Salesforce", "Opportunity", opportunityId],
    ] as const) {
      const written = await idempotentUpsert({
        ledger,
        key: `flows/kantata/reference/${key}/${service}`,
        content: { workspaceId, model, id },
        write: async () =>
          (
            await systems.psa.upsertExternalReference({
              subject_type: "Workspace",
              subject_id: workspaceId as string,
              service_name: service,
              service_model: model,
              service_model_ref: id,
              status: "successful",
            })
          ).id,
      });
      if (written.status === "written") wrote = true;
    }
    stop();

    // 3. The ids back to the Opportunity.
    const fields = { [nsField]: job.internalId, [kField]: workspaceId };
    const back = await idempotentUpsert({
      ledger,
      key: `flows/salesforce/write-back/${key}`,
      content: fields,
      write: async () => {
        await systems.salesforce.updateRecord("Opportunity", opportunityId, fields);
        return opportunityId;
      },
    });
    if (back.status === "written") wrote = true;
    return {
      key,
      type: "Engagement",
      status: wrote ? ("written" as const) : ("unchanged" as const),
      targets: { salesforce: opportunityId, netsuite: job.internalId, kantata: workspaceId },
    };
  }
}

/** The canonical project an engagement becomes (same key), under the client's NetSuite customer. */
export function toProject(
  engagement: Engagement,
  client: Client,
  customerId: string,
  dimensions?: Dimensions,
): Project {
  return parseProject({
    key: engagement.key,
    source: engagement.source,
    name: engagement.name,
    ...(engagement.number ? { code: engagement.number } : {}),
    client: {
      key: client.key,
      name: client.name,
      ids: { netsuite: customerId, salesforce: client.source.id },
    },
    engagement: { key: engagement.key, ids: { salesforce: engagement.source.id } },
    status: engagement.status,
    billingType: engagement.billingType,
    ...(engagement.revenueTreatment ? { revenueTreatment: engagement.revenueTreatment } : {}),
    currency: engagement.currency,
    ...(engagement.startDate ? { startDate: engagement.startDate } : {}),
    ...(engagement.endDate ? { endDate: engagement.endDate } : {}),
    ...(engagement.billingTerms.contractValue ? { budget: engagement.billingTerms.contractValue } : {}),
    requiresTimeApproval: true,
    requiresExpenseApproval: true,
    ...(dimensions && Object.keys(dimensions).length > 0 ? { dimensions } : {}),
  });
}

/** The project fields its Kantata workspace carries, budget with all the currency's decimals (compared exactly). */
function workspaceFields(project: Project): WorkspaceProjectFields {
  return {
    name: project.name,
    currency: project.currency,
    ...(project.startDate ? { startDate: project.startDate } : {}),
    ...(project.endDate ? { endDate: project.endDate } : {}),
    ...(project.budget
      ? { budget: fromMinorUnits(toMinorUnits(project.budget), project.budget.currency) }
      : {}),
  };
}
