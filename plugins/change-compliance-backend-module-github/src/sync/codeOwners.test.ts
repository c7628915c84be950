import { CodeOwners } from './codeOwners';

describe('CodeOwners', () => {
  const owners = CodeOwners.parse(
    [
      '# Everything belongs to the team, except what is listed below.',
      '*                 @northwind/payments-team',
      '/deploy/          @farid-haddad @oskar-lindqvist',
      '*.md              @docs-writer   # prose',
      'src/**/migrations @dba',
      '/src/fees.ts      @alice-nakamura',
    ].join('\n'),
  )!;

  it.each([
    ['src/fees.ts', ['alice-nakamura']],
    ['src/other/fees.ts', ['@northwind/payments-team']],
    ['deploy/helm/values.yaml', ['farid-haddad', 'oskar-lindqvist']],
    ['deploy/README.md', ['docs-writer']],
    ['nested/deploy/x.yaml', ['@northwind/payments-team']],
    ['src/a/b/migrations/001.sql', ['dba']],
    ['README.md', ['docs-writer']],
  ])('%s is owned by %j (the last matching line wins)', (path, expected) => {
    expect(owners.ownersOf(path)).toEqual(expected);
  });

  it('owns nothing where no line matches, and there is no file', () => {
    expect(
      CodeOwners.parse('/docs/ @docs-writer')!.ownersOf('src/a.ts'),
    ).toEqual([]);
    expect(CodeOwners.parse(undefined)).toBeUndefined();
  });
});
