/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // office-addin-manifest pulls in an ESM-only dependency (strip-bom@5) that Jest cannot require() on Node 20.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/tests/support/office-addin-manifest-stub.js" },
  testTimeout: 60000,
};
