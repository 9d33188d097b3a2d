'use client';
import { Button, Field, TextInput, useT } from '@telework/ui';

/** One area as the form edits it: percentages of the screen, as typed. */
export interface AreaDraft {
  x: string;
  y: string;
  width: string;
  height: string;
}

const SIDES = ['x', 'y', 'width', 'height'] as const;

export const NEW_AREA: AreaDraft = { x: '0', y: '0', width: '25', height: '10' };

function percent(s: string): number | null {
  const n = Number(s);
  return s.trim() !== '' && Number.isFinite(n) ? n : null;
}

/** The area as fractions (0–1) for the API, or null while a side is not a number from 0 to 100 or the area leaves the screen. */
export function areaFromDraft(a: AreaDraft): { x: number; y: number; width: number; height: number } | null {
  const x = percent(a.x);
  const y = percent(a.y);
  const width = percent(a.width);
  const height = percent(a.height);
  if (x === null || y === null || width === null || height === null) return null;
  if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > 100 || y + height > 100) return null;
  return { x: x / 100, y: y / 100, width: width / 100, height: height / 100 };
}

export function draftFromArea(a: { x: number; y: number; width: number; height: number }): AreaDraft {
  // Rounded to 0.01 % so that a stored fraction reads as the percentage it was typed as.
  const show = (f: number) => String(Math.round(f * 10_000) / 100);
  return { x: show(a.x), y: show(a.y), width: show(a.width), height: show(a.height) };
}

/**
 * Screen areas blacked out in screenshots: numeric edges (percent of the screen, so any resolution
 * fits) beside a 16:9 preview of what the evidence will hide.
 */
export function RedactionAreasEditor({ areas, onChange, errors }: { areas: AreaDraft[]; onChange: (next: AreaDraft[]) => void; errors: Record<number, string> }) {
  const t = useT();
  const valid = areas.map(areaFromDraft);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div>
        {areas.length === 0 ? <p className="tw-muted">{t('settings.redactionAreas.none')}</p> : null}
        {areas.map((area, i) => (
          <fieldset key={i} className="tw-fieldset" data-testid={`area-${i}`}>
            <legend>{t('settings.area', { n: i + 1 })}</legend>
            {errors[i] ? (
              <p className="tw-field-error" role="alert">
                {errors[i]}
              </p>
            ) : null}
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(70px, 1fr))', gap: '0 8px', alignItems: 'end' }}>
              {SIDES.map((side) => (
                <Field key={side} label={t(`settings.area.${side}`)} htmlFor={`area-${i}-${side}`}>
                  <TextInput
                    id={`area-${i}-${side}`}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={100}
                    step="any"
                    value={area[side]}
                    onChange={(e) => onChange(areas.map((a, j) => (j === i ? { ...a, [side]: e.target.value } : a)))}
                  />
                </Field>
              ))}
            </div>
            <div style={{ marginBottom: '0.5rem' }}>
              <Button type="button" variant="secondary" onClick={() => onChange(areas.filter((_, j) => j !== i))} aria-label={t('settings.area.remove', { n: i + 1 })}>
                {t('common.delete')}
              </Button>
            </div>
          </fieldset>
        ))}
        <Button type="button" variant="secondary" onClick={() => onChange([...areas, NEW_AREA])} disabled={areas.length >= 32}>
          {t('settings.area.add')}
        </Button>
      </div>
      <div role="img" aria-label={t('settings.area.preview')} data-testid="redaction-preview" style={{ position: 'relative', width: '100%', maxWidth: 360, aspectRatio: '16 / 9', background: 'linear-gradient(135deg, #e8eef7, #f8fafc)', border: '1px solid #94a3b8', borderRadius: 4, overflow: 'hidden' }}>
        {valid.map((a, i) =>
          a ? <div key={i} style={{ position: 'absolute', left: `${a.x * 100}%`, top: `${a.y * 100}%`, width: `${a.width * 100}%`, height: `${a.height * 100}%`, background: '#000' }} /> : null,
        )}
      </div>
    </div>
  );
}
