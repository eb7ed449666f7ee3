const { newestRelease } = require("./scripts/releases");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    "^.+\\.dutytable$": "<rootDir>/tests/support/dutytableTransform.js",
  },
  moduleFileExtensions: ["ts", "js", "json", "dutytable"],
  // The embedded table, as webpack resolves it (webpack.config.js): the newest release in data/releases.
  moduleNameMapper: { "^@releases/newest\\.dutytable$": newestRelease().file },
  testTimeout: 60000,
};
