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
  testTimeout: 60000,
};
