/**
 * This file was generated from openapi/kantata.yaml by scripts/embed-spec.ts.
 * Do not make direct changes to the file.
 */

/** The Kantata OX API v1 subset (openapi/kantata.yaml) as a parsed OpenAPI 3.1 document. */
export const kantataOpenApi: Record<string, unknown> = {
  "openapi": "3.1.0",
  "info": {
    "title": "Kantata OX API v1 (Ledgerline subset)",
    "version": "1.0.0",
    "summary": "The read side of the Kantata OX (formerly Mavenlink) PSA API that Ledgerline's PSA connector uses.",
    "description": "A subset of the Kantata OX API v1, written for Ledgerline from the public developer documentation\n(developer.kantata.com). It describes only what connector-psa reads: projects (workspaces), their work\nbreakdown (stories), time, timesheet submissions, expenses, people, organizations, staffing and\nexternal references.\n\nEvery list, show (`GET /{resource}/{id}.json`) and update (`PUT /{resource}/{id}.json`) endpoint answers\nwith the same envelope:\n\n- `count`: the number of matching records over all pages — **not always sent**;\n- `meta`: `count`, `page_count`, `page_number`, `page_size` — **often absent** (clients must not depend\n  on it: a page shorter than `per_page`, or an empty one, is the last);\n- `results`: the requested records **in order**, as `{ key, id }` pairs, where `key` names the map that\n  holds the record (e.g. `time_entries`) and `id` its key in that map;\n- one id-keyed map per record type (`time_entries`, `users`, `stories`, ...). The maps hold both the\n  requested records and the records side-loaded through `include=`; a map's key order means nothing,\n  so clients walk `results`.\n\nPaging is by `page` (1-based, default 1) and `per_page` (default 20, at most 200).\nErrors come back as `{ \"errors\": [{ \"type\", \"message\", \"field\"? }] }`.\n\nItems marked UNCONFIRMED are modelled from a single source and need a second one.\n"
  },
  "servers": [
    {
      "url": "https://api.mavenlink.com/api/v1",
      "description": "Kantata OX production API"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "paths": {
    "/workspaces.json": {
      "get": {
        "operationId": "listWorkspaces",
        "summary": "List projects (workspaces) visible to the token's user.",
        "tags": [
          "workspaces"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(creator|primary_maven|participants|workspace_groups|external_references)(,(creator|primary_maven|participants|workspace_groups|external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of workspaces.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspacesPage"
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
    "/workspace_groups.json": {
      "get": {
        "operationId": "listWorkspaceGroups",
        "summary": "List workspace groups; a group with `company` set stands for a client.",
        "tags": [
          "workspaces"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(workspaces)$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of workspace groups.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceGroupsPage"
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
    "/stories.json": {
      "get": {
        "operationId": "listStories",
        "summary": "List tasks, deliverables, milestones and issues.",
        "tags": [
          "stories"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "$ref": "#/components/parameters/WorkspaceId"
          },
          {
            "name": "story_type",
            "in": "query",
            "description": "Keep only stories of this type.",
            "schema": {
              "$ref": "#/components/schemas/StoryType"
            }
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(workspace|parent|external_references)(,(workspace|parent|external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of stories.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/StoriesPage"
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
    "/time_entries.json": {
      "get": {
        "operationId": "listTimeEntries",
        "summary": "List time entries.",
        "description": "Sorted by `date_performed` descending unless `order` says otherwise.",
        "tags": [
          "time_entries"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "$ref": "#/components/parameters/WorkspaceId"
          },
          {
            "$ref": "#/components/parameters/Approved"
          },
          {
            "name": "date_performed_between",
            "in": "query",
            "description": "Inclusive date range `YYYY-MM-DD:YYYY-MM-DD`.",
            "schema": {
              "type": "string",
              "pattern": "^\\d{4}-\\d{2}-\\d{2}:\\d{4}-\\d{2}-\\d{2}$"
            }
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(user|story|workspace|active_submission|external_references)(,(user|story|workspace|active_submission|external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of time entries.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TimeEntriesPage"
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
    "/timesheet_submissions.json": {
      "get": {
        "operationId": "listTimesheetSubmissions",
        "summary": "List timesheet submissions (one user, one workspace, one week).",
        "tags": [
          "timesheet_submissions"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "$ref": "#/components/parameters/WorkspaceId"
          },
          {
            "name": "status",
            "in": "query",
            "description": "Keep only submissions in this status.",
            "schema": {
              "$ref": "#/components/schemas/SubmissionStatus"
            }
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(user|workspace|time_entries)(,(user|workspace|time_entries))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of timesheet submissions.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TimesheetSubmissionsPage"
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
    "/expenses.json": {
      "get": {
        "operationId": "listExpenses",
        "summary": "List expenses.",
        "description": "Expenses carry no approval attribute (and there is no `approved` filter): approval lives on the\nexpense report submission an expense belongs to (`active_submission_id`, `recent_submission_id`);\n`include=active_submission` side-loads it into `expense_report_submissions`.\n",
        "tags": [
          "expenses"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "$ref": "#/components/parameters/WorkspaceId"
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(user|story|workspace|active_submission|external_references)(,(user|story|workspace|active_submission|external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of expenses.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExpensesPage"
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
    "/expense_report_submissions.json": {
      "get": {
        "operationId": "listExpenseReportSubmissions",
        "summary": "List expense report submissions (the approval requests of expenses).",
        "description": "Answers the token user's own submissions unless `all_on_account=true` asks for every submission on\nthe account the user may see.\n",
        "tags": [
          "expenses"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "$ref": "#/components/parameters/WorkspaceId"
          },
          {
            "name": "all_on_account",
            "in": "query",
            "description": "`true`: every submission on the account visible to the user, not only the user's own.",
            "schema": {
              "type": "boolean"
            }
          },
          {
            "name": "active",
            "in": "query",
            "description": "`true`: only active submissions.",
            "schema": {
              "type": "boolean"
            }
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(expenses|user|workspace|external_references)(,(expenses|user|workspace|external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of expense report submissions.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExpenseReportSubmissionsPage"
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
    "/users.json": {
      "get": {
        "operationId": "listUsers",
        "summary": "List users (consultants, managers, clients) visible to the token's user.",
        "tags": [
          "users"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(external_references)$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of users.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UsersPage"
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
    "/organizations.json": {
      "get": {
        "operationId": "listOrganizations",
        "summary": "List organizations (the Department and Geography trees).",
        "tags": [
          "organizations"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(parent)$"
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
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/workspace_resources.json": {
      "get": {
        "operationId": "listWorkspaceResources",
        "summary": "List resources (a role, optionally filled by a user) staffed on workspaces.",
        "tags": [
          "staffing"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "$ref": "#/components/parameters/WorkspaceId"
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(user|workspace)(,(user|workspace))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of workspace resources.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceResourcesPage"
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
    "/assignments.json": {
      "get": {
        "operationId": "listAssignments",
        "summary": "List assignments of workspace resources to stories.",
        "tags": [
          "staffing"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(story|resource|assignee)(,(story|resource|assignee))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of assignments.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AssignmentsPage"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "post": {
        "operationId": "createAssignment",
        "summary": "Assigns a user to a story (task, deliverable or milestone).",
        "description": "`story_id` and `assignee_id` are required; `resource_id` (a workspace resource) is optional.",
        "tags": [
          "staffing"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "assignment"
                ],
                "properties": {
                  "assignment": {
                    "$ref": "#/components/schemas/AssignmentCreate"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The created assignment, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AssignmentsPage"
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
    "/external_references.json": {
      "get": {
        "operationId": "listExternalReferences",
        "summary": "List third-party identifiers attached to Kantata objects.",
        "tags": [
          "external_references"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "$ref": "#/components/parameters/Only"
          },
          {
            "$ref": "#/components/parameters/Order"
          },
          {
            "$ref": "#/components/parameters/UpdatedAfter"
          },
          {
            "name": "subject_type",
            "in": "query",
            "description": "Keep only references on this type of object (e.g. `Workspace`, `TimeEntry`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "subject_id",
            "in": "query",
            "description": "Keep only references on this object.",
            "schema": {
              "$ref": "#/components/schemas/Id"
            }
          },
          {
            "name": "service_name",
            "in": "query",
            "description": "Keep only references of this external system (e.g. `NetSuite`).",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of external references.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExternalReferencesPage"
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
    "/external_references/create_or_update.json": {
      "post": {
        "operationId": "createOrUpdateExternalReference",
        "summary": "Creates an external reference on a Kantata object, or updates the one it already has.",
        "description": "Records the id an object has in another system (e.g. the NetSuite invoice raised for a milestone).\nThe reference of the same subject (`subject_type`, `subject_id`), system (`service_name`) and external\ntype (`service_model`) is updated rather than duplicated — which makes the call safe to repeat\n(UNCONFIRMED: Kantata documents create-or-update without naming the matching attributes).\n",
        "tags": [
          "external_references"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "external_reference"
                ],
                "properties": {
                  "external_reference": {
                    "$ref": "#/components/schemas/ExternalReferenceWrite"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The created or updated reference, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExternalReferencesPage"
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
    "/workspaces/{id}.json": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RecordId"
        }
      ],
      "get": {
        "operationId": "show_workspaces",
        "summary": "One workspaces record, in the list envelope (`results` holds the one record).",
        "tags": [
          "workspaces"
        ],
        "parameters": [
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(creator|primary_maven|participants|workspace_groups|external_references)(,(creator|primary_maven|participants|workspace_groups|external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspacesPage"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "put": {
        "operationId": "update_workspaces",
        "summary": "Updates one workspaces record; answers the updated record in the list envelope.",
        "tags": [
          "workspaces"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateBody"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspacesPage"
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
    "/time_entries/{id}.json": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RecordId"
        }
      ],
      "get": {
        "operationId": "show_time_entries",
        "summary": "One time_entries record, in the list envelope (`results` holds the one record).",
        "tags": [
          "time_entries"
        ],
        "parameters": [
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(user|story|workspace|active_submission|external_references)(,(user|story|workspace|active_submission|external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TimeEntriesPage"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "put": {
        "operationId": "update_time_entries",
        "summary": "Updates one time_entries record; answers the updated record in the list envelope.",
        "tags": [
          "time_entries"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateBody"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TimeEntriesPage"
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
    "/expenses/{id}.json": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RecordId"
        }
      ],
      "get": {
        "operationId": "show_expenses",
        "summary": "One expenses record, in the list envelope (`results` holds the one record).",
        "tags": [
          "expenses"
        ],
        "parameters": [
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(user|story|workspace|active_submission|external_references)(,(user|story|workspace|active_submission|external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExpensesPage"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "put": {
        "operationId": "update_expenses",
        "summary": "Updates one expenses record; answers the updated record in the list envelope.",
        "tags": [
          "expenses"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateBody"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExpensesPage"
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
    "/users/{id}.json": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RecordId"
        }
      ],
      "get": {
        "operationId": "show_users",
        "summary": "One users record, in the list envelope (`results` holds the one record).",
        "tags": [
          "users"
        ],
        "parameters": [
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(external_references)(,(external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UsersPage"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "put": {
        "operationId": "update_users",
        "summary": "Updates one users record; answers the updated record in the list envelope.",
        "tags": [
          "users"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateBody"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UsersPage"
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
    "/timesheet_submissions/{id}.json": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RecordId"
        }
      ],
      "get": {
        "operationId": "show_timesheet_submissions",
        "summary": "One timesheet_submissions record, in the list envelope (`results` holds the one record).",
        "tags": [
          "timesheet_submissions"
        ],
        "parameters": [
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(user|workspace|time_entries)(,(user|workspace|time_entries))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TimesheetSubmissionsPage"
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
    "/timesheet_submissions/{id}/approve.json": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RecordId"
        }
      ],
      "put": {
        "operationId": "approve_timesheet_submissions",
        "summary": "Approves one submission (an update of its status); answers it in the list envelope.",
        "tags": [
          "timesheet_submissions"
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ResolutionBody"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The approved submission, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TimesheetSubmissionsPage"
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
    "/expense_report_submissions/{id}.json": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RecordId"
        }
      ],
      "get": {
        "operationId": "show_expense_report_submissions",
        "summary": "One expense_report_submissions record, in the list envelope (`results` holds the one record).",
        "tags": [
          "expenses"
        ],
        "parameters": [
          {
            "name": "include",
            "in": "query",
            "description": "Comma-separated associations to side-load.",
            "schema": {
              "type": "string",
              "pattern": "^(expenses|user|workspace|external_references)(,(expenses|user|workspace|external_references))*$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The record, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExpenseReportSubmissionsPage"
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
    "/expense_report_submissions/{id}/approve.json": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RecordId"
        }
      ],
      "put": {
        "operationId": "approve_expense_report_submissions",
        "summary": "Approves one submission (an update of its status); answers it in the list envelope.",
        "tags": [
          "expenses"
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ResolutionBody"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The approved submission, in the list envelope.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExpenseReportSubmissionsPage"
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
        "scheme": "bearer",
        "description": "OAuth 2.0 access token (`https://app.mavenlink.com/oauth/authorize`, `/oauth/token`)."
      }
    },
    "parameters": {
      "RecordId": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "The record id.",
        "schema": {
          "$ref": "#/components/schemas/Id"
        }
      },
      "Page": {
        "name": "page",
        "in": "query",
        "description": "1-based page number. Default 1.",
        "schema": {
          "type": "integer",
          "minimum": 1
        }
      },
      "PerPage": {
        "name": "per_page",
        "in": "query",
        "description": "Records per page. Default 20, at most 200.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 200
        }
      },
      "Only": {
        "name": "only",
        "in": "query",
        "description": "Comma-separated ids; answer only these records.",
        "schema": {
          "type": "string",
          "pattern": "^\\d+(,\\d+)*$"
        }
      },
      "Order": {
        "name": "order",
        "in": "query",
        "description": "Sort order as `field:asc` or `field:desc` (e.g. `updated_at:asc`).",
        "schema": {
          "type": "string",
          "pattern": "^[a-z_]+:(asc|desc)$"
        }
      },
      "UpdatedAfter": {
        "name": "updated_after",
        "in": "query",
        "description": "Keep only records whose `updated_at` is later than this instant (ISO 8601).",
        "schema": {
          "type": "string",
          "format": "date-time"
        }
      },
      "WorkspaceId": {
        "name": "workspace_id",
        "in": "query",
        "description": "Keep only records of this workspace (or these comma-separated workspaces).",
        "schema": {
          "type": "string",
          "pattern": "^\\d+(,\\d+)*$"
        }
      },
      "Approved": {
        "name": "approved",
        "in": "query",
        "description": "`true` keeps approved records only, `false` unapproved ones only.",
        "schema": {
          "type": "boolean"
        }
      }
    },
    "responses": {
      "Error": {
        "description": "Any error: 400 bad request, 401 OAuth (missing, invalid or expired token), 403 forbidden,\n404 not found, 422 validation, 429 too many requests (retry after a small delay; no rate-limit\nheaders are documented — UNCONFIRMED), 500 and 503.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorBody"
            }
          }
        }
      }
    },
    "schemas": {
      "Id": {
        "description": "Kantata ids are decimal digits sent as JSON strings.",
        "type": "string",
        "pattern": "^\\d+$"
      },
      "Date": {
        "type": "string",
        "format": "date"
      },
      "Instant": {
        "type": "string",
        "format": "date-time"
      },
      "ErrorBody": {
        "type": "object",
        "required": [
          "errors"
        ],
        "properties": {
          "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
              "$ref": "#/components/schemas/ErrorItem"
            }
          }
        }
      },
      "ErrorItem": {
        "type": "object",
        "required": [
          "type",
          "message"
        ],
        "properties": {
          "type": {
            "description": "`oauth` for authentication problems, `validation` for bad input, `system` otherwise.",
            "type": "string",
            "enum": [
              "oauth",
              "system",
              "validation"
            ]
          },
          "message": {
            "type": "string"
          },
          "field": {
            "description": "The attribute a validation error is about.",
            "type": "string"
          }
        }
      },
      "Meta": {
        "type": "object",
        "required": [
          "count",
          "page_count",
          "page_number",
          "page_size"
        ],
        "properties": {
          "count": {
            "type": "integer",
            "minimum": 0
          },
          "page_count": {
            "type": "integer",
            "minimum": 0
          },
          "page_number": {
            "type": "integer",
            "minimum": 1
          },
          "page_size": {
            "type": "integer",
            "minimum": 1,
            "maximum": 200
          }
        }
      },
      "ResultRef": {
        "description": "One requested record, in response order.",
        "type": "object",
        "required": [
          "key",
          "id"
        ],
        "properties": {
          "key": {
            "description": "The name of the map holding the record (e.g. `time_entries`).",
            "type": "string"
          },
          "id": {
            "$ref": "#/components/schemas/Id"
          }
        }
      },
      "Envelope": {
        "description": "The frame of every list, show and update response. Each map is keyed by record id and may hold\nrequested and side-loaded records alike; only `results` carries order. `count` and `meta` are not\nalways sent.\n",
        "type": "object",
        "required": [
          "results"
        ],
        "properties": {
          "count": {
            "type": "integer",
            "minimum": 0
          },
          "meta": {
            "$ref": "#/components/schemas/Meta"
          },
          "results": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ResultRef"
            }
          },
          "workspaces": {
            "$ref": "#/components/schemas/WorkspaceMap"
          },
          "workspace_groups": {
            "$ref": "#/components/schemas/WorkspaceGroupMap"
          },
          "stories": {
            "$ref": "#/components/schemas/StoryMap"
          },
          "time_entries": {
            "$ref": "#/components/schemas/TimeEntryMap"
          },
          "timesheet_submissions": {
            "$ref": "#/components/schemas/TimesheetSubmissionMap"
          },
          "expenses": {
            "$ref": "#/components/schemas/ExpenseMap"
          },
          "expense_report_submissions": {
            "$ref": "#/components/schemas/ExpenseReportSubmissionMap"
          },
          "users": {
            "$ref": "#/components/schemas/UserMap"
          },
          "organizations": {
            "$ref": "#/components/schemas/OrganizationMap"
          },
          "workspace_resources": {
            "$ref": "#/components/schemas/WorkspaceResourceMap"
          },
          "assignments": {
            "$ref": "#/components/schemas/AssignmentMap"
          },
          "external_references": {
            "$ref": "#/components/schemas/ExternalReferenceMap"
          }
        }
      },
      "WorkspaceMap": {
        "description": "Workspace records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/Workspace"
        }
      },
      "WorkspaceGroupMap": {
        "description": "WorkspaceGroup records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/WorkspaceGroup"
        }
      },
      "StoryMap": {
        "description": "Story records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/Story"
        }
      },
      "TimeEntryMap": {
        "description": "TimeEntry records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/TimeEntry"
        }
      },
      "TimesheetSubmissionMap": {
        "description": "TimesheetSubmission records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/TimesheetSubmission"
        }
      },
      "ExpenseReportSubmissionMap": {
        "description": "ExpenseReportSubmission records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/ExpenseReportSubmission"
        }
      },
      "ExpenseMap": {
        "description": "Expense records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/Expense"
        }
      },
      "UserMap": {
        "description": "User records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/User"
        }
      },
      "OrganizationMap": {
        "description": "Organization records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/Organization"
        }
      },
      "WorkspaceResourceMap": {
        "description": "WorkspaceResource records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/WorkspaceResource"
        }
      },
      "AssignmentMap": {
        "description": "Assignment records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/Assignment"
        }
      },
      "ExternalReferenceMap": {
        "description": "ExternalReference records keyed by id.",
        "type": "object",
        "additionalProperties": {
          "$ref": "#/components/schemas/ExternalReference"
        }
      },
      "WorkspacesPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "workspaces"
            ],
            "properties": {
              "workspaces": {
                "$ref": "#/components/schemas/WorkspaceMap"
              }
            }
          }
        ]
      },
      "WorkspaceGroupsPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "workspace_groups"
            ],
            "properties": {
              "workspace_groups": {
                "$ref": "#/components/schemas/WorkspaceGroupMap"
              }
            }
          }
        ]
      },
      "StoriesPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "stories"
            ],
            "properties": {
              "stories": {
                "$ref": "#/components/schemas/StoryMap"
              }
            }
          }
        ]
      },
      "TimeEntriesPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "time_entries"
            ],
            "properties": {
              "time_entries": {
                "$ref": "#/components/schemas/TimeEntryMap"
              }
            }
          }
        ]
      },
      "TimesheetSubmissionsPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "timesheet_submissions"
            ],
            "properties": {
              "timesheet_submissions": {
                "$ref": "#/components/schemas/TimesheetSubmissionMap"
              }
            }
          }
        ]
      },
      "ExpensesPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "expenses"
            ],
            "properties": {
              "expenses": {
                "$ref": "#/components/schemas/ExpenseMap"
              }
            }
          }
        ]
      },
      "UsersPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "users"
            ],
            "properties": {
              "users": {
                "$ref": "#/components/schemas/UserMap"
              }
            }
          }
        ]
      },
      "OrganizationsPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "organizations"
            ],
            "properties": {
              "organizations": {
                "$ref": "#/components/schemas/OrganizationMap"
              }
            }
          }
        ]
      },
      "WorkspaceResourcesPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "workspace_resources"
            ],
            "properties": {
              "workspace_resources": {
                "$ref": "#/components/schemas/WorkspaceResourceMap"
              }
            }
          }
        ]
      },
      "AssignmentsPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "assignments"
            ],
            "properties": {
              "assignments": {
                "$ref": "#/components/schemas/AssignmentMap"
              }
            }
          }
        ]
      },
      "ExternalReferencesPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "external_references"
            ],
            "properties": {
              "external_references": {
                "$ref": "#/components/schemas/ExternalReferenceMap"
              }
            }
          }
        ]
      },
      "ExpenseReportSubmissionsPage": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "expense_report_submissions"
            ],
            "properties": {
              "expense_report_submissions": {
                "$ref": "#/components/schemas/ExpenseReportSubmissionMap"
              }
            }
          }
        ]
      },
      "UpdateBody": {
        "description": "`{ <singular type>: { attribute: value, ... } }`, e.g. `{ \"workspace\": { \"title\": \"…\" } }`.",
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": {
          "type": "object"
        }
      },
      "ResolutionBody": {
        "description": "An optional resolution note of an approval, rejection or cancellation.",
        "type": "object",
        "properties": {
          "resolution": {
            "type": "object",
            "properties": {
              "description": {
                "type": "string"
              }
            }
          }
        }
      },
      "AssignmentCreate": {
        "type": "object",
        "required": [
          "story_id",
          "assignee_id"
        ],
        "properties": {
          "story_id": {
            "$ref": "#/components/schemas/Id"
          },
          "assignee_id": {
            "$ref": "#/components/schemas/Id"
          },
          "resource_id": {
            "$ref": "#/components/schemas/Id"
          }
        }
      },
      "WorkspaceStatus": {
        "description": "The project's status as the account configures it: a colour and its label. A `key` is not always\nsent; the status's numeric key comes separately as the workspace's `status_key`.\n",
        "type": "object",
        "required": [
          "color",
          "message"
        ],
        "properties": {
          "color": {
            "type": "string"
          },
          "key": {
            "type": "integer"
          },
          "message": {
            "type": "string"
          }
        }
      },
      "Workspace": {
        "description": "A project. The financial attributes (`currency`, `price`, `price_in_cents`, `budget_used`,\n`over_budget`, `total_expenses_in_cents`) are sent only to tokens with financial access, and\n`require_time_approvals` / `require_expense_approvals` are often absent: absent means unknown.\n",
        "type": "object",
        "required": [
          "id",
          "title",
          "status",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "title": {
            "type": "string"
          },
          "description": {
            "type": [
              "string",
              "null"
            ]
          },
          "archived": {
            "type": "boolean"
          },
          "workspace_type": {
            "type": "string"
          },
          "start_date": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Date"
              },
              {
                "type": "null"
              }
            ]
          },
          "due_date": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Date"
              },
              {
                "type": "null"
              }
            ]
          },
          "effective_due_date": {
            "description": "The due date in effect (the latest task's when later); `\"\"` when none is set.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Date"
              },
              {
                "type": "string",
                "maxLength": 0
              },
              {
                "type": "null"
              }
            ]
          },
          "budgeted": {
            "type": "boolean"
          },
          "change_orders_enabled": {
            "type": "boolean"
          },
          "consultant_role_name": {
            "type": "string"
          },
          "client_role_name": {
            "type": "string"
          },
          "percentage_complete": {
            "type": "integer"
          },
          "access_level": {
            "description": "Who may join, e.g. `invitation`, `open`.",
            "type": "string"
          },
          "exclude_archived_stories_percent_complete": {
            "type": "boolean"
          },
          "can_create_line_items": {
            "type": "boolean"
          },
          "can_invite": {
            "type": "boolean"
          },
          "has_budget_access": {
            "description": "Whether the token's user may see the budget.",
            "type": "boolean"
          },
          "default_rate": {
            "description": "Default bill rate, formatted for display (financial access only).",
            "type": [
              "string",
              "null"
            ]
          },
          "currency_base_unit": {
            "type": "integer"
          },
          "currency": {
            "description": "ISO 4217 code (financial access only).",
            "type": "string"
          },
          "currency_symbol": {
            "type": "string"
          },
          "price": {
            "description": "The budget formatted for display, e.g. `\"$125,000\"` (financial access only).",
            "type": [
              "string",
              "null"
            ]
          },
          "price_in_cents": {
            "description": "The project budget in minor units of `currency` (financial access only).",
            "type": [
              "integer",
              "null"
            ]
          },
          "budget_used": {
            "description": "Budget used, formatted for display (financial access only).",
            "type": [
              "string",
              "null"
            ]
          },
          "over_budget": {
            "type": "boolean"
          },
          "total_expenses_in_cents": {
            "type": [
              "integer",
              "null"
            ]
          },
          "status": {
            "$ref": "#/components/schemas/WorkspaceStatus"
          },
          "status_key": {
            "description": "Numeric key of `status` in the account's status list.",
            "type": "integer"
          },
          "require_time_approvals": {
            "type": "boolean"
          },
          "require_expense_approvals": {
            "type": "boolean"
          },
          "stories_are_fixed_fee_by_default": {
            "description": "Whether new tasks are fixed fee (otherwise billed on time).",
            "type": "boolean"
          },
          "creator_id": {
            "$ref": "#/components/schemas/Id"
          },
          "primary_maven_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "primary_workspace_group_id": {
            "description": "The workspace group that stands for the project's client.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "rate_card_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "workspace_group_ids": {
            "description": "Present when `workspace_groups` is included.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          },
          "participant_ids": {
            "description": "Present when `participants` is included.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          },
          "external_reference_ids": {
            "description": "Present when `external_references` is included.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          }
        }
      },
      "WorkspaceGroup": {
        "description": "A named group of workspaces; with `company` set it represents a client company.",
        "type": "object",
        "required": [
          "id",
          "name",
          "company",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "name": {
            "type": "string"
          },
          "company": {
            "type": "boolean"
          },
          "workspace_ids": {
            "description": "Present when `workspaces` is included.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          }
        }
      },
      "StoryType": {
        "type": "string",
        "enum": [
          "task",
          "deliverable",
          "milestone"
        ]
      },
      "Story": {
        "description": "A unit of the work breakdown of a workspace.",
        "type": "object",
        "required": [
          "id",
          "title",
          "story_type",
          "workspace_id",
          "state",
          "billable",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "title": {
            "type": "string"
          },
          "description": {
            "type": [
              "string",
              "null"
            ]
          },
          "story_type": {
            "$ref": "#/components/schemas/StoryType"
          },
          "workspace_id": {
            "$ref": "#/components/schemas/Id"
          },
          "parent_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "start_date": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Date"
              },
              {
                "type": "null"
              }
            ]
          },
          "due_date": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Date"
              },
              {
                "type": "null"
              }
            ]
          },
          "state": {
            "description": "Workflow state, e.g. `not started`, `started`, `needs feedback`, `completed`.",
            "type": "string"
          },
          "billable": {
            "type": "boolean"
          },
          "fixed_fee": {
            "type": "boolean"
          },
          "budget_estimate_in_cents": {
            "type": [
              "integer",
              "null"
            ]
          },
          "percentage_complete": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100
          },
          "archived": {
            "type": "boolean"
          },
          "external_reference_ids": {
            "description": "Present when `external_references` is included.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          }
        }
      },
      "TimeEntry": {
        "description": "Time a user logged against a workspace (and optionally a story) on one day.",
        "type": "object",
        "required": [
          "id",
          "date_performed",
          "time_in_minutes",
          "billable",
          "approved",
          "workspace_id",
          "user_id",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "date_performed": {
            "$ref": "#/components/schemas/Date"
          },
          "time_in_minutes": {
            "type": "integer",
            "minimum": 0
          },
          "billable": {
            "type": "boolean"
          },
          "notes": {
            "type": [
              "string",
              "null"
            ]
          },
          "rate_in_cents": {
            "description": "Bill rate per hour in minor units of `currency` (financial access only).",
            "type": [
              "integer",
              "null"
            ]
          },
          "cost_rate_in_cents": {
            "description": "Cost rate per hour in minor units of `currency` (financial access only).",
            "type": [
              "integer",
              "null"
            ]
          },
          "currency": {
            "description": "ISO 4217 code.",
            "type": "string"
          },
          "currency_symbol": {
            "type": "string"
          },
          "currency_base_unit": {
            "description": "Minor units per major unit (100 for USD).",
            "type": "integer"
          },
          "approved": {
            "type": "boolean"
          },
          "user_can_edit": {
            "description": "Whether the token's user may still edit the entry (false once approved or invoiced).",
            "type": "boolean"
          },
          "is_invoiced": {
            "type": "boolean"
          },
          "invoice_id": {
            "description": "The invoice the entry is billed on, if any.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "taxable": {
            "type": "boolean"
          },
          "location": {
            "description": "Where the work was performed (free text), if recorded.",
            "type": [
              "string",
              "null"
            ]
          },
          "workspace_id": {
            "$ref": "#/components/schemas/Id"
          },
          "story_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "user_id": {
            "$ref": "#/components/schemas/Id"
          },
          "role_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "active_submission_id": {
            "description": "The timesheet submission the entry is currently part of, if any.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "recent_submission_id": {
            "description": "The latest timesheet submission the entry was part of (also after a rejection).",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "external_reference_ids": {
            "description": "Present when `external_references` is included.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          }
        }
      },
      "SubmissionStatus": {
        "type": "string",
        "enum": [
          "pending",
          "approved",
          "rejected",
          "cancelled"
        ]
      },
      "TimesheetSubmission": {
        "description": "A user's time on one workspace for one period (usually a week), submitted for approval.",
        "type": "object",
        "required": [
          "id",
          "status",
          "workspace_id",
          "user_id",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "title": {
            "type": [
              "string",
              "null"
            ]
          },
          "type": {
            "description": "The submission type, e.g. `TimesheetSubmission`.",
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/SubmissionStatus"
          },
          "comment": {
            "type": [
              "string",
              "null"
            ]
          },
          "resolution_description": {
            "description": "The note of the latest resolution, if any.",
            "type": [
              "string",
              "null"
            ]
          },
          "current_resolution_description": {
            "description": "The note of the current resolution (approval, rejection, cancellation), if any.",
            "type": [
              "string",
              "null"
            ]
          },
          "current_resolution_creator_id": {
            "description": "Who resolved it, if resolved.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "current_resolution_created_at_date": {
            "description": "The day of the current resolution, if resolved.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Date"
              },
              {
                "type": "null"
              }
            ]
          },
          "start_date": {
            "$ref": "#/components/schemas/Date"
          },
          "end_date": {
            "$ref": "#/components/schemas/Date"
          },
          "line_item_total_in_cents": {
            "description": "Total of the submitted time at its bill rates, in minor units of `currency`.",
            "type": [
              "integer",
              "null"
            ]
          },
          "currency": {
            "type": "string"
          },
          "workspace_id": {
            "$ref": "#/components/schemas/Id"
          },
          "user_id": {
            "$ref": "#/components/schemas/Id"
          },
          "time_entry_ids": {
            "description": "Present when `time_entries` is included.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          }
        }
      },
      "ExpenseReportSubmission": {
        "description": "A user's expenses on one workspace, submitted for approval. This — not the expense — carries the\napproval: `status` is the state of every expense in `expense_ids`.\n",
        "type": "object",
        "required": [
          "id",
          "status",
          "expense_ids",
          "workspace_id",
          "user_id",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "title": {
            "type": [
              "string",
              "null"
            ]
          },
          "type": {
            "description": "The submission type, e.g. `ExpenseReportSubmission`.",
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/SubmissionStatus"
          },
          "comment": {
            "type": [
              "string",
              "null"
            ]
          },
          "resolution_description": {
            "type": [
              "string",
              "null"
            ]
          },
          "current_resolution_description": {
            "description": "The note of the current resolution (approval, rejection, cancellation), if any.",
            "type": [
              "string",
              "null"
            ]
          },
          "current_resolution_creator_id": {
            "description": "Who resolved it, if resolved.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "current_resolution_created_at_date": {
            "description": "The day of the current resolution, if resolved.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Date"
              },
              {
                "type": "null"
              }
            ]
          },
          "submitted_at": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Instant"
              },
              {
                "type": "null"
              }
            ]
          },
          "line_item_total_in_cents": {
            "type": [
              "integer",
              "null"
            ]
          },
          "currency": {
            "type": "string"
          },
          "expense_ids": {
            "description": "The expenses of this submission.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          },
          "workspace_id": {
            "$ref": "#/components/schemas/Id"
          },
          "user_id": {
            "$ref": "#/components/schemas/Id"
          }
        }
      },
      "Expense": {
        "description": "A cost incurred for a workspace that is not time. There is no approval attribute: see the expense\nreport submission of `active_submission_id` (or, once resolved, `recent_submission_id`).\n",
        "type": "object",
        "required": [
          "id",
          "date",
          "amount_in_cents",
          "currency",
          "category",
          "is_billable",
          "workspace_id",
          "user_id",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "date": {
            "$ref": "#/components/schemas/Date"
          },
          "notes": {
            "type": [
              "string",
              "null"
            ]
          },
          "category": {
            "description": "Free text; the built-in categories are Travel, Mileage, Lodging, Food, Entertainment, Other.",
            "type": "string"
          },
          "amount_in_cents": {
            "description": "Amount in minor units of `currency`.",
            "type": "integer"
          },
          "currency": {
            "description": "ISO 4217 code.",
            "type": "string"
          },
          "currency_symbol": {
            "type": "string"
          },
          "currency_base_unit": {
            "type": "integer"
          },
          "user_can_edit": {
            "type": "boolean"
          },
          "is_billable": {
            "type": "boolean"
          },
          "is_invoiced": {
            "type": "boolean"
          },
          "reimbursable": {
            "type": "boolean"
          },
          "taxable": {
            "type": "boolean"
          },
          "vendor": {
            "type": [
              "string",
              "null"
            ]
          },
          "payment_type": {
            "type": [
              "string",
              "null"
            ]
          },
          "workspace_id": {
            "$ref": "#/components/schemas/Id"
          },
          "story_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "user_id": {
            "$ref": "#/components/schemas/Id"
          },
          "invoice_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "active_submission_id": {
            "description": "The expense report submission the expense is currently part of, if any.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "recent_submission_id": {
            "description": "The latest expense report submission the expense was part of (also after a rejection).",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "external_reference_ids": {
            "description": "Present when `external_references` is included.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          }
        }
      },
      "User": {
        "description": "A person. Users carry no timestamps; `disabled` marks people deactivated on the account.",
        "type": "object",
        "required": [
          "id",
          "full_name"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "full_name": {
            "type": "string"
          },
          "photo_path": {
            "type": [
              "string",
              "null"
            ]
          },
          "email_address": {
            "type": [
              "string",
              "null"
            ]
          },
          "headline": {
            "type": [
              "string",
              "null"
            ]
          },
          "generic": {
            "description": "A placeholder (generic) resource, not a person.",
            "type": "boolean"
          },
          "disabled": {
            "type": "boolean"
          },
          "account_id": {
            "description": "The user's account (an integer, unlike record ids).",
            "type": "integer"
          },
          "external_reference_ids": {
            "description": "Present when `external_references` is included.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Id"
            }
          }
        }
      },
      "Organization": {
        "description": "A node of the account's Department or Geography tree.",
        "type": "object",
        "required": [
          "id",
          "name",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "name": {
            "type": "string"
          },
          "description": {
            "type": [
              "string",
              "null"
            ]
          },
          "parent_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          }
        }
      },
      "WorkspaceResource": {
        "description": "A role on a workspace, filled by a user or left unnamed.",
        "type": "object",
        "required": [
          "id",
          "workspace_id",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "workspace_id": {
            "$ref": "#/components/schemas/Id"
          },
          "user_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "role_id": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          }
        }
      },
      "Assignment": {
        "description": "A user assigned to a story, optionally through a workspace resource.",
        "type": "object",
        "required": [
          "id",
          "story_id",
          "assignee_id",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "story_id": {
            "$ref": "#/components/schemas/Id"
          },
          "assignee_id": {
            "description": "The assigned user.",
            "$ref": "#/components/schemas/Id"
          },
          "resource_id": {
            "description": "The workspace resource, if the assignment goes through one.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "current": {
            "description": "Whether the assignment is current.",
            "type": "boolean"
          },
          "allocated_minutes": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 0
          },
          "estimated_minutes": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 0
          }
        }
      },
      "ExternalReferenceWrite": {
        "description": "The attributes of an external reference a client sends.",
        "type": "object",
        "required": [
          "subject_type",
          "subject_id",
          "service_name",
          "service_model",
          "service_model_ref"
        ],
        "properties": {
          "subject_type": {
            "description": "The Kantata type of the object, e.g. `Story`, `Workspace`, `TimeEntry`.",
            "type": "string"
          },
          "subject_id": {
            "$ref": "#/components/schemas/Id"
          },
          "service_name": {
            "description": "The external system, e.g. `NetSuite`.",
            "type": "string"
          },
          "service_model": {
            "description": "The external system's type, e.g. `invoice`.",
            "type": "string"
          },
          "service_model_ref": {
            "description": "The external system's id.",
            "type": "string"
          },
          "status": {
            "description": "Status of the integration.",
            "type": "string",
            "enum": [
              "pending",
              "successful",
              "failed"
            ]
          },
          "external_status": {
            "description": "Status of the object in the external system.",
            "type": "string"
          },
          "external_link": {
            "type": "string"
          },
          "external_message": {
            "type": "string"
          }
        }
      },
      "ExternalReference": {
        "description": "An identifier of a Kantata object in another system.",
        "type": "object",
        "required": [
          "id",
          "subject_type",
          "subject_id",
          "service_name",
          "service_model",
          "service_model_ref",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "subject_type": {
            "description": "The Kantata type of the object, e.g. `Workspace`, `TimeEntry`.",
            "type": "string"
          },
          "subject_id": {
            "$ref": "#/components/schemas/Id"
          },
          "service_name": {
            "description": "The external system, e.g. `NetSuite`, `Workday`.",
            "type": "string"
          },
          "service_model": {
            "description": "The external system's type, e.g. `timeBill`.",
            "type": "string"
          },
          "service_model_ref": {
            "description": "The external system's id.",
            "type": "string"
          },
          "status": {
            "type": [
              "string",
              "null"
            ]
          },
          "external_link": {
            "type": [
              "string",
              "null"
            ]
          },
          "external_message": {
            "type": [
              "string",
              "null"
            ]
          },
          "last_synced_at": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Instant"
              },
              {
                "type": "null"
              }
            ]
          },
          "created_at": {
            "$ref": "#/components/schemas/Instant"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Instant"
          }
        }
      }
    }
  }
};
