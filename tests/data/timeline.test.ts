import Decimal from "decimal.js";
import { Basis, RateRequest, isoDay, knownAdditional, knownTotal, lookupRate, unknownLayers } from "../../src/engine";
import { embedded } from "../support/embeddedTable";

/**
 * Dated cases on the shipped rate table, each checked against the research fact it cites. For most
 * changes there is the day before and the day it takes effect; retroactive changes are checked on the
 * entry and final bases, and claims and in-transit rules where the measures define them. Totals are in
 * percent of customs value (base plus every additional layer). Importer CN: China's base is its 2026
 * schedule from 2026-01-01 and unknown before; its 2018-19 retaliation lists (china.md CN9) are a layer of
 * unknown rate, so every CN case also checks that there is no total, and then the known part: the known
 * additional duty (2025: base unknown) or base + known layers (2026, the "known layers" option).
 */
type Options = { basis?: string; claims?: string[]; loaded?: string; importer?: string; steel?: string };
type Expected = number | "prohibited" | { knownAdditional: number } | { knownTotal: number };

const CASES: [string, string, string, Options, Expected, string][] = [
  ["CN", "9503.00.00", "2025-02-03", {}, 0, "us-timeline.md A1: the China fentanyl tariff starts Feb 4 2025"],
  ["CN", "9503.00.00", "2025-02-04", {}, 10, "us-timeline.md A1: 10% from 12:01 a.m. Feb 4 2025 (9903.01.20)"],
  ["CN", "9503.00.00", "2025-03-03", {}, 10, "us-timeline.md A2: 20% only from Mar 4 2025"],
  ["CN", "9503.00.00", "2025-03-04", {}, 20, "us-timeline.md A2: raised to 20% (EO 14228, 9903.01.24)"],
  ["CN", "9503.00.00", "2025-04-04", {}, 20, "us-timeline.md C1: the baseline starts Apr 5 2025"],
  ["CN", "9503.00.00", "2025-04-05", {}, 30, "us-timeline.md C1: 10% baseline from Apr 5 2025 (9903.01.25)"],
  ["CN", "9503.00.00", "2025-04-08", {}, 30, "us-timeline.md D1: China's Annex I rate starts Apr 9"],
  ["CN", "9503.00.00", "2025-04-09", {}, 104, "us-timeline.md D2: 84% from Apr 9 2025 (104% with fentanyl)"],
  ["CN", "9503.00.00", "2025-04-10", {}, 145, "us-timeline.md D3: 125% from Apr 10 2025 (145% with fentanyl)"],
  ["CN", "9503.00.00", "2025-05-13", {}, 145, "us-timeline.md D3: 125% to May 13 2025"],
  ["CN", "9503.00.00", "2025-05-14", {}, 30, "us-timeline.md D4: Geneva, reciprocal back to 10% from May 14 2025"],
  ["CN", "9503.00.00", "2025-11-09", {}, 30, "us-timeline.md A3: fentanyl 20% until Nov 9 2025"],
  ["CN", "9503.00.00", "2025-11-10", {}, 20, "us-timeline.md A3: fentanyl cut to 10% from Nov 10 2025"],
  ["CN", "9503.00.00", "2026-02-23", {}, 20, "us-timeline.md I1: IEEPA collected through Feb 23 2026"],
  ["CN", "9503.00.00", "2026-02-24", {}, 10, "us-timeline.md I1, H1: IEEPA ends, Section 122 10% from Feb 24 2026"],
  ["CN", "9503.00.00", "2025-04-10", {"loaded": "2025-04-08"}, 30, "us-timeline.md C2/D3: goods loaded before Apr 9 and entered before May 27 keep the baseline"],
  ["CN", "9503.00.00", "2025-04-15", {"basis": "final"}, 145, "us-timeline.md I1: on the final basis IEEPA layers still count (flagged refundable)"],
  ["CN", "9503.00.00", "2025-04-15", {"basis": "net"}, 0, "us-timeline.md I2: net of IEEPA refunds"],
  ["CN", "8471.30.01", "2025-04-10", {}, 145, "us-timeline.md C4: electronics exemption announced Apr 11; collected Apr 10"],
  ["CN", "8471.30.01", "2025-04-10", {"basis": "final"}, 20, "us-timeline.md C4: retroactive to Apr 5; fentanyl still applies"],
  ["CN", "8471.30.01", "2025-04-11", {}, 20, "us-timeline.md C4: exemption collected from Apr 11 2025"],
  ["VN", "6109.10.00", "2025-04-08", {}, 26.5, "us-timeline.md C1: 16.5% MFN + 10% baseline"],
  ["VN", "6109.10.00", "2025-04-09", {}, 62.5, "us-timeline.md C2: Vietnam 46% on Apr 9 2025"],
  ["VN", "6109.10.00", "2025-04-10", {}, 26.5, "us-timeline.md C3: 90-day pause from Apr 10 2025"],
  ["VN", "6109.10.00", "2025-08-06", {}, 26.5, "us-timeline.md C7: new Annex I rates from Aug 7 2025"],
  ["VN", "6109.10.00", "2025-08-07", {}, 36.5, "us-timeline.md C7: Vietnam 20% from Aug 7 2025"],
  ["VN", "6109.10.00", "2025-08-07", {"loaded": "2025-08-06"}, 26.5, "us-timeline.md C7: in transit, loaded before Aug 7 and entered before Oct 5"],
  ["VN", "6109.10.00", "2025-10-05", {"loaded": "2025-08-06"}, 36.5, "us-timeline.md C7: in-transit relief ends for entries from Oct 5 2025"],
  ["DE", "9503.00.00", "2025-08-06", {}, 10, "us-timeline.md C3: EU at the 10% baseline before Aug 7"],
  ["DE", "9503.00.00", "2025-08-07", {}, 15, "us-timeline.md C7: EU all-in 15% (Free base)"],
  ["DE", "6109.10.00", "2025-08-07", {}, 16.5, "us-timeline.md C7: EU all-in 15% adds nothing when MFN is 16.5%"],
  ["DE", "7208.39.00", "2025-06-03", {}, 25, "us-timeline.md F1a: 232 steel 25% until Jun 3 2025"],
  ["DE", "7208.39.00", "2025-06-04", {}, 50, "us-timeline.md F1b: 232 steel 50% from Jun 4 2025"],
  ["GB", "7208.39.00", "2025-06-04", {}, 25, "us-timeline.md F1b: the UK stays at 25%"],
  ["DE", "7208.39.00", "2025-07-01", {"steel": "40%"}, 26, "us-timeline.md F1b, J.3: 232 on steel content, reciprocal on the rest"],
  ["JP", "6109.10.00", "2025-09-01", {}, 31.5, "us-timeline.md C9: Japan flat 15% collected until Sep 16 2025"],
  ["JP", "6109.10.00", "2025-09-01", {"basis": "final"}, 16.5, "us-timeline.md C9: all-in 15% retroactive to Aug 7 2025"],
  ["JP", "8703.23.01", "2025-09-15", {}, 27.5, "us-timeline.md F2d: Japan autos 25% + 2.5% until Sep 15 2025"],
  ["JP", "8703.23.01", "2025-09-16", {}, 15, "us-timeline.md F2d: Japan autos all-in 15% from Sep 16 2025, not retroactive"],
  ["DE", "8703.23.01", "2025-08-01", {}, 27.5, "us-timeline.md F2e: EU autos deal published Sep 25 2025"],
  ["DE", "8703.23.01", "2025-08-01", {"basis": "final"}, 15, "us-timeline.md F2e: EU autos all-in 15% retroactive to Aug 1 2025"],
  ["KR", "8703.23.01", "2025-11-01", {}, 27.5, "us-timeline.md F2f: Korea autos deal published Dec 4 2025"],
  ["KR", "8703.23.01", "2025-11-01", {"basis": "final"}, 15, "us-timeline.md F2f: Korea autos all-in 15% retroactive to Nov 1 2025"],
  ["KR", "6109.10.00", "2025-11-14", {}, 31.5, "us-timeline.md C10: Korea flat 15% collected until Dec 4 2025"],
  ["KR", "6109.10.00", "2025-11-14", {"basis": "final"}, 16.5, "us-timeline.md C10: Korea all-in 15% retroactive to Nov 14 2025"],
  ["KR", "6109.10.00", "2025-06-01", {"claims": ["KORUS"]}, 10, "HTS Column 1 Special (KR): KORUS gives a Free base instead of 16.5%; 10% baseline (us-timeline.md C1)"],
  ["CH", "9503.00.00", "2025-11-13", {}, 39, "us-timeline.md C11: Switzerland 39% before the framework"],
  ["CH", "9503.00.00", "2025-11-14", {"basis": "final"}, 15, "us-timeline.md C11: all-in 15% retroactive to Nov 14 2025"],
  ["CH", "9503.00.00", "2025-12-18", {}, 15, "us-timeline.md C11: collected from the Dec 18 2025 notice"],
  ["BR", "9503.00.00", "2025-08-05", {}, 10, "us-timeline.md D5: Brazil 40% from Aug 6 2025"],
  ["BR", "9503.00.00", "2025-08-06", {}, 50, "us-timeline.md D5: 40% on top of the 10% reciprocal"],
  ["BR", "9503.00.00", "2025-08-06", {"loaded": "2025-08-05"}, 10, "us-timeline.md D5: in transit, loaded before Aug 6"],
  ["BR", "0901.11.00", "2025-11-13", {"basis": "final"}, 0, "us-timeline.md C6, D6: coffee exempt, retroactive to Nov 13 2025"],
  ["IN", "6109.10.00", "2025-08-26", {}, 41.5, "us-timeline.md D7: India 25% Russian-oil duty from Aug 27 2025"],
  ["IN", "6109.10.00", "2025-08-27", {}, 66.5, "us-timeline.md D7: +25% on top of the 25% reciprocal"],
  ["IN", "6109.10.00", "2025-08-27", {"loaded": "2025-08-20"}, 41.5, "us-timeline.md D7: in transit, loaded before Aug 27 and entered before Sep 17"],
  ["IN", "6109.10.00", "2026-02-07", {}, 41.5, "us-timeline.md D7: Russian-oil duty removed from Feb 7 2026"],
  ["CA", "9403.60.80.89", "2025-03-03", {}, 0, "us-timeline.md B1: Canada's IEEPA duty starts Mar 4 2025"],
  ["CA", "9403.60.80.89", "2025-03-04", {}, 25, "us-timeline.md B1: Canada 25% from Mar 4 2025"],
  ["CA", "9403.60.80.89", "2025-03-06", {"claims": ["USMCA"]}, 25, "us-timeline.md B3: the USMCA carve-out is not retroactive"],
  ["CA", "9403.60.80.89", "2025-03-07", {"claims": ["USMCA"]}, 0, "us-timeline.md B3: USMCA goods 0% from Mar 7 2025"],
  ["CA", "9403.60.80.89", "2025-08-01", {}, 35, "us-timeline.md B5: Canada 35% from Aug 1 2025"],
  ["CA", "7208.39.00", "2025-05-01", {}, 25, "us-timeline.md B (EO 14289): before Jun 4 the CA IEEPA duty applies and 232 steel does not"],
  ["CA", "7208.39.00", "2025-06-04", {}, 50, "us-timeline.md B (Proc. 10947): from Jun 4 232 steel wins over the CA IEEPA duty"],
  ["MX", "9403.60.80.89", "2025-03-04", {}, 25, "us-timeline.md B2: Mexico 25% from Mar 4 2025"],
  ["MX", "9403.60.80.89", "2025-03-07", {"claims": ["USMCA"]}, 0, "us-timeline.md B3: USMCA goods of Mexico 0%"],
  ["GB", "9503.00.00", "2025-04-05", {}, 10, "us-timeline.md C12: UK 10% baseline"],
  ["TW", "9503.00.00", "2025-04-09", {}, 32, "us-timeline.md C2: Taiwan 32% on Apr 9 2025"],
  ["TW", "9503.00.00", "2025-08-07", {}, 20, "us-timeline.md C7: Taiwan 20% from Aug 7 2025"],
  ["VN", "8516.71.00.20", "2026-02-23", {}, 23.7, "us-timeline.md C7: 3.7% MFN + Vietnam 20% on the last IEEPA day"],
  ["VN", "8516.71.00.20", "2026-02-24", {}, 13.7, "us-timeline.md H1: Section 122 10% from Feb 24 2026"],
  ["VN", "8516.71.00.20", "2026-07-23", {}, 13.7, "us-timeline-2026h2.md A1: Section 122 through Jul 23 2026"],
  ["VN", "8516.71.00.20", "2026-07-24", {}, 16.2, "us-timeline-2026h2.md A2: Vietnam +12.5% (Section 301, note 52) from Jul 24 2026"],
  ["DE", "7208.39.00", "2026-03-02", {}, 50, "us-timeline.md H1: 232 goods are exempt from Section 122"],
  ["IN", "9503.00.00", "2026-07-24", {}, 10, "us-timeline-2026h2.md A2: India +10% (Section 301, note 52) from Jul 24 2026"],
  ["DE", "9503.00.00", "2026-07-24", {}, 10, "us-timeline-2026h2.md A3: EU all-in 10% (9903.05.39)"],
  ["JP", "9503.00.00", "2026-07-24", {}, 12.5, "us-timeline-2026h2.md A3: Japan all-in 12.5%"],
  ["BR", "9503.00.00", "2026-07-21", {}, 10, "us-timeline.md H1: Section 122 10% before Brazil's Section 301"],
  ["BR", "9503.00.00", "2026-07-22", {}, 35, "us-timeline-2026h2.md B1, A1: Brazil Section 301 +25% from Jul 22 2026, Section 122 through Jul 23"],
  ["BR", "9503.00.00", "2026-07-24", {}, 37.5, "us-timeline-2026h2.md A2, B1: Brazil 301 25% + forced-labor 12.5%"],
  ["CA", "9503.00.00", "2026-07-24", {"claims": ["USMCA"]}, 0, "us-timeline-2026h2.md A2: USMCA-qualifying Canadian goods exempt (9903.05.93)"],
  ["CA", "2208.30.60.40", "2026-08-22", {}, 60, "us-timeline-2026h2.md B2: Section 338 +50% on Canadian whisky from Aug 22 2026"],
  ["CA", "2208.30.60.20", "2026-09-29", {}, "prohibited", "us-timeline-2026h2.md B2c: Section 338 import ban from Sep 29 2026"],
  ["IN", "6810.99.00.20", "2026-08-15", {}, 35, "us-timeline-2026h2.md D1: quartz safeguard in quota 25% by default (peers assume in quota) + note 52 India 10%"],
  ["IN", "6810.99.00.20", "2026-08-15", {"claims": ["S201-OVER-QUOTA"]}, 60, "us-timeline-2026h2.md D1: quartz safeguard 50% over quota from Aug 15 2026, when claimed"],
  ["CN", "8507.60.00.90", "2025-12-31", {}, 45.9, "us-timeline.md G4, F2b, A3: List 4A 7.5% + 232 auto parts 25% + fentanyl 10% + 3.4% MFN"],
  ["CN", "8507.60.00.90", "2026-01-01", {}, 63.4, "us-timeline-2026h2.md E3: non-EV Li-ion batteries 25% from Jan 1 2026 (with 232 auto parts and fentanyl)"],
  ["CN", "4015.12.10.10", "2026-01-01", {}, 120, "us-timeline-2026h2.md E3: medical gloves 100% from Jan 1 2026"],
  ["CN", "8426.19.00.00", "2026-11-10", {}, 37.5, "us-timeline-2026-late.md N3, Conflicts 2: the 100% on cranes stays off after Nov 10 2026 (9903.92.10 25% + 12.5%)"],
  ["CN", "8426.19.00.00", "2026-11-10", {"claims": ["SWITCH-MARITIME-NOV-2026"]}, 137.5, "us-timeline-2026h2.md E5, Conflicts 8: the switched-on reading, 100% from Nov 10 2026 as the HTS dates it"],
  ["CN", "8426.19.00.00", "2027-01-09", {}, 37.5, "us-timeline-2026-late.md N2: the truce runs to Jan 10 2027"],
  ["CN", "8426.19.00.00", "2027-01-10", {}, 137.5, "us-timeline-2026-late.md N2, Conflicts 2: after the truce the legal texts in force apply 9903.91.14"],
  ["CN", "8426.19.00.00", "2027-01-10", {"claims": ["SWITCH-TRUCE-EXTENDED-2027"]}, 37.5, "us-timeline-2026-late.md Conflicts 2: the switch for a further extension keeps the cranes off"],
  ["CN", "8426.19.00.00", "2027-04-17", {"claims": ["S301-CRANE-CONTRACT"]}, 37.5, "HTS 9903.91.16 (us/s301.yaml claim): pre-Apr 17 2025 contracts entered before Apr 18 2027 are exempt"],
  ["CN", "8426.19.00.00", "2027-04-18", {"claims": ["S301-CRANE-CONTRACT"]}, 137.5, "HTS 9903.91.16: the contract exception ends for entries from Apr 18 2027"],
  ["CN", "8716.39.00.90", "2026-11-10", {"claims": ["S301-CHASSIS"]}, 50, "us-timeline-2026-late.md N3: chassis 100% stays off (List 3 25% + 232 metals 25%)"],
  ["CN", "8716.39.00.90", "2026-11-10", {"claims": ["S301-CHASSIS", "SWITCH-MARITIME-NOV-2026"]}, 125, "us-timeline-2026h2.md E5: switched on, 9903.91.12 100% replaces List 3 (with 232 metals 25%)"],
  ["CN", "8716.39.00.90", "2027-01-10", {"claims": ["S301-CHASSIS"]}, 125, "us-timeline-2026-late.md Conflicts 2: chassis 100% after the truce ends"],
  ["CN", "0304.72.50.00", "2026-11-09", {"claims": ["S301-EXCLUSION"]}, 12.5, "us-timeline-2026-late.md N7: the 301 exclusion holds through Nov 9 2026"],
  ["CN", "0304.72.50.00", "2026-11-10", {"claims": ["S301-EXCLUSION"]}, 37.5, "us-timeline-2026-late.md N7, Conflicts 2: exclusions lapse Nov 10 2026; List 3 25% returns"],
  ["CN", "0304.72.50.00", "2026-11-10", {"claims": ["S301-EXCLUSION", "SWITCH-S301-EXCLUSIONS-EXTENDED"]}, 12.5, "us-timeline-2026-late.md Conflicts 2: switched, the exclusions run to Jan 10 2027"],
  ["CN", "0304.72.50.00", "2027-01-10", {"claims": ["S301-EXCLUSION", "SWITCH-S301-EXCLUSIONS-EXTENDED"]}, 37.5, "us-timeline-2026-late.md Conflicts 2: the switched extension ends with the truce"],
  ["VN", "8541.43.00", "2026-12-03", {}, 12.5, "us-timeline-2026-late.md N1: Section 232 polysilicon starts Dec 4 2026; note 52 Vietnam 12.5% alone"],
  ["VN", "8541.43.00", "2026-12-04", {}, 27.5, "us-timeline-2026-late.md N1(a), Conflicts 4: +15% stacks with the note 52 rate of 12.5%"],
  ["VN", "8541.42.00", "2026-12-04", {"claims": ["S232-POLY-MIP"]}, 27.5, "us-timeline-2026-late.md N1(d): the MIP is a specific duty, not part of the ad valorem total"],
  ["VN", "3818.00.00.20", "2026-12-04", {}, 15, "us-timeline-2026-late.md N1(a): wafers +15%; 3818.00.00 is on the note 52(b) exempt list"],
  ["DE", "8541.43.00", "2026-12-04", {}, 25, "us-timeline-2026-late.md N1(b): EU all-in 15% on Column 1, plus the note 52 EU floor of 10%"],
  ["JP", "8541.43.00", "2026-12-04", {}, 27.5, "us-timeline-2026-late.md N1(b): Japan all-in 15%, plus note 52 Japan 12.5%"],
  ["GB", "8541.43.00", "2026-12-04", {}, 20, "us-timeline-2026-late.md N1(c): UK +10%, plus note 52 UK 10%"],
  ["MX", "8541.43.00", "2026-12-04", {"claims": ["USMCA"]}, 15, "us-timeline-2026-late.md N1: no USMCA relief (note 52 exempts USMCA goods, 9903.05.94)"],
  ["NI", "9503.00.00", "2026-12-31", {}, 12.5, "us-timeline-2026h2.md B3: Nicaragua 301 at 0% in 2026 (note 52 12.5%)"],
  ["NI", "9503.00.00", "2027-01-01", {}, 22.5, "us-timeline-2026h2.md B3: Nicaragua 301 at 10% from Jan 1 2027"],
  ["NI", "9503.00.00", "2027-01-01", {"claims": ["CAFTA-DR"]}, 12.5, "us-timeline-2026h2.md B3: CAFTA-DR originating goods are outside the Nicaragua action"],
  ["VN", "9401.61.40.11", "2026-12-31", {}, 25, "us-timeline.md F3b: upholstered wooden seating 25%"],
  ["VN", "9401.61.40.11", "2027-01-01", {}, 30, "us-timeline.md F3c, us-timeline-2026h2.md C8: 30% from Jan 1 2027 (scheduled, uncertain)"],
  ["DE", "9401.61.40.11", "2027-01-01", {}, 15, "us-timeline.md F3b: the EU keeps all-in 15% on wood"],
  ["CN", "9403.40.90.60", "2027-01-01", {}, 75, "us-timeline.md F3c: cabinets and vanities 50% from Jan 1 2027, plus List 3 25%"],
  ["DE", "8415.90.80.10", "2027-12-31", {}, 15, "us-timeline-2026h2.md C1: the reduced metals tier (all-in 15%) runs to Dec 31 2027"],
  ["DE", "72083900", "2026-04-06", {}, 50, "us-timeline.md F1d: Annex I-A 50% on full value from Apr 6 2026"],
  ["GB", "72083900", "2026-04-06", {"claims": ["S232-UK-MELT"]}, 25, "us-timeline.md F1d, note 16(d): UK 25% with UK-melted metal"],
  ["DE", "7323.93.00", "2026-04-06", {}, 27, "us-timeline.md F1d: Annex I-B 25% from Apr 6 2026"],
  ["JP", "8429.51.10", "2026-06-08", {}, 15, "us-timeline-2026h2.md C1: mobile industrial equipment all-in 15% for Japan from Jun 8 2026"],
  ["CA", "4407.11.00", "2025-10-14", {}, 10, "us-timeline.md F3b: 232 lumber 10% replaces the CA IEEPA duty"],
  ["DE", "8701.21.00", "2025-11-01", {}, 29, "us-timeline.md F2g: MHDV 25% from Nov 1 2025"],
  ["IN", "3004.90.92.15", "2026-07-31", {"claims": ["S232-PHARMA-ANNEX-III"]}, 100, "us-timeline-2026h2.md C3, Conflicts 3: all-in 100% from Jul 31 2026 for Annex III companies"],
  ["IN", "3004.90.92.15", "2026-09-29", {}, 100, "us-timeline-2026h2.md C3: patented pharmaceuticals all-in 100% for all from Sep 29 2026"],
  ["DE", "3004.90.92.15", "2026-07-31", {}, 15, "us-timeline-2026h2.md C3: EU all-in 15% (9903.04.62)"],
  ["CN", "8806.24.00.00", "2026-09-03", {}, 137.5, "us-timeline-2026h2.md C4, Conflicts 4: drones +100% stack with the 12.5% country rate and List 1 25%"],
  ["US", "2711.11", "2025-02-10", {"importer": "CN"}, { knownAdditional: 15 }, "china.md CN1: 15% on US LNG from Feb 10 2025"],
  ["US", "2711.11", "2025-04-12", {"importer": "CN"}, { knownAdditional: 140 }, "china.md CN1, CN5: 15% + 125% from Apr 12 2025"],
  ["US", "2711.11", "2025-05-14", {"importer": "CN"}, { knownAdditional: 25 }, "china.md CN1, CN6: 15% + 10% from May 14 2025"],
  ["US", "1201.90.19", "2025-03-10", {"importer": "CN"}, { knownAdditional: 10 }, "china.md CN2b: soybeans +10% from Mar 10 2025"],
  ["US", "1201.90.19", "2025-11-10", {"importer": "CN"}, { knownAdditional: 10 }, "china.md CN7: farm list ceased Nov 10 2025; 10% across the board"],
  ["US", "1005.90", "2025-04-12", {"importer": "CN", "loaded": "2025-03-01"}, { knownAdditional: 125 }, "china.md CN2: shipped before Mar 10 and imported by Apr 12 is exempt from the 15%"],
  ["US", "1005.90", "2025-04-13", {"importer": "CN", "loaded": "2025-03-01"}, { knownAdditional: 140 }, "china.md CN2: in-transit relief ends after Apr 12"],
  ["US", "1201.90.11", "2025-12-31", {"importer": "CN"}, { knownAdditional: 10 }, "china.md CN7; cn/README.md date rule: no 2025 edition, so the base stays unknown on Dec 31 2025"],
  ["US", "1201.90.11", "2026-03-01", {"importer": "CN"}, { knownTotal: 13 }, "china.md CN7b: soybeans 13% = 3% MFN (2026 schedule, 12019011) + 10%"],
  ["US", "2208.30.00", "2026-01-15", {"importer": "CN"}, { knownTotal: 20 }, "cn/README.md spot check: whisky 22083000 MFN 10%, + 10% (china.md CN7)"],
  ["US", "2208.30.00", "2026-02-01", {"importer": "CN"}, { knownTotal: 20 }, "Tariff Commission announcement of Jan 30 2026: the 5% provisional rate starts Feb 2 2026"],
  ["US", "2208.30.00", "2026-02-02", {"importer": "CN"}, { knownTotal: 15 }, "Tariff Commission announcement of Jan 30 2026 (Xinhua; Reuters): whisky provisional 5% from Feb 2 2026, + 10%"],
  ["US", "2711.11.00", "2026-03-01", {"importer": "CN"}, { knownTotal: 25 }, "cn/README.md spot check: LNG 27111100 MFN 0; china.md CN1 15% + CN7 10%"],
  ["DE", "1201.90.11", "2026-03-01", {"importer": "CN"}, 3, "cn/README.md spot check: soybeans MFN 3%; no Chinese measure on German goods"],
  ["US", "1201.90.19", "2026-11-10", {"importer": "CN"}, { knownTotal: 13 }, "3% MFN (2026 schedule); us-timeline-2026-late.md N2, N3: the 24% stays suspended under the truce to Jan 10 2027"],
  ["US", "1201.90.19", "2027-01-09", {"importer": "CN"}, { knownTotal: 13 }, "us-timeline-2026-late.md N2: 10% on the last day of the truce"],
  ["US", "1201.90.19", "2026-11-10", {"importer": "CN", "claims": ["SWITCH-CN-34PCT-NOV-2026"]}, { knownTotal: 37 }, "us-timeline-2026-late.md Conflicts 2: switched, the suspension lapsed on Nov 10 2026"],
  ["US", "1201.90.19", "2027-01-10", {"importer": "CN"}, { knownTotal: 37 }, "us-timeline-2026-late.md N2, Conflicts 2: after the truce, Announcement No. 4's 34% on the legal texts in force"],
  ["US", "1201.90.19", "2027-01-10", {"importer": "CN", "claims": ["SWITCH-TRUCE-EXTENDED-2027"]}, { knownTotal: 13 }, "us-timeline-2026-late.md Conflicts 2: switched, the truce extended again"],
];

