import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CANONICAL_TYPE_NAMES,
  canonicalJsonSchemas,
  JSON_SCHEMA_NAMES,
  SCHEMA_VERSION,
} from "../src/index.js";

const dir = join(import.meta.dirname, "..", "schemas");

describe("JSON Schema export", () => {
  it("exports every canonical type with id and version", () => {
    const schemas = canonicalJsonSchemas();
    expect(Object.keys(schemas).sort()).toEqual([...CANONICAL_TYPE_NAMES, "IntegrationException"].sort());
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema.$id).toBe(`https://schemas.ledgerline.dev/canonical/${SCHEMA_VERSION}/${name}.json`);
      expect(schema["x-ledgerline-schema-version"]).toBe(SCHEMA_VERSION);
      expect(schema.type).toBe("object");
    }
    const time = schemas.TimeEntry as {
      required: string[];
      properties: Record<string, { type?: string; maximum?: number }>;
    };
    expect(time.required).toEqual(
      expect.arrayContaining([
        "key",
        "source",
        "resource",
        "project",
        "date",
        "minutes",
        "billable",
        "approval",
      ]),
    );
    expect(time.properties.minutes).toMatchObject({ type: "integer", maximum: 1440 });
  });

  it("the shipped schemas/*.json equal a fresh generation (run `npm run schemas -w @ledgerline/canonical`)", () => {
    const schemas = canonicalJsonSchemas();
    for (const name of JSON_SCHEMA_NAMES) {
      const shipped = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8"));
      expect(shipped, name).toEqual(schemas[name]);
    }
    const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
    expect(index).toEqual({ schemaVersion: SCHEMA_VERSION, types: JSON_SCHEMA_NAMES });
  });
});
