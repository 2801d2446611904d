import { type HttpClient, ValidationError } from "@ledgerline/core";
import { walkEnvelope } from "./envelope.js";
import type { paths } from "./generated/kantata.js";
import type { KantataEnvelope, KantataExternalReference } from "./kantata-types.js";

/**
 * An id a Kantata object has in another system, to record on the object (Kantata `external_references`):
 * e.g. the NetSuite invoice raised for a completed milestone story.
 */
export interface ExternalReferenceInput {
  /** Kantata type of the object: `Story`, `Workspace`, `TimeEntry`, `Expense` … */
  subjectType: string;
  /** Kantata id of the object. */
  subjectId: string;
  /** The other system, e.g. `NetSuite`. */
  serviceName: string;
  /** The other system's record type, e.g. `invoice`. */
  serviceModel: string;
  /** The other system's id of the record. */
  serviceModelRef: string;
  /** Status of the integration for this object. */
  status?: "pending" | "successful" | "failed" | undefined;
  /** Status of the record in the other system. */
  externalStatus?: string | undefined;
  /** A link to the record in the other system. */
  externalLink?: string | undefined;
  /** A message about the record (never a secret or a rate). */
  externalMessage?: string | undefined;
}

/**
 * `POST /external_references/create_or_update.json`: records `input` on its Kantata object, updating the
 * reference the object already has for the same system and record type instead of adding another — so the
 * call is safe to repeat after a crash or an ambiguous timeout (sent as idempotent: core may retry it).
 * Returns the reference as Kantata stored it.
 * @throws ValidationError when Kantata answers without the reference; core's typed HTTP errors otherwise
 */
export async function upsertExternalReference(
  http: HttpClient<paths>,
  input: ExternalReferenceInput,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<KantataExternalReference> {
  const post = http.POST as unknown as (
    path: string,
    init: Record<string, unknown>,
  ) => Promise<{ data?: KantataEnvelope }>;
  const { data } = await post("/external_references/create_or_update.json", {
    body: {
      external_reference: {
        subject_type: input.subjectType,
        subject_id: input.subjectId,
        service_name: input.serviceName,
        service_model: input.serviceModel,
        service_model_ref: input.serviceModelRef,
        ...(input.status === undefined ? {} : { status: input.status }),
        ...(input.externalStatus === undefined ? {} : { external_status: input.externalStatus }),
        ...(input.externalLink === undefined ? {} : { external_link: input.externalLink }),
        ...(input.externalMessage === undefined ? {} : { external_message: input.externalMessage }),
      },
    },
    idempotent: true,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const [first] = data === undefined ? [] : walkEnvelope(data, "external_references");
  if (first === undefined) {
    throw new ValidationError(
      "Malformed Kantata response: create_or_update answered without the external reference",
      [{ path: "results", message: "holds no external reference", code: "not_an_envelope" }],
      { system: "kantata" },
    );
  }
  return first.record;
}
