import type { FakeResponse } from "@ledgerline/core/testing";
import { errorBody, FakeNetSuiteError, type NetSuiteErrorResponseBody } from "./fake-error.js";

/** Outcome of one task: the written record's URL, or the error it met. */
export type TaskOutcome =
  | { ok: true; recordUrl: string; id: string; externalId?: string | undefined }
  | { ok: false; error: NetSuiteErrorResponseBody };

interface Job {
  id: string;
  tasks: TaskOutcome[];
  polls: number;
  startTime: string;
  endTime: string;
}

/** A JSON snapshot of the fake's async jobs. */
export interface FakeJobsState {
  nextJobId: number;
  jobs: Job[];
}

/**
 * The fake's asynchronous jobs. Records are written when the job is submitted; the job reports
 * `pending` for `pollsBeforeDone` polls, then `completed` with one task per record (in request order).
 */
export class FakeJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly idempotencyKeys = new Map<string, string>();
  private nextJobId = 1;

  constructor(private readonly pollsBeforeDone: number) {}

  /** Registers a job; a repeated idempotency key is refused with `IDEMPOTENCY_ERROR` and the earlier job. */
  submit(tasks: TaskOutcome[], idempotencyKey: string | null, root: string): FakeResponse {
    if (idempotencyKey) {
      const earlier = this.idempotencyKeys.get(idempotencyKey);
      if (earlier) {
        return {
          status: 400,
          headers: { Location: `${root}/async/v1/job/${earlier}` },
          body: errorBody(
            400,
            "IDEMPOTENCY_ERROR",
            "Conflict. A request with this idempotency key was already received.",
          ),
        };
      }
    }
    const id = String(this.nextJobId++);
    const now = new Date().toISOString();
    this.jobs.set(id, { id, tasks, polls: 0, startTime: now, endTime: now });
    if (idempotencyKey) this.idempotencyKeys.set(idempotencyKey, id);
    return {
      status: 202,
      headers: { Location: `${root}/async/v1/job/${id}`, "Preference-Applied": "respond-async" },
    };
  }

  /** `GET /async/v1/job/{id}` */
  job(id: string, root: string): FakeResponse {
    const job = this.find(id);
    const done = job.polls++ >= this.pollsBeforeDone;
    const failed = job.tasks.some((t) => !t.ok);
    return {
      status: 200,
      body: {
        links: [{ rel: "self", href: `${root}/async/v1/job/${id}` }],
        id,
        completed: done,
        progress: done ? (failed ? "failed" : "succeeded") : "pending",
        startTime: job.startTime,
        ...(done ? { endTime: job.endTime } : {}),
        task: { links: [{ rel: "related", href: `${root}/async/v1/job/${id}/task` }] },
      },
    };
  }

  /** `GET /async/v1/job/{id}/task` */
  tasks(id: string, root: string): FakeResponse {
    const job = this.find(id);
    const items = job.tasks.map((_, i) => ({
      id: String(i + 1),
      links: [{ rel: "self", href: `${root}/async/v1/job/${id}/task/${i + 1}` }],
    }));
    return {
      status: 200,
      body: {
        links: [{ rel: "self", href: `${root}/async/v1/job/${id}/task` }],
        count: items.length,
        hasMore: false,
        offset: 0,
        totalResults: items.length,
        items,
      },
    };
  }

  /** `GET /async/v1/job/{id}/task/{n}` */
  task(id: string, taskId: string, root: string): FakeResponse {
    const job = this.find(id);
    const task = this.findTask(job, taskId);
    return {
      status: 200,
      body: {
        links: [
          { rel: "self", href: `${root}/async/v1/job/${id}/task/${taskId}` },
          { rel: "related", href: `${root}/async/v1/job/${id}/task/${taskId}/result` },
        ],
        id: taskId,
        completed: true,
        progress: task.ok ? "succeeded" : "failed",
        startTime: job.startTime,
        endTime: job.endTime,
      },
    };
  }

  /** `GET /async/v1/job/{id}/task/{n}/result` */
  result(id: string, taskId: string): FakeResponse {
    const task = this.findTask(this.find(id), taskId);
    if (!task.ok) return { status: 200, body: task.error };
    return {
      status: 200,
      body: {
        links: [{ rel: "self", href: task.recordUrl }],
        id: task.id,
        ...(task.externalId ? { externalId: task.externalId } : {}),
      },
    };
  }

  clear(): void {
    this.jobs.clear();
    this.idempotencyKeys.clear();
    this.nextJobId = 1;
  }

  exportState(): FakeJobsState {
    return { nextJobId: this.nextJobId, jobs: [...this.jobs.values()].map((j) => structuredClone(j)) };
  }

  importState(state: FakeJobsState | undefined): void {
    this.clear();
    if (!state) return;
    this.nextJobId = state.nextJobId;
    for (const job of state.jobs) this.jobs.set(job.id, structuredClone(job));
  }

  private find(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new FakeNetSuiteError(404, "NONEXISTENT_ID", `The async job ${id} does not exist.`);
    return job;
  }

  private findTask(job: Job, taskId: string): TaskOutcome {
    const task = job.tasks[Number(taskId) - 1];
    if (!task) throw new FakeNetSuiteError(404, "NONEXISTENT_ID", `The task ${taskId} does not exist.`);
    return task;
  }
}
