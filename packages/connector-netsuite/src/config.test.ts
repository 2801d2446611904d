import { describe, expect, it } from "vitest";
import { resolveAccount } from "./config.js";

describe("resolveAccount", () => {
  it("derives a sandbox host, realm and URLs from 123456_SB1", () => {
    expect(resolveAccount({ accountId: "123456_SB1" })).toEqual({
      accountId: "123456_SB1",
      host: "123456-sb1",
      realm: "123456_SB1",
      environment: "sandbox",
      baseUrl: "https://123456-sb1.suitetalk.api.netsuite.com/services/rest",
      tokenUrl: "https://123456-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token",
    });
  });

  it("accepts the host spelling and normalises it", () => {
    const account = resolveAccount({ accountId: "123456-sb1" });
    expect(account.realm).toBe("123456_SB1");
    expect(account.host).toBe("123456-sb1");
  });

  it("treats a plain account id as production", () => {
    const account = resolveAccount({ accountId: "987654" });
    expect(account.environment).toBe("production");
    expect(account.baseUrl).toBe("https://987654.suitetalk.api.netsuite.com/services/rest");
  });

  it("refuses to call a sandbox account production", () => {
    expect(() => resolveAccount({ accountId: "123456_SB1", environment: "production" })).toThrow(
      /"environment" is "production"/,
    );
  });

  it("uses a base URL override for fakes, without a trailing slash", () => {
    const account = resolveAccount({
      accountId: "123456_SB1",
      baseUrl: "http://127.0.0.1:4010/services/rest/",
    });
    expect(account.baseUrl).toBe("http://127.0.0.1:4010/services/rest");
    expect(account.tokenUrl).toBe("http://127.0.0.1:4010/services/rest/auth/oauth2/v1/token");
  });

  it.each([
    [{ accountId: "" }, /"accountId"/],
    [{ accountId: "123 456" }, /"accountId"/],
    [{ accountId: "1", environment: "staging" as "sandbox" }, /"environment"/],
    [{ accountId: "1", baseUrl: "ftp://x" }, /"baseUrl"/],
    [{ accountId: "1", baseUrl: "https://u:p@x" }, /"baseUrl"/],
  ])("names the bad option %#", (options, message) => {
    expect(() => resolveAccount(options)).toThrow(message);
  });
});
