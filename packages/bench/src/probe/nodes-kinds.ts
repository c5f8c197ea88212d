// The eight changes the freshness probe makes on node A, each with its way back: the change takes one thing away
// from one subject (a contact, or the export gate), the way back gives it again. nodes.ts reads on node B at once
// after each. Every change is an ordinary API call by the user who may make it.
import type { Api } from '../http.ts';
import type { NodesWorld, Subject, SubjectKey } from './nodes-world.ts';

export const NODE_KINDS = ['record-share', 'user-grant', 'bucket-share', 'share-expiry', 'export-switch', 'team-removal', 'deactivation', 'admin-to-member'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** What node B is asked after a change: the subject's contact (by id or in a list), or an export. */
export type ReadKind = 'get' | 'list' | 'export';

export type KindPlan = {
  kind: NodeKind; subject: SubjectKey;
  /** Takes the access away on node A; resolves when A has answered. */
  revoke: (a: Api) => Promise<void>;
  /** Gives it back on node A (a new share or grant where the old one was deleted); may hand the subject a new token. */
  restore: (a: Api, world: NodesWorld) => Promise<void>;
  reads: readonly ReadKind[];
};

type Json = Record<string, unknown>;
const shareIdOf = (json: Json) => (json.share as { id: string }).id;
const grantIdOf = (json: Json) => (json.grant as { id: string }).id;

/** How long an expiring share lives after node A sets its end: long enough for A's answer to come back first. */
export const EXPIRY_MS = 60;

/**
 * The plans over `world`; each starts with the access given (`open`, once, before the first trial).
 * `newSession` gives a reactivated user a fresh session (deactivation revoked the old ones).
 */
export function kindPlans(world: NodesWorld, newSession: (subject: Subject) => Promise<string>): { plans: KindPlan[]; open: (a: Api) => Promise<void> } {
  const { adaToken, oliToken, oliId, subjects: s, ids } = world;
  let recordShare = '';
  let userGrant = '';
  let bucketShare = '';
  const shareRecord = async (a: Api) => {
    recordShare = shareIdOf((await a.must<Json>('POST', `/api/v1/contacts/${s.rae.contactId}/shares`, oliToken, { grantee: { userId: s.rae.userId }, level: 'view' }, [201])).json);
  };
  const grantUser = async (a: Api) => {
    userGrant = grantIdOf((await a.must<Json>('POST', `/api/v1/users/${oliId}/grants`, adaToken, { grantee: { userId: s.gina.userId }, scope: 'contacts', level: 'view' }, [201])).json);
  };
  const shareBucket = async (a: Api) => {
    bucketShare = shareIdOf((await a.must<Json>('POST', `/api/v1/buckets/${ids.recordBucket}/shares`, oliToken, { grantee: { userId: s.bart.userId }, level: 'view' }, [201])).json);
  };
  const teamMembers = (memberIds: string[]) => (a: Api) => a.must('PUT', `/api/v1/teams/${ids.team}/members`, adaToken, { memberIds }, [200]).then(() => {});
  const exportSwitch = (on: boolean) => (a: Api) => a.must('PATCH', '/api/v1/org/settings', adaToken, { exportEnabled: on }, [200]).then(() => {});
  const patchUser = (userId: string, body: Json) => (a: Api) => a.must('PATCH', `/api/v1/users/${userId}`, adaToken, body, [200]).then(() => {});
  const expiryAt = (expiresAt: string | null) => (a: Api) =>
    a.must('PATCH', `/api/v1/buckets/${ids.expiryBucket}/shares/${ids.expiryShare}`, oliToken, { expiresAt }, [200]).then(() => {});

  const contactReads: ReadKind[] = ['get', 'list'];
  const plans: KindPlan[] = [
    {
      kind: 'record-share', subject: 'rae', reads: contactReads, restore: shareRecord,
      revoke: (a) => a.must('DELETE', `/api/v1/contacts/${s.rae.contactId}/shares/${recordShare}`, oliToken, undefined, [204]).then(() => {}),
    },
    { kind: 'user-grant', subject: 'gina', reads: contactReads, restore: grantUser, revoke: (a) => a.must('DELETE', `/api/v1/grants/${userGrant}`, adaToken, undefined, [204]).then(() => {}) },
    {
      kind: 'bucket-share', subject: 'bart', reads: contactReads, restore: shareBucket,
      revoke: (a) => a.must('DELETE', `/api/v1/buckets/${ids.recordBucket}/shares/${bucketShare}`, oliToken, undefined, [204]).then(() => {}),
    },
    {
      // The share's end is set on A a moment ahead (an end in the past is refused as input); the read on B comes once
      // that moment has passed, with no write in between: the window is judged on B's clock, not cached.
      kind: 'share-expiry', subject: 'eve', reads: contactReads, restore: expiryAt(null),
      revoke: async (a) => {
        const end = Date.now() + EXPIRY_MS;
        await expiryAt(new Date(end).toISOString())(a);
        const wait = end - Date.now() + 2;
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      },
    },
    { kind: 'export-switch', subject: 'mia', reads: ['export'], restore: exportSwitch(true), revoke: exportSwitch(false) },
    { kind: 'team-removal', subject: 'tess', reads: contactReads, restore: teamMembers([s.tess.userId]), revoke: teamMembers([]) },
    {
      kind: 'deactivation', subject: 'dee', reads: contactReads, revoke: patchUser(s.dee.userId, { status: 'deactivated' }),
      restore: async (a) => {
        await patchUser(s.dee.userId, { status: 'active' })(a);
        s.dee.token = await newSession(s.dee);
      },
    },
    {
      // A change of role rotates the user's sessions (D44), so the way back opens a new one, used on B at once.
      kind: 'admin-to-member', subject: 'max', reads: contactReads, revoke: patchUser(s.max.userId, { role: 'member' }),
      restore: async (a) => {
        await patchUser(s.max.userId, { role: 'admin' })(a);
        s.max.token = await newSession(s.max);
      },
    },
  ];
  const open = async (a: Api) => {
    await shareRecord(a);
    await grantUser(a);
    await shareBucket(a);
    await exportSwitch(true)(a);
    await teamMembers([s.tess.userId])(a);
  };
  return { plans, open };
}
