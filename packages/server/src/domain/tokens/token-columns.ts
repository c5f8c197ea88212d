// API tokens are rows of `sessions` with kind `api` and a name.
export const TOKEN_COLUMNS = ['id', 'name', 'created_at', 'expires_at'] as const;
export type TokenRow = { id: string; name: string | null; created_at: Date; expires_at: Date | null };
