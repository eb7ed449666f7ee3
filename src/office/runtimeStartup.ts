import { StartupResult } from "../workbook/workbookPort";

/**
 * Asks Office to start DutyDesk's shared runtime whenever this document opens (Office.addin,
 * SharedRuntime 1.1), so the workbook's pin is read before any DUTY cell computes, as Microsoft's
 * guidance for add-ins that must run on open describes. The setting is stored in the document; it is
 * set after the first use of the add-in, never at install. Hosts without SharedRuntime 1.1 (Excel 2016
 * and 2019 perpetual, for instance) keep starting the runtime on first use: "unsupported".
 */
export async function loadWithDocument(): Promise<StartupResult> {
  let supported = false;
  try {
    supported = Office.context?.requirements?.isSetSupported("SharedRuntime", "1.1") === true;
  } catch {
    supported = false;
  }
  if (!supported || typeof Office.addin?.setStartupBehavior !== "function") return "unsupported";
  await Office.addin.setStartupBehavior(Office.StartupBehavior.load);
  return "set";
}
