// The demo's templates, pipelines and programs (spec §6.6), told through their use cases like the rest of the story
// (demo-data.ts): Ben writes two e-mail templates and shares them with team Sales; Ada writes one for everyone; Cat
// keeps an SMS template to herself. Ben's pipeline "New clients" is shared with Sales at edit (Cat adds her own
// deals) and with Support at view, so Eve and Finn see the cards of the contacts they may see and only a count of the
// rest. Ben's "Onboarding" program (shared with Sales) has two clients in it, their first step due tomorrow, so a
// fresh demo sends nothing on its own first start.
import type { ActorContext } from '@tandem/core';
import { enrollContacts } from '../domain/programs/enroll-contacts.ts';
import { createProgram } from '../domain/programs/manage-programs.ts';
import { DEFAULT_PROGRAM_DAY_MS } from '../domain/programs/program-deps.ts';
import { createShare } from '../domain/hand-shared/share-hand-shared.ts';
import { createCard } from '../domain/pipelines/create-card.ts';
import { createPipeline } from '../domain/pipelines/create-pipeline.ts';
import type { Deps } from '../domain/shared/deps.ts';
import { createTemplate } from '../domain/templates/create-template.ts';
import type { DemoUserKey } from './demo-data-cast.ts';

/** What the playbook steps need of the story (demo-data.ts's Story). */
export type PlaybookStory = {
  deps: Deps;
  as: (key: DemoUserKey, daysAgo: number) => Promise<ActorContext>;
  contact: (index: number) => string;
  team: (name: string) => string;
};
type Step = { daysAgo: number; run: (story: PlaybookStory) => Promise<void> };

const made = new Map<string, string>();
function id(name: string): string {
  const found = made.get(name);
  if (found === undefined) throw new Error(`demo playbook ${name} missing`);
  return found;
}

/** [contact index, owner's card title, value, stage]: Ben's deals, then Cat's (she may edit her own contacts). */
const BEN_CARDS: readonly [number, string, number, number][] = [
  [0, 'Team plan for the clinic', 18_000, 2], [2, 'Second site', 42_000, 1], [3, 'Renewal and upgrade', 12_500, 3],
  [4, 'Home care pilot', 9_800, 0], [5, 'Night shift staffing', 23_000, 1], [7, 'Support contract', 6_400, 2], [1, 'Private referral', 3_000, 0],
];
const CAT_CARDS: readonly [number, string, number, number][] = [[29, 'Day centre expansion', 15_000, 0], [30, 'Training days', 4_200, 1]];

export function playbookSteps(): Step[] {
  return [{
    daysAgo: 100,
    run: async (s) => {
      const ben = await s.as('ben', 100);
      const welcome = await createTemplate(s.deps, ben, {
        name: 'Welcome',
        subject: 'Welcome to Acme Care, {{contact.firstName}}',
        body: 'Hi {{contact.firstName}},\n\nI am {{owner.name}}, your contact at Acme Care. Whenever you need anything, reply to this e-mail and it comes straight to me.\n\nBest,\n{{sender.name}}',
      });
      const checkIn = await createTemplate(s.deps, ben, {
        name: 'First week check-in',
        subject: 'How is your first week going?',
        body: 'Hi {{contact.firstName}},\n\nIt has been a week: how is everything at {{contact.company}}? If anything is not as it should be, tell me and I will sort it out.\n\n{{sender.name}}',
      });
      made.set('welcome', welcome.row.id).set('check-in', checkIn.row.id);
      for (const template of [welcome, checkIn]) {
        await createShare(s.deps, ben, 'template', template.row.id, { grantee: { teamId: s.team('Sales') }, level: 'view' });
      }
    },
  }, {
    daysAgo: 95,
    run: async (s) => {
      const ada = await s.as('ada', 95);
      const renewal = await createTemplate(s.deps, ada, {
        name: 'Renewal notice',
        subject: 'Your Acme Care plan renews next month',
        body: 'Dear {{contact.name}},\n\nyour plan with Acme Care renews next month. {{owner.name}} will call you to go through it.\n\nAcme Care',
      });
      for (const team of ['Sales', 'Support']) await createShare(s.deps, ada, 'template', renewal.row.id, { grantee: { teamId: s.team(team) }, level: 'view' });
      const cat = await s.as('cat', 95);
      await createTemplate(s.deps, cat, { name: 'Quick check-in (SMS)', subject: null, body: 'Hi {{contact.firstName}}, it is {{sender.name}} from Acme Care. All well? Reply any time.' });
    },
  }, {
    daysAgo: 60,
    run: async (s) => {
      const ben = await s.as('ben', 60);
      const pipeline = await createPipeline(s.deps, ben, { name: 'New clients', stages: ['Lead', 'Intake', 'Proposal', 'Signed'].map((name) => ({ name })) });
      made.set('pipeline', pipeline.row.id);
      await createShare(s.deps, ben, 'pipeline', pipeline.row.id, { grantee: { teamId: s.team('Sales') }, level: 'edit' });
      await createShare(s.deps, ben, 'pipeline', pipeline.row.id, { grantee: { teamId: s.team('Support') }, level: 'view' });
      for (const [contact, title, value, stage] of BEN_CARDS) {
        await createCard(s.deps, ben, pipeline.row.id, { contactId: s.contact(contact), stageId: stageOf(pipeline.stages, stage), title, value });
      }
      const cat = await s.as('cat', 59);
      for (const [contact, title, value, stage] of CAT_CARDS) {
        await createCard(s.deps, cat, pipeline.row.id, { contactId: s.contact(contact), stageId: stageOf(pipeline.stages, stage), title, value });
      }
    },
  }, {
    daysAgo: 0,
    run: async (s) => {
      const ben = await s.as('ben', 0);
      const program = await createProgram(s.deps, ben, {
        name: 'Onboarding',
        steps: [{ templateId: id('welcome'), delayDays: 1, channel: 'email' }, { templateId: id('check-in'), delayDays: 7, channel: 'email' }],
      });
      await createShare(s.deps, ben, 'program', program.row.id, { grantee: { teamId: s.team('Sales') }, level: 'view' });
      await enrollContacts({ ...s.deps, programDayMs: DEFAULT_PROGRAM_DAY_MS }, ben, program.row.id, [s.contact(8), s.contact(9)]);
    },
  }];
}

function stageOf(stages: readonly { id: string }[], index: number): string {
  const stage = stages[index];
  if (!stage) throw new Error(`demo pipeline stage ${index} missing`);
  return stage.id;
}
