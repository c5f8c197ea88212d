// The audit log in sentences (issue 10, defect 10): who did what to whom or what, with names instead of ids and
// codes. Names come from the people and teams of the org and from the entry's own snapshots (a contact's name, a
// bucket's, an invitation's); the raw code stays in the entry's details.
import type { AuditEntry } from '../../api/models.ts';
import { CHANNEL_LABEL } from './channels.ts';
import type { ExportChannel } from '../../api/models.ts';

export type Names = {
  user: (id: string) => string | null;
  team: (id: string) => string | null;
  /** A contact's or bucket's name known from other entries (its creation, a change): see `recordNames`. */
  record: (id: string) => string | null;
};

/** What the log names by the entries' own snapshots: contacts, buckets, templates, pipelines and programs. */
const NAMED_TARGETS = new Set(['contact', 'bucket', 'template', 'pipeline', 'program']);

/** Names of contacts, buckets, templates, pipelines and programs as the loaded entries' snapshots give them (the latest first). */
export function recordNames(entries: readonly AuditEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of entries) {
    if (!NAMED_TARGETS.has(e.targetType) || !e.targetId || names.has(e.targetId)) continue;
    const name = str(obj(e.after).name) ?? str(obj(e.before).name);
    if (name) names.set(e.targetId, name);
  }
  return names;
}

export type AuditCategory = 'contacts' | 'sharing' | 'calendars' | 'workflows' | 'people' | 'organisation' | 'other';

