// Applies the org's branding to the whole app: the accent colour variable and the document title.
import { useEffect } from 'react';
import type { Org } from '../api/models.ts';

export const DEFAULT_ACCENT = '#5b5bd6';

export function isHexColor(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
}

export function applyAccent(color: string | null | undefined): void {
  document.documentElement.style.setProperty('--accent', isHexColor(color) ? color : DEFAULT_ACCENT);
}

export function useBranding(org: Org): void {
  useEffect(() => {
    applyAccent(org.accentColor);
    document.title = `${org.name} · Tandem`;
  }, [org.accentColor, org.name]);
}
