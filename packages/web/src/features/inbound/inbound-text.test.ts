import { describe, expect, it } from 'vitest';
import { maskSecret, replyPreview, webhookPattern, webhookUrl } from './inbound-text.ts';

describe('inbound text', () => {
  it('builds the webhook from the public URL, without a doubled slash', () => {
    expect(webhookUrl('https://crm.example.com/', 'org-1', 'sms')).toBe('https://crm.example.com/api/v1/inbound/org-1/sms');
    expect(webhookPattern('http://localhost:5173', 'org-1')).toBe('http://localhost:5173/api/v1/inbound/org-1/email|sms');
  });

  it('hides every character of the secret after its prefix', () => {
    const masked = maskSecret('whsec_abcDEF123');
    expect(masked.startsWith('whsec_')).toBe(true);
    expect(masked).not.toMatch(/abc|DEF|123/);
  });

  it('previews subject then body on one line, cut with an ellipsis', () => {
    expect(replyPreview({ subject: 'Re: quote', body: 'Yes,\n\nplease' })).toBe('Re: quote — Yes, please');
    expect(replyPreview({ subject: null, body: 'x'.repeat(200) }, 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
