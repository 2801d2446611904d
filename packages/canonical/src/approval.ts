import { z } from "zod";
import { RefSchema } from "./ref.js";
import { InstantSchema } from "./source.js";
import { tolerantEnum } from "./tolerant-enum.js";

/** Approval states of time and expenses. */
export const APPROVAL_STATES = ["approved", "submitted", "rejected", "draft", "other"] as const;
/** An approval state. */
export type ApprovalState = (typeof APPROVAL_STATES)[number];

const approvalNormalizer = tolerantEnum(
  ["approved", "submitted", "rejected", "draft"],
  {
    pending: "submitted",
    "pending approval": "submitted",
    "pending supervisor approval": "submitted",
    open: "draft",
    new: "draft",
    cancelled: "draft",
    declined: "rejected",
    true: "approved",
    false: "submitted",
  },
  "approval state",
);

/**
 * Maps a vendor approval value to a canonical state (`approved`, `Pending Approval`, Kantata's boolean
 * `approved`, …); unknown values become `{ state: "other", raw }`.
 */
export function normalizeApprovalState(raw: string | number | boolean | null | undefined): {
  state: ApprovalState;
  raw: string;
} {
  const { code, raw: text } = approvalNormalizer.normalize(raw);
  return { state: code, raw: text ?? "" };
}

const approvalFields = {
  raw: z.string().max(255).optional(),
  approvedAt: InstantSchema.optional(),
  approvedBy: RefSchema.optional(),
  submittedAt: InstantSchema.optional(),
};

/** Approval of a time entry or expense: state, the vendor's raw value, when and by whom. */
export const ApprovalSchema = z.object({
  state: z.enum(APPROVAL_STATES),
  ...approvalFields,
});
/** Approval of a time entry or expense. */
export type Approval = z.infer<typeof ApprovalSchema>;

/** Approval of a record that may be posted: `state` is `approved`. */
export const ApprovedApprovalSchema = z.object({
  state: z.literal("approved", { error: 'must be "approved"' }),
  ...approvalFields,
});
