// The org the freshness probe works in, made through node A's HTTP API: an admin (Ada), an owner of contacts (Oli,
// a member), and one subject per kind of change, each with the one contact (or gate) that change takes away. Ada's
// session comes from signing up on A; the others' are opened by `session` (nodes.ts: in the database, as a sign-in
// opens one, without spending an argon2 hash each on a loaded machine); each is then used on node B (nodes.ts), so B
// keeps its facts (D19).
import type { Api } from '../http.ts';

export const PASSWORD = 'freshness probe password 1';

export type Subject = { key: string; userId: string; token: string; contactId: string; contactName: string };
export type NodesWorld = {
  orgId: string; adaToken: string; oliId: string; oliToken: string;
  subjects: Record<SubjectKey, Subject>;
  /** Ids made once: buckets, the team, and the shares that stay (expiry's and the team's). */
  ids: { recordBucket: string; expiryBucket: string; expiryShare: string; teamBucket: string; team: string };
};
export const SUBJECT_KEYS = ['rae', 'gina', 'bart', 'eve', 'mia', 'tess', 'dee', 'max'] as const;
export type SubjectKey = (typeof SUBJECT_KEYS)[number];

type Json = Record<string, unknown>;
const idOf = (json: Json, field: string) => (json[field] as { id: string }).id;

export async function buildNodesWorld(a: Api, label: string, session: (orgId: string, userId: string) => Promise<string>): Promise<NodesWorld> {
  const email = (who: string) => `${who}@${label}.fresh.test`;
  const { json: signup } = await a.must<Json>('POST', '/api/v1/signup', undefined, { orgName: `Freshness ${label}`, name: 'Ada Admin', email: email('ada'), password: PASSWORD }, [201]);
  const adaToken = signup.token as string;
  const orgId = idOf(signup, 'org');
  const user = async (who: string, role: 'admin' | 'member') =>
    idOf((await a.must<Json>('POST', '/api/v1/users', adaToken, { name: `${who} ${label}`, email: email(who), password: PASSWORD, role }, [201])).json, 'user');
  const oliId = await user('oli', 'member');
  const oliToken = await session(orgId, oliId);
  const contact = async (token: string, name: string) => idOf((await a.must<Json>('POST', '/api/v1/contacts', token, { name }, [201])).json, 'contact');
  const bucketWith = async (name: string, contactId: string) => {
    const bucket = idOf((await a.must<Json>('POST', '/api/v1/buckets', oliToken, { name }, [201])).json, 'bucket');
    await a.must('POST', `/api/v1/buckets/${bucket}/contacts`, oliToken, { contactIds: [contactId] }, [200]);
    return bucket;
  };

  const subjects = {} as Record<SubjectKey, Subject>;
  for (const key of SUBJECT_KEYS) {
    const userId = await user(key, key === 'max' ? 'admin' : 'member');
    const token = await session(orgId, userId);
    // Dee's contact is her own (deactivation takes everything); the others are Oli's, given by the change under test.
    const contactName = `Fresh${key}${label} Target`;
    const contactId = key === 'mia' ? '' : await contact(key === 'dee' ? token : oliToken, contactName);
    subjects[key] = { key, userId, token, contactId, contactName };
  }
  // Mia may export CSV while the org's switch is on (a member's channels and the switch are the gate, spec §9).
  await a.must('PATCH', `/api/v1/users/${subjects.mia.userId}`, adaToken, { exportChannels: ['csv'] }, [200]);
  const expiryBucket = await bucketWith(`Expiry ${label}`, subjects.eve.contactId);
  const expiryShare = idOf((await a.must<Json>('POST', `/api/v1/buckets/${expiryBucket}/shares`, oliToken, { grantee: { userId: subjects.eve.userId }, level: 'view' }, [201])).json, 'share');
  const team = idOf((await a.must<Json>('POST', '/api/v1/teams', adaToken, { name: `Team ${label}`, memberIds: [] }, [201])).json, 'team');
  const teamBucket = await bucketWith(`Team bucket ${label}`, subjects.tess.contactId);
  await a.must('POST', `/api/v1/buckets/${teamBucket}/shares`, oliToken, { grantee: { teamId: team }, level: 'view' }, [201]);
  const recordBucket = await bucketWith(`Shared bucket ${label}`, subjects.bart.contactId);
  return { orgId, adaToken, oliId, oliToken, subjects, ids: { recordBucket, expiryBucket, expiryShare, teamBucket, team } };
}