/** Each action code, in a few words, and the group it is filtered under. */
export const ACTION_LABEL: Record<string, { label: string; category: AuditCategory }> = {
  'contact.create': { label: 'Contact created', category: 'contacts' },
  'contact.edit': { label: 'Contact edited', category: 'contacts' },
  'contact.archive': { label: 'Contact archived', category: 'contacts' },
  'contact.unarchive': { label: 'Contact unarchived', category: 'contacts' },
  'contact.delete': { label: 'Contact moved to the trash', category: 'contacts' },
  'contact.restore': { label: 'Contact restored', category: 'contacts' },
  'contact.purge': { label: 'Contact removed for good', category: 'contacts' },
  'contact.reassign': { label: 'Contact reassigned', category: 'contacts' },
  'contacts.reassign_all': { label: 'All contacts handed over', category: 'contacts' },
  'contact.message': { label: 'Message on the owner’s behalf', category: 'contacts' },
  'contact.message.sent': { label: 'Message delivered', category: 'contacts' },
  'contact.message.failed': { label: 'Message not delivered', category: 'contacts' },
  'calendar_item.create': { label: 'Task or event created', category: 'calendars' },
  'calendar_item.update': { label: 'Task or event changed', category: 'calendars' },
  'calendar_item.move': { label: 'Task or event moved to another calendar', category: 'calendars' },
  'calendar_item.complete': { label: 'Task done', category: 'calendars' },
  'calendar_item.reopen': { label: 'Task reopened', category: 'calendars' },
  'calendar_item.delete': { label: 'Task or event deleted', category: 'calendars' },
  'calendar.feed.create': { label: 'Calendar feed link made', category: 'calendars' },
  'calendar.feed.rotate': { label: 'Calendar feed link replaced', category: 'calendars' },
  'calendar.feed.revoke': { label: 'Calendar feed link removed', category: 'calendars' },
  'contact.share.create': { label: 'Contact shared', category: 'sharing' },
  'contact.share.update': { label: 'Contact share changed', category: 'sharing' },
  'contact.share.revoke': { label: 'Contact share removed', category: 'sharing' },
  'grant.create': { label: 'Access granted', category: 'sharing' },
  'grant.replace': { label: 'Access changed', category: 'sharing' },
  'grant.revoke': { label: 'Access removed', category: 'sharing' },
  'bucket.share.create': { label: 'Bucket shared', category: 'sharing' },
  'bucket.share.update': { label: 'Bucket share changed', category: 'sharing' },
  'bucket.share.revoke': { label: 'Bucket share removed', category: 'sharing' },
  'bucket.contacts.add': { label: 'Contacts put in a bucket', category: 'sharing' },
  'bucket.contacts.remove': { label: 'Contact taken out of a bucket', category: 'sharing' },
  'bucket.delete': { label: 'Bucket deleted', category: 'sharing' },
  'template.share.create': { label: 'Template shared', category: 'sharing' },
  'template.share.update': { label: 'Template share changed', category: 'sharing' },
  'template.share.revoke': { label: 'Template share removed', category: 'sharing' },
  'pipeline.share.create': { label: 'Pipeline shared', category: 'sharing' },
  'pipeline.share.update': { label: 'Pipeline share changed', category: 'sharing' },
  'pipeline.share.revoke': { label: 'Pipeline share removed', category: 'sharing' },
  'program.share.create': { label: 'Program shared', category: 'sharing' },
  'program.share.update': { label: 'Program share changed', category: 'sharing' },
  'program.share.revoke': { label: 'Program share removed', category: 'sharing' },
  'template.create': { label: 'Template created', category: 'workflows' },
  'template.update': { label: 'Template changed', category: 'workflows' },
  'template.delete': { label: 'Template deleted', category: 'workflows' },
  'pipeline.create': { label: 'Pipeline created', category: 'workflows' },
  'pipeline.update': { label: 'Pipeline changed', category: 'workflows' },
  'pipeline.delete': { label: 'Pipeline deleted', category: 'workflows' },
  'pipeline.card.create': { label: 'Card added to a pipeline', category: 'workflows' },
  'pipeline.card.update': { label: 'Pipeline card changed', category: 'workflows' },
  'pipeline.card.move': { label: 'Pipeline card moved', category: 'workflows' },
  'pipeline.card.delete': { label: 'Pipeline card removed', category: 'workflows' },
  'program.create': { label: 'Program created', category: 'workflows' },
  'program.update': { label: 'Program changed', category: 'workflows' },
  'program.delete': { label: 'Program deleted', category: 'workflows' },
  'program.enrollment.create': { label: 'Contact enrolled in a program', category: 'workflows' },
  'program.enrollment.update': { label: 'Enrolment paused, resumed or stopped', category: 'workflows' },
  'program.enrollment.stop': { label: 'Enrolment stopped by Tandem', category: 'workflows' },
  'user.create': { label: 'User added', category: 'people' },
  'user.role.change': { label: 'Role changed', category: 'people' },
  'user.status.change': { label: 'User deactivated or reactivated', category: 'people' },
  'user.exportChannels.change': { label: 'Export channels changed', category: 'people' },
  'user.smsLine.change': { label: 'SMS line changed', category: 'people' },
  'user.profile.change': { label: 'Name or e-mail changed', category: 'people' },
  'user.password.change': { label: 'Password changed', category: 'people' },
  'user.password.set': { label: 'Password set by an administrator', category: 'people' },
  'user.password.reset': { label: 'Password reset with a link', category: 'people' },
  'user.password.resetLink.send': { label: 'Reset link sent', category: 'people' },
  'user.lock': { label: 'Sign-in locked after wrong passwords', category: 'people' },
  'user.unlock': { label: 'Sign-in unlocked', category: 'people' },
  'invitation.create': { label: 'Invitation sent', category: 'people' },
  'invitation.revoke': { label: 'Invitation withdrawn', category: 'people' },
  'invitation.accept': { label: 'Invitation accepted', category: 'people' },
  'team.create': { label: 'Team created', category: 'people' },
  'team.rename': { label: 'Team renamed', category: 'people' },
  'team.members.change': { label: 'Team members changed', category: 'people' },
  'team.delete': { label: 'Team deleted', category: 'people' },
  'token.create': { label: 'API token created', category: 'people' },
  'token.revoke': { label: 'API token revoked', category: 'people' },
  'org.create': { label: 'Organisation created', category: 'organisation' },
  'org.settings.change': { label: 'Team-wide switches changed', category: 'organisation' },
  'org.branding.change': { label: 'Branding or billing changed', category: 'organisation' },
  'org.inbound_secret.rotate': { label: 'Inbound reply secret replaced', category: 'organisation' },
  'access_review.export': { label: 'Access review downloaded', category: 'organisation' },
};

