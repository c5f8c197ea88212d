// Sync channels in words (spec §9): the providers' names, why the gate is closed (the same words as the contacts
// list's Export menu, features/contacts/export-options.ts), what became of a run and how far it got. Pure, so a unit
// test reads every sentence.
import type { Integration, SyncProvider, SyncRun, SyncRunStatus, SyncStopReason } from '../../api/models.ts';
import { CHANNEL_LABEL } from '../admin/channels.ts';

export const PROVIDER_NAME: Record<SyncProvider, string> = { mailchimp: 'Mailchimp', google_contacts: 'Google Contacts' };

export type GateText = { title: string; detail: string };

/** Which half of the gate is missing (the export switch, or this channel among the user's own), and who can open it. */
export function gateText(integration: Pick<Integration, 'allowed' | 'refusal' | 'provider' | 'channel'>): GateText | null {
  if (integration.allowed) return null;
  if (integration.refusal === 'TANDEM_EXPORT_DISABLED') {
    return {
      title: 'Your admin has turned exports off',
      detail: 'While contact data export is off, only administrators may sync contacts. An administrator can turn it on in Settings › Permissions.',
    };
  }
  if (integration.refusal === 'TANDEM_EXPORT_CHANNEL_BLOCKED') {
    return {
      title: `Your account may not export to ${PROVIDER_NAME[integration.provider]}`,
      detail: `An administrator can allow the “${CHANNEL_LABEL[integration.channel]}” channel for you on the Users page.`,
    };
  }
  return { title: `You may not sync to ${PROVIDER_NAME[integration.provider]}`, detail: 'Ask an administrator why.' };
}

export const STOP_REASON_TEXT: Record<SyncStopReason, string> = {
  export_disabled: 'Contact data export was turned off',
  channel_blocked: 'This channel was removed from your export channels',
  user_deactivated: 'Your account was deactivated',
  disconnected: 'The integration was disconnected',
};

/** A run's status as its badge says it (tones of ui/Badge; this file imports no component so node tests can read it). */
export const RUN_STATUS: Record<SyncRunStatus, { label: string; tone: 'info' | 'success' | 'danger' | 'warning' }> = {
  queued: { label: 'Queued', tone: 'info' },
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Finished', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  stopped: { label: 'Stopped', tone: 'warning' },
};

/** Still moving: the page polls it. */
export function isActive(run: Pick<SyncRun, 'status'> | null | undefined): boolean {
  return run?.status === 'queued' || run?.status === 'running';
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "3 created, 1 updated, 8 unchanged, 1 skipped, 0 failed". */
export function countsText(run: Pick<SyncRun, 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed'>): string {
  return `${run.created.toLocaleString()} created, ${run.updated.toLocaleString()} updated, ${run.unchanged.toLocaleString()} unchanged, ${run.skipped.toLocaleString()} skipped, ${run.failed.toLocaleString()} failed`;
}

/** "12 of 40 contacts" (the total is counted when the run starts; before that only what was done). */
export function progressText(run: Pick<SyncRun, 'processed' | 'total'>): string {
  if (run.total === null) return `${plural(run.processed, 'contact', 'contacts')} so far`;
  return `${run.processed.toLocaleString()} of ${plural(run.total, 'contact', 'contacts')}`;
}

/** What became of a run, in one sentence. */
export function outcomeText(run: Pick<SyncRun, 'status' | 'stopReason' | 'error' | 'processed' | 'total'>): string {
  switch (run.status) {
    case 'queued':
      return 'Waiting to start…';
    case 'running':
      return `Syncing: ${progressText(run)}`;
    case 'succeeded':
      return `Synced ${plural(run.processed, 'contact', 'contacts')}`;
    case 'failed':
      return `Failed: ${run.error ?? 'the provider refused the sync'}`;
    case 'stopped':
      return `Stopped after ${plural(run.processed, 'contact', 'contacts')}: ${run.stopReason ? STOP_REASON_TEXT[run.stopReason] : 'it was stopped before the end'}`;
  }
}

/** "<1 s", "42 s", "3 min 5 s", "1 h 2 min"; empty while it has not both started and ended. */
export function durationText(run: Pick<SyncRun, 'startedAt' | 'finishedAt'>): string {
  if (!run.startedAt || !run.finishedAt) return '';
  const seconds = Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000));
  if (seconds < 1) return '<1 s';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}
