import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkPostable, type Project, type TimeEntry } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import { createFakeApi, type FakeApi } from "@ledgerline/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createPsaClient, type PsaClient } from "../src/client.js";
import { walkEnvelope } from "../src/envelope.js";
import { kantataOpenApi } from "../src/generated/kantata-spec.js";
import type { KantataEnvelope, KantataKey } from "../src/kantata-types.js";
import { expenseApproval } from "../src/mappers/approval.js";
import { type PsaRead, readAs } from "../src/psa-read.js";
import {
  type CanonicalStream,
  expenseStream,
  projectStream,
  resourceStream,
  timeEntryStream,
} from "../src/streams.js";

/**
 * Response bodies written to Kantata's documented shapes (test/fixtures/kantata/<type>.<list|show|update>.json):
 * every key Kantata sends, with its types and quirks — `meta` / `count` absent on some lists, workspace
 * `status` without `key`, workspaces without `require_*_approvals` or without the financial attributes,
 * `effective_due_date: ""`, users without timestamps and with an integer `account_id`, expenses without
 * `approved`. Each is served verbatim by a fake transport that validates every request and response
 * against openapi/kantata.yaml, read through the client, and mapped.
 */
const here = dirname(fileURLToPath(import.meta.url));
const folder = join(here, "fixtures", "kantata");
const files = readdirSync(folder).filter((f) => f.endsWith(".json"));
const fixture = (name: string): KantataEnvelope => JSON.parse(readFileSync(join(folder, name), "utf8"));

/** The route each fixture answers. */
function routeOf(type: string, kind: string): { route: string; method: "GET" | "PUT"; path: string } {
  const id = (fixture(`${type}.${kind}.json`).results[0]?.id ?? "0") as string;
  if (kind === "list") return { route: `GET /${type}.json`, method: "GET", path: `/${type}.json` };
  if (kind === "show") return { route: `GET /${type}/{id}.json`, method: "GET", path: `/${type}/${id}.json` };
  const approve = type.endsWith("_submissions");
  const template = approve ? `/${type}/{id}/approve.json` : `/${type}/{id}.json`;
  return { route: `PUT ${template}`, method: "PUT", path: template.replace("{id}", id) };
}

const SINGULAR: Record<string, string> = {
  workspaces: "workspace",
  time_entries: "time_entry",
  expenses: "expense",
  users: "user",
};

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** A client whose every request is answered with the fixture, verbatim, through a validating fake. */
function serve(
  type: string,
  kind: string,
  options: { defaultCurrency?: string } = {},
  more: Record<string, string> = {},
): PsaClient {
  const { route } = routeOf(type, kind);
  const answer = (file: string) => () => ({
    status: 200,
    headers: { "content-type": "application/json" },
    body: fixture(file),
  });
  const extra = Object.fromEntries(Object.entries(more).map(([r, file]) => [r, answer(file)]));
  // A one-record body also answers the list route (a list of one), for the canonical reads.
  const own = answer(`${type}.${kind}.json`);
  api = createFakeApi({
    spec: kantataOpenApi,
    routes: { [`GET /${type}.json`]: own, [route]: own, ...extra },
  });
  return createPsaClient({ token: "t", baseUrl: api.baseUrl, fetch: api.fetch, retry: false, ...options });
}

/** The envelope the client receives for one fixture (list through paging, show/update through `http`). */
async function receive(psa: PsaClient, type: KantataKey, kind: string): Promise<KantataEnvelope> {
  const { method, path } = routeOf(type, kind);
  if (kind === "list") return psa.fetchPage(type, { page: 1, per_page: 200 });
  const call = (method === "GET" ? psa.http.GET : psa.http.PUT) as unknown as (
    p: string,
    init: object,
  ) => Promise<{ data?: KantataEnvelope }>;
  const init =
    method === "PUT" && !type.endsWith("_submissions")
      ? { body: { [SINGULAR[type] as string]: { notes: "edited" } } }
      : method === "PUT"
        ? { body: { resolution: { description: "OK" } } }
        : {};
  // the typed client takes the concrete path; the fake checks it against the template
  const { data } = await call(path, init);
  if (data === undefined) throw new Error("no body");
  return data;
}

