export * from "./day";
export * from "./excelSerial";
export * from "./easternDate";
