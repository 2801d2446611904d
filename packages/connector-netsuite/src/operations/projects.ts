import type { Project } from "@ledgerline/canonical";
import { toJob } from "../mappers/job.js";
import type { RecordSpec } from "./post-records.js";

/** How projects are written: `job` by external id, under the client's customer (resolved through the ledger). */
export const jobSpec: RecordSpec<Project> = {
  type: "job",
  shape: "Project",
  keyOf: (project) => project.key,
  versionOf: (project) => project.source?.version,
  refsOf: (project) => [project.client, project.projectManager],
  map: (project, ctx) => toJob(project, ctx),
};
