// The template engine's guard rails (docs/decisions.md D32): only plain merge fields are accepted, merged values are
// data (never read as template), and the HTML part escapes both the literal text and every merged value.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { assertTemplateValid, renderTemplate, type MergeData } from '../../src/domain/templates/render-template.ts';

const data: MergeData = { contact: { name: 'Ada Lovelace', company: 'Analytical Ltd' }, owner: { name: 'Olive Owner' }, sender: { name: 'Sam Sender' } };

function refusal(subject: string | null, body: string): AppError {
  try {
    assertTemplateValid(subject, body);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`accepted: ${subject ?? ''} / ${body}`);
}

describe('renderTemplate', () => {
  it('merges every field into subject, text and html', () => {
    const out = renderTemplate({
      subject: 'Hello {{contact.firstName}} from {{contact.company}}',
      body: 'Dear {{contact.firstName}} ({{contact.name}}),\n{{owner.name}} asked {{sender.name}} to write.',
    }, data);
    expect(out.subject).toBe('Hello Ada from Analytical Ltd');
    expect(out.text).toBe('Dear Ada (Ada Lovelace),\nOlive Owner asked Sam Sender to write.');
    expect(out.html).toBe('Dear Ada (Ada Lovelace),<br>\nOlive Owner asked Sam Sender to write.');
  });

  it('renders a missing company as empty and keeps a null subject null', () => {
    const out = renderTemplate({ subject: null, body: '[{{contact.company}}]' }, { ...data, contact: { name: '  Bo  Diddley ', company: null } });
    expect(out).toEqual({ subject: null, text: '[]', html: '[]' });
    expect(renderTemplate({ subject: null, body: '{{contact.firstName}}' }, { ...data, contact: { name: '  Bo  Diddley ', company: null } }).text).toBe('Bo');
  });

  it('never re-reads a merged value as template: {{ in a name comes out literally', () => {
    const hostile = { ...data, contact: { name: '<script>{{owner.name}}</script> {{{x}}} {{#each a}}', company: '{{> p}}' } };
    const out = renderTemplate({ subject: 'Re: {{contact.name}}', body: 'Hi {{contact.name}} at {{contact.company}}' }, hostile);
    expect(out.text).toBe('Hi <script>{{owner.name}}</script> {{{x}}} {{#each a}} at {{> p}}');
    expect(out.subject).toBe('Re: <script>{{owner.name}}</script> {{{x}}} {{#each a}}');
    expect(out.html).toBe('Hi &lt;script&gt;{{owner.name}}&lt;/script&gt; {{{x}}} {{#each a}} at {{&gt; p}}');
    expect(out.html).not.toContain('Olive');
  });

  it('escapes the literal template text in the html part too (the body is plain text)', () => {
    const out = renderTemplate({ subject: null, body: '<b>5 < 6 & "quotes"</b>\r\nnext' }, data);
    expect(out.text).toBe('<b>5 < 6 & "quotes"</b>\r\nnext');
    expect(out.html).toBe('&lt;b&gt;5 &lt; 6 &amp; &quot;quotes&quot;&lt;/b&gt;<br>\nnext');
  });

  it('keeps a subject on one line whatever a merged value holds', () => {
    const out = renderTemplate({ subject: 'Hi {{contact.name}}', body: 'x' }, { ...data, contact: { name: 'Ada\r\nBcc: evil@example.com', company: null } });
    expect(out.subject).toBe('Hi Ada Bcc: evil@example.com');
  });

  it('lets an escaped \\{{ through as literal text', () => {
    expect(renderTemplate({ subject: null, body: 'literal \\{{contact.name}} and {{contact.name}}' }, data).text).toBe('literal {{contact.name}} and Ada Lovelace');
  });

  it('accepts comments and whitespace control around allowed fields', () => {
    assertTemplateValid(null, '{{! a note }}Hi {{~contact.firstName~}} !');
    expect(renderTemplate({ subject: null, body: '{{! a note }}Hi {{~contact.firstName}} !' }, data).text).toBe('HiAda !');
  });
});

describe('assertTemplateValid', () => {
  const refused: Array<[string, string]> = [
    ['{{constructor}}', '{{constructor}}'],
    ['{{contact.__proto__}}', '{{contact.__proto__}}'],
    ['{{contact.constructor.name}}', '{{contact.constructor.name}}'],
    ['{{__proto__.polluted}}', '{{__proto__.polluted}}'],
    ['{{#each contacts}}{{name}}{{/each}}', '{{#each contacts}}{{name}}{{/each}}'],
    ['{{#if contact.name}}x{{/if}}', '{{#if contact.name}}x{{/if}}'],
    ['{{^contact.name}}x{{/contact.name}}', '{{^contact.name}}x{{/contact.name}}'],
    ['{{> partial}}', '{{> partial}}'],
    ['{{#> layout}}x{{/layout}}', '{{#> layout}}x{{/layout}}'],
    ['{{{contact.name}}}', '{{{contact.name}}}'],
    ['{{& contact.name}}', '{{& contact.name}}'],
    ['{{lookup contact "name"}}', '{{lookup contact "name"}}'],
    ['{{contact.name "x"}}', '{{contact.name "x"}}'],
    ['{{contact.name a=1}}', '{{contact.name a=1}}'],
    ['{{@root.contact.name}}', '{{@root.contact.name}}'],
    ['{{this.contact.name}}', '{{this.contact.name}}'],
    ['{{../contact.name}}', '{{../contact.name}}'],
    ['{{contact/name}}', '{{contact/name}}'],
    ['{{[contact.name]}}', '{{[contact.name]}}'],
    ['{{contact.email}}', '{{contact.email}}'],
    ['{{"literal"}}', '{{"literal"}}'],
    ['{{*decorator}}', '{{*decorator}}'],
  ];
  for (const [body, tag] of refused) {
    it(`refuses ${body} naming the tag`, () => {
      const error = refusal(null, `Hello ${body} bye`);
      expect(error.code).toBe('TANDEM_TEMPLATE_INVALID');
      expect(error.status).toBe(400);
      expect(error.detail).toContain(tag);
      expect(error.detail).toContain('The body');
    });
  }

  it('refuses a bad subject and says it is the subject', () => {
    const error = refusal('Hi {{owner.email}}', 'fine {{owner.name}}');
    expect(error.detail).toContain('The subject uses {{owner.email}}');
  });

  it('refuses unreadable templates with a 400, never a crash', () => {
    for (const body of ['{{contact.name', '{{#each x}}', '{{/each}}', '{{}}', 'a {{ b']) {
      expect(refusal(null, body).code).toBe('TANDEM_TEMPLATE_INVALID');
    }
  });

  it('renderTemplate itself refuses what the validator refuses (a stored template is checked again)', () => {
    expect(() => renderTemplate({ subject: null, body: '{{constructor}}' }, data)).toThrow(AppError);
    expect(() => renderTemplate({ subject: '{{> p}}', body: 'ok' }, data)).toThrow(AppError);
  });

  it('accepts every merge field and plain text', () => {
    assertTemplateValid('{{contact.firstName}}', '{{contact.firstName}} {{contact.name}} {{contact.company}} {{owner.name}} {{sender.name}} plain');
    assertTemplateValid(null, 'no fields at all');
  });
});
