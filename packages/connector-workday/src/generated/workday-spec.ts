/**
 * This file was generated from openapi/workday.yaml by scripts/embed-spec.ts.
 * Do not make direct changes to the file.
 */

/** The Workday subset (openapi/workday.yaml) as a parsed OpenAPI 3.1 document. */
export const workdayOpenApi: Record<string, unknown> = {
  "openapi": "3.1.0",
  "info": {
    "title": "Workday REST, OAuth and RaaS (Ledgerline subset)",
    "version": "1.0.0",
    "summary": "The read side of Workday that Ledgerline's Workday connector uses.",
    "description": "A subset of Workday's REST services, written for Ledgerline from Workday's public REST descriptions and\nintegrator documentation. It describes only what connector-workday reads: workers, jobs and supervisory\norganizations (service `staffing`), organizations and organization types (service `common`), the OAuth\n2.0 token endpoint and Reports-as-a-Service (RaaS, `customreport2`).\n\nREST resources live under `/ccx/api/{service}/{version}/{tenant}`; the service version moves (staffing\nv6/v7, common v1), so both are path parameters here.\n\n- Collections answer `{ total, data: [...] }`; paging is `limit` (default 20, **at most 100**) and a\n  **zero-based** `offset`. `total` counts every matching object over all pages.\n- A reference to another object is an instance `{ id, descriptor, href }`: `id` is the WID (an opaque\n  32-hex Workday ID), `descriptor` a display name. Business reference ids (`Employee_ID`,\n  `Cost_Center_Reference_ID`, `Company_Reference_ID` ...) are separate values and are not the WID.\n- Keys without a value are **omitted**, not sent as null.\n- Errors: `{ error, code?, field?, path? }` (`error` required; `code`, e.g. `A161`, is what handling keys\n  on, since messages change). 400, 401, 403 and 404 answer `{ error, errors: [ {error, code, field,\n  path} ] }`; other statuses the single form. Not problem+json.\n- Rate limits are per tenant and not published: 429 and 503 are retryable.\n\nItems marked UNCONFIRMED could not be checked against Workday's own reference and come from\nthird-party descriptions that do not all agree.\n"
  },
  "servers": [
    {
      "url": "https://{host}/ccx",
      "description": "A Workday data center (host) — e.g. wd2-impl-services1.workday.com",
      "variables": {
        "host": {
          "default": "wd2-impl-services1.workday.com"
        }
      }
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "paths": {
    "/api/{service}/{version}/{tenant}/workers": {
      "get": {
        "operationId": "listWorkers",
        "summary": "List workers (staffing returns the non-terminated workers the caller may see).",
        "tags": [
          "staffing"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Service"
          },
          {
            "$ref": "#/components/parameters/Version"
          },
          {
            "$ref": "#/components/parameters/Tenant"
          },
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Offset"
          },
          {
            "name": "search",
            "in": "query",
            "description": "Names starting with this text (at least 3 characters, case-insensitive).",
            "schema": {
              "type": "string",
              "minLength": 3
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of workers.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkersPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorList"
          },
          "401": {
            "$ref": "#/components/responses/ErrorList"
          },
          "403": {
            "$ref": "#/components/responses/ErrorList"
          },
          "404": {
            "$ref": "#/components/responses/ErrorList"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/{service}/{version}/{tenant}/workers/{ID}": {
      "get": {
        "operationId": "getWorker",
        "summary": "One worker by WID.",
        "tags": [
          "staffing"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Service"
          },
          {
            "$ref": "#/components/parameters/Version"
          },
          {
            "$ref": "#/components/parameters/Tenant"
          },
          {
            "$ref": "#/components/parameters/ID"
          }
        ],
        "responses": {
          "200": {
            "description": "The worker.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Worker"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorList"
          },
          "401": {
            "$ref": "#/components/responses/ErrorList"
          },
          "403": {
            "$ref": "#/components/responses/ErrorList"
          },
          "404": {
            "$ref": "#/components/responses/ErrorList"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/{service}/{version}/{tenant}/jobs": {
      "get": {
        "operationId": "listJobs",
        "summary": "List jobs (positions held by workers).",
        "tags": [
          "staffing"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Service"
          },
          {
            "$ref": "#/components/parameters/Version"
          },
          {
            "$ref": "#/components/parameters/Tenant"
          },
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of jobs.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobsPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorList"
          },
          "401": {
            "$ref": "#/components/responses/ErrorList"
          },
          "403": {
            "$ref": "#/components/responses/ErrorList"
          },
          "404": {
            "$ref": "#/components/responses/ErrorList"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/{service}/{version}/{tenant}/supervisoryOrganizations": {
      "get": {
        "operationId": "listSupervisoryOrganizations",
        "summary": "List supervisory organizations.",
        "tags": [
          "staffing"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Service"
          },
          {
            "$ref": "#/components/parameters/Version"
          },
          {
            "$ref": "#/components/parameters/Tenant"
          },
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of supervisory organizations.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OrganizationsPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorList"
          },
          "401": {
            "$ref": "#/components/responses/ErrorList"
          },
          "403": {
            "$ref": "#/components/responses/ErrorList"
          },
          "404": {
            "$ref": "#/components/responses/ErrorList"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/{service}/{version}/{tenant}/organizations": {
      "get": {
        "operationId": "listOrganizations",
        "summary": "List organizations (common), optionally of one organization type.",
        "tags": [
          "common"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Service"
          },
          {
            "$ref": "#/components/parameters/Version"
          },
          {
            "$ref": "#/components/parameters/Tenant"
          },
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Offset"
          },
          {
            "name": "organizationType",
            "in": "query",
            "description": "WID of an organization type (see /organizationTypes), e.g. the Cost Center type.",
            "schema": {
              "$ref": "#/components/schemas/WID"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of organizations.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OrganizationsPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorList"
          },
          "401": {
            "$ref": "#/components/responses/ErrorList"
          },
          "403": {
            "$ref": "#/components/responses/ErrorList"
          },
          "404": {
            "$ref": "#/components/responses/ErrorList"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/{service}/{version}/{tenant}/organizationTypes": {
      "get": {
        "operationId": "listOrganizationTypes",
        "summary": "List organization types (Company, Cost Center, Supervisory ...).",
        "tags": [
          "common"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Service"
          },
          {
            "$ref": "#/components/parameters/Version"
          },
          {
            "$ref": "#/components/parameters/Tenant"
          },
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of organization types.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InstancesPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorList"
          },
          "401": {
            "$ref": "#/components/responses/ErrorList"
          },
          "403": {
            "$ref": "#/components/responses/ErrorList"
          },
          "404": {
            "$ref": "#/components/responses/ErrorList"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/oauth2/{tenant}/token": {
      "post": {
        "operationId": "requestToken",
        "summary": "OAuth 2.0 token endpoint; client credentials in HTTP Basic, refresh-token grant.",
        "tags": [
          "oauth"
        ],
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/Tenant"
          },
          {
            "name": "authorization",
            "in": "header",
            "required": true,
            "description": "`Basic base64(client_id:client_secret)` — the API client's credentials.",
            "schema": {
              "type": "string",
              "pattern": "^Basic [A-Za-z0-9+/=]+$"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object",
                "required": [
                  "grant_type",
                  "refresh_token"
                ],
                "additionalProperties": false,
                "properties": {
                  "grant_type": {
                    "const": "refresh_token"
                  },
                  "refresh_token": {
                    "type": "string",
                    "minLength": 1
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "An access token.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenResponse"
                }
              }
            }
          },
          "400": {
            "description": "A refused grant (RFC 6749 §5.2).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OAuthError"
                }
              }
            }
          },
          "401": {
            "description": "Bad client credentials.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OAuthError"
                }
              }
            }
          }
        }
      }
    },
    "/service/customreport2/{tenant}/{owner}/{report}": {
      "get": {
        "operationId": "runReport",
        "summary": "Run a custom report exposed as a web service (RaaS); prompts are query parameters.",
        "description": "Prompts are the report's own names (they vary per report), so this operation accepts any further\nquery parameter as a string. No paging: every row comes back in one `Report_Entry` array.\n",
        "tags": [
          "raas"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Tenant"
          },
          {
            "name": "owner",
            "in": "path",
            "required": true,
            "description": "The report owner's user name (often an Integration System User).",
            "schema": {
              "type": "string",
              "minLength": 1
            }
          },
          {
            "name": "report",
            "in": "path",
            "required": true,
            "description": "The report's web-service name.",
            "schema": {
              "type": "string",
              "minLength": 1
            }
          },
          {
            "name": "format",
            "in": "query",
            "required": true,
            "schema": {
              "const": "json"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The report's rows.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReportResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer"
      }
    },
    "parameters": {
      "Service": {
        "name": "service",
        "in": "path",
        "required": true,
        "description": "Workday REST service, e.g. `staffing` or `common`.",
        "schema": {
          "type": "string",
          "pattern": "^[a-zA-Z]+$"
        }
      },
      "Version": {
        "name": "version",
        "in": "path",
        "required": true,
        "description": "Service version, e.g. `v6` (staffing) or `v1` (common).",
        "schema": {
          "type": "string",
          "pattern": "^v[0-9]+$"
        }
      },
      "Tenant": {
        "name": "tenant",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_.-]+$"
        }
      },
      "ID": {
        "name": "ID",
        "in": "path",
        "required": true,
        "description": "The WID of the resource.",
        "schema": {
          "$ref": "#/components/schemas/WID"
        }
      },
      "Limit": {
        "name": "limit",
        "in": "query",
        "description": "Objects per response. Default 20, at most 100.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100
        }
      },
      "Offset": {
        "name": "offset",
        "in": "query",
        "description": "Zero-based index of the first object to return. Default 0.",
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "responses": {
      "Error": {
        "description": "One error.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "ErrorList": {
        "description": "An error with its list of errors, or the single form.",
        "content": {
          "application/json": {
            "schema": {
              "oneOf": [
                {
                  "$ref": "#/components/schemas/ErrorList"
                },
                {
                  "$ref": "#/components/schemas/Error"
                }
              ]
            }
          }
        }
      }
    },
    "schemas": {
      "WID": {
        "type": "string",
        "description": "A Workday ID (opaque, 32 hexadecimal characters).",
        "pattern": "^[0-9a-f]{32}$"
      },
      "Instance": {
        "type": "object",
        "description": "A reference to another object.",
        "required": [
          "id"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "$ref": "#/components/schemas/WID"
          },
          "descriptor": {
            "type": "string",
            "description": "Display name."
          },
          "href": {
            "type": "string",
            "format": "uri"
          }
        }
      },
      "Worker": {
        "type": "object",
        "description": "A worker (employee or contingent worker). Confirmed from integrator documentation of the staffing\nworker: `id`, `descriptor`, `href`, `primaryWorkEmail`, `primaryWorkPhone`, `businessTitle`,\n`isManager`, `location`, `primarySupervisoryOrganization`, `primaryWorkAddressText`,\n`supervisoryOrganizationsManaged`, `yearsOfService`, `dateOfBirth`.\nUNCONFIRMED (third-party descriptions disagree on names and shapes): `workerId`, `workerType`,\n`primaryJob` and its members, `hireDate`, `terminationDate`.\n",
        "required": [
          "id",
          "descriptor"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "$ref": "#/components/schemas/WID"
          },
          "descriptor": {
            "type": "string"
          },
          "href": {
            "type": "string",
            "format": "uri"
          },
          "workerId": {
            "type": "string",
            "description": "The business id (Employee_ID or Contingent_Worker_ID). UNCONFIRMED name."
          },
          "workerType": {
            "$ref": "#/components/schemas/Instance",
            "description": "Employee or Contingent Worker, by descriptor. UNCONFIRMED."
          },
          "primaryWorkEmail": {
            "type": "string"
          },
          "primaryWorkPhone": {
            "type": "string"
          },
          "primaryWorkAddressText": {
            "type": "string"
          },
          "businessTitle": {
            "type": "string"
          },
          "isManager": {
            "type": "boolean"
          },
          "yearsOfService": {
            "type": "integer",
            "minimum": 0
          },
          "dateOfBirth": {
            "type": "string",
            "format": "date",
            "description": "Sensitive; never logged."
          },
          "hireDate": {
            "type": "string",
            "format": "date",
            "description": "UNCONFIRMED."
          },
          "terminationDate": {
            "type": "string",
            "format": "date",
            "description": "UNCONFIRMED."
          },
          "location": {
            "$ref": "#/components/schemas/Instance"
          },
          "primarySupervisoryOrganization": {
            "$ref": "#/components/schemas/Instance"
          },
          "supervisoryOrganizationsManaged": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Instance"
            }
          },
          "primaryJob": {
            "$ref": "#/components/schemas/PrimaryJob"
          }
        }
      },
      "PrimaryJob": {
        "type": "object",
        "description": "The worker's primary job. UNCONFIRMED as a whole: the organization assignments (`company`,\n`costCenter`) and `manager` are modelled here so the worker can be read in one request; a tenant\nthat does not expose them on the REST worker reads them through a RaaS report instead.\n",
        "required": [
          "id"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "$ref": "#/components/schemas/WID"
          },
          "descriptor": {
            "type": "string"
          },
          "businessTitle": {
            "type": "string"
          },
          "jobProfile": {
            "$ref": "#/components/schemas/Instance"
          },
          "location": {
            "$ref": "#/components/schemas/Instance"
          },
          "supervisoryOrganization": {
            "$ref": "#/components/schemas/Instance"
          },
          "company": {
            "$ref": "#/components/schemas/OrganizationAssignment"
          },
          "costCenter": {
            "$ref": "#/components/schemas/OrganizationAssignment"
          },
          "manager": {
            "$ref": "#/components/schemas/Instance"
          }
        }
      },
      "OrganizationAssignment": {
        "type": "object",
        "description": "An organization a job is assigned to, with its business reference id. UNCONFIRMED.",
        "required": [
          "id"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "$ref": "#/components/schemas/WID"
          },
          "descriptor": {
            "type": "string"
          },
          "href": {
            "type": "string",
            "format": "uri"
          },
          "referenceId": {
            "type": "string",
            "description": "e.g. the Cost_Center_Reference_ID or Company_Reference_ID."
          }
        }
      },
      "Job": {
        "type": "object",
        "required": [
          "id"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "$ref": "#/components/schemas/WID"
          },
          "descriptor": {
            "type": "string"
          },
          "href": {
            "type": "string",
            "format": "uri"
          },
          "worker": {
            "$ref": "#/components/schemas/Instance"
          },
          "jobProfile": {
            "$ref": "#/components/schemas/Instance"
          },
          "location": {
            "$ref": "#/components/schemas/Instance"
          },
          "supervisoryOrganization": {
            "$ref": "#/components/schemas/Instance"
          },
          "businessTitle": {
            "type": "string"
          }
        }
      },
      "Organization": {
        "type": "object",
        "description": "An organization (company, cost center, supervisory organization ...). `referenceId` is its business\nreference id (Organization_Reference_ID, Cost_Center_Reference_ID, Company_Reference_ID).\n`referenceId`, `isActive`, `superior`, `country` and `currency` are UNCONFIRMED names.\n",
        "required": [
          "id",
          "descriptor"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "$ref": "#/components/schemas/WID"
          },
          "descriptor": {
            "type": "string"
          },
          "href": {
            "type": "string",
            "format": "uri"
          },
          "name": {
            "type": "string"
          },
          "code": {
            "type": "string"
          },
          "referenceId": {
            "type": "string"
          },
          "organizationType": {
            "$ref": "#/components/schemas/Instance"
          },
          "isActive": {
            "type": "boolean"
          },
          "superior": {
            "$ref": "#/components/schemas/Instance"
          },
          "manager": {
            "$ref": "#/components/schemas/Instance"
          },
          "company": {
            "$ref": "#/components/schemas/Instance"
          },
          "country": {
            "type": "string",
            "description": "ISO 3166-1 alpha-2 (companies)."
          },
          "currency": {
            "type": "string",
            "description": "ISO 4217 (companies)."
          }
        }
      },
      "WorkersPage": {
        "type": "object",
        "required": [
          "total",
          "data"
        ],
        "additionalProperties": false,
        "properties": {
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Worker"
            }
          }
        }
      },
      "JobsPage": {
        "type": "object",
        "required": [
          "total",
          "data"
        ],
        "additionalProperties": false,
        "properties": {
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Job"
            }
          }
        }
      },
      "OrganizationsPage": {
        "type": "object",
        "required": [
          "total",
          "data"
        ],
        "additionalProperties": false,
        "properties": {
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Organization"
            }
          }
        }
      },
      "InstancesPage": {
        "type": "object",
        "required": [
          "total",
          "data"
        ],
        "additionalProperties": false,
        "properties": {
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Instance"
            }
          }
        }
      },
      "Error": {
        "type": "object",
        "required": [
          "error"
        ],
        "additionalProperties": false,
        "properties": {
          "error": {
            "type": "string"
          },
          "code": {
            "type": "string"
          },
          "field": {
            "type": "string"
          },
          "path": {
            "type": "string"
          }
        }
      },
      "ErrorList": {
        "type": "object",
        "required": [
          "error",
          "errors"
        ],
        "additionalProperties": false,
        "properties": {
          "error": {
            "type": "string"
          },
          "errors": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "error"
              ],
              "additionalProperties": false,
              "properties": {
                "error": {
                  "type": "string"
                },
                "code": {
                  "type": "string"
                },
                "field": {
                  "type": "string"
                },
                "path": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "TokenResponse": {
        "type": "object",
        "required": [
          "access_token",
          "token_type"
        ],
        "properties": {
          "access_token": {
            "type": "string",
            "minLength": 1
          },
          "token_type": {
            "type": "string"
          },
          "expires_in": {
            "type": "integer",
            "minimum": 0
          },
          "refresh_token": {
            "type": "string"
          }
        }
      },
      "OAuthError": {
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "string"
          },
          "error_description": {
            "type": "string"
          }
        }
      },
      "ReportResponse": {
        "type": "object",
        "required": [
          "Report_Entry"
        ],
        "properties": {
          "Report_Entry": {
            "type": "array",
            "description": "One object per row, keyed by the report's column names.",
            "items": {
              "type": "object"
            }
          }
        }
      }
    }
  }
};
