// The window of a share (record, bucket): when it starts and when it ends, as a form holds it and as words.
// The server decides whether a share is active (`share.active`); these only prepare what is sent and describe it.
import { formatDateTime, fromLocalInput, toLocalInput } from '../../lib/format.ts';

export type StartMode = 'now' | 'on';
export type EndMode = 'permanent' | 'until';

/** What the "Starts" and "Ends" controls hold: datetime-local strings in the browser's time zone. */
export type WindowDraft = { startMode: StartMode; starts: string; endMode: EndMode; until: string };

export type ResolvedWindow = { startsAt: string | null; expiresAt: string | null; error: string | null };

const DAY = 86_400_000;

export const END_PRESETS: { label: string; days: number }[] = [
  { label: '1 day', days: 1 },
  { label: '1 week', days: 7 },
  { label: '1 month', days: 30 },
];

/** A datetime-local value `days` after `from` (now by default), to the minute. */
export function presetDate(days: number, from: number = Date.now()): string {
  const d = new Date(from + days * DAY);
  d.setSeconds(0, 0);
  return toLocalInput(d);
}

export function initialDraft(now: number = Date.now()): WindowDraft {
  return { startMode: 'now', starts: '', endMode: 'permanent', until: presetDate(7, now) };
}

/** The bounds to send, or why they cannot be sent: an end must be in the future and after the start. */
export function resolveWindow(draft: WindowDraft, now: number = Date.now()): ResolvedWindow {
  const startsAt = draft.startMode === 'on' ? fromLocalInput(draft.starts) : null;
  const expiresAt = draft.endMode === 'until' ? fromLocalInput(draft.until) : null;
  if (draft.startMode === 'on' && !startsAt) return { startsAt, expiresAt, error: 'Pick the date and time the access starts.' };
  if (draft.endMode === 'until' && (!expiresAt || Date.parse(expiresAt) <= now)) return { startsAt, expiresAt, error: 'Pick an end date and time in the future.' };
  if (startsAt && expiresAt && Date.parse(expiresAt) <= Date.parse(startsAt)) return { startsAt, expiresAt, error: 'The access must end after it starts.' };
  return { startsAt, expiresAt, error: null };
}

/** The end a preset gives: counted from the start when access starts later, otherwise from now. */
export function presetEnd(draft: WindowDraft, days: number, now: number = Date.now()): string {
  const start = draft.startMode === 'on' ? fromLocalInput(draft.starts) : null;
  return presetDate(days, start ? Math.max(Date.parse(start), now) : now);
}

/** One line for a share's window: "Permanent", "Until …", "Starts … · until …", "Ended …". */
export function windowText(share: { startsAt: string | null; expiresAt: string | null }, now: number = Date.now()): string {
  if (share.expiresAt && Date.parse(share.expiresAt) <= now) return `Ended ${formatDateTime(share.expiresAt)}`;
  if (share.startsAt && Date.parse(share.startsAt) > now) {
    return share.expiresAt ? `Starts ${formatDateTime(share.startsAt)} · until ${formatDateTime(share.expiresAt)}` : `Starts ${formatDateTime(share.startsAt)}`;
  }
  if (share.expiresAt) return `Until ${formatDateTime(share.expiresAt)}`;
  return 'Permanent';
}

/** A short sentence for a toast: " from … until …", " until …", " from …" or "". */
export function windowPhrase(startsAt: string | null, expiresAt: string | null): string {
  return `${startsAt ? ` from ${formatDateTime(startsAt)}` : ''}${expiresAt ? ` until ${formatDateTime(expiresAt)}` : ''}`;
}

/** The datetime-local value of an ISO time, or '' for none. */
export function localValue(iso: string | null): string {
  return iso ? toLocalInput(new Date(iso)) : '';
}
