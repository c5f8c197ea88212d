// The e-mail of a calendar reminder (docs/decisions.md D30): the item's title, its time written out in its zone with
// the zone named, the linked contact's name when the assignee sees that contact, and a link to the calendar.
import type { OutgoingMail } from '../shared/mailer.ts';
import { oneLine } from '../shared/mailer.ts';

export type ReminderMailInput = {
  to: { name: string; address: string };
  kind: 'task' | 'event';
  title: string;
  at: number;
  timeZone: string;
  contactName: string | null;
  publicUrl: string;
  /** Stable per reminder, so a retried send carries the same Message-ID. */
  reminderId: string;
};

/** "Monday 5 January 2026, 09:30 (Europe/Paris)": a 24-hour time in the item's zone, the zone named. */
export function formatReminderTime(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(at));
  // Built from the parts: how Intl joins them ("Monday, 5 January 2026 at 09:30") differs between ICU versions.
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} (${timeZone})`;
}

export function reminderMail(input: ReminderMailInput): OutgoingMail {
  const base = input.publicUrl.replace(/\/+$/, '');
  const when = formatReminderTime(input.at, input.timeZone);
  const title = oneLine(input.title);
  const lines = [
    title,
    `${input.kind === 'task' ? 'Due' : 'Starts'}: ${when}`,
    ...(input.contactName ? [`Contact: ${oneLine(input.contactName)}`] : []),
    '',
    `Your calendar: ${base}/calendar`,
  ];
  let host = 'tandem.invalid';
  try { host = new URL(base).hostname || host; } catch { /* a public URL that is no URL keeps the placeholder */ }
  return {
    to: input.to,
    subject: `Reminder: ${title} (${input.kind === 'task' ? 'due' : 'starts'} ${when})`,
    text: `${lines.join('\n')}\n`,
    messageId: `<tandem.reminder.${input.reminderId}@${host}>`,
  };
}
