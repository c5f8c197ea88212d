// Pipelines (spec §6.6, docs/permissions.md "Templates, pipelines and programs", D33), on PGlite and PostgreSQL: a
// pipeline is private until shared by hand at view or edit; the board shows only cards whose contact the caller sees
// (profile or more, not trashed) and counts the rest per stage without anything else; moving a card needs
// collaborate on its contact, creating, editing and deleting it edit; a card answers 404 exactly as a missing one
// when its pipeline or its contact is invisible; a stage holding cards cannot be removed.
import type { BoardDto } from '@tandem/api';
import { describe, expect, it } from 'vitest';
import { expectStatus, outcome } from './support/api-client.ts';
import type { SomeAnswer } from './support/api-types.ts';
import { pipelineClient } from './support/pipeline-client.ts';
import { useTestApp } from './support/test-app.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(['pglite', 'postgres'] as const)('pipelines on %s', (db) => {
  const t = useTestApp({ db });
  const pipelines = pipelineClient(t.api);

  /**
   * Acme: Owen owns the pipeline and the contacts; Mia (team Sales with Stan) holds collaborate on Zoe, edit on Yan,
   * view on Wes, nothing on Xia (the hidden deal); Tia is in the trash. Ada is an admin.
   */
  async function world() {
    const w = await t.world({
      users: { owen: {}, mia: {}, stan: {}, ada: { role: 'admin' } },
      teams: { sales: { members: ['mia', 'stan'] } },
      contacts: {
        zoe: { owner: 'owen', name: 'Zoe Zimmer' }, yan: { owner: 'owen', name: 'Yan Young' }, wes: { owner: 'owen', name: 'Wes West' },
        xia: { owner: 'owen', name: 'Xia Xeno' }, tia: { owner: 'owen', name: 'Tia Trash' },
      },
      shares: [
        { contact: 'zoe', user: 'mia', level: 'collaborate' }, { contact: 'yan', user: 'mia', level: 'edit' },
        { contact: 'wes', user: 'mia', level: 'view' }, { contact: 'tia', user: 'mia', level: 'edit' },
      ],
    });
    const { owen } = w.users;
    const p = expectStatus(await pipelines.create({ name: ' Deals ', stages: [{ name: 'Lead' }, { name: 'Won' }, { name: 'Lost' }] }, { as: owen }), 201).pipeline;
    const [lead, won, lost] = p.stages.map((s) => s.id) as [string, string, string];
    const card = async (contactId: string, stageId: string, title: string, value: number | null) =>
      expectStatus(await pipelines.createCard(p.id, { contactId, stageId, title, value }, { as: owen }), 201).card;
    const cards = {
      zoe: await card(w.contacts.zoe, lead, 'Zoe renewal', 100),
      yan: await card(w.contacts.yan, lead, 'Yan upsell', 50.25),
      xia: await card(w.contacts.xia, lead, 'Hidden merger', 987_654.32),
      wes: await card(w.contacts.wes, won, 'Wes order', 10),
      tia: await card(w.contacts.tia, won, 'Tia lost cause', 5),
    };
    expectStatus(await t.api.contacts.delete(w.contacts.tia, { as: owen }), 204);
    return { ...w, p, lead, won, lost, cards };
  }

  const stageOf = (board: BoardDto, id: string) => {
    const stage = board.stages.find((s) => s.id === id);
    if (!stage) throw new Error(`no stage ${id}`);
    return stage;
  };

  it('create and read: private to the owner, stages in order, the owner sees every live card', async () => {
    const { users, p, lead, won, lost, cards } = await world();
    expect(p).toMatchObject({ name: 'Deals', ownerId: users.owen.id, ownerName: 'Owen', access: { level: 'owner', actions: ['view', 'edit', 'manage'] } });
    expect(p.stages.map((s) => s.name)).toEqual(['Lead', 'Won', 'Lost']);
    const board = expectStatus(await pipelines.board(p.id, { as: users.owen }), 200);
    expect(stageOf(board, lead)).toMatchObject({ visibleCount: 3, hiddenCount: 0, totalValue: 987_804.57 });
    expect(stageOf(board, lead).cards.map((c) => c.id)).toEqual([cards.zoe.id, cards.yan.id, cards.xia.id]);
    // Tia is in the trash: her card is neither shown nor counted, even to the owner.
    expect(stageOf(board, won)).toMatchObject({ visibleCount: 1, hiddenCount: 0, totalValue: 10 });
    expect(stageOf(board, lost)).toEqual({ id: lost, name: 'Lost', cards: [], visibleCount: 0, hiddenCount: 0, totalValue: 0 });
    expect(stageOf(board, lead).cards[0]).toMatchObject({ contactName: 'Zoe Zimmer', title: 'Zoe renewal', value: 100, access: { actions: ['move', 'edit', 'delete'] } });
    for (const who of [users.mia, users.stan]) {
      expect(outcome(await pipelines.get(p.id, { as: who }))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_NOT_FOUND' });
      expect(outcome(await pipelines.board(p.id, { as: who }))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_NOT_FOUND' });
      expect(expectStatus(await pipelines.list({ as: who }), 200).items).toEqual([]);
    }
    expect(expectStatus(await pipelines.list({ as: users.owen }), 200).items.map((x) => x.id)).toEqual([p.id]);
  });

  it('a view share shows only the cards whose contact the member sees; the rest is counted per stage; totals are the visible ones', async () => {
    const { users, p, lead, won, cards } = await world();
    expectStatus(await pipelines.share(p.id, { grantee: { userId: users.mia.id }, level: 'view' }, { as: users.owen }), 201);
    const board = expectStatus(await pipelines.board(p.id, { as: users.mia }), 200);
    expect(board.pipeline.access).toMatchObject({ level: 'view', actions: ['view'] });
    const l = stageOf(board, lead);
    expect(l.cards.map((c) => c.id)).toEqual([cards.zoe.id, cards.yan.id]);
    expect(l).toMatchObject({ visibleCount: 2, hiddenCount: 1, totalValue: 150.25 });
    expect(l.cards.map((c) => c.access.actions)).toEqual([['move'], ['move', 'edit', 'delete']]);
    expect(stageOf(board, won)).toMatchObject({ visibleCount: 1, hiddenCount: 0, totalValue: 10 });
    expect(stageOf(board, won).cards[0]?.access.actions).toEqual([]);
    // `limit` caps the cards per stage; counts and totals still cover every visible card.
    const capped = expectStatus(await pipelines.board(p.id, { as: users.mia, query: { limit: 1 } }), 200);
    expect(stageOf(capped, lead)).toMatchObject({ visibleCount: 2, hiddenCount: 1, totalValue: 150.25 });
    expect(stageOf(capped, lead).cards.map((c) => c.id)).toEqual([cards.zoe.id]);
    for (const limit of [0, 501, 'x']) expect((await pipelines.board(p.id, { as: users.mia, query: { limit } })).status).toBe(400);
  });

  it('cards: moving needs collaborate, changing and deleting edit; 403 when visible, one 404 for missing, hidden contact and hidden pipeline', async () => {
    const { users, contacts, p, lead, won, cards } = await world();
    const mia = { as: users.mia };
    expectStatus(await pipelines.share(p.id, { grantee: { userId: users.mia.id }, level: 'view' }, { as: users.owen }), 201);
    const moved = expectStatus(await pipelines.updateCard(cards.zoe.id, { stageId: won }, mia), 200).card;
    expect(moved).toMatchObject({ stageId: won, title: 'Zoe renewal', access: { actions: ['move'] } });
    expect(moved.position).toBeGreaterThan(cards.wes.position);
    expect(expectStatus(await pipelines.updateCard(cards.zoe.id, { position: 0.5 }, mia), 200).card.position).toBe(0.5);
    expect(outcome(await pipelines.updateCard(cards.zoe.id, { title: 'Mine now' }, mia))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await pipelines.updateCard(cards.zoe.id, { stageId: won, value: 1 }, mia))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await pipelines.deleteCard(cards.zoe.id, mia))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    // Wes is shared at view only: not even a move.
    expect(outcome(await pipelines.updateCard(cards.wes.id, { stageId: lead }, mia))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(expectStatus(await pipelines.updateCard(cards.yan.id, { title: 'Yan upsell v2', value: null, expectedCloseOn: '2026-03-01' }, mia), 200).card)
      .toMatchObject({ title: 'Yan upsell v2', value: null, expectedCloseOn: '2026-03-01' });
    expect(outcome(await pipelines.updateCard(cards.yan.id, { stageId: MISSING }, mia))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    // The hidden card, a missing one and a malformed id answer with one and the same body.
    const missing = await pipelines.updateCard(MISSING, { stageId: won }, mia);
    expect(outcome(missing)).toEqual({ status: 404, code: 'TANDEM_PIPELINE_CARD_NOT_FOUND' });
    for (const answer of [
      await pipelines.updateCard(cards.xia.id, { stageId: won }, mia), await pipelines.updateCard(cards.xia.id, { title: 'x' }, mia),
      await pipelines.deleteCard(cards.xia.id, mia), await pipelines.updateCard('not-an-id', { stageId: won }, mia),
      await pipelines.updateCard(cards.yan.id, { stageId: won }, { as: users.stan }),
    ]) expect(answer.body).toEqual(missing.body);
    // Creating: edit on the contact; the contact's own answers; the stage must be this pipeline's.
    expect(outcome(await pipelines.createCard(p.id, { contactId: contacts.xia, stageId: lead, title: 'x' }, mia))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await pipelines.createCard(p.id, { contactId: MISSING, stageId: lead, title: 'x' }, mia))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await pipelines.createCard(p.id, { contactId: contacts.zoe, stageId: lead, title: 'x' }, mia))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    // A trashed contact is the owner's and admins' alone: 404 for Mia (her edit share waits for a restore), 409 for Owen.
    expect(outcome(await pipelines.createCard(p.id, { contactId: contacts.tia, stageId: lead, title: 'x' }, mia))).toEqual({ status: 404, code: 'TANDEM_CONTACT_NOT_FOUND' });
    expect(outcome(await pipelines.createCard(p.id, { contactId: contacts.tia, stageId: lead, title: 'x' }, { as: users.owen }))).toEqual({ status: 409, code: 'TANDEM_CONTACT_WRONG_STATE' });
    expect(outcome(await pipelines.updateCard(cards.tia.id, { stageId: lead }, { as: users.owen }))).toEqual({ status: 409, code: 'TANDEM_CONTACT_WRONG_STATE' });
    expect((await pipelines.updateCard(cards.tia.id, { stageId: lead }, mia)).body).toEqual(missing.body);
    expect(outcome(await pipelines.createCard(p.id, { contactId: contacts.yan, stageId: MISSING, title: 'x' }, mia))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });
    expect(outcome(await pipelines.createCard(p.id, { contactId: contacts.yan, stageId: lead, title: 'x', value: 1.001 }, mia)).status).toBe(400);
    expect(outcome(await pipelines.createCard(p.id, { contactId: contacts.yan, stageId: lead, title: 'x' }, { as: users.stan }))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_NOT_FOUND' });
    const second = expectStatus(await pipelines.createCard(p.id, { contactId: contacts.yan, stageId: lead, title: 'Second deal', value: 7 }, mia), 201).card;
    expect(second).toMatchObject({ contactId: contacts.yan, contactName: 'Yan Young', createdBy: users.mia.id, access: { actions: ['move', 'edit', 'delete'] } });
    expectStatus(await pipelines.deleteCard(second.id, mia), 204);
    expect(outcome(await pipelines.deleteCard(second.id, mia))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_CARD_NOT_FOUND' });
    // Every change is audited on the card, without a contact's name anywhere in the entries.
    const log = await t.db.selectFrom('audit_log').select(['action', 'target_type', 'target_id', 'before', 'after']).where('org_id', '=', users.owen.orgId).orderBy('seq').execute();
    const cardEntries = log.filter((e) => e.action.startsWith('pipeline.card.'));
    expect(cardEntries.map((e) => e.action)).toEqual([
      ...Array(5).fill('pipeline.card.create'), 'pipeline.card.move', 'pipeline.card.move', 'pipeline.card.update', 'pipeline.card.create', 'pipeline.card.delete',
    ]);
    expect(new Set(cardEntries.map((e) => e.target_type))).toEqual(new Set(['pipeline_card']));
    expect(cardEntries.at(-1)).toMatchObject({ target_id: second.id, before: { contactId: contacts.yan, title: 'Second deal', value: 7 }, after: null });
    expect(JSON.stringify(log.filter((e) => e.action.startsWith('pipeline.')))).not.toMatch(/Zimmer|Young|Xeno|West|Trash/);
  });

  it('a pipeline that is not visible hides its cards too, even from someone who edits their contacts', async () => {
    const { users, p, won, cards } = await world();
    // Mia holds edit on Yan, but the pipeline is not shared with her: its card is absent for her.
    expect(outcome(await pipelines.updateCard(cards.yan.id, { stageId: won }, { as: users.mia }))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_CARD_NOT_FOUND' });
    expect(outcome(await pipelines.deleteCard(cards.yan.id, { as: users.mia }))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_CARD_NOT_FOUND' });
    expect(outcome(await pipelines.createCard(p.id, { contactId: cards.yan.contactId, stageId: won, title: 'x' }, { as: users.mia }))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_NOT_FOUND' });
  });

  it('changing the pipeline needs an edit share; stages are replaced keeping ids; a stage holding cards, even hidden ones, is not removed (409)', async () => {
    const { users, p, lead, won, lost } = await world();
    const share = expectStatus(await pipelines.share(p.id, { grantee: { userId: users.mia.id }, level: 'view' }, { as: users.owen }), 201).share;
    expect(outcome(await pipelines.update(p.id, { name: 'Mine' }, { as: users.mia }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await pipelines.delete(p.id, { as: users.mia }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await pipelines.share(p.id, { grantee: { userId: users.stan.id }, level: 'view' }, { as: users.mia }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expectStatus(await pipelines.updateShare(p.id, share.id, { level: 'edit' }, { as: users.owen }), 200);
    expect(expectStatus(await pipelines.get(p.id, { as: users.mia }), 200).pipeline.access).toMatchObject({ level: 'edit', actions: ['view', 'edit'] });
    // Lead holds Xia's card, which Mia cannot see: the removal is refused all the same, and nothing changes.
    const refused = await pipelines.update(p.id, { name: 'Renamed', stages: [{ id: won, name: 'Won' }, { id: lost, name: 'Lost' }] }, { as: users.mia });
    expect(outcome(refused)).toEqual({ status: 409, code: 'TANDEM_PIPELINE_STAGE_NOT_EMPTY' });
    expect(JSON.stringify(refused.body)).not.toMatch(/Xia|Hidden merger|987654/);
    expect(expectStatus(await pipelines.get(p.id, { as: users.owen }), 200).pipeline).toMatchObject({ name: 'Deals', stages: [{ id: lead }, { id: won }, { id: lost }] });
    // Lost is empty: removed; Won renamed and moved first; a new stage added; ids of kept stages stay.
    const changed = expectStatus(await pipelines.update(p.id, { name: 'Renamed', stages: [{ id: won, name: 'Closed' }, { id: lead, name: 'Lead' }, { name: 'Nurture' }] }, { as: users.mia }), 200).pipeline;
    expect(changed.name).toBe('Renamed');
    expect(changed.stages.map((s) => [s.id === won ? 'won' : s.id === lead ? 'lead' : 'new', s.name])).toEqual([['won', 'Closed'], ['lead', 'Lead'], ['new', 'Nurture']]);
    const board = expectStatus(await pipelines.board(p.id, { as: users.owen }), 200);
    expect(board.stages.map((s) => [s.name, s.visibleCount])).toEqual([['Closed', 1], ['Lead', 3], ['Nurture', 0]]);
    // A stage id that is not this pipeline's, or listed twice: 400.
    expect(outcome(await pipelines.update(p.id, { stages: [{ id: MISSING, name: 'x' }] }, { as: users.mia })).code).toBe('TANDEM_INPUT_INVALID');
    expect(outcome(await pipelines.update(p.id, { stages: [{ id: lead, name: 'a' }, { id: lead, name: 'b' }] }, { as: users.mia })).code).toBe('TANDEM_INPUT_INVALID');
    expect(outcome(await pipelines.update(p.id, { stages: [] }, { as: users.mia })).status).toBe(400);
    const log = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('target_id', '=', p.id).orderBy('seq').execute();
    expect(log.map((e) => e.action)).toEqual(['pipeline.create', 'pipeline.share.create', 'pipeline.share.update', 'pipeline.update']);
    expect(log[3]?.after).toMatchObject({ name: 'Renamed', stages: [{ id: won, name: 'Closed' }, { id: lead, name: 'Lead' }, { name: 'Nurture' }] });
  });

  it('a stage removed while a card is put on it: either the card lands and the removal answers 409, or the stage goes and the card answers 400; never both, never a 5xx', async () => {
    const { users, contacts, p, lead, won, cards } = await world();
    const owen = { as: users.owen };
    const seen = new Set<string>();
    for (let round = 0; round < 6; round += 1) {
      const stages = expectStatus(await pipelines.update(p.id, { stages: [{ id: lead, name: 'Lead' }, { id: won, name: 'Won' }, { name: `Extra ${round}` }] }, owen), 200).pipeline.stages;
      const extra = stages[2]?.id as string;
      const write = round % 2 === 0
        ? pipelines.createCard(p.id, { contactId: contacts.zoe, stageId: extra, title: `Racing ${round}` }, owen)
        : pipelines.updateCard(cards.yan.id, { stageId: extra }, owen);
      const [removal, card] = await Promise.all([pipelines.update(p.id, { stages: [{ id: lead, name: 'Lead' }, { id: won, name: 'Won' }] }, owen), write]);
      const pair = `${removal.status}/${card.status}`;
      seen.add(pair);
      expect(['409/201', '409/200', '200/400'], pair).toContain(pair);
      // Clear the extra stage for the next round: move or delete what landed on it.
      if (card.status === 201) expectStatus(await pipelines.deleteCard(card.body.card.id, owen), 204);
      if (card.status === 200) expectStatus(await pipelines.updateCard(cards.yan.id, { stageId: lead }, owen), 200);
    }
    const board = expectStatus(await pipelines.board(p.id, owen), 200);
    expect(board.stages.reduce((n, s) => n + s.visibleCount, 0)).toBe(4);
  });

  it('a pipeline deleted while its cards are written: the deletion succeeds, each write lands first or answers 404; never a 5xx', async () => {
    const { users, contacts } = await world();
    const owen = { as: users.owen };
    for (let round = 0; round < 4; round += 1) {
      const q = expectStatus(await pipelines.create({ name: `Doomed ${round}`, stages: [{ name: 'A' }, { name: 'B' }] }, owen), 201).pipeline;
      const [a, b] = q.stages.map((s) => s.id) as [string, string];
      const card = expectStatus(await pipelines.createCard(q.id, { contactId: contacts.yan, stageId: a, title: 'Doomed card' }, owen), 201).card;
      const [deletion, created, moved] = await Promise.all([
        pipelines.delete(q.id, owen),
        pipelines.createCard(q.id, { contactId: contacts.zoe, stageId: b, title: 'Late card' }, owen),
        pipelines.updateCard(card.id, { stageId: b }, owen),
      ]);
      expect(deletion.status).toBe(204);
      expect([201, 404]).toContain(created.status);
      expect([200, 404]).toContain(moved.status);
      expect(outcome(await pipelines.get(q.id, owen))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_NOT_FOUND' });
    }
  });

  it('admins see every pipeline and its board (cards at profile: no actions) but change one only with an edit share; they may delete it', async () => {
    const { users, p, lead, cards } = await world();
    const ada = { as: users.ada };
    expect(expectStatus(await pipelines.list(ada), 200).items.map((x) => x.id)).toEqual([p.id]);
    const board = expectStatus(await pipelines.board(p.id, ada), 200);
    expect(board.pipeline.access).toMatchObject({ level: 'view', actions: ['view', 'manage'] });
    expect(stageOf(board, lead)).toMatchObject({ visibleCount: 3, hiddenCount: 0 });
    expect(stageOf(board, lead).cards.every((c) => c.access.actions.length === 0)).toBe(true);
    expect(outcome(await pipelines.update(p.id, { name: 'Admin was here' }, ada))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expect(outcome(await pipelines.updateCard(cards.zoe.id, { position: 9 }, ada))).toEqual({ status: 403, code: 'TANDEM_ACCESS_FORBIDDEN' });
    expectStatus(await pipelines.delete(p.id, ada), 204);
    expect(outcome(await pipelines.get(p.id, { as: users.owen }))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_NOT_FOUND' });
    expect(outcome(await pipelines.updateCard(cards.zoe.id, { position: 9 }, { as: users.owen }))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_CARD_NOT_FOUND' });
    const entry = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'before']).where('target_id', '=', p.id).where('action', '=', 'pipeline.delete').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: users.ada.id, before: { name: 'Deals', cardCount: 5 } });
  });

  it('a team share reaches the team\'s members, each seeing the cards of the contacts they see; a share ends at its expiry', async () => {
    const { users, p, lead, won, teams } = await world();
    expectStatus(await pipelines.share(p.id, { grantee: { teamId: teams.sales }, level: 'view', expiresAt: '2026-01-06T00:00:00Z' }, { as: users.owen }), 201);
    const stan = expectStatus(await pipelines.board(p.id, { as: users.stan }), 200);
    expect(stan.pipeline.access.sources).toEqual([expect.objectContaining({ viaTeamId: teams.sales })]);
    expect(stageOf(stan, lead)).toMatchObject({ cards: [], visibleCount: 0, hiddenCount: 3, totalValue: 0 });
    expect(stageOf(stan, won)).toMatchObject({ cards: [], visibleCount: 0, hiddenCount: 1 });
    expect(stageOf(expectStatus(await pipelines.board(p.id, { as: users.mia }), 200), lead)).toMatchObject({ visibleCount: 2, hiddenCount: 1 });
    t.clock.set('2026-01-06T00:00:00Z');
    for (const who of [users.stan, users.mia]) expect(outcome(await pipelines.board(p.id, { as: who }))).toEqual({ status: 404, code: 'TANDEM_PIPELINE_NOT_FOUND' });
  });

  it('leaks nothing of a hidden card: no answer, count or error carries its contact\'s name or id, its title, id or value', async () => {
    const { users, contacts, p, lead, won, cards } = await world();
    const mia = { as: users.mia };
    expectStatus(await pipelines.share(p.id, { grantee: { userId: users.mia.id }, level: 'edit' }, { as: users.owen }), 201);
    const answers: SomeAnswer[] = [
      await pipelines.board(p.id, mia), await pipelines.board(p.id, { ...mia, query: { limit: 1 } }), await pipelines.get(p.id, mia), await pipelines.list(mia),
      await pipelines.updateCard(cards.xia.id, { stageId: won }, mia), await pipelines.updateCard(cards.xia.id, { title: 'x', value: 1 }, mia),
      await pipelines.deleteCard(cards.xia.id, mia), await pipelines.updateCard(cards.tia.id, { stageId: lead }, mia),
      await pipelines.createCard(p.id, { contactId: contacts.xia, stageId: lead, title: 'x' }, mia),
      await pipelines.update(p.id, { stages: [{ id: won, name: 'Won' }] }, mia),
      await pipelines.updateCard(cards.yan.id, { stageId: lead, position: cards.xia.position }, mia),
      await pipelines.board(p.id, mia),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 404, 404, 404, 404, 404, 409, 200, 200]);
    const text = JSON.stringify(answers.map((a) => ({ body: a.body, headers: a.headers })));
    for (const secret of ['Xia', 'Xeno', contacts.xia, 'Hidden merger', cards.xia.id, '987654', '987,654', '987 654']) expect(text).not.toContain(secret);
    // Tia is in the trash: Mia's edit share waits for a restore, and her card is as absent as Xia's.
    for (const secret of ['Tia', contacts.tia, cards.tia.id, 'Tia lost cause']) expect(text).not.toContain(secret);
    // Mia still sees what she may: the board is not simply empty.
    expect(text).toContain('Zoe Zimmer');
  });
});
