// One pipeline's board (/pipelines/:id): the name, the caller's access and why they have it, the stages with the cards
// of contacts the caller sees (and only a count of the others), drag and drop or "Move to…" to move a card, a new card,
// a card's change or deletion as its contact allows; changing the pipeline (`edit`), deleting it and sharing it
// (`manage`: the owner or an admin).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, isStatus } from '../api/errors.ts';
import { AccessSourcesLine, HandSharedAccessBadge, HandSharedSharesCard } from '../features/hand-shared/index.ts';
import { isSamePlace, positionAt, type Board, type BoardCard } from '../features/pipelines/board-moves.ts';
import type { CardHandlers } from '../features/pipelines/components/BoardCard.tsx';
import { CardDialog, type CardTarget } from '../features/pipelines/components/CardDialog.tsx';
import { PipelineBoard } from '../features/pipelines/components/PipelineBoard.tsx';
import { PipelineDialog } from '../features/pipelines/components/PipelineDialog.tsx';
import { useBoard, useCardMutations, usePipelineMutations } from '../features/pipelines/hooks/usePipelines.ts';
import { Button, buttonClass } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Icon } from '../ui/Icon.tsx';
import { Menu, type MenuItem } from '../ui/Menu.tsx';
import { Page } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import styles from './PipelineBoardPage.module.css';

export function PipelineBoardPage() {
  const { id = '' } = useParams();
  const board = useBoard(id);
  if (board.isPending) return <PageSpinner label="Loading board" />;
  if (board.isError) {
    return (
      <Page centered>
        {isStatus(board.error, 404) ? (
          <EmptyState icon="lock" title="This pipeline is not available" action={<Link className={buttonClass({ variant: 'primary' })} to="/pipelines">Back to pipelines</Link>}>
            <p>It may have been deleted, or it is no longer shared with you.</p>
          </EmptyState>
        ) : (
          <ErrorNotice error={board.error} onRetry={() => void board.refetch()} />
        )}
      </Page>
    );
  }
  return <BoardView key={board.data.pipeline.id} board={board.data} />;
}

type OpenDialog = { kind: 'pipeline' } | { kind: 'delete-pipeline' } | { kind: 'card'; target: CardTarget } | { kind: 'delete-card'; card: BoardCard } | null;