function mapAll<K extends KantataKey, T>(
  envelope: KantataEnvelope,
  stream: CanonicalStream<K, T>,
): PsaRead<T>[] {
  return walkEnvelope(envelope, stream.key).map((item) =>
    readAs(stream.key, item.record, () => stream.map(item), item.id),
  );
}

const STREAMS: Partial<Record<string, () => CanonicalStream<KantataKey, unknown>>> = {
  workspaces: () => projectStream({ currency: "USD" }) as CanonicalStream<KantataKey, unknown>,
  time_entries: () => timeEntryStream() as CanonicalStream<KantataKey, unknown>,
  expenses: () => expenseStream() as CanonicalStream<KantataKey, unknown>,
  users: () => resourceStream("2026-11-30T00:00:00Z") as CanonicalStream<KantataKey, unknown>,
};

describe("real-shaped Kantata bodies (test/fixtures/kantata) validate, read and map", () => {
  it("has a list, show and update body for each type", () => {
    for (const type of Object.keys(SINGULAR).concat("timesheet_submissions", "expense_report_submissions")) {
      for (const kind of ["list", "show", "update"]) expect(files).toContain(`${type}.${kind}.json`);
    }
  });

  for (const file of files) {
    const [type, kind] = file.split(".") as [KantataKey, string];
    it(`${file}: valid against openapi/kantata.yaml, read by the client, mapped without an error`, async () => {
      const psa = serve(type, kind);
      const envelope = await receive(psa, type, kind);
      api?.assertNoViolations();
      expect(envelope).toEqual(fixture(file)); // served verbatim
      const walked = walkEnvelope(envelope, type);
      expect(walked.map((w) => w.id)).toEqual(envelope.results.map((r) => r.id));
      const stream = STREAMS[type]?.();
      if (stream !== undefined) {
        const reads = mapAll(envelope, stream);
        expect(reads.filter((r) => !r.ok).map((r) => !r.ok && r.error.issues)).toEqual([]);
      }
    });
  }

  it("pages a list without meta or count: one short page, one request; fetches the rejected submission", async () => {
    const psa = serve(
      "expenses",
      "list",
      {},
      {
        "GET /expense_report_submissions.json": "expense_report_submissions.list.json",
      },
    );
    const reads = [];
    for await (const read of psa.expenses()) reads.push(read);
    expect(reads.map((r) => r.ok && r.value.approval.state)).toEqual(["approved", "submitted", "rejected"]);
    expect(api?.calls("GET /expenses.json")).toBe(1);
    // the rejected expense's submission is no longer active: listed by id in one extra request
    expect(api?.calls("GET /expense_report_submissions.json")).toBe(1);
    expect(api?.requests.at(-1)?.path).toMatch(/expense_report_submissions/);
    api?.assertNoViolations();
  });

  it("posts only the expense of the approved submission; pending and rejected submissions stay apart", () => {
    const reads = mapAll(fixture("expenses.list.json"), expenseStream());
    const byId = new Map(reads.map((r) => [r.source.id, r.ok ? r.value.approval.state : "error"]));
    expect(byId).toEqual(
      new Map([
        ["66001", "approved"],
        ["66002", "submitted"],
        ["66003", "other"],
      ]),
    );
    // with the submissions list, the rejected one is known for what it is
    const submissions = walkEnvelope(
      fixture("expense_report_submissions.list.json"),
      "expense_report_submissions",
    );
    const rejected = submissions.find((s) => s.record.status === "rejected")?.record;
    expect(
      expenseApproval({ id: "66003", active_submission_id: null, recent_submission_id: "812" }, rejected)
        .state,
    ).toBe("rejected");
  });

  it("a workspace missing its approval flags still blocks unapproved time", () => {
    const [, noFlags] = mapAll(fixture("workspaces.list.json"), projectStream());
    expect(noFlags?.ok).toBe(true);
    const project = (noFlags as { value: Project }).value;
    expect(project).toMatchObject({ requiresTimeApproval: true, requiresExpenseApproval: true });
    expect(project.client.name).toBe("Initech"); // first company group when there is no primary group
    const unapproved = mapAll(fixture("time_entries.list.json"), timeEntryStream()).find(
      (r) => r.ok && r.value.project.key === project.key,
    ) as { value: TimeEntry };
    expect(unapproved.value.approval.state).toBe("submitted");
    const check = checkPostable(unapproved.value, {
      project: { key: project.key, status: { code: "active" }, billingType: project.billingType },
      periods: [{ start: "2026-11-01", end: "2026-11-30", status: "open" }],
    });
    expect(check.violations.map((v) => v.code)).toContain("APPROVAL_REQUIRED");
  });

  it('maps the workspace\'s quirks: status without key, primary group first, effective_due_date ""', () => {
    const [apollo, initech] = mapAll(fixture("workspaces.list.json"), projectStream());
    expect(apollo?.ok && apollo.value).toMatchObject({
      status: { code: "active" },
      client: { key: "kantata-workspace_groups-300", name: "Globex Corporation" },
      budget: { amount: "125000.00", currency: "USD" },
      endDate: "2027-03-31",
    });
    expect(initech?.ok && initech.value.endDate).toBeUndefined();
  });

  it("a workspace without financial attributes maps with the firm's currency, or is rejected naming currency", async () => {
    const withCurrency = serve("workspaces", "show", { defaultCurrency: "USD" });
    const reads = [];
    for await (const read of withCurrency.projects()) reads.push(read);
    expect(reads[0]?.ok && reads[0].value).toMatchObject({ currency: "USD", requiresExpenseApproval: true });
    expect(reads[0]?.ok && reads[0].value.budget).toBeUndefined();
    await api?.close();
    const without = serve("workspaces", "show");
    const rejected = [];
    for await (const read of without.projects()) rejected.push(read);
    expect(rejected[0]?.ok).toBe(false);
    const error = rejected[0]?.ok === false ? rejected[0].error : undefined;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.issues).toEqual([expect.objectContaining({ path: "currency", code: "currency_unknown" })]);
    expect(() => createPsaClient({ token: "t", defaultCurrency: "usd!" })).toThrow(/defaultCurrency/);
  });

  it("users: disabled is inactive, the version is a content hash, no timestamp needed", () => {
    const reads = mapAll(fixture("users.list.json"), resourceStream("2026-11-30T00:00:00Z"));
    const [ada, alan] = reads.map((r) => (r.ok ? r.value : undefined));
    expect(ada).toMatchObject({ name: "Ada Lovelace", active: true });
    expect(alan).toMatchObject({ name: "Alan Turing", active: false });
    expect(ada?.source.version).toMatch(/^sha256:[0-9a-f]{40}$/);
    expect(ada?.source.updatedAt).toBe("2026-11-30T00:00:00Z");
    const [edited] = mapAll(fixture("users.update.json"), resourceStream("2026-12-01T00:00:00Z"));
    expect(edited?.ok && edited.value.source.version).not.toBe(ada?.source.version);
    const [again] = mapAll(fixture("users.list.json"), resourceStream("2026-12-02T00:00:00Z"));
    expect(again?.ok && again.value.source.version).toBe(ada?.source.version);
  });

  it("a malformed envelope is a typed error naming what is missing, never a TypeError", () => {
    const bad = (body: unknown) => () => walkEnvelope(body as KantataEnvelope, "workspaces");
    expect(bad({ count: 1 })).toThrow(ValidationError);
    try {
      bad({ count: 1 })();
    } catch (e) {
      expect((e as ValidationError).issues[0]).toMatchObject({ path: "results", code: "missing_results" });
    }
    expect(bad(null)).toThrow(ValidationError);
    expect(bad({ results: [{ key: "workspaces", id: 4711 }] })).toThrow(ValidationError);
    expect(bad({ results: [], workspaces: [] })).toThrow(ValidationError);
  });
});
