// Sharing of templates, pipelines and programs (spec §6.6): see components/HandSharedSharesCard.tsx for how to use
// the card; AccessSourcesLine says in one sentence why the caller has access.
export { AccessSourcesLine } from './components/AccessSourcesLine.tsx';
export { HandSharedAccessBadge } from './components/HandSharedAccessBadge.tsx';
export { HandSharedSharesCard, type HandSharedSharesCardProps } from './components/HandSharedSharesCard.tsx';
export { HandSharedShareDialog } from './components/HandSharedShareDialog.tsx';
export {
  accessBadgeLabel, accessSourcesSentence, HAND_SHARED_LEVEL_LABEL, HAND_SHARED_LEVEL_ORDER, handSharedLevelLabel, type HandSharedAccess, type HandSharedResource,
} from './hand-shared-text.ts';
export { handSharedSharesKey, useHandSharedShareMutations, useHandSharedShares } from './hooks/useHandSharedShares.ts';
