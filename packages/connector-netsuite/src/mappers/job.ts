import type { Project } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { components } from "../generated/netsuite.js";
import {
  assertCanonical,
  compact,
  currencyRef,
  dimensionRefs,
  IssueList,
  type MapContext,
  refId,
} from "./context.js";

/** A NetSuite `job` (project) request body. */
export type JobBody = components["schemas"]["Job"];

/**
 * Maps a canonical project to a NetSuite `job`: `companyName` (name), `entityId` (project code),
 * `parent` (the client's customer — REST does not accept the `customer` field on jobs), `startDate`,
 * `projectedEndDate`, `projectManager`, `subsidiary` (legal entity), `currency`, `isInactive` for completed or
 * cancelled projects, and `externalId` = key.
 * @throws ValidationError listing every field that cannot be mapped (`INVALID_RECORD` when the input is not a
 * canonical Project)
 */
export function toJob(project: Project, ctx: MapContext = {}): JobBody {
  assertCanonical("Project", project);
  const issues = new IssueList();
  const dims = dimensionRefs(ctx, project.dimensions, issues);
  const status = project.status.code;
  const body = compact({
    externalId: project.key,
    companyName: project.name,
    entityId: project.code,
    parent: refId(ctx, project.client, "client", issues, "customer"),
    projectManager: project.projectManager
      ? refId(ctx, project.projectManager, "projectManager", issues, "employee")
      : undefined,
    startDate: project.startDate,
    projectedEndDate: project.endDate,
    currency: currencyRef(ctx, project.currency, "currency", issues),
    isInactive: status === "completed" || status === "cancelled" ? true : undefined,
    subsidiary: dims.subsidiary,
  }) satisfies JobBody;
  if (issues.issues.length > 0)
    throw new ValidationError(`project ${project.key} cannot be mapped to NetSuite`, issues.issues);
  return body;
}
