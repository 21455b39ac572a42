import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export type ThemeName = "light" | "dark";

/** `?theme=dark` or `?theme=light` in the pane's address forces a theme (for tests and screenshots). */
export function themeFromQuery(search: string): ThemeName | null {
  const value = new URLSearchParams(search).get("theme");
  return value === "dark" || value === "light" ? value : null;
}

/** True for a dark background colour such as Office's "#262626"; false for light or unreadable values. */
export function isDarkColor(color: string | undefined | null): boolean {
  const match = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec((color ?? "").trim());
  if (!match) return false;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join("") : match[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  // Perceived brightness (ITU-R BT.601 weights): below the midpoint reads as a dark theme.
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

export function chooseTheme(query: ThemeName | null, officeBackground: string | undefined | null): ThemeName {
  return query ?? (isDarkColor(officeBackground) ? "dark" : "light");
}

export function fluentTheme(name: ThemeName): Theme {
  return name === "dark" ? webDarkTheme : webLightTheme;
}
