import { fieldText } from './fieldText';

const doc = (...content: object[]) => ({ type: 'doc', version: 1, content });
const paragraph = (...content: object[]) => ({ type: 'paragraph', content });
const text = (value: string) => ({ type: 'text', text: value });

describe('fieldText', () => {
  it('reads each field type Jira sends as the text a person sees', () => {
    expect(fieldText('Redeploy v41')).toBe('Redeploy v41');
    expect(fieldText(3)).toBe('3');
    expect(fieldText(null)).toBeNull();
    expect(fieldText({ value: 'Normal', id: '10300' })).toBe('Normal');
    expect(
      fieldText({ value: 'Payments', child: { value: 'Card fees' } }),
    ).toBe('Payments - Card fees');
    expect(fieldText([{ value: 'EU' }, { value: 'US' }])).toBe('EU, US');
    expect(fieldText([])).toBeNull();
    expect(
      fieldText({ accountId: '5f0a', displayName: 'Alice Nakamura' }),
    ).toBe('Alice Nakamura');
    expect(fieldText({ name: 'alice.nakamura' })).toBe('alice.nakamura');
  });

  it('shows a shape it does not know as not filled, rather than guessing', () => {
    expect(fieldText({ self: 'https://jira/x', id: '1' })).toBeNull();
  });

  it('reads ADF: blocks apart, list items on lines, tables by row, cards by their address', () => {
    expect(
      fieldText(
        doc(
          paragraph(
            text('Roll back:'),
            { type: 'hardBreak' },
            text('redeploy'),
          ),
          {
            type: 'orderedList',
            content: [
              { type: 'listItem', content: [paragraph(text('stop traffic'))] },
              { type: 'listItem', content: [paragraph(text('redeploy v41'))] },
            ],
          },
          {
            type: 'table',
            content: [
              {
                type: 'tableRow',
                content: [
                  { type: 'tableHeader', content: [paragraph(text('Step'))] },
                  { type: 'tableHeader', content: [paragraph(text('Owner'))] },
                ],
              },
            ],
          },
          { type: 'blockCard', attrs: { url: 'https://runbooks/pay' } },
          { type: 'rule' },
          paragraph({ type: 'status', attrs: { text: 'READY' } }),
        ),
      ),
    ).toBe(
      'Roll back:\nredeploy\n\n- stop traffic\n- redeploy v41\nStep | Owner\nhttps://runbooks/pay\n\nREADY',
    );
  });

  it('finds no words in an empty document, empty paragraphs or a template prompt', () => {
    expect(fieldText(doc())).toBe('');
    expect(fieldText(doc(paragraph(), paragraph(text('  '))))).toBe('');
    expect(
      fieldText(
        doc(
          paragraph({
            type: 'placeholder',
            attrs: { text: 'Describe the business justification' },
          }),
        ),
      ),
    ).toBe('');
  });
});
