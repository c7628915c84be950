/**
 * ServiceNow numbers change requests with a prefix and seven digits (`CHG0012345`, the instance
 * default); the backend reads references in that form only (`ticketReferences.ts`).
 */
export const CHANGE_NUMBER_DIGITS = 7;

/** The change request numbers among ticket keys of every system (`PAY-12`, `acme/web#3`, ...). */
export class ChangeNumbers {
  private readonly pattern: RegExp;

  constructor(readonly prefix: string) {
    if (!/^[A-Za-z]+$/.test(prefix)) {
      throw new Error(
        `changeCompliance.servicenow.numberPrefix must be letters only, such as CHG; got '${prefix}'`,
      );
    }
    this.pattern = new RegExp(`^${prefix}[0-9]{${CHANGE_NUMBER_DIGITS}}$`, 'i');
  }

  matches(key: string): boolean {
    return this.pattern.test(key.trim());
  }

  /** This system's keys among `keys`, as ServiceNow spells them (upper case), each once. */
  pick(keys: string[]): string[] {
    return [
      ...new Set(
        keys.filter(k => this.matches(k)).map(k => k.trim().toUpperCase()),
      ),
    ];
  }
}
