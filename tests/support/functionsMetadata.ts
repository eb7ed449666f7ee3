/*
 * Runs Microsoft's metadata generator (the custom-functions-metadata package, the same code the webpack
 * plugin runs at build time) on src/functions/functions.ts and writes functions.json to a temp directory,
 * never into the repository.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { IAssociate, IFunction, generateCustomFunctionsMetadata } from "custom-functions-metadata";

export const FUNCTIONS_SOURCE = path.resolve(__dirname, "..", "..", "src", "functions", "functions.ts");

export interface FunctionsJson {
  readonly allowCustomDataForDataTypeAny?: boolean;
  readonly functions: IFunction[];
  readonly enums?: unknown[];
}

export interface GeneratedMetadata {
  /** The functions.json written to the temp directory, re-read from disk. */
  readonly file: string;
  readonly json: FunctionsJson;
  /** The (id, JavaScript function name) pairs the webpack plugin turns into CustomFunctions.associate calls. */
  readonly associate: readonly IAssociate[];
  readonly errors: readonly string[];
  /** Removes the temp directory. */
  cleanup(): void;
}

export async function generateFunctionsMetadata(): Promise<GeneratedMetadata> {
  const result = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE, false);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dutydesk-functions-json-"));
  const file = path.join(dir, "functions.json");
  fs.writeFileSync(file, result.metadataJson, "utf8");
  const text = fs.readFileSync(file, "utf8");
  // With errors the generator leaves metadataJson empty; keep the errors for the assertion that reports them.
  const json: FunctionsJson = text === "" ? { functions: [] } : (JSON.parse(text) as FunctionsJson);
  return {
    file,
    json,
    associate: result.associate,
    errors: result.errors,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Registers each exported function under its generated id, exactly as the webpack plugin's appended
 * CustomFunctions.associate("<id>", <functionName>) calls do in the built bundle.
 */
export function associateGenerated(metadata: GeneratedMetadata, exports: Record<string, unknown>): void {
  for (const a of metadata.associate) {
    const exported = exports[a.functionName];
    if (typeof exported === "function") CustomFunctions.associate(a.id, exported as (...args: any[]) => unknown);
  }
}
