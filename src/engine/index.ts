/**
 * DutyDesk engine: pure TypeScript, no Office, no DOM, no network. Everything else in the project is an
 * adapter around these exports.
 */
export * from "./dates";
export * from "./hts";
export * from "./countries";
export * from "./rates";
export { sha256Hex } from "./util/sha256";
export { detached } from "./util/detached";
// Types only: the schema itself (zod) is reached through loadTable, so the Excel bundle can load it on need.
export type * from "./table/schema";
export { TABLE_FORMAT, TABLE_FORMATS } from "./table/tableFormat";
export type { RateTable, Measure, ImporterIndex, BaseRate, RateFormula, Relation, Sector } from "./table/compiledTable";
export { loadTable, compileTable, MAX_TABLE_BYTES, LOAD_LIMITS } from "./table/loadTable";
export type { LoadOptions } from "./table/loadTable";
export { tryLoad } from "./table/tryLoad";
export { FORMAT1_LAW_SHA256, tableLaw } from "./table/format1Law";
export type { ReleaseLaw } from "./table/format1Law";
export type { LoadOutcome } from "./table/tryLoad";
export { TableValidationError } from "./table/tableValidationError";
export { documentChecksReady } from "./table/documentChecks";
export * from "./stacking/facts";
export type { Composition, Layer, Exclusion, LayerStatus, SpecificPart, NotApplied } from "./stacking/compose";
export { knownAdditional, knownTotal, noTotalReason, unknownCaveats, unknownLayers } from "./stacking/knownLayers";
export * from "./lookup/outcome";
export { lookupRate, rateHistory } from "./lookup/rateLookup";
export { forgetLookups, setLookupBudget, setCompositionKeeping, DEFAULT_LOOKUP_BUDGET } from "./lookup/lookupCache";
export type { CompositionKeeping } from "./lookup/lookupCache";
export type { RateRequest, RateAnswer, HistoryRow } from "./lookup/rateLookup";
export type { ProductRef } from "./lookup/product";
export { totalRate, describeSpecific, parseUnitValue, PLAIN_CHOICE } from "./lookup/totalRate";
export { DEFAULT_IMPORTER } from "./lookup/defaultImporter";
export { DEFAULT_LOOKUP_OPTIONS, parseLookupOptions, optionTokens } from "./lookup/lookupOptions";
export type { LookupOptions, OptionToken } from "./lookup/lookupOptions";
export type { RateChoice, UnitValue, TotalRate } from "./lookup/totalRate";
export * from "./report/breakdown";
export * from "./landed";
export * from "./diff";
export * from "./scenario";
export * from "./decisions";
// DUTY.TARIFF's numbers-only path (issue 12).
export { tariffAt } from "./lookup/tariffLine";
export { NOT_PLAIN, plainIndexOf, plainTotal } from "./lookup/plainLookup";
export type { NotPlain, PlainIndex } from "./lookup/plainLookup";
export { isCurrentLine, newTariffLine, tariffLineOf, tariffOnLine } from "./lookup/tariffLine";
export type { DaylessRequest } from "./lookup/tariffLine";
export type { SegmentMemo, TariffLine } from "./lookup/tariffLine";
