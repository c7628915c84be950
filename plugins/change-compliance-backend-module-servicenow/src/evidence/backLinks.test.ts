import { backLinks, referencesInText } from './backLinks';

describe('referencesInText', () => {
  it('finds links, owner/name#n and commit SHAs, without the punctuation around them', () => {
    expect(
      referencesInText(
        'Ships https://github.com/acme/payments/pull/12, northwind/web#7 and commit 3f9c2a1b8d. (See https://ci.example/runs/9.)',
      ),
    ).toEqual([
      'https://github.com/acme/payments/pull/12',
      'northwind/web#7',
      '3f9c2a1b8d',
      'https://ci.example/runs/9',
    ]);
  });

  it('takes no bare numbers, ticket numbers or words that only look like hex', () => {
    expect(
      referencesInText(
        'Deployment 17 of CHG0000101, see PAY-12; a decade of facade work; run 1234.',
      ),
    ).toEqual([]);
  });
});

describe('backLinks', () => {
  it('keeps each correlation value whole, then what the correlation values and texts name', () => {
    expect(
      backLinks(
        ['github/9001', 'northwind/payments-api#4', undefined, '  '],
        ['Deploys northwind/payments-api#4.', undefined, 'Commit abcdef1.'],
      ),
    ).toEqual(['github/9001', 'northwind/payments-api#4', 'abcdef1']);
  });
});
