/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/connector-netsuite";
