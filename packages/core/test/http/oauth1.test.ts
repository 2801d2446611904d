import { describe, expect, it } from "vitest";
import {
  createHttpClient,
  oauth1Header,
  oauth1Signature,
  oauth1Signer,
  signatureBaseString,
} from "../../src/index.js";
import type { paths } from "./paths.js";
import { json, startServer } from "./server.js";

function headerParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^OAuth /, "").matchAll(/([a-z_]+)="([^"]*)"/g)) {
    out[m[1] as string] = decodeURIComponent(m[2] as string);
  }
  return out;
}

describe("OAuth 1.0a signer (RFC 5849)", () => {
  // RFC 5849 §1.2: GET photos with query parameters, HMAC-SHA1, no oauth_version.
  const rfc12 = {
    consumerKey: "dpf43f3p2l4k3l03",
    consumerSecret: "kd94hf93k423kf44",
    token: "nnch734d00sl2jdk",
    tokenSecret: "pfkkdhi9sl3r4s00",
    realm: "Photos",
    includeVersion: false,
    nonce: () => "chapoH",
    timestamp: () => 137131202,
  };
  const photos = "http://photos.example.net/photos?file=vacation.jpg&size=original";

  it("reproduces the RFC 5849 §1.2 HMAC-SHA1 signature (query parameters signed)", () => {
    const header = oauth1Header({ ...rfc12, signatureMethod: "HMAC-SHA1" }, { method: "GET", url: photos });
    const p = headerParams(header);
    expect(p.oauth_signature).toBe("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    expect(p.realm).toBe("Photos");
    expect(header.startsWith('OAuth realm="Photos", ')).toBe(true);
  });

  // HMAC-SHA256 vectors from Faithlife/FaithlifeOAuth tests/Faithlife.OAuth.Tests/OAuthHmacSha256Tests.cs
  // ("RFC 5849, section 1.2" and "RFC 5849, section 3.4.1.1, amended by errata 2550").
  it("matches a published HMAC-SHA256 vector for the §1.2 request", () => {
    const header = oauth1Header({ ...rfc12, signatureMethod: "HMAC-SHA256" }, { method: "GET", url: photos });
    expect(headerParams(header).oauth_signature).toBe("HtMwoX2zenlFjgGg/SNEoKEQmL7CzxYFEKzs7er044Y=");
  });

  it("matches a published HMAC-SHA256 vector with query + form body parameters (RFC 5849 §3.4.1.1)", () => {
    const url = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b";
    const base = signatureBaseString(
      "POST",
      url,
      {
        oauth_consumer_key: "9djdj82h48djs9d2",
        oauth_token: "kkk9d7dh3k39sjv7",
        oauth_signature_method: "HMAC-SHA256",
        oauth_timestamp: "137131201",
        oauth_nonce: "7d8f3e4a",
      },
      "c2&a3=2+q",
    );
    expect(base).toBe(
      "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
    );
    expect(oauth1Signature(base, "j49sk3j29djd", "dh893hdasih9", "HMAC-SHA256")).toBe(
      "ypAxjNip++Dm0fTM+gCl8wAo6ufSnseu1WHxL7py3BU=",
    );
  });

  it("signs each attempt in the client, query parameters included, realm for NetSuite", async () => {
    const server = await startServer((_req, res) => json(res, 200, { id: "1", name: "ok" }));
    try {
      let n = 0;
      const opts = {
        consumerKey: "ck",
        consumerSecret: "cs",
        token: "tk",
        tokenSecret: "ts",
        realm: "1234567_SB1",
        nonce: () => `nonce${++n}`,
        timestamp: () => 1_700_000_000,
      };
      const client = createHttpClient<paths>({
        system: "netsuite",
        baseUrl: server.url,
        auth: oauth1Signer(opts),
      });
      await client.GET("/items/{id}", { params: { path: { id: "1" }, query: { q: "a b" } } });
      const header = String(server.seen[0]?.headers.authorization);
      const p = headerParams(header);
      expect(p.realm).toBe("1234567_SB1");
      expect(p.oauth_signature_method).toBe("HMAC-SHA256");
      expect(p.oauth_version).toBe("1.0");
      const base = signatureBaseString("GET", `${server.url}/items/1?q=a%20b`, {
        oauth_consumer_key: "ck",
        oauth_token: "tk",
        oauth_signature_method: "HMAC-SHA256",
        oauth_timestamp: "1700000000",
        oauth_nonce: "nonce1",
        oauth_version: "1.0",
      });
      expect(base).toContain("q%3Da%2520b");
      expect(p.oauth_signature).toBe(oauth1Signature(base, "cs", "ts"));
    } finally {
      await server.close();
    }
  });
});
