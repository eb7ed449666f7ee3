// Lint: typescript-eslint's recommended rules over the TypeScript sources and tests. The DUTY.* adapters
// take `any` on purpose: Excel passes anything into a custom function, and the metadata generator reads
// those signatures; every other `any` is refused.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

export default tseslint.config(
  { ignores: ["lib/**", "lib-bench/**", "dist/**", "dist-dev/**", "node_modules/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Microsoft's Office Add-in rules (the office-addin-lint set) where Office.js is called: load before
    // read, sync before read, no sync inside a loop, isNullObject for null tests, no Office.initialize.
    files: ["src/office/**/*.ts", "src/workbook/**/*.ts", "src/taskpane/**/*.ts", "src/runtime/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      ...Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "error"])),
      // Writes of the release copy and event replays sync per chunk on purpose: one request per chunk keeps
      // each payload under Excel on the web's request size limit (research/office-platform.md).
      "office-addins/no-context-sync-in-loop": "off",
      "office-addins/no-navigational-load": "off",
    },
  },
  {
    // The layers (README, Layout): src/workbook reaches Excel only through its WorkbookPort, which
    // src/office implements; src/formula is pure. Office's and the page's globals stay out of both.
    files: ["src/workbook/**/*.ts", "src/formula/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/office/*", "**/taskpane/*"],
              message: "src/workbook and src/formula must not depend on Office code or the task pane (see WorkbookPort).",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "OfficeExtension", "window", "document"],
    },
  },
  {
    files: ["src/formula/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/office/*", "**/taskpane/*", "**/workbook/*", "**/runtime/*", "**/sync/*"],
              message: "src/formula is pure: the engine and the request layer only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/functions/functions.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Test doubles mirror Office.js and the custom-functions runtime, whose own typings are loose; and
    // hostile-input tests write what the schema forbids. `any` is allowed there, not in src/.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-unsafe-function-type": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        URL: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
