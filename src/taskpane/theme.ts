/**
 * Office theme colours, when the host provides them (Office.context.officeTheme), mapped onto the pane's
 * CSS variables through the CSSOM (allowed by the CSP, unlike inline style attributes). Outside Office,
 * or when the host has no theme, the Fluent-like defaults of taskpane.css stay.
 */
export function applyOfficeTheme(): boolean {
  let theme: Office.OfficeTheme | undefined;
  try {
    theme = Office.context?.officeTheme;
  } catch {
    theme = undefined;
  }
  if (!theme || !isColor(theme.bodyBackgroundColor) || !isColor(theme.bodyForegroundColor)) return false;
  const root = document.documentElement.style;
  root.setProperty("--canvas", theme.bodyBackgroundColor);
  root.setProperty("--text", theme.bodyForegroundColor);
  if (isColor(theme.controlBackgroundColor)) root.setProperty("--surface", theme.controlBackgroundColor);
  if (isColor(theme.controlForegroundColor)) root.setProperty("--control-border", theme.controlForegroundColor);
  if (isDark(theme.bodyBackgroundColor)) {
    root.colorScheme = "dark"; // native controls (date picker, selects) follow
    const dark: Record<string, string> = {
      "--subtle": "#c8c8c8",
      "--line": "#4a4a4a",
      "--brand-tint": "#1d3a3a",
      "--brand-dark": "#7fd1d1",
      "--error": "#ff9aa2",
      "--error-tint": "#3b1a1d",
      "--warning": "#ffcf70",
      "--warning-tint": "#3a2f12",
      "--success": "#8fdc8f",
      "--success-tint": "#16301a",
      "--up": "#ff9aa2",
      "--down": "#8fdc8f",
    };
    for (const [name, value] of Object.entries(dark)) root.setProperty(name, value);
  }
  return true;
}

function isColor(value: unknown): value is string {
  return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value);
}

function isDark(hex: string): boolean {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
}
