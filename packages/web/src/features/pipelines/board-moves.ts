// Moving a card on a board, worked out in the browser: the position a dropped card gets (the midpoint of its new
// neighbours, api.md: "the web sends the midpoint of its neighbours") and the board as it will look once the move is
// saved, shown at once and rolled back if the server refuses. Only visible cards are known here; cards of contacts
// the caller cannot see stay counted in `hiddenCount`, which no move changes.
import type { BoardDto, PipelineCardDto } from '@tandem/api';

export type Board = BoardDto;
export type BoardStage = Board['stages'][number];
export type BoardCard = PipelineCardDto;

/** How far beyond an end neighbour a card goes (the server puts a new card at the last position + 1). */
export const END_STEP = 1;

/** The position between two neighbours: their midpoint; past one end, a step beyond it; alone, 1. */
export function positionBetween(before: number | null, after: number | null): number {
  if (before !== null && after !== null) return (before + after) / 2;
  if (before !== null) return before + END_STEP;
  if (after !== null) return after - END_STEP;
  return 1;
}

export function findCard(board: Board, cardId: string): { card: BoardCard; stage: BoardStage; index: number } | null {
  for (const stage of board.stages) {
    const index = stage.cards.findIndex((c) => c.id === cardId);
    const card = stage.cards[index];
    if (card) return { card, stage, index };
  }
  return null;
}

/** The position for `cardId` dropped at `index` of a stage's cards, counted without the card itself. */
export function positionAt(board: Board, cardId: string, stageId: string, index: number): number {
  const others = (board.stages.find((s) => s.id === stageId)?.cards ?? []).filter((c) => c.id !== cardId);
  return positionBetween(others[index - 1]?.position ?? null, others[index]?.position ?? null);
}

/** Whether dropping the card there changes anything (same stage, same place among the others: no request). */
export function isSamePlace(board: Board, cardId: string, stageId: string, index: number): boolean {
  const found = findCard(board, cardId);
  return found !== null && found.stage.id === stageId && found.index === index;
}

const cents = (n: number) => Math.round(n * 100) / 100;
const byPosition = (a: BoardCard, b: BoardCard) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The board with the card on `stageId` at `position`, in the server's order (position, then id); the visible count
 * and value total of the two stages follow the card. Unknown card: the board unchanged.
 */
export function moveCardOnBoard(board: Board, cardId: string, stageId: string, position: number): Board {
  const found = findCard(board, cardId);
  if (!found || !board.stages.some((s) => s.id === stageId)) return board;
  const moved: BoardCard = { ...found.card, stageId, position };
  const value = found.card.value ?? 0;
  const stages = board.stages.map((stage): BoardStage => {
    const leaving = stage.id === found.stage.id && stage.id !== stageId;
    const arriving = stage.id === stageId && stage.id !== found.stage.id;
    if (stage.id !== stageId && !leaving) return stage;
    const cards = stage.cards.filter((c) => c.id !== cardId);
    if (stage.id === stageId) cards.push(moved);
    cards.sort(byPosition);
    if (leaving) return { ...stage, cards, visibleCount: stage.visibleCount - 1, totalValue: cents(stage.totalValue - value) };
    if (arriving) return { ...stage, cards, visibleCount: stage.visibleCount + 1, totalValue: cents(stage.totalValue + value) };
    return { ...stage, cards };
  });
  return { ...board, stages };
}

/** The board with a card's saved fields (an edit, or the server's answer to a move), in its place. */
export function replaceCard(board: Board, saved: BoardCard): Board {
  const found = findCard(board, saved.id);
  if (!found) return board;
  const moved = found.stage.id !== saved.stageId || found.card.position !== saved.position ? moveCardOnBoard(board, saved.id, saved.stageId, saved.position) : board;
  const delta = (saved.value ?? 0) - (found.card.value ?? 0);
  return {
    ...moved,
    stages: moved.stages.map((stage) =>
      stage.id === saved.stageId ? { ...stage, cards: stage.cards.map((c) => (c.id === saved.id ? saved : c)), totalValue: cents(stage.totalValue + delta) } : stage,
    ),
  };
}

/** The moves a "Move to…" control offers for a card: every other stage (to its end), and up or down in its own. */
export type MoveChoice = { key: string; label: string; stageId: string; index: number };

export function moveChoices(board: Board, cardId: string): MoveChoice[] {
  const found = findCard(board, cardId);
  if (!found) return [];
  const choices: MoveChoice[] = [];
  if (found.index > 0) choices.push({ key: 'up', label: `Up in ${found.stage.name}`, stageId: found.stage.id, index: found.index - 1 });
  if (found.index < found.stage.cards.length - 1) choices.push({ key: 'down', label: `Down in ${found.stage.name}`, stageId: found.stage.id, index: found.index + 1 });
  for (const stage of board.stages) {
    if (stage.id === found.stage.id) continue;
    choices.push({ key: `stage:${stage.id}`, label: stage.name, stageId: stage.id, index: stage.cards.length });
  }
  return choices;
}