const table = embedded();

describe.each(CASES)("%s %s entered %s %j", (country, product, date, options, expected, source) => {
  it(`is ${JSON.stringify(expected)} (${source})`, () => {
    const request: RateRequest = {
      country,
      product,
      day: isoDay(date),
      importer: options.importer,
      basis: options.basis as Basis | undefined,
      claims: options.claims,
      loaded: options.loaded === undefined ? null : isoDay(options.loaded),
      content: options.steel === undefined ? {} : { steel: new Decimal(options.steel.replace("%", "")).div(100) },
    };
    const outcome = lookupRate(table, request);
    if (expected === "prohibited") {
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.error.message).toMatch(/^entry prohibited/);
      return;
    }
    if (!outcome.ok) throw new Error(outcome.error.message);
    const c = outcome.value.composition;
    if (typeof expected === "number") {
      expect(c.total?.times(100).toNumber()).toBeCloseTo(expected, 8);
      return;
    }
    expect(c.total).toBeNull();
    expect(unknownLayers(c).map((l) => l.measure.id)).toEqual(["cn.retaliation.2018-19-lists"]);
    if ("knownAdditional" in expected) {
      expect(c.base.expr).toBeNull();
      expect(knownAdditional(c)?.times(100).toNumber()).toBeCloseTo(expected.knownAdditional, 8);
    } else expect(knownTotal(c)?.times(100).toNumber()).toBeCloseTo(expected.knownTotal, 8);
  });
});

