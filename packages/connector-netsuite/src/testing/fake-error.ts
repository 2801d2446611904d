/** NetSuite's error body shape, as the fake sends it. */
export interface NetSuiteErrorResponseBody {
  type: string;
  title: string;
  status: number;
  "o:errorDetails": Array<{ detail: string; "o:errorCode": string; "o:errorPath"?: string }>;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** An error the fake answers with NetSuite's error body. */
export class FakeNetSuiteError extends Error {
  override name = "FakeNetSuiteError";
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly errorPath?: string,
    /** Further details of the same error (NetSuite lists every problem of a request). */
    readonly moreDetails: ReadonlyArray<{ detail: string; errorPath?: string }> = [],
  ) {
    super(detail);
  }

  /** The response body NetSuite would send. */
  toBody(): NetSuiteErrorResponseBody {
    const body = errorBody(this.status, this.errorCode, this.detail, this.errorPath);
    for (const more of this.moreDetails) {
      body["o:errorDetails"].push({
        detail: more.detail,
        "o:errorCode": this.errorCode,
        ...(more.errorPath === undefined ? {} : { "o:errorPath": more.errorPath }),
      });
    }
    return body;
  }
}

/** Builds a NetSuite error body. */
export function errorBody(
  status: number,
  errorCode: string,
  detail: string,
  errorPath?: string,
): NetSuiteErrorResponseBody {
  return {
    type: `https://www.rfc-editor.org/rfc/rfc9110.html#section-15.${status >= 500 ? 6 : 5}.${status >= 500 ? status - 499 : status - 399}`,
    title: TITLES[status] ?? "Error",
    status,
    "o:errorDetails": [
      { detail, "o:errorCode": errorCode, ...(errorPath === undefined ? {} : { "o:errorPath": errorPath }) },
    ],
  };
}
