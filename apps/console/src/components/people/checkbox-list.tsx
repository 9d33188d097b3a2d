'use client';
import type { ReactNode } from 'react';

/** A labelled group of checkboxes for choosing several ids (groups, managers, recipients). */
export function CheckboxList({ id, options, value, onChange, empty }: {
  id: string;
  options: { id: string; label: ReactNode; disabled?: boolean; indent?: number }[];
  value: string[];
  onChange: (next: string[]) => void;
  empty: ReactNode;
}) {
  if (options.length === 0) return <p className="tw-muted" id={id}>{empty}</p>;
  return (
    <div id={id} role="group" style={{ display: 'flex', flexDirection: 'column', gap: 4, maxHeight: 220, overflowY: 'auto', border: '1px solid #cbd5e1', borderRadius: 6, padding: 8 }}>
      {options.map((o) => (
        <label key={o.id} style={{ display: 'flex', gap: 6, alignItems: 'center', paddingLeft: (o.indent ?? 0) * 18, fontWeight: 'normal', opacity: o.disabled ? 0.6 : 1 }}>
          <input
            type="checkbox"
            checked={value.includes(o.id)}
            disabled={o.disabled}
            onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((v) => v !== o.id))}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}