function BoardView({ board }: { board: Board }) {
  const { pipeline } = board;
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const { remove } = usePipelineMutations();
  const cards = useCardMutations(pipeline.id);
  const toast = useToast();
  const navigate = useNavigate();
  const canEdit = pipeline.access.actions.includes('edit');
  const canManage = pipeline.access.actions.includes('manage');
  const cardCounts = new Map(board.stages.map((s) => [s.id, s.visibleCount + s.hiddenCount]));
  const firstStage = board.stages[0]?.id;

  const moveTo = (cardId: string, stageId: string, index: number) => {
    if (isSamePlace(board, cardId, stageId, index)) return;
    const card = board.stages.flatMap((s) => s.cards).find((c) => c.id === cardId);
    const stageName = board.stages.find((s) => s.id === stageId)?.name ?? 'the stage';
    cards.move.mutate(
      { cardId, stageId, position: positionAt(board, cardId, stageId, index) },
      {
        onError: (error) => toast.show(`${card?.title ?? 'The card'} stays where it was: ${errorMessage(error)}`, 'error'),
        onSuccess: (saved) => {
          if (saved.stageId !== card?.stageId) toast.show(`${saved.title} moved to ${stageName}`);
        },
      },
    );
  };
  const handlers: CardHandlers = {
    onMove: (card, choice) => moveTo(card.id, choice.stageId, choice.index),
    onEdit: (card) => setDialog({ kind: 'card', target: { mode: 'edit', card } }),
    onDelete: (card) => setDialog({ kind: 'delete-card', card }),
  };

  const more: MenuItem[] = [];
  if (canEdit) more.push({ label: 'Change name and stages', icon: 'edit', onSelect: () => setDialog({ kind: 'pipeline' }) });
  if (canManage) more.push({ label: 'Delete pipeline', icon: 'trash', danger: true, onSelect: () => setDialog({ kind: 'delete-pipeline' }) });
  const total = board.stages.reduce((n, s) => n + s.visibleCount + s.hiddenCount, 0);

  return (
    <Page className={styles.page}>
      <nav className={styles.breadcrumb} aria-label="Breadcrumb">
        <Link to="/pipelines">
          <Icon name="arrowLeft" size={14} /> Pipelines
        </Link>
      </nav>
      <header className={styles.header}>
        <div className={styles.heading}>
          <h1 className={styles.title}>{pipeline.name}</h1>
          <div className={styles.badges}>
            <HandSharedAccessBadge access={pipeline.access} />
            <span className="muted">{pipeline.access.level === 'owner' ? 'Yours' : `Owned by ${pipeline.ownerName}`}</span>
          </div>
          <AccessSourcesLine access={pipeline.access} />
        </div>
        <div className={styles.actions}>
          {firstStage ? (
            <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'card', target: { mode: 'new', stageId: firstStage } })}>
              New card
            </Button>
          ) : null}
          <Menu label="More" items={more} />
        </div>
      </header>

      <PipelineBoard
        board={board}
        moving={cards.move.isPending}
        onMove={moveTo}
        handlers={handlers}
        onAdd={(stageId) => setDialog({ kind: 'card', target: { mode: 'new', stageId } })}
      />

      <div className={styles.below}>
        <HandSharedSharesCard resource="pipeline" id={pipeline.id} access={pipeline.access} name={pipeline.name} ownerId={pipeline.ownerId} />
        <p className={styles.footnote}>
          <Icon name="info" size={14} />
          <span>
            Sharing a pipeline never shares its contacts: everyone sees only the cards of contacts they can see, and a count of the others. Moving a card needs Collaborate on its contact; adding or changing one needs Edit.
          </span>
        </p>
      </div>

      {dialog?.kind === 'pipeline' ? (
        <PipelineDialog
          pipeline={pipeline}
          cardCounts={cardCounts}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            toast.show(`${saved.name} saved`);
          }}
        />
      ) : null}
      {dialog?.kind === 'card' ? (
        <CardDialog
          board={board}
          target={dialog.target}
          onClose={() => setDialog(null)}
          onSaved={(card) => {
            setDialog(null);
            toast.show(dialog.target.mode === 'new' ? `${card.title} added` : `${card.title} saved`);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={dialog?.kind === 'delete-card'}
        title={dialog?.kind === 'delete-card' ? `Delete ${dialog.card.title}?` : 'Delete card?'}
        confirmLabel="Delete card"
        danger
        pending={cards.remove.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() => {
          if (dialog?.kind !== 'delete-card') return;
          const { card } = dialog;
          cards.remove.mutate(card.id, {
            onSuccess: () => {
              setDialog(null);
              toast.show(`${card.title} deleted`);
            },
            onError: (e) => toast.show(errorMessage(e), 'error'),
          });
        }}
      >
        <p>The card leaves the board; {dialog?.kind === 'delete-card' ? dialog.card.contactName : 'its contact'} stays as they are. This cannot be undone.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog?.kind === 'delete-pipeline'}
        title={`Delete ${pipeline.name}?`}
        confirmLabel="Delete pipeline"
        danger
        pending={remove.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          remove.mutate(pipeline.id, {
            onSuccess: () => {
              toast.show(`${pipeline.name} deleted`);
              navigate('/pipelines');
            },
            onError: (e) => toast.show(errorMessage(e), 'error'),
          })
        }
      >
        <p>
          Its stages and {total === 1 ? 'its 1 card' : `its ${total} cards`} go with it, also cards of contacts you cannot see; the contacts stay. Everyone it is shared with loses it. This cannot be undone.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
