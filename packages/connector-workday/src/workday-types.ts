import type { components } from "./generated/workday.js";

/** A reference to another Workday object: `{ id (the WID), descriptor?, href? }`. */
export type WorkdayInstance = components["schemas"]["Instance"];
/** A Workday worker as the REST API sends it (see `openapi/workday.yaml`). */
export type WorkdayWorker = components["schemas"]["Worker"];
/** A worker's primary job (UNCONFIRMED shape; see the package README). */
export type WorkdayPrimaryJob = components["schemas"]["PrimaryJob"];
/** A Workday organization: company, cost center, supervisory organization … */
export type WorkdayOrganization = components["schemas"]["Organization"];
/** A Workday job. */
export type WorkdayJob = components["schemas"]["Job"];
/** A Workday error body, single form. */
export type WorkdayError = components["schemas"]["Error"];
/** A Workday error body, list form (400/401/403/404). */
export type WorkdayErrorList = components["schemas"]["ErrorList"];

/** A Workday collection page: `{ total, data }`. */
export interface WorkdayPage<T> {
  /** Matching objects over all pages. */
  total: number;
  /** This page's objects. */
  data: T[];
}

/** The collections the client reads, by name, with the service that serves them. */
export interface WorkdayCollections {
  workers: WorkdayWorker;
  jobs: WorkdayJob;
  supervisoryOrganizations: WorkdayOrganization;
  organizations: WorkdayOrganization;
  organizationTypes: WorkdayInstance;
}

/** A collection name. */
export type WorkdayCollection = keyof WorkdayCollections;

/** The Workday ID (WID) format: 32 lower-case hexadecimal characters. */
export const WID_PATTERN = /^[0-9a-f]{32}$/;
