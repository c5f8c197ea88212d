// One-time links (invitations, password resets) carry their token in the URL's fragment: `#token=…`. Browsers never
// send a fragment to a server, so the token stays out of access logs, proxies and Referer headers (docs/decisions.md
// D20). The page reads it here and posts it in a request body, never in a query string.
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length <= 200 ? token : null;
}
