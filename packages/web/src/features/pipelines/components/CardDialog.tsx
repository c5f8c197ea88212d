// A new card (a deal) on a board, or a change to one: its contact (only contacts the caller may edit: creating a card
// needs `edit` on its contact), title, value and expected close date; a new card also picks its stage.
import { useState, type FormEvent } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field, FieldGroup, Form, FormActions, FormRow, Input, Select } from '../../../ui/Field.tsx';
import { ContactPicker, type LinkedContact } from '../../calendar/components/ContactPicker.tsx';
import { parseValue } from '../board-format.ts';
import type { Board, BoardCard } from '../board-moves.ts';
import { useCardMutations } from '../hooks/usePipelines.ts';

const PICKER_WORDS = { search: 'Search for the contact', results: 'Contacts you may edit', none: 'No contact you may edit matches.', clear: 'Change' };

export type CardTarget = { mode: 'new'; stageId: string } | { mode: 'edit'; card: BoardCard };

export function CardDialog({ board, target, onClose, onSaved }: { board: Board; target: CardTarget; onClose: () => void; onSaved: (card: BoardCard) => void }) {
  const card = target.mode === 'edit' ? target.card : null;
  const [contact, setContact] = useState<LinkedContact | null>(card ? { id: card.contactId, name: card.contactName } : null);
  const [stageId, setStageId] = useState(target.mode === 'new' ? target.stageId : (card?.stageId ?? ''));
  const [title, setTitle] = useState(card?.title ?? '');
  const [value, setValue] = useState(card?.value === null || card?.value === undefined ? '' : String(card.value));
  const [closeOn, setCloseOn] = useState(card?.expectedCloseOn ?? '');
  const { create, update } = useCardMutations(board.pipeline.id);
  const mutation = card ? update : create;
  const amount = parseValue(value);
  const valueError = Number.isNaN(amount) ? 'Type an amount such as 1250 or 1250.50.' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() || !contact || valueError || mutation.isPending) return;
    const fields = { title: title.trim(), value: amount, expectedCloseOn: closeOn || null };
    if (card) update.mutate({ cardId: card.id, patch: fields }, { onSuccess: onSaved });
    else create.mutate({ ...fields, contactId: contact.id, stageId }, { onSuccess: onSaved });
  };

  return (
    <Dialog open onClose={onClose} title={card ? `Change ${card.title}` : 'New card'} testId="card-dialog">
      <Form onSubmit={submit}>
        {mutation.error ? <ErrorNotice error={mutation.error} /> : null}
        {card ? (
          <Field label="Contact" hint="A card stays with its contact.">
            <Input value={card.contactName} readOnly />
          </Field>
        ) : (
          <FieldGroup label="Contact">
            <ContactPicker value={contact} onChange={setContact} requires="contact.edit" words={PICKER_WORDS} />
            <p className="muted small">Only contacts you may edit can have a card.</p>
          </FieldGroup>
        )}
        <Field label="Title">
          <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} placeholder="Renewal 2027" required />
        </Field>
        <FormRow>
          <Field label="Value" optional error={valueError}>
            <Input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} placeholder="12500" />
          </Field>
          <Field label="Expected close" optional>
            <Input type="date" value={closeOn} onChange={(e) => setCloseOn(e.target.value)} />
          </Field>
        </FormRow>
        {card ? null : (
          <Field label="Stage">
            <Select value={stageId} onChange={(e) => setStageId(e.target.value)}>
              {board.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={mutation.isPending} disabled={!title.trim() || !contact || valueError !== null}>
            {card ? 'Save card' : 'Add card'}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