export const CATEGORY_LABEL: Record<AuditCategory, string> = {
  contacts: 'Contacts',
  sharing: 'Sharing and access',
  calendars: 'Calendars',
  workflows: 'Templates, pipelines and programs',
  people: 'People and sign-in',
  organisation: 'Organisation',
  other: 'Other',
};

export function categoryOf(action: string): AuditCategory {
  return ACTION_LABEL[action]?.category ?? 'other';
}

/** "contact.share.create" → "Contact share create", for codes this app does not know yet. */
export function humaniseCode(code: string): string {
  const words = code.replace(/[._]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const LEVEL: Record<string, string> = { view: 'View', collaborate: 'Collaborate', edit: 'Edit', profile: 'Profile', owner: 'Owner' };
const SWITCH: Record<string, string> = {
  exportEnabled: 'Contact data export',
  shareAllContacts: 'Share all contacts',
  membersCanArchiveDeleteShared: 'Members can archive and delete shared contacts',
};

const dateText = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

function windowOf(snapshot: Obj): string {
  const from = str(snapshot.startsAt);
  const until = str(snapshot.expiresAt);
  return [from ? ` from ${dateText(from)}` : '', until ? ` until ${dateText(until)}` : ''].join('');
}

/** Why Tandem stopped an enrolment (@tandem/api's STOP_REASONS), as the end of a sentence. */
const STOP_REASON: Record<string, string> = {
  stopped_by_user: 'stopped by hand',
  collaborate_lost: 'the person who enrolled the contact no longer collaborates on it',
  contact_trashed: 'the contact was moved to the trash',
  enroller_deactivated: 'the person who enrolled the contact was deactivated',
  no_address: 'the contact has no address for the step’s channel',
  template_missing: 'the step’s template is gone',
};

const ENROLLMENT_STATUS: Record<string, string> = { active: 'resumed', paused: 'paused', stopped: 'stopped', completed: 'completed' };

const HAND_SHARED_LEVEL: Record<string, string> = { view: 'Can use', edit: 'Can change' };

export type Sentence = { actor: string; text: string };

/** One entry as a sentence: "Ada Lindqvist" + "shared Zoe Hartmann with Ben Okafor (View until 9 May 2026, 17:00)". */
export function describeAudit(entry: AuditEntry, names: Names): Sentence {
  const before = obj(entry.before);
  const after = obj(entry.after);
  const actor = entry.actorName ?? (entry.actorId ? (names.user(entry.actorId) ?? 'Someone') : 'Tandem');
  const userName = (id: unknown) => (typeof id === 'string' ? (names.user(id) ?? 'a former user') : 'someone');
  const grantee = (g: unknown) => {
    const o = obj(g);
    if (typeof o.teamId === 'string') return `the team ${names.team(o.teamId) ?? '(deleted)'}`;
    return userName(o.userId);
  };
  const targetUser = entry.targetId ? userName(entry.targetId) : 'someone';
  const known = entry.targetId && NAMED_TARGETS.has(entry.targetType) ? names.record(entry.targetId) : null;
  const contact = str(after.name) ?? str(before.name) ?? known ?? 'a contact';
  const bucket = known ? `the bucket ${known}` : 'a bucket';
  const snapshot = Object.keys(after).length ? after : before;
  const say = (text: string): Sentence => ({ actor, text });
  const handShared = handSharedSentence(entry, before, after, known, grantee);
  if (handShared) return say(handShared);
  const workflow = workflowSentence(entry, before, after, names);
  if (workflow) return say(workflow);
  switch (entry.action) {
    case 'contact.create':
      return say(`created the contact ${contact}`);
    case 'contact.edit':
      return say(`edited ${contact}`);
    case 'contact.archive':
      return say(`archived ${contact}`);
    case 'contact.unarchive':
      return say(`unarchived ${contact}`);
    case 'contact.delete':
      return say(`moved ${contact} to the trash`);
    case 'contact.restore':
      return say(`restored ${contact} from the trash`);
    case 'contact.purge':
      return say(`removed ${contact} for good${after.reason === 'explicit' ? '' : ' (30 days in the trash)'}`);
    case 'contact.reassign':
      return say(`reassigned ${contact} from ${userName(before.ownerId)} to ${userName(after.ownerId)}`);
    case 'contacts.reassign_all':
      return say(`handed over all ${typeof after.moved === 'number' ? `${after.moved} ` : ''}contacts of ${userName(before.ownerId)} to ${userName(after.ownerId)}`);
    case 'contact.message':
      return say(after.onBehalfOf && after.onBehalfOf !== after.sentBy ? `wrote a message to ${contact} on behalf of ${userName(after.onBehalfOf)}` : `wrote a message to ${contact}`);
    case 'contact.message.sent':
      return say(`delivered a message to ${contact}${str(after.channel) ? ` by ${after.channel === 'sms' ? 'SMS' : 'e-mail'}` : ''}`);
    case 'contact.message.failed':
      return say(`could not deliver a message to ${contact}${str(after.error) ? `: ${str(after.error)}` : ''}`);
    case 'contact.share.create':
      return say(`shared ${contact} with ${grantee(after.grantee)} (${LEVEL[String(after.level)] ?? after.level}${windowOf(after)})`);
    case 'contact.share.update':
      return say(`changed ${grantee(after.grantee)}’s share of ${contact}: ${LEVEL[String(before.level)] ?? before.level}${windowOf(before)} → ${LEVEL[String(after.level)] ?? after.level}${windowOf(after)}`);
    case 'contact.share.revoke':
      return say(`stopped sharing ${contact} with ${grantee(before.grantee)}`);
    case 'grant.create':
    case 'grant.replace':
      return say(`gave ${grantee(after.grantee)} ${LEVEL[String(after.level)] ?? after.level} access to ${userName(after.ownerId)}’s ${after.scope === 'calendar' ? 'calendar' : 'contacts'}${windowOf(after)}`);
    case 'grant.revoke':
      return say(`removed ${grantee(before.grantee)}’s access to ${userName(before.ownerId)}’s ${before.scope === 'calendar' ? 'calendar' : 'contacts'}`);
    case 'bucket.share.create':
      return say(`shared ${bucket} with ${grantee(after.grantee)} (${LEVEL[String(after.level)] ?? after.level}${windowOf(after)})`);
    case 'bucket.share.update':
      return say(`changed ${grantee(after.grantee)}’s share of ${bucket} to ${LEVEL[String(after.level)] ?? after.level}${windowOf(after)}`);
    case 'bucket.share.revoke':
      return say(`stopped sharing ${bucket} with ${grantee(before.grantee)}`);
    case 'bucket.contacts.add': {
      const n = Array.isArray(after.contactIds) ? after.contactIds.length : 0;
      return say(`put ${n === 1 ? 'a contact' : `${n} contacts`} in ${bucket}`);
    }
    case 'bucket.contacts.remove':
      return say(`took a contact out of ${bucket}`);
    case 'bucket.delete':
      return say(`deleted the bucket ${str(before.name) ?? known ?? ''}`.trim());
    case 'user.create':
      return say(`added ${str(after.name) ?? targetUser} as ${after.role === 'admin' ? 'an administrator' : 'a member'}`);
    case 'user.role.change':
      return say(`made ${targetUser} ${after.role === 'admin' ? 'an administrator' : 'a member'}`);
    case 'user.status.change':
      return say(`${after.status === 'deactivated' ? 'deactivated' : 'reactivated'} ${targetUser}`);
    case 'user.smsLine.change':
      return say(str(after.smsLine) ? `set ${targetUser}’s SMS line to ${str(after.smsLine)}` : `removed ${targetUser}’s SMS line`);
    case 'user.exportChannels.change': {
      const list = Array.isArray(after.exportChannels) ? after.exportChannels.map((c) => CHANNEL_LABEL[c as ExportChannel] ?? String(c)) : [];
      return say(`set ${targetUser}’s export channels to ${list.length ? list.join(', ') : 'none'}`);
    }
    case 'user.profile.change': {
      const changed = [after.name !== undefined ? 'name' : null, after.email !== undefined ? 'e-mail' : null].filter(Boolean).join(' and ') || 'profile';
      return say(entry.actorId === entry.targetId ? `changed their ${changed}` : `changed ${targetUser}’s ${changed}`);
    }
    case 'user.password.change':
      return say('changed their password');
    case 'user.password.set':
      return say(`set a new password for ${targetUser}`);
    case 'user.password.reset':
      return say('set a new password with a reset link');
    case 'user.password.resetLink.send':
      return say(`e-mailed ${targetUser} a link to set a new password`);
    case 'user.lock':
      return say(`paused signing in for ${targetUser} after ${typeof after.failures === 'number' ? after.failures : 'too many'} wrong passwords`);
    case 'user.unlock':
      return say(`unlocked signing in for ${targetUser}`);
    case 'invitation.create':
      return say(`invited ${str(after.name) ?? 'someone'}${str(after.email) ? ` (${str(after.email)})` : ''} as ${after.role === 'admin' ? 'an administrator' : 'a member'}`);
    case 'invitation.revoke':
      return say(`withdrew the invitation to ${str(before.name) ?? str(before.email) ?? 'someone'}`);
    case 'invitation.accept':
      return say('accepted an invitation and joined');
    case 'team.create':
      return say(`created the team ${str(after.name) ?? ''}`.trim());
    case 'team.rename':
      return say(`renamed the team ${str(before.name) ?? ''} to ${str(after.name) ?? ''}`.replace(/\s+/g, ' ').trim());
    case 'team.members.change':
      return say(`changed the members of the team ${str(after.name) ?? (entry.targetId ? (names.team(entry.targetId) ?? '') : '')}`.trim());
    case 'team.delete':
      return say(`deleted the team ${str(before.name) ?? ''}`.trim());
    case 'token.create':
      return say(`created the API token ${str(after.name) ?? ''}`.trim());
    case 'token.revoke':
      return say(`revoked the API token ${str(before.name) ?? ''}`.trim());
    case 'org.create':
      return say(`created the organisation ${str(after.name) ?? ''}`.trim());
    case 'org.settings.change': {
      const changes = Object.entries(after).map(([key, on]) => `turned ${on ? 'on' : 'off'} ${SWITCH[key] ?? key}`);
      return say(changes.length ? changes.join(', ') : 'changed the team-wide switches');
    }
    case 'org.branding.change':
      return say(Object.keys(after).filter((k) => k !== 'billing').length ? 'changed the organisation’s name or colour' : 'changed the billing details');
    case 'calendar_item.create':
    case 'calendar_item.update':
    case 'calendar_item.complete':
    case 'calendar_item.reopen':
    case 'calendar_item.delete': {
      // Snapshots leave titles out (an item can be private to its calendar): the kind and the calendar say enough.
      const kind = snapshot.kind === 'task' ? 'task' : snapshot.kind === 'event' ? 'event' : 'task or event';
      const on = `${userName(snapshot.userId)}’s calendar`;
      const verb = { 'calendar_item.create': `created ${article(kind)} on`, 'calendar_item.update': `changed ${article(kind)} on`,
        'calendar_item.complete': 'marked a task done on', 'calendar_item.reopen': 'reopened a task on', 'calendar_item.delete': `deleted ${article(kind)} from` }[entry.action];
      return say(`${verb} ${on}`);
    }
    case 'calendar_item.move':
      return say(`moved ${after.kind === 'event' ? 'an event' : 'a task'} from ${userName(before.userId)}’s calendar to ${userName(after.userId)}’s`);
    case 'calendar.feed.create':
    case 'calendar.feed.rotate':
      return say(`${entry.action === 'calendar.feed.create' ? 'made' : 'replaced'} a private feed link to ${targetUser}’s calendar`);
    case 'calendar.feed.revoke':
      return say(`removed a private feed link to ${targetUser}’s calendar`);
    case 'org.inbound_secret.rotate':
      return say('replaced the secret that signs inbound replies (the old one stopped working)');
    default:
      return say(`${humaniseCode(entry.action).toLowerCase()}${snapshot.name ? ` (${String(snapshot.name)})` : ''}`);
  }
}

function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

const NOUN: Record<string, string> = { template: 'template', pipeline: 'pipeline', program: 'program' };

/** Creating, changing, deleting and sharing a template, pipeline or program ("shared the template Welcome with ..."). */
function handSharedSentence(entry: AuditEntry, before: Obj, after: Obj, known: string | null, grantee: (g: unknown) => string): string | null {
  const m = /^(template|pipeline|program)\.(create|update|delete|share\.create|share\.update|share\.revoke)$/.exec(entry.action);
  if (!m) return null;
  const noun = NOUN[m[1] ?? ''] ?? 'item';
  const name = str(after.name) ?? str(before.name) ?? known;
  const it = name ? `the ${noun} ${name}` : `a ${noun}`;
  const level = (o: Obj) => `${HAND_SHARED_LEVEL[String(o.level)] ?? String(o.level)}${windowOf(o)}`;
  switch (m[2]) {
    case 'create':
      return `created ${it}`;
    case 'update': {
      const renamed = str(before.name) && str(after.name) && before.name !== after.name;
      return renamed ? `renamed the ${noun} ${str(before.name)} to ${str(after.name)}` : `changed ${it}`;
    }
    case 'delete':
      return `deleted ${it}`;
    case 'share.create':
      return `shared ${it} with ${grantee(after.grantee)} (${level(after)})`;
    case 'share.update':
      return `changed ${grantee(after.grantee)}’s share of ${it}: ${level(before)} → ${level(after)}`;
    default:
      return `stopped sharing ${it} with ${grantee(before.grantee)}`;
  }
}

/** A pipeline's cards and a program's enrolments; named by the card's title and the pipeline's or program's name. */
function workflowSentence(entry: AuditEntry, before: Obj, after: Obj, names: Names): string | null {
  const snapshot = Object.keys(after).length ? after : before;
  const inPipeline = () => {
    const name = typeof snapshot.pipelineId === 'string' ? names.record(snapshot.pipelineId) : null;
    return name ? `the pipeline ${name}` : 'a pipeline';
  };
  const inProgram = () => {
    const name = typeof snapshot.programId === 'string' ? names.record(snapshot.programId) : null;
    return name ? `the program ${name}` : 'a program';
  };
  const card = () => (str(snapshot.title) ? `the card “${str(snapshot.title)}”` : 'a card');
  switch (entry.action) {
    case 'pipeline.card.create':
      return `added ${card()} to ${inPipeline()}`;
    case 'pipeline.card.update':
      return `changed ${card()} on ${inPipeline()}`;
    case 'pipeline.card.move':
      return `moved ${card()} to another stage of ${inPipeline()}`;
    case 'pipeline.card.delete':
      return `removed ${card()} from ${inPipeline()}`;
    case 'program.enrollment.create':
      return `enrolled a contact in ${inProgram()}`;
    case 'program.enrollment.update': {
      const status = ENROLLMENT_STATUS[String(after.status)] ?? 'changed';
      return `${status} a contact’s enrolment`;
    }
    case 'program.enrollment.stop': {
      const reason = STOP_REASON[String(after.reason)] ?? (str(after.reason) ? String(after.reason) : null);
      return `stopped a contact’s enrolment in ${inProgram()}${reason ? `: ${reason}` : ''}`;
    }
    default:
      return null;
  }
}
