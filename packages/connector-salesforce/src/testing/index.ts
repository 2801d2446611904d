export {
  createSalesforceFake,
  DEFAULT_FAKE_SCHEMA,
  type FakeField,
  type FakeFieldType,
  type FakeRecord,
  type FakeSchema,
  type SalesforceFake,
  type SalesforceFakeOptions,
} from "./fake.js";
export {
  parseSoql,
  type SoqlCondition,
  type SoqlLiteral,
  type SoqlQuery,
  SoqlSyntaxError,
  type SoqlToken,
  tokenizeSoql,
} from "./soql-engine.js";
