import { describe, expect, it } from 'vitest';
import { findCard, isSamePlace, moveCardOnBoard, moveChoices, positionAt, positionBetween, replaceCard, type Board, type BoardCard } from './board-moves.ts';

function card(id: string, stageId: string, position: number, value: number | null = null): BoardCard {
  return {
    id, pipelineId: 'p1', contactId: `c-${id}`, contactName: `Contact ${id}`, stageId, title: `Deal ${id}`, value, expectedCloseOn: null, position,
    createdBy: 'u1', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', access: { actions: ['move'] },
  };
}

function board(): Board {
  const lead = [card('a', 'lead', 1, 100), card('b', 'lead', 2, 50.1), card('c', 'lead', 3)];
  const won = [card('d', 'won', 1, 1000)];
  return {
    pipeline: {
      id: 'p1', name: 'Sales', ownerId: 'u1', ownerName: 'Ben', stages: [{ id: 'lead', name: 'Lead' }, { id: 'won', name: 'Won' }, { id: 'lost', name: 'Lost' }],
      createdAt: '', updatedAt: '', access: { level: 'owner', actions: ['view', 'edit', 'manage'], sources: [] },
    },
    stages: [
      { id: 'lead', name: 'Lead', cards: lead, visibleCount: 3, hiddenCount: 2, totalValue: 150.1 },
      { id: 'won', name: 'Won', cards: won, visibleCount: 1, hiddenCount: 0, totalValue: 1000 },
      { id: 'lost', name: 'Lost', cards: [], visibleCount: 0, hiddenCount: 4, totalValue: 0 },
    ],
  };
}

const ids = (b: Board, stageId: string) => b.stages.find((s) => s.id === stageId)?.cards.map((c) => c.id);

describe('positionBetween', () => {
  it('is the midpoint of two neighbours, one step past a single neighbour, and 1 alone', () => {
    expect(positionBetween(1, 2)).toBe(1.5);
    expect(positionBetween(-3, 5)).toBe(1);
    expect(positionBetween(7, null)).toBe(8);
    expect(positionBetween(null, 7)).toBe(6);
    expect(positionBetween(null, null)).toBe(1);
  });
});

describe('positionAt', () => {
  it('counts the index among the stage’s other cards', () => {
    const b = board();
    expect(positionAt(b, 'c', 'lead', 0)).toBe(0); // before a (1)
    expect(positionAt(b, 'c', 'lead', 1)).toBe(1.5); // between a and b
    expect(positionAt(b, 'a', 'lead', 2)).toBe(4); // after c, a left out
    expect(positionAt(b, 'a', 'won', 0)).toBe(0);
    expect(positionAt(b, 'a', 'won', 1)).toBe(2);
    expect(positionAt(b, 'a', 'lost', 0)).toBe(1);
  });
  it('knows when a drop changes nothing', () => {
    const b = board();
    expect(isSamePlace(b, 'b', 'lead', 1)).toBe(true);
    expect(isSamePlace(b, 'b', 'lead', 0)).toBe(false);
    expect(isSamePlace(b, 'b', 'won', 1)).toBe(false);
  });
});

describe('moveCardOnBoard', () => {
  it('moves a card to another stage, where its position puts it, and the counts and totals follow it', () => {
    const b = board();
    const after = moveCardOnBoard(b, 'b', 'won', positionAt(b, 'b', 'won', 0));
    expect(ids(after, 'lead')).toEqual(['a', 'c']);
    expect(ids(after, 'won')).toEqual(['b', 'd']);
    expect(after.stages[0]).toMatchObject({ visibleCount: 2, hiddenCount: 2, totalValue: 100 });
    expect(after.stages[1]).toMatchObject({ visibleCount: 2, hiddenCount: 0, totalValue: 1050.1 });
    expect(findCard(after, 'b')?.card).toMatchObject({ stageId: 'won', position: 0 });
    expect(ids(b, 'lead')).toEqual(['a', 'b', 'c']); // the input is left as it was (the rollback)
  });
  it('reorders within a stage without touching counts', () => {
    const b = board();
    const after = moveCardOnBoard(b, 'c', 'lead', positionAt(b, 'c', 'lead', 0));
    expect(ids(after, 'lead')).toEqual(['c', 'a', 'b']);
    expect(after.stages[0]).toMatchObject({ visibleCount: 3, totalValue: 150.1 });
  });
  it('moves a card into an empty stage that only holds hidden cards; hidden counts never change', () => {
    const after = moveCardOnBoard(board(), 'a', 'lost', 1);
    expect(ids(after, 'lost')).toEqual(['a']);
    expect(after.stages.map((s) => s.hiddenCount)).toEqual([2, 0, 4]);
  });
  it('leaves the board as it is for an unknown card or stage', () => {
    const b = board();
    expect(moveCardOnBoard(b, 'zz', 'won', 1)).toBe(b);
    expect(moveCardOnBoard(b, 'a', 'nowhere', 1)).toBe(b);
  });
});

describe('replaceCard', () => {
  it('puts a saved card in place and corrects the stage total for a changed value', () => {
    const b = board();
    const saved = { ...card('b', 'lead', 2, 75), title: 'Bigger deal' };
    const after = replaceCard(b, saved);
    expect(findCard(after, 'b')?.card.title).toBe('Bigger deal');
    expect(after.stages[0]?.totalValue).toBe(175);
  });
  it('follows a move the server answered', () => {
    const after = replaceCard(board(), card('a', 'won', 5, 100));
    expect(ids(after, 'won')).toEqual(['d', 'a']);
    expect(after.stages[1]?.totalValue).toBe(1100);
    expect(after.stages[0]?.totalValue).toBe(50.1);
  });
});

describe('moveChoices', () => {
  it('offers up, down and every other stage (at its end)', () => {
    expect(moveChoices(board(), 'b').map((c) => [c.label, c.stageId, c.index])).toEqual([
      ['Up in Lead', 'lead', 0],
      ['Down in Lead', 'lead', 2],
      ['Won', 'won', 1],
      ['Lost', 'lost', 0],
    ]);
    expect(moveChoices(board(), 'a').map((c) => c.key)).toEqual(['down', 'stage:won', 'stage:lost']);
  });
});
