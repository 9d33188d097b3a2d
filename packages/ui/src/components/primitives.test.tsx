import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, Field, TextInput } from './primitives';

describe('Field', () => {
  it('links an invalid control to its error message', () => {
    const html = renderToStaticMarkup(
      <Field label="E-mail" htmlFor="email" error="Enter an e-mail address" hint="work address">
        <TextInput id="email" />
      </Field>,
    );
    expect(html).toContain('<label for="email">E-mail</label>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="email-error"');
    expect(html).toContain('<p class="tw-field-error" role="alert" id="email-error">Enter an e-mail address</p>');
    expect(html).not.toContain('work address');
  });

  it('links a valid control to its hint and does not mark it invalid', () => {
    const html = renderToStaticMarkup(
      <Field label="Password" htmlFor="pw" hint="10 characters or more">
        <TextInput id="pw" type="password" />
      </Field>,
    );
    expect(html).not.toContain('aria-invalid');
    expect(html).toContain('aria-describedby="pw-hint"');
    expect(html).toContain('id="pw-hint">10 characters or more</p>');
  });
});

describe('DataTable', () => {
  const columns = [
    { key: 'name', header: 'Name', cell: (r: { id: string; name: string; n: number }) => r.name },
    { key: 'n', header: 'Count', cell: (r: { id: string; name: string; n: number }) => r.n, align: 'right' as const },
  ];

  it('renders one row per item, aligned as asked', () => {
    const html = renderToStaticMarkup(<DataTable columns={columns} rows={[{ id: 'a', name: '東都商事', n: 3 }, { id: 'b', name: '浪速電機', n: 12 }]} rowKey={(r) => r.id} empty="None" />);
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain('<td style="text-align:right">12</td>');
    expect(html).not.toContain('None');
  });

  it('says so when there are no rows, across all columns', () => {
    const html = renderToStaticMarkup(<DataTable columns={columns} rows={[]} rowKey={(r) => r.id} empty="None" />);
    expect(html).toMatch(/<td colSpan="2" class="tw-table-empty">None<\/td>/i);
  });
});
