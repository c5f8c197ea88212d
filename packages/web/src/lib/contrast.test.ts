import { describe, expect, it } from 'vitest';
import { AA_TEXT, accentContrast, contrastRatio, formatRatio, parseHex, readableShade } from './contrast.ts';

describe('accent contrast (defect 9)', () => {
  it('measures WCAG contrast ratios', () => {
    expect(contrastRatio([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5);
    expect(contrastRatio([255, 255, 255], [255, 255, 255])).toBe(1);
    expect(formatRatio(contrastRatio([255, 255, 255], parseHex('#777777') ?? [0, 0, 0]))).toBe('4.47:1');
  });

  it('passes the default accent and warns about a pale one', () => {
    expect(accentContrast('#5b5bd6')?.buttonText).toBeGreaterThan(AA_TEXT);
    const pale = accentContrast('#ffd60a');
    expect(pale?.buttonText).toBeLessThan(2);
    expect(accentContrast('nope')).toBeNull();
  });

  it('suggests the lightest darker shade that is readable', () => {
    const shade = readableShade('#ffd60a') ?? '';
    expect(accentContrast(shade)?.buttonText).toBeGreaterThanOrEqual(AA_TEXT);
    expect(readableShade('#2563eb')).toBe('#2563eb');
  });
});
