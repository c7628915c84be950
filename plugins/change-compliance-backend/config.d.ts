export interface Config {
  /** Configuration of the Change Compliance plugins. */
  changeCompliance?: {
    /**
     * Entity refs of the groups whose members may draw audit samples and export evidence
     * packages, used by the portal's permission policy. Default: group:default/auditors.
     */
    auditorGroups?: string[];
  };
}
