export * from "./htsCode";
