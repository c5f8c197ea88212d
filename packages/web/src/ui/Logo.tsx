export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path d="M9 11h14M16 11v12" stroke="white" strokeWidth="3.2" strokeLinecap="round" />
    </svg>
  );
}
