import { ledgerlineProject } from "../../vitest.shared.js";

export default ledgerlineProject("quote-to-cash");
