// A horizontal bar for a share of a maximum: a chart a manager reads at a glance.
export function MinutesBar({ value, max, tone = 'var(--tw-primary)' }: { value: number; max: number; tone?: string }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="tw-bar-track" style={{ minWidth: 120 }} aria-hidden="true">
      <div className="tw-bar" style={{ width: `${pct}%`, background: tone }} />
    </div>
  );
}
