/**
 * This file was generated from openapi/salesforce.yaml by scripts/embed-spec.ts.
 * Do not make direct changes to the file.
 */

/** The Salesforce Platform REST subset (openapi/salesforce.yaml) as a parsed OpenAPI 3.1 document. */
export const salesforceOpenApi: Record<string, unknown> = {
  "openapi": "3.1.0",
  "info": {
    "title": "Salesforce Platform REST API (Ledgerline subset)",
    "version": "1.0.0",
    "summary": "The part of the Salesforce Platform REST API that Ledgerline's Salesforce connector calls.",
    "description": "Written for Ledgerline from Salesforce's public REST API developer guide. It covers only what\nconnector-salesforce sends and reads: single records, upsert by external id, describe, SOQL queries\nwith paging, sObject Collections, composite requests, org limits and the OAuth 2.0 token endpoint.\nBulk API 2.0 ingest jobs (create, upload CSV, `UploadComplete`, poll, results) and query jobs (create,\npoll, results paged by `Sforce-Locator`) are described.\n\nEvery data resource lives under `/services/data/v{version}` on the org's My Domain\n(`https://{MyDomain}.my.salesforce.com`), where `version` is a release such as `66.0`.\n\nErrors come back as an array of `{ message, errorCode, fields? }`. A few answers (some composite\nsubrequest failures, gateway errors) send a single such object instead of an array, so clients accept\nboth. Most answers carry `Sforce-Limit-Info: api-usage=USED/MAX`, the org's rolling 24-hour API usage.\n\nUpsert by external id answers in four ways: 201 with `{ id, success, errors, created: true }` when it\ncreated a record; 200 with `{ id, success, errors, created: false }` when it updated one (API 46.0 and\nlater) or an empty 204 (older versions, and some proxies); 300 with the ids of every record sharing the\nexternal id; 404 `NOT_FOUND` when the external-id field does not exist.\n"
  },
  "servers": [
    {
      "url": "https://login.salesforce.com",
      "description": "Any My Domain or instance URL (the token response's `instance_url`)"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "paths": {
    "/services/oauth2/token": {
      "post": {
        "operationId": "requestToken",
        "summary": "Issue an access token (JWT bearer, client credentials or refresh token grant).",
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object",
                "required": [
                  "grant_type"
                ],
                "properties": {
                  "grant_type": {
                    "type": "string",
                    "enum": [
                      "urn:ietf:params:oauth:grant-type:jwt-bearer",
                      "client_credentials",
                      "refresh_token"
                    ]
                  },
                  "assertion": {
                    "type": "string"
                  },
                  "client_id": {
                    "type": "string"
                  },
                  "client_secret": {
                    "type": "string"
                  },
                  "refresh_token": {
                    "type": "string"
                  },
                  "scope": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The token. Salesforce sends no `expires_in`: the session lasts as long as the org's session\nsettings allow, and an expired one is answered 401 `INVALID_SESSION_ID`.\n",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenResponse"
                }
              }
            }
          },
          "400": {
            "description": "OAuth error (`invalid_grant`, `invalid_client` …).",
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
    "/services/data/v{version}/limits": {
      "get": {
        "operationId": "getLimits",
        "summary": "The org's limits and what remains of each.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          }
        ],
        "responses": {
          "200": {
            "description": "Limits by name.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "additionalProperties": {
                    "type": "object",
                    "required": [
                      "Max",
                      "Remaining"
                    ],
                    "properties": {
                      "Max": {
                        "type": "integer"
                      },
                      "Remaining": {
                        "type": "integer"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/sobjects/{sobject}/describe": {
      "get": {
        "operationId": "describeSObject",
        "summary": "Metadata of an object, its fields and their types.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/sobject"
          }
        ],
        "responses": {
          "200": {
            "description": "The object's description.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DescribeResult"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/sobjects/{sobject}": {
      "post": {
        "operationId": "createRecord",
        "summary": "Create one record.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/sobject"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SObjectFields"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SaveResult"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/sobjects/{sobject}/{id}": {
      "get": {
        "operationId": "getRecord",
        "summary": "Read one record by its 15- or 18-character id.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/sobject"
          },
          {
            "$ref": "#/components/parameters/recordId"
          },
          {
            "name": "fields",
            "in": "query",
            "description": "Comma-separated field names to return.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The record.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SObjectRecord"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "patch": {
        "operationId": "updateRecord",
        "summary": "Update fields of one record.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/sobject"
          },
          {
            "$ref": "#/components/parameters/recordId"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SObjectFields"
              }
            }
          }
        },
        "responses": {
          "204": {
            "description": "Updated; no body.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "delete": {
        "operationId": "deleteRecord",
        "summary": "Delete one record.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/sobject"
          },
          {
            "$ref": "#/components/parameters/recordId"
          }
        ],
        "responses": {
          "204": {
            "description": "Deleted; no body.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/sobjects/{sobject}/{extIdField}/{extIdValue}": {
      "patch": {
        "operationId": "upsertByExternalId",
        "summary": "Create or update one record matched on an external-id field.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/sobject"
          },
          {
            "name": "extIdField",
            "in": "path",
            "required": true,
            "description": "API name of an external-id field (e.g. `Ledgerline_Key__c`).",
            "schema": {
              "type": "string",
              "pattern": "^[A-Za-z][A-Za-z0-9_]*$"
            }
          },
          {
            "name": "extIdValue",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1
            }
          },
          {
            "name": "updateOnly",
            "in": "query",
            "description": "`true` refuses to create a record when nothing matches (404).",
            "schema": {
              "type": "boolean"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SObjectFields"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Updated (API 46.0 and later).",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UpsertResult"
                }
              }
            }
          },
          "201": {
            "description": "Created.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UpsertResult"
                }
              }
            }
          },
          "204": {
            "description": "Updated, without a body (before API 46.0; some proxies still answer so).",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            }
          },
          "300": {
            "description": "Several records share the external id; nothing was written.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "type": "string",
                    "description": "Instance-relative URL of a matching record"
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/query": {
      "get": {
        "operationId": "query",
        "summary": "Run a SOQL query; the first batch of records.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/soql"
          },
          {
            "$ref": "#/components/parameters/queryOptions"
          }
        ],
        "responses": {
          "200": {
            "description": "One batch of results.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/QueryResult"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/query/{locator}": {
      "get": {
        "operationId": "queryMore",
        "summary": "The next batch of a query (`nextRecordsUrl`).",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/locator"
          },
          {
            "$ref": "#/components/parameters/queryOptions"
          }
        ],
        "responses": {
          "200": {
            "description": "The next batch.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/QueryResult"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/queryAll": {
      "get": {
        "operationId": "queryAll",
        "summary": "Like `query`, including deleted and archived records.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/soql"
          },
          {
            "$ref": "#/components/parameters/queryOptions"
          }
        ],
        "responses": {
          "200": {
            "description": "One batch of results.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/QueryResult"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/queryAll/{locator}": {
      "get": {
        "operationId": "queryAllMore",
        "summary": "The next batch of a `queryAll`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/locator"
          },
          {
            "$ref": "#/components/parameters/queryOptions"
          }
        ],
        "responses": {
          "200": {
            "description": "The next batch.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/QueryResult"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/composite/sobjects": {
      "post": {
        "operationId": "collectionCreate",
        "summary": "Create up to 200 records in one call.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CollectionRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "One result per record, in request order.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CollectionResults"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "patch": {
        "operationId": "collectionUpdate",
        "summary": "Update up to 200 records (each with `id`) in one call.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CollectionRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "One result per record, in request order.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CollectionResults"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/composite/sobjects/{sobject}/{extIdField}": {
      "patch": {
        "operationId": "collectionUpsert",
        "summary": "Upsert up to 200 records of one object by an external-id field (API 46.0 and later).",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/sobject"
          },
          {
            "name": "extIdField",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "pattern": "^[A-Za-z][A-Za-z0-9_]*$"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CollectionRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "One result per record, in request order, each with `created`.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CollectionResults"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/composite": {
      "post": {
        "operationId": "composite",
        "summary": "Up to 25 dependent subrequests in one call; later ones refer to earlier results as `@{referenceId.field}`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "compositeRequest"
                ],
                "properties": {
                  "allOrNone": {
                    "type": "boolean"
                  },
                  "collateSubrequests": {
                    "type": "boolean"
                  },
                  "compositeRequest": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 25,
                    "items": {
                      "type": "object",
                      "required": [
                        "method",
                        "url",
                        "referenceId"
                      ],
                      "properties": {
                        "method": {
                          "type": "string",
                          "enum": [
                            "GET",
                            "POST",
                            "PATCH",
                            "PUT",
                            "DELETE"
                          ]
                        },
                        "url": {
                          "type": "string",
                          "description": "Instance-relative URL starting with /services/data/"
                        },
                        "referenceId": {
                          "type": "string",
                          "pattern": "^[A-Za-z][A-Za-z0-9_]*$"
                        },
                        "body": {},
                        "httpHeaders": {
                          "type": "object",
                          "additionalProperties": {
                            "type": "string"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "One answer per subrequest, in order.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "compositeResponse"
                  ],
                  "properties": {
                    "compositeResponse": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "body",
                          "httpHeaders",
                          "httpStatusCode",
                          "referenceId"
                        ],
                        "properties": {
                          "body": {},
                          "httpHeaders": {
                            "type": "object",
                            "additionalProperties": {
                              "type": "string"
                            }
                          },
                          "httpStatusCode": {
                            "type": "integer"
                          },
                          "referenceId": {
                            "type": "string"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/jobs/ingest": {
      "post": {
        "operationId": "createIngestJob",
        "summary": "Create a Bulk API 2.0 ingest job (state `Open`).",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "object",
                  "operation"
                ],
                "properties": {
                  "object": {
                    "type": "string",
                    "pattern": "^[A-Za-z][A-Za-z0-9_]*$"
                  },
                  "operation": {
                    "type": "string",
                    "enum": [
                      "insert",
                      "update",
                      "upsert",
                      "delete",
                      "hardDelete"
                    ]
                  },
                  "externalIdFieldName": {
                    "type": "string",
                    "description": "Required for upsert"
                  },
                  "contentType": {
                    "type": "string",
                    "const": "CSV"
                  },
                  "lineEnding": {
                    "type": "string",
                    "enum": [
                      "LF",
                      "CRLF"
                    ]
                  },
                  "columnDelimiter": {
                    "type": "string",
                    "enum": [
                      "BACKQUOTE",
                      "CARET",
                      "COMMA",
                      "PIPE",
                      "SEMICOLON",
                      "TAB"
                    ]
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The job.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IngestJob"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/jobs/ingest/{jobId}": {
      "get": {
        "operationId": "getIngestJob",
        "summary": "Poll a job's state and counts.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/jobId"
          }
        ],
        "responses": {
          "200": {
            "description": "The job.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IngestJob"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "patch": {
        "operationId": "setIngestJobState",
        "summary": "Close (`UploadComplete`) or abort (`Aborted`) a job.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/jobId"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "state"
                ],
                "properties": {
                  "state": {
                    "type": "string",
                    "enum": [
                      "UploadComplete",
                      "Aborted"
                    ]
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The job.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IngestJob"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/jobs/ingest/{jobId}/batches": {
      "put": {
        "operationId": "uploadIngestJobData",
        "summary": "Upload the job's CSV (header row of field API names; at most 100 MB raw per job).",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/jobId"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "text/csv": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Accepted; no body.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/jobs/ingest/{jobId}/successfulResults": {
      "get": {
        "operationId": "getIngestJobSuccessfulResults",
        "summary": "CSV of the written rows: `sf__Id`, `sf__Created`, then the uploaded columns. Row order is not the upload order.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/jobId"
          }
        ],
        "responses": {
          "200": {
            "description": "CSV.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/jobs/ingest/{jobId}/failedResults": {
      "get": {
        "operationId": "getIngestJobFailedResults",
        "summary": "CSV of the refused rows: `sf__Id`, `sf__Error` (`CODE:message`), then the uploaded columns.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/jobId"
          }
        ],
        "responses": {
          "200": {
            "description": "CSV.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/jobs/ingest/{jobId}/unprocessedrecords": {
      "get": {
        "operationId": "getIngestJobUnprocessedRecords",
        "summary": "CSV of the rows a failed or aborted job never processed (the uploaded columns).",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/jobId"
          }
        ],
        "responses": {
          "200": {
            "description": "CSV.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/jobs/query": {
      "post": {
        "operationId": "createQueryJob",
        "summary": "Create a Bulk API 2.0 query job (starts at once, state `UploadComplete`).",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "operation",
                  "query"
                ],
                "properties": {
                  "operation": {
                    "type": "string",
                    "enum": [
                      "query",
                      "queryAll"
                    ]
                  },
                  "query": {
                    "type": "string",
                    "minLength": 1
                  },
                  "contentType": {
                    "type": "string",
                    "const": "CSV"
                  },
                  "columnDelimiter": {
                    "type": "string",
                    "enum": [
                      "BACKQUOTE",
                      "CARET",
                      "COMMA",
                      "PIPE",
                      "SEMICOLON",
                      "TAB"
                    ]
                  },
                  "lineEnding": {
                    "type": "string",
                    "enum": [
                      "LF",
                      "CRLF"
                    ]
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The job.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/QueryJob"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/jobs/query/{jobId}": {
      "get": {
        "operationId": "getQueryJob",
        "summary": "Poll a query job.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/jobId"
          }
        ],
        "responses": {
          "200": {
            "description": "The job.",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/QueryJob"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/services/data/v{version}/jobs/query/{jobId}/results": {
      "get": {
        "operationId": "getQueryJobResults",
        "summary": "One page of a finished query job's rows as CSV.",
        "parameters": [
          {
            "$ref": "#/components/parameters/version"
          },
          {
            "$ref": "#/components/parameters/jobId"
          },
          {
            "name": "locator",
            "in": "query",
            "description": "The previous page's `Sforce-Locator`; absent for the first page.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "maxRecords",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "CSV rows (header row of the selected fields; empty cells for nulls).",
            "headers": {
              "Sforce-Limit-Info": {
                "$ref": "#/components/headers/SforceLimitInfo"
              },
              "Sforce-Locator": {
                "description": "Locator of the next page; the string `null` on the last page.",
                "schema": {
                  "type": "string"
                }
              },
              "Sforce-NumberOfRecords": {
                "description": "Rows in this page.",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]+$"
                }
              }
            },
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
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
      "version": {
        "name": "version",
        "in": "path",
        "required": true,
        "description": "API release, e.g. `66.0` (the path reads `v66.0`).",
        "schema": {
          "type": "string",
          "pattern": "^[0-9]{2}\\.0$"
        }
      },
      "sobject": {
        "name": "sobject",
        "in": "path",
        "required": true,
        "description": "API name of the object (`Account`, `Opportunity`, `Engagement__c`).",
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z][A-Za-z0-9_]*$"
        }
      },
      "recordId": {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$"
        }
      },
      "soql": {
        "name": "q",
        "in": "query",
        "required": true,
        "description": "The SOQL statement.",
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "jobId": {
        "name": "jobId",
        "in": "path",
        "required": true,
        "description": "Bulk API 2.0 job id (`750…`).",
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$"
        }
      },
      "locator": {
        "name": "locator",
        "in": "path",
        "required": true,
        "description": "Query locator from `nextRecordsUrl` (e.g. `01gD0000002HU6KIAW-2000`).",
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "queryOptions": {
        "name": "Sforce-Query-Options",
        "in": "header",
        "description": "`batchSize=n`, 200 to 2,000 (a hint: Salesforce may send fewer).",
        "schema": {
          "type": "string",
          "pattern": "^batchSize=[0-9]+$"
        }
      }
    },
    "headers": {
      "SforceLimitInfo": {
        "description": "The org's API usage over the rolling 24 hours, `api-usage=USED/MAX`.",
        "schema": {
          "type": "string",
          "pattern": "^api-usage=[0-9]+/[0-9]+"
        }
      }
    },
    "responses": {
      "Error": {
        "description": "An error: an array of `{ message, errorCode, fields? }`, or one such object. 400 validation errors\n(`INVALID_FIELD`, `MALFORMED_QUERY`, `REQUIRED_FIELD_MISSING`, `FIELD_CUSTOM_VALIDATION_EXCEPTION`,\n`DUPLICATE_VALUE`, `UNABLE_TO_LOCK_ROW` …), 401 `INVALID_SESSION_ID`, 403 `REQUEST_LIMIT_EXCEEDED`,\n404 `NOT_FOUND`, 420 from Salesforce Edge, 503 `SERVER_UNAVAILABLE`.\n",
        "headers": {
          "Sforce-Limit-Info": {
            "$ref": "#/components/headers/SforceLimitInfo"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "oneOf": [
                {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/ApiError"
                  }
                },
                {
                  "$ref": "#/components/schemas/ApiError"
                }
              ]
            }
          }
        }
      }
    },
    "schemas": {
      "TokenResponse": {
        "type": "object",
        "required": [
          "access_token",
          "instance_url",
          "token_type"
        ],
        "properties": {
          "access_token": {
            "type": "string",
            "minLength": 1
          },
          "instance_url": {
            "type": "string",
            "format": "uri"
          },
          "id": {
            "type": "string",
            "description": "Identity URL of the user"
          },
          "token_type": {
            "type": "string",
            "const": "Bearer"
          },
          "issued_at": {
            "type": "string",
            "description": "Milliseconds since the epoch",
            "as a string": null
          },
          "signature": {
            "type": "string"
          },
          "scope": {
            "type": "string"
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
      "ApiError": {
        "type": "object",
        "required": [
          "message",
          "errorCode"
        ],
        "properties": {
          "message": {
            "type": "string"
          },
          "errorCode": {
            "type": "string"
          },
          "fields": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "RecordError": {
        "type": "object",
        "required": [
          "statusCode",
          "message"
        ],
        "properties": {
          "statusCode": {
            "type": "string"
          },
          "message": {
            "type": "string"
          },
          "fields": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "SaveResult": {
        "type": "object",
        "required": [
          "id",
          "success",
          "errors"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "success": {
            "type": "boolean"
          },
          "errors": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RecordError"
            }
          }
        }
      },
      "UpsertResult": {
        "type": "object",
        "required": [
          "id",
          "success",
          "errors"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "success": {
            "type": "boolean"
          },
          "errors": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RecordError"
            }
          },
          "created": {
            "type": "boolean",
            "description": "Sent from API 46.0"
          }
        }
      },
      "SObjectFields": {
        "type": "object",
        "description": "Field values by API name. `attributes` is ignored on single-record writes.",
        "additionalProperties": true
      },
      "SObjectRecord": {
        "type": "object",
        "required": [
          "attributes"
        ],
        "properties": {
          "attributes": {
            "$ref": "#/components/schemas/Attributes"
          }
        },
        "additionalProperties": true
      },
      "Attributes": {
        "type": "object",
        "required": [
          "type"
        ],
        "properties": {
          "type": {
            "type": "string"
          },
          "url": {
            "type": "string"
          },
          "referenceId": {
            "type": "string"
          }
        }
      },
      "QueryResult": {
        "type": "object",
        "required": [
          "totalSize",
          "done",
          "records"
        ],
        "properties": {
          "totalSize": {
            "type": "integer",
            "minimum": 0
          },
          "done": {
            "type": "boolean"
          },
          "nextRecordsUrl": {
            "type": "string",
            "description": "Instance-relative path of the next batch; absent on the last one."
          },
          "records": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SObjectRecord"
            }
          }
        }
      },
      "CollectionRequest": {
        "type": "object",
        "required": [
          "records"
        ],
        "properties": {
          "allOrNone": {
            "type": "boolean",
            "default": false
          },
          "records": {
            "type": "array",
            "minItems": 1,
            "maxItems": 200,
            "items": {
              "type": "object",
              "required": [
                "attributes"
              ],
              "properties": {
                "attributes": {
                  "$ref": "#/components/schemas/Attributes"
                }
              },
              "additionalProperties": true
            }
          }
        }
      },
      "CollectionResults": {
        "type": "array",
        "items": {
          "type": "object",
          "required": [
            "success",
            "errors"
          ],
          "properties": {
            "id": {
              "type": [
                "string",
                "null"
              ]
            },
            "success": {
              "type": "boolean"
            },
            "created": {
              "type": "boolean"
            },
            "errors": {
              "type": "array",
              "items": {
                "$ref": "#/components/schemas/RecordError"
              }
            }
          }
        }
      },
      "IngestJob": {
        "type": "object",
        "required": [
          "id",
          "operation",
          "object",
          "state"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "operation": {
            "type": "string"
          },
          "object": {
            "type": "string"
          },
          "createdById": {
            "type": "string"
          },
          "createdDate": {
            "type": "string"
          },
          "systemModstamp": {
            "type": "string"
          },
          "state": {
            "type": "string",
            "enum": [
              "Open",
              "UploadComplete",
              "InProgress",
              "JobComplete",
              "Failed",
              "Aborted"
            ]
          },
          "externalIdFieldName": {
            "type": "string"
          },
          "concurrencyMode": {
            "type": "string"
          },
          "contentType": {
            "type": "string"
          },
          "apiVersion": {
            "type": "number"
          },
          "contentUrl": {
            "type": "string",
            "description": "Where to PUT the CSV (instance-relative)"
          },
          "lineEnding": {
            "type": "string"
          },
          "columnDelimiter": {
            "type": "string"
          },
          "jobType": {
            "type": "string"
          },
          "numberRecordsProcessed": {
            "type": "integer"
          },
          "numberRecordsFailed": {
            "type": "integer"
          },
          "retries": {
            "type": "integer"
          },
          "totalProcessingTime": {
            "type": "integer"
          },
          "errorMessage": {
            "type": "string"
          }
        }
      },
      "QueryJob": {
        "type": "object",
        "required": [
          "id",
          "operation",
          "state"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "operation": {
            "type": "string"
          },
          "object": {
            "type": "string"
          },
          "createdById": {
            "type": "string"
          },
          "createdDate": {
            "type": "string"
          },
          "systemModstamp": {
            "type": "string"
          },
          "state": {
            "type": "string",
            "enum": [
              "UploadComplete",
              "InProgress",
              "JobComplete",
              "Failed",
              "Aborted"
            ]
          },
          "concurrencyMode": {
            "type": "string"
          },
          "contentType": {
            "type": "string"
          },
          "apiVersion": {
            "type": "number"
          },
          "lineEnding": {
            "type": "string"
          },
          "columnDelimiter": {
            "type": "string"
          },
          "numberRecordsProcessed": {
            "type": "integer"
          },
          "retries": {
            "type": "integer"
          },
          "totalProcessingTime": {
            "type": "integer"
          },
          "errorMessage": {
            "type": "string"
          }
        }
      },
      "DescribeResult": {
        "type": "object",
        "required": [
          "name",
          "fields"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "label": {
            "type": "string"
          },
          "custom": {
            "type": "boolean"
          },
          "fields": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "name",
                "type"
              ],
              "properties": {
                "name": {
                  "type": "string"
                },
                "label": {
                  "type": "string"
                },
                "type": {
                  "type": "string"
                },
                "externalId": {
                  "type": "boolean"
                },
                "nillable": {
                  "type": "boolean"
                },
                "custom": {
                  "type": "boolean"
                },
                "length": {
                  "type": "integer"
                },
                "precision": {
                  "type": "integer"
                },
                "scale": {
                  "type": "integer"
                },
                "picklistValues": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "value"
                    ],
                    "properties": {
                      "value": {
                        "type": "string"
                      },
                      "label": {
                        "type": [
                          "string",
                          "null"
                        ]
                      },
                      "active": {
                        "type": "boolean"
                      },
                      "defaultValue": {
                        "type": "boolean"
                      },
                      "validFor": {
                        "type": [
                          "string",
                          "null"
                        ]
                      }
                    }
                  }
                }
              }
            }
          }
        },
        "additionalProperties": true
      }
    }
  }
};
