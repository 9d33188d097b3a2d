'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Field, Select, TextInput, useErrorText, useLanguage, useT } from '@telework/ui';
import { formatRate } from '@telework/ui/i18n';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { levelRates } from '@telework/face/verdict';
import { useTRPC } from '@/trpc/client';
import { areaFromDraft, draftFromArea, RedactionAreasEditor, type AreaDraft } from './redaction-areas-editor';

type Settings = inferRouterOutputs<ConsoleRouter>['tenant']['settings'];
type Mode = Settings['screenshotMode'];
type Rule = Settings['forgottenEndRule'];

// The API's bounds (tenancy/settings.ts), checked here too so the message can name them.
const NUMBERS = {
  detectionIntervalSec: [5, 300],
  awayAfterChecks: [1, 30],
  impersonationAfterChecks: [1, 30],
  captureIntervalMin: [1, 60],
  forgottenEndAfterHours: [1, 24],
  retentionDays: [7, 90],
} as const;
type NumberField = keyof typeof NUMBERS;
const NUMBER_FIELDS = Object.keys(NUMBERS) as NumberField[];
const MODES: Mode[] = ['FULL', 'REDUCED', 'REDACTED'];
const RULES: Rule[] = ['AT_JST_MIDNIGHT', 'AT_SCHEDULED_END', 'AFTER_HOURS'];
const LEVELS = [1, 2, 3, 4, 5] as const;

function toDraft(s: Settings) {
  return {
    thresholdLevel: s.thresholdLevel,
    autoPunchFromPresence: s.autoPunchFromPresence,
    screenshotMode: s.screenshotMode,
    forgottenEndRule: s.forgottenEndRule,
    numbers: Object.fromEntries(NUMBER_FIELDS.map((k) => [k, String(s[k])])) as Record<NumberField, string>,
    areas: s.redactionAreas.map(draftFromArea),
  };
}

/** The organisation's settings form: one save for everything, each bad value named under its field. */
export function SettingsForm({ initial }: { initial: Settings }) {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [v, setV] = useState(() => toDraft(initial));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [result, setResult] = useState<'saved' | 'unchanged' | null>(null);
  const save = useMutation(trpc.tenant.updateSettings.mutationOptions());
  const err = errorText(save.error);
  const edit = (next: typeof v) => {
    setV(next);
    setResult(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    const numbers = {} as Record<NumberField, number>;
    for (const k of NUMBER_FIELDS) {
      const [min, max] = NUMBERS[k];
      const n = Number(v.numbers[k]);
      if (v.numbers[k].trim() === '' || !Number.isInteger(n) || n < min || n > max) bad[k] = t('settings.outOfRange', { min, max });
      numbers[k] = n;
    }
    const areas = v.areas.map(areaFromDraft);
    areas.forEach((a, i) => {
      if (!a) bad[`redactionAreas.${i}`] = t('settings.area.invalid');
    });
    if (v.screenshotMode === 'REDACTED' && v.areas.length === 0) bad.redactionAreas = t('settings.area.required');
    setLocal(bad);
    if (Object.keys(bad).length > 0) return;
    save.mutate(
      {
        ...numbers,
        thresholdLevel: v.thresholdLevel,
        autoPunchFromPresence: v.autoPunchFromPresence,
        screenshotMode: v.screenshotMode,
        forgottenEndRule: v.forgottenEndRule,
        redactionAreas: areas.filter((a) => a !== null),
      },
      {
        onSuccess: (r) => {
          setResult(r.changed.length > 0 ? 'saved' : 'unchanged');
          void queryClient.invalidateQueries({ queryKey: trpc.tenant.pathKey() });
        },
      },
    );
  };

  const fields = { ...err.fields, ...local };
  const areaErrors = Object.fromEntries(v.areas.map((_, i) => [i, fields[`redactionAreas.${i}`]]).filter(([, m]) => m)) as Record<number, string>;
  const numberField = (k: NumberField, id: string) => (
    <Field label={t(`settings.${k}`)} htmlFor={id} error={fields[k]} hint={k === 'forgottenEndAfterHours' ? undefined : t(`settings.${k}.hint`)}>
      <TextInput id={id} type="number" inputMode="numeric" min={NUMBERS[k][0]} max={NUMBERS[k][1]} step={1} value={v.numbers[k]} onChange={(e) => edit({ ...v, numbers: { ...v.numbers, [k]: e.target.value } })} />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="tw-form" data-testid="settings-form">
      {err.message ? <Alert>{err.message}</Alert> : null}
      {result ? <Alert tone="success">{t(result === 'saved' ? 'settings.saved' : 'settings.unchanged')}</Alert> : null}
      <Card title={t('settings.detection')}>
        <Field label={t('settings.thresholdLevel')} htmlFor="s-level" hint={t('settings.thresholdLevel.hint')}>
          <Select id="s-level" value={v.thresholdLevel} onChange={(e) => edit({ ...v, thresholdLevel: LEVELS.find((l) => String(l) === e.target.value) ?? v.thresholdLevel })}>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t('settings.level', { level, far: formatRate(levelRates(level).far, lang), tar: formatRate(levelRates(level).tar, lang) })}
              </option>
            ))}
          </Select>
        </Field>
        {numberField('detectionIntervalSec', 's-interval')}
        {numberField('awayAfterChecks', 's-away')}
        {numberField('impersonationAfterChecks', 's-impersonation')}
        <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <input type="checkbox" checked={v.autoPunchFromPresence} onChange={(e) => edit({ ...v, autoPunchFromPresence: e.target.checked })} />
          {t('settings.autoPunchFromPresence')}
        </label>
      </Card>
      <Card title={t('settings.evidence')}>
        {numberField('captureIntervalMin', 's-capture')}
        <Field label={t('settings.screenshotMode')} htmlFor="s-mode">
          <Select id="s-mode" value={v.screenshotMode} onChange={(e) => edit({ ...v, screenshotMode: MODES.find((m) => m === e.target.value) ?? v.screenshotMode })}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`settings.screenshotMode.${m}`)}
              </option>
            ))}
          </Select>
        </Field>
        {v.screenshotMode === 'REDACTED' ? (
          <Field label={t('settings.redactionAreas')} htmlFor="s-areas" error={fields.redactionAreas} hint={t('settings.redactionAreas.hint')}>
            <div id="s-areas">
              <RedactionAreasEditor areas={v.areas} errors={areaErrors} onChange={(areas: AreaDraft[]) => edit({ ...v, areas })} />
            </div>
          </Field>
        ) : null}
      </Card>
      <Card title={t('settings.records')}>
        <Field label={t('settings.forgottenEndRule')} htmlFor="s-rule" hint={t('settings.forgottenEndRule.hint')}>
          <Select id="s-rule" value={v.forgottenEndRule} onChange={(e) => edit({ ...v, forgottenEndRule: RULES.find((r) => r === e.target.value) ?? v.forgottenEndRule })}>
            {RULES.map((r) => (
              <option key={r} value={r}>
                {t(`settings.forgottenEndRule.${r}`)}
              </option>
            ))}
          </Select>
        </Field>
        {v.forgottenEndRule === 'AFTER_HOURS' ? numberField('forgottenEndAfterHours', 's-hours') : null}
        {numberField('retentionDays', 's-retention')}
      </Card>
      <div>
        <Button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
