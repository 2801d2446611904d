"use strict";
// Shared by load.cjs and load.mjs (copied next to them into the consumer project).

/** One copy of each module: every export is the very same value whether loaded by require or import. */
function sameExports(specifier, required, imported) {
  const keys = Object.keys(imported).filter((key) => key !== "default" && key !== "module.exports");
  if (keys.length === 0) throw new Error(`${specifier}: import() gave no exports`);
  for (const key of keys) {
    if (required[key] !== imported[key]) {
      throw new Error(`${specifier}: export "${key}" differs between require() and import() (two copies)`);
    }
  }
}

function expectInstance(value, Class, what) {
  if (!(value instanceof Class)) {
    throw new Error(
      `${what}: expected an instance of ${Class.name}, got ${value?.constructor?.name ?? String(value)}`,
    );
  }
}

/**
 * Runs clients loaded one way (`required`) and checks their errors against classes loaded the other way
 * (`imported`). Also exercises core's HTTP stack (p-limit, p-retry) through the loaded build.
 */
async function crossChecks({ required, imported }) {
  const core = await imported("@ledgerline/core");
  const { createHttpClient } = await required("@ledgerline/core");
  const client = createHttpClient({
    system: "smoke",
    baseUrl: "http://127.0.0.1:9",
    retry: false,
    fetch: async () =>
      new Response(JSON.stringify({ message: "no such thing" }), {
        status: 404,
        headers: { "content-type": "application/json" },
      }),
  });
  const httpError = await client.GET("/things/1").then(
    () => undefined,
    (error) => error,
  );
  expectInstance(httpError, core.NotFoundError, "core client 404");
  expectInstance(httpError, core.HttpError, "core client 404");
  expectInstance(httpError, core.LedgerlineError, "core client 404");

  // A connector's client and its fake (both built on core), errors checked against core's classes.
  const { createNetSuiteClient } = await required("@ledgerline/connector-netsuite");
  const { createNetSuiteFake } = await imported("@ledgerline/connector-netsuite/testing");
  const fake = createNetSuiteFake();
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    auth: { type: "none" },
  });
  const notFound = await netsuite.http
    .GET("/record/v1/employee/{id}", { params: { path: { id: "404404" } } })
    .then(
      () => undefined,
      (error) => error,
    );
  expectInstance(notFound, core.NotFoundError, "netsuite client 404");
  await fake.close();

  // The testing kit's typed error for bad input, across the two.
  const testing = await imported("@ledgerline/core/testing");
  const { createFakeApi } = await required("@ledgerline/core/testing");
  let bad;
  try {
    createFakeApi({ spec: { openapi: "2.0" }, routes: {} });
  } catch (error) {
    bad = error;
  }
  expectInstance(bad, TypeError, "createFakeApi bad spec");
  if (!(testing.MissingDependencyError.prototype instanceof core.LedgerlineError)) {
    throw new Error("MissingDependencyError does not extend the one LedgerlineError");
  }
  return 5;
}

module.exports = { crossChecks, sameExports };
