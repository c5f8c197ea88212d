// Template answers from domain views; the shape is @tandem/api's template.ts.
import type { TemplateDto } from '@tandem/api';
import type { NamedTemplateView } from '../../domain/templates/template-guard.ts';
import { handSharedCommon } from './hand-shared.ts';

export function toTemplateDto(view: NamedTemplateView): TemplateDto {
  return { ...handSharedCommon(view), subject: view.content.subject, body: view.content.body };
}
