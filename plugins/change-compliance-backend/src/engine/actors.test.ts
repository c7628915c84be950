import { isSamePerson } from './actors';
import { Actor } from './evidence';

const user = (fields: Partial<Actor>): Actor => ({
  login: '',
  type: 'User',
  ...fields,
});

describe('isSamePerson', () => {
  it.each([
    ['the same login in another case', { login: 'Alice' }, { login: 'alice' }],
    [
      'a login and the GitHub noreply address naming it',
      { login: 'alice' },
      { login: 'a-bot', email: '1234+Alice@users.noreply.github.com' },
    ],
    [
      'two noreply addresses naming the same login',
      { login: 'x', email: 'alice@users.noreply.github.com' },
      { login: 'y', email: '99+ALICE@users.noreply.github.com' },
    ],
    [
      'the same e-mail in another case',
      { login: 'a', email: 'Alice@Example.com' },
      { login: 'b', email: 'alice@example.com' },
    ],
    [
      'the same catalog user in another case',
      { login: 'a', userRef: 'user:default/Alice' },
      { login: 'b', userRef: 'user:default/alice' },
    ],
  ])('knows %s as one person', (_why, a, b) => {
    expect(isSamePerson(user(a), user(b))).toBe(true);
    expect(isSamePerson(user(b), user(a))).toBe(true);
  });

  it.each([
    ['different logins', { login: 'alice' }, { login: 'bob' }],
    [
      'a login and a noreply address naming another',
      { login: 'alice' },
      { login: 'x', email: 'bob@users.noreply.github.com' },
    ],
    [
      'an e-mail and a login that reads the same',
      { login: 'x', email: 'alice' },
      { login: 'alice' },
    ],
    [
      'a catalog user and a login that reads the same',
      { login: 'x', userRef: 'alice' },
      { login: 'alice' },
    ],
    ['two actors with nothing to know them by', {}, {}],
    [
      'two accounts without e-mail or catalog user',
      { login: 'a' },
      { login: 'b', email: undefined, userRef: undefined },
    ],
  ])('keeps %s apart', (_why, a, b) => {
    expect(isSamePerson(user(a), user(b))).toBe(false);
    expect(isSamePerson(user(b), user(a))).toBe(false);
  });
});
