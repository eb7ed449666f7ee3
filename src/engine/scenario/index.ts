export { applyScenario, isScenarioTable, releaseOf, percentFromFraction, SCENARIO_TITLE_PREFIX } from "./applyScenario";
export type { ScenarioOverride, AppliedOverride, ScenarioInfo, ScenarioTable, ScenarioResult } from "./applyScenario";
