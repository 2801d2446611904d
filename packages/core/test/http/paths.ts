/** A small openapi-typescript-shaped `paths` type for the tests. */
export interface paths {
  "/items/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: { q?: string }; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { "application/json": { id: string; name: string } };
        };
        default: { headers: { [name: string]: unknown }; content: { "application/json": unknown } };
      };
    };
    put: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { "application/json": { name: string; rate?: string } } };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { "application/json": { id: string; name: string } };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/items": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { name: string; rate?: string; salary?: number } } };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: { "application/json": { id: string; name: string } };
        };
      };
    };
    get?: never;
    put?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
