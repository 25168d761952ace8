// Theme: the user's setting (light, dark, system) resolved to a `data-theme` on <html>. The setting is
// mirrored in localStorage so the inline script in the root layout paints the right theme before React
// loads (no flash of the wrong theme).
import type { Theme } from './api/types.ts';

export const THEME_STORAGE_KEY = 'sendops.theme';

export const themeBootScript = `(function(){try{var t=localStorage.getItem('${THEME_STORAGE_KEY}')||'system';var d=t==='dark'||(t==='system'&&window.matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.setAttribute('data-theme',d?'dark':'light');}catch(e){}})();`;

export function resolveTheme(theme: Theme): 'light' | 'dark' {
  if (theme === 'system') {
    return typeof window !== 'undefined' && window.matchMedia('(prefers-color-scheme: dark)').matches
      ? 'dark'
      : 'light';
  }
  return theme;
}

export function applyTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Without storage the theme still applies for this page.
  }
  document.documentElement.setAttribute('data-theme', resolveTheme(theme));
}
