// The zod pieces every route shares now live in @tandem/api (src/common.ts). This file only re-exports them for
// code written against the old path; new code imports '@tandem/api'.
export { deliverySchema, granteeSchema, idParams, instantSchema, pageQuerySchema } from '@tandem/api';
