import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { createPsaClient } from "@ledgerline/connector-psa";
import { createKantataFake } from "@ledgerline/connector-psa/testing";
import { createSalesforceClient } from "@ledgerline/connector-salesforce";
import { createSalesforceFake } from "@ledgerline/connector-salesforce/testing";
import { createWorkdayClient } from "@ledgerline/connector-workday";
import {
  createWorkdayFake,
  WORKDAY_FAKE_CREDENTIALS,
  type WorkdaySeed,
} from "@ledgerline/connector-workday/testing";
import { type Ledger, MemoryLedger } from "@ledgerline/core";

/** A Workday id from a number. */
export const wid = (n: number) => n.toString(16).padStart(32, "0");

const CC_TYPE = { id: wid(500), descriptor: "Cost Center" };
const CO_TYPE = { id: wid(501), descriptor: "Company" };
export const COMPANY = { id: wid(900), descriptor: "Ledgerline US", referenceId: "US01" };
export const ADVISORY = { id: wid(700), descriptor: "Advisory", referenceId: "CC-100" };
export const DELIVERY = { id: wid(701), descriptor: "Delivery", referenceId: "CC-200" };

/** The small firm every flow test starts from: two consultants, two cost centers, one company. */
export function workdaySeed(): WorkdaySeed {
  return {
    organizationTypes: [CC_TYPE, CO_TYPE],
    organizations: [
      { ...ADVISORY, name: "Advisory", isActive: true, organizationType: CC_TYPE },
      { ...DELIVERY, name: "Delivery", isActive: true, organizationType: CC_TYPE },
      { ...COMPANY, name: "Ledgerline US", country: "US", currency: "USD", organizationType: CO_TYPE },
    ],
    workers: [
      {
        id: wid(1),
        descriptor: "Grace Hopper",
        workerId: "21001",
        primaryWorkEmail: "grace.hopper@ledgerline.example",
        workerType: { id: wid(800), descriptor: "Employee" },
        primaryJob: { id: wid(101), company: COMPANY, costCenter: ADVISORY },
      },
      {
        id: wid(2),
        descriptor: "Alan Turing",
        workerId: "21002",
        primaryWorkEmail: "Alan.Turing@ledgerline.example",
        workerType: { id: wid(800), descriptor: "Employee" },
        terminationDate: "2026-10-31",
        primaryJob: { id: wid(102), company: COMPANY, costCenter: DELIVERY },
      },
    ],
  };
}

/** The four fakes. */
export function createFakes() {
  const workdayFake = createWorkdayFake({ seed: workdaySeed() });
  const kantataFake = createKantataFake({
    seed: {
      users: [
        {
          id: "11",
          full_name: "Grace Hopper",
          email_address: "grace.hopper@ledgerline.example",
          headline: "Principal",
        },
        {
          id: "12",
          full_name: "Alan Turing",
          email_address: "alan.turing@ledgerline.example",
          headline: "Consultant",
        },
      ],
    },
  });
  const netsuiteFake = createNetSuiteFake({
    records: {
      employee: [
        {
          id: "301",
          entityId: "Grace Hopper",
          email: "grace.hopper@ledgerline.example",
          externalId: "21001",
        },
        { id: "302", entityId: "Alan Turing", email: "alan.turing@ledgerline.example" },
      ],
      department: [
        { id: "101", name: "Advisory", externalId: "CC-100" },
        { id: "102", name: "Delivery" },
        { id: "103", name: "Delivery (new)" },
      ],
      subsidiary: [{ id: "1", name: "Ledgerline US", externalId: "US01" }],
      currency: [{ id: "1", symbol: "USD" }],
    },
  });
  const salesforceFake = createSalesforceFake();
  return { workday: workdayFake, kantata: kantataFake, netsuite: netsuiteFake, salesforce: salesforceFake };
}

/** The four fakes and their clients over one ledger; pass `fakes` to restart the clients over the same systems. */
export function createSystems(options: { ledger?: Ledger; fakes?: ReturnType<typeof createFakes> } = {}) {
  const ledger = options.ledger ?? new MemoryLedger();
  const fakes = options.fakes ?? createFakes();
  const {
    workday: workdayFake,
    kantata: kantataFake,
    netsuite: netsuiteFake,
    salesforce: salesforceFake,
  } = fakes;
  const workday = createWorkdayClient({
    host: "wd2-impl-services1.workday.com",
    tenant: workdayFake.tenant,
    auth: WORKDAY_FAKE_CREDENTIALS,
    baseUrl: workdayFake.baseUrl,
    fetch: workdayFake.fetch,
  });
  const psa = createPsaClient({
    auth: "token",
    baseUrl: kantataFake.baseUrl,
    fetch: kantataFake.fetch,
    retry: false,
  });
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: netsuiteFake.baseUrl,
    fetch: netsuiteFake.fetch,
    auth: { type: "none" },
    ledger,
    masterData: { dimensions: { target: "netsuite", tables: { legalEntity: { US01: "1" } } } },
  });
  const salesforce = createSalesforceClient({
    instanceUrl: salesforceFake.baseUrl,
    auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
    fetch: salesforceFake.fetch,
    ledger,
  });
  return {
    ledger,
    fakes,
    workday,
    psa,
    netsuite,
    salesforce,
    assertNoViolations() {
      workdayFake.assertNoViolations();
      kantataFake.assertNoViolations();
      netsuiteFake.assertNoViolations();
      salesforceFake.api.assertNoViolations();
    },
  };
}