it("covers every country the issue names, and importer CN", () => {
  const countries = new Set(CASES.map((c) => c[0]));
  for (const c of ["CN", "CA", "MX", "DE", "JP", "KR", "VN", "IN", "BR", "GB", "CH", "TW", "US"]) expect(countries).toContain(c);
  expect(CASES.length).toBeGreaterThanOrEqual(80);
});

describe("2027 entry dates (coverage through 2027-12-31)", () => {
  it("answers a 2027 date with the scheduled layer marked and says the answer is a projection", () => {
    // us-timeline.md F3c, us-timeline-2026h2.md C8: the wood increase of Jan 1 2027 (uncertain).
    const outcome = lookupRate(table, { country: "VN", product: "9401.61.40.11", day: isoDay("2027-01-01") });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const wood = outcome.value.composition.layers.find((l) => l.measure.id === "us.s232.wood.upholstered.2027")!;
    expect(wood.status).toBe("scheduled");
    expect(wood.measure.confidence).toBe("uncertain");
    const note = `projection: the law as known at release ${table.id} (${table.released}); later changes are not in this table`;
    expect(outcome.value.projection).toBe(note);
    expect(outcome.value.composition.notes).toContain(note);
  });

  it("refuses 2028-01-01 rather than guessing", () => {
    const outcome = lookupRate(table, { country: "VN", product: "9401.61.40.11", day: isoDay("2028-01-01") });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.message).toMatch(/^no data for 2028-01-01: table .* covers entries from 2025-01-01 to 2027-12-31$/);
  });

  it("has no measure that ends at the old coverage edge without a successor or a stated reason", () => {
    // Rows that ended on 2027-01-01 only because coverage did would silently drop on 2027 dates.
    const endingThen = table.doc.measures.filter((m) => m.to === "2027-01-01").map((m) => m.id);
    expect(endingThen).toEqual(["us.s301.ni"]);
    expect(table.doc.measures.some((m) => m.id === "us.s301.ni.2027" && m.from === "2027-01-01")).toBe(true);
  });
});
