// A second Tandem server for the sync journeys: the suite's compiled server (global-setup.ts) on its own free port
// and data folder, with TANDEM_MAILCHIMP_BASE_URL, TANDEM_GOOGLE_PEOPLE_BASE_URL and TANDEM_GOOGLE_TOKEN_URL pointing
// at the Mailchimp Marketing API and Google People API stand-ins that this test process runs on loopback (the server
// tests' stand-ins: real node:http servers that check every request's shape). So the server really pushes contacts
// over HTTP, and a test reads what the "provider" received.
//
//   const sync = useSyncingServer();      // beforeAll starts the three, afterAll stops them
//   sync.baseUrl; sync.mailchimp.members; sync.mailchimp.onBatch(...); sync.google.living()
import { afterAll, beforeAll } from 'vitest';
import { startGooglePeopleStandIn, type GooglePeopleStandIn } from '../../../server/test/support/google-people-stand-in.ts';
import { startMailchimpStandIn, type MailchimpStandIn } from '../../../server/test/support/mailchimp-stand-in.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

export type SyncingServer = {
  readonly baseUrl: string;
  readonly mailchimp: MailchimpStandIn;
  readonly google: GooglePeopleStandIn;
  /** What the server wrote to its log (shown when a test fails). */
  readonly log: string;
};

export function useSyncingServer(options: { audiences?: { id: string; name: string }[] } = {}): SyncingServer {
  let mailchimp: MailchimpStandIn | null = null;
  let google: GooglePeopleStandIn | null = null;
  let server: ServerProcess | null = null;
  beforeAll(async () => {
    mailchimp = await startMailchimpStandIn(options.audiences ? { audiences: options.audiences } : {});
    google = await startGooglePeopleStandIn();
    server = await startServerProcess({
      label: 'The syncing server',
      env: { TANDEM_MAILCHIMP_BASE_URL: mailchimp.url, TANDEM_GOOGLE_PEOPLE_BASE_URL: google.peopleUrl, TANDEM_GOOGLE_TOKEN_URL: google.tokenUrl },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await mailchimp?.close();
    await google?.close();
  });
  return {
    get baseUrl() {
      return server?.baseUrl ?? '';
    },
    get mailchimp() {
      if (!mailchimp) throw new Error('useSyncingServer: the stand-in exists from beforeAll to afterAll');
      return mailchimp;
    },
    get google() {
      if (!google) throw new Error('useSyncingServer: the stand-in exists from beforeAll to afterAll');
      return google;
    },
    get log() {
      return server?.output() ?? '';
    },
  };
}
