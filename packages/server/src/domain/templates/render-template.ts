// Template rendering (docs/decisions.md D32). Handlebars parses and renders; before anything is compiled, the parsed
// tree is checked against an allowlist: plain text, comments, and `{{field}}` where field is one of MERGE_FIELDS.
// Blocks, partials, helpers, triple-stash, `@data` and any other path are refused (TANDEM_TEMPLATE_INVALID). Merged
// values are data, never template: Handlebars does not re-read its output, so a `{{` inside a contact's name comes
// out literally. The body is plain text: `text` is it rendered as is (SMS and the e-mail text part), `html` is it with
// the literal text and every merged value HTML-escaped and line breaks as <br> (for an e-mail HTML part; the preview
// shows it, delivery sends the text part only today).
import Handlebars from 'handlebars';
import { MERGE_FIELDS } from '@tandem/api';
import { AppError } from '../../errors.ts';

export type MergeData = { contact: { name: string; company: string | null }; owner: { name: string }; sender: { name: string } };
export type TemplateSource = { subject: string | null; body: string };
export type RenderedTemplate = { subject: string | null; text: string; html: string };

/** An engine of our own: nothing registered on the global Handlebars (helpers, partials) can reach our templates. */
const engine = Handlebars.create();
const ALLOWED = new Set<string>(MERGE_FIELDS);
/** Never a helper, never `@data`; a missing field throws instead of rendering empty (the data always has them all). */
const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true, knownHelpers: {}, data: false } as const;
const MAX_TAG_IN_DETAIL = 80;
type TemplatePart = 'subject' | 'body';

/** Throws TANDEM_TEMPLATE_INVALID naming the first tag that is not a plain merge field (or the parse error). */
export function assertTemplateValid(subject: string | null | undefined, body: string): void {
  if (subject != null) parseChecked(subject, 'subject');
  parseChecked(body, 'body');
}

export function renderTemplate(template: TemplateSource, data: MergeData): RenderedTemplate {
  const context = mergeContext(data);
  const text = renderText(template.body, 'body', context);
  const subject = template.subject === null ? null : oneLine(renderText(template.subject, 'subject', context));
  return { subject, text, html: renderHtml(template.body, context) };
}

function renderText(source: string, part: TemplatePart, context: MergeContext): string {
  return engine.compile(parseChecked(source, part), { ...COMPILE_OPTIONS, noEscape: true })(context);
}

/** The engine escapes each merged value; the literal text around them is escaped here, in the parsed tree. */
function renderHtml(source: string, context: MergeContext): string {
  const program = parseChecked(source, 'body');
  for (const statement of program.body) {
    if (statement.type === 'ContentStatement') {
      const content = statement as hbs.AST.ContentStatement;
      content.value = engine.Utils.escapeExpression(content.value);
    }
  }
  const html = engine.compile(program, { ...COMPILE_OPTIONS, noEscape: false })(context);
  return html.replace(/\r\n|\r|\n/g, '<br>\n');
}

type MergeContext = {
  contact: { firstName: string; name: string; company: string };
  owner: { name: string };
  sender: { name: string };
};

function mergeContext(data: MergeData): MergeContext {
  return {
    contact: { firstName: firstWord(data.contact.name), name: data.contact.name, company: data.contact.company ?? '' },
    owner: { name: data.owner.name },
    sender: { name: data.sender.name },
  };
}

function firstWord(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/** A subject is one header line, whatever a merged value holds. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

function parseChecked(source: string, part: TemplatePart): hbs.AST.Program {
  let program: hbs.AST.Program;
  try {
    program = engine.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? firstLine(error.message) : 'it could not be read';
    throw new AppError('TANDEM_TEMPLATE_INVALID', `The ${part} is not a valid template (${reason}). Write merge fields as {{contact.firstName}}; write a literal {{ as \\{{.`);
  }
  for (const statement of program.body) {
    const refusal = refusalOf(statement);
    if (refusal) {
      throw new AppError('TANDEM_TEMPLATE_INVALID', `The ${part} uses ${tagText(source, statement)}: ${refusal}. Allowed merge fields: ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(', ')}.`);
    }
  }
  return program;
}

/** Why a statement is refused, or null when it is allowed. */
function refusalOf(statement: hbs.AST.Statement): string | null {
  switch (statement.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return null;
    case 'MustacheStatement': {
      const mustache = statement as hbs.AST.MustacheStatement;
      if (!mustache.escaped) return 'triple braces and {{& }} are not supported';
      if (mustache.params.length > 0 || mustache.hash) return 'helpers are not supported';
      const path = mustache.path;
      if (path.type !== 'PathExpression') return 'it is not a merge field';
      const expression = path as hbs.AST.PathExpression;
      if (expression.data || expression.depth !== 0) return 'it is not a merge field';
      // `original` alone is not enough: `{{[contact.name]}}` has that original but one part named "contact.name".
      const segments = expression.original.split('.');
      const sameParts = expression.parts.length === segments.length && expression.parts.every((part, i) => part === segments[i]);
      if (!ALLOWED.has(expression.original) || !sameParts) return 'it is not a merge field';
      return null;
    }
    case 'BlockStatement':
    case 'DecoratorBlock':
      return 'sections and blocks are not supported';
    case 'PartialStatement':
    case 'PartialBlockStatement':
      return 'partials are not supported';
    default:
      return 'it is not a merge field';
  }
}

/** The tag as the author wrote it (from the parser's location), shortened for the problem's detail. */
function tagText(source: string, statement: hbs.AST.Statement): string {
  const lines = source.split('\n');
  const offsetOf = (p: hbs.AST.Position): number => lines.slice(0, p.line - 1).reduce((sum, l) => sum + l.length + 1, 0) + p.column;
  const raw = source.slice(offsetOf(statement.loc.start), offsetOf(statement.loc.end)).replace(/\s+/g, ' ');
  return raw.length > MAX_TAG_IN_DETAIL ? `${raw.slice(0, MAX_TAG_IN_DETAIL)}…` : raw;
}

function firstLine(message: string): string {
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim().slice(0, 200);
}
