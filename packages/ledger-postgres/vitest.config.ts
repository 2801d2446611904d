import { ledgerlineProject } from "../../vitest.shared.js";

export default ledgerlineProject("ledger-postgres");
