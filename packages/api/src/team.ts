// The Team object of docs/api-shapes.md.
import { z } from 'zod';

export const teamSchema = z.object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()) });
export type TeamDto = z.infer<typeof teamSchema>;
