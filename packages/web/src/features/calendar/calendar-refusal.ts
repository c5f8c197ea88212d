// Why a change to a calendar item was refused, in words. The server's problem says which Edit access is missing
// ("Moving an item here needs Edit access to Cat Moreau's calendar."): a 403 is shown with that sentence, not the
// generic "ask the contact owner" of other refusals.
import { ApiError } from '../../api/client.ts';
import { describeError, type ReadableError } from '../../api/errors.ts';

export function describeCalendarRefusal(error: unknown, what: string): ReadableError {
  if (error instanceof ApiError && error.code === 'TANDEM_ACCESS_FORBIDDEN') {
    return { title: `${what} was refused`, detail: error.detail || 'You need Edit access to that calendar.' };
  }
  if (error instanceof ApiError && error.code === 'TANDEM_USER_INACTIVE') {
    return { title: `${what} was refused`, detail: error.detail || 'That person is deactivated: their calendar takes no new items.' };
  }
  return describeError(error);
}

export function calendarRefusalMessage(error: unknown, what: string): string {
  const { title, detail } = describeCalendarRefusal(error, what);
  return detail ? `${title}. ${detail}` : title;
}
