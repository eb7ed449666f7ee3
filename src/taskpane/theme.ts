import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import { FluentTheme, setTheme } from "./fluent";

/**
 * The pane's colours are Fluent design tokens (webLightTheme / webDarkTheme from @fluentui/tokens), set
 * with Fluent's setTheme (a constructable stylesheet on the document: allowed by the CSP, unlike inline
 * style attributes). When the host provides Office.context.officeTheme, its body and control colours
 * replace the neutral background and foreground tokens, and a dark body selects the dark theme, so the
 * pane matches Excel. High contrast is the browser's forced-colors mode: the components carry their own
 * forced-colors rules and taskpane.css maps the rest to system colours.
 */
export type OfficeColours = Pick<
  Office.OfficeTheme,
  "bodyBackgroundColor" | "bodyForegroundColor" | "controlBackgroundColor" | "controlForegroundColor"
>;

export function applyOfficeTheme(): boolean {
  let theme: Office.OfficeTheme | undefined;
  try {
    theme = Office.context?.officeTheme;
  } catch {
    theme = undefined;
  }
  const office = theme && isColor(theme.bodyBackgroundColor) && isColor(theme.bodyForegroundColor) ? theme : null;
  const tokens = themeTokens(office);
  setTheme(tokens);
  // Native controls (the date picker, selects) follow.
  document.documentElement.style.colorScheme = office !== null && isDark(office.bodyBackgroundColor) ? "dark" : "light";
  return office !== null;
}

/** The Fluent theme for these Office colours (null: no host theme, Fluent's web light theme). */
export function themeTokens(office: OfficeColours | null): FluentTheme {
  if (office === null) return webLightTheme;
  const dark = isDark(office.bodyBackgroundColor);
  const tokens: FluentTheme = {
    ...(dark ? webDarkTheme : webLightTheme),
    // The pane's canvas and text follow the Office body; cards and fields follow the Office controls.
    colorNeutralBackground2: office.bodyBackgroundColor,
    colorNeutralForeground1: office.bodyForegroundColor,
  };
  if (isColor(office.controlBackgroundColor)) tokens.colorNeutralBackground1 = office.controlBackgroundColor;
  if (isColor(office.controlForegroundColor)) tokens.colorNeutralStroke1 = office.controlForegroundColor;
  return tokens;
}

function isColor(value: unknown): value is string {
  return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value);
}

function isDark(hex: string): boolean {
  if (!isColor(hex)) return false;
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
}
