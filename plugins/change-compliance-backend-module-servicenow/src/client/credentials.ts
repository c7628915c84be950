/** What signs the module's requests in: an `Authorization` header, renewed when refused. */
export interface ServiceNowCredentials {
  /** The header value for the next request. */
  authorization(): Promise<string>;
  /**
   * The instance answered 401 to the last header. True when asking again can help (a cached
   * OAuth token, now dropped, is fetched anew); false when the credentials themselves are wrong.
   */
  refused(): boolean;
}

/** Basic authentication: a user name and password, sent with every request. */
export function basicCredentials(
  username: string,
  password: string,
): ServiceNowCredentials {
  const header = `Basic ${Buffer.from(`${username}:${password}`).toString(
    'base64',
  )}`;
  return {
    authorization: async () => header,
    refused: () => false,
  };
}
