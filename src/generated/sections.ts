/* Generated from schemas/sections.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * rules/sections.yaml: the sections of the source document that rules may cite, each with a one-line summary in our own words.
 */
export interface SectionsFile {
  /**
   * Which document the sections belong to.
   */
  document: {
    /**
     * The document's title.
     */
    title: string;
    /**
     * Publication date, YYYY-MM-DD.
     */
    published: string;
  };
  /**
   * One entry per citable section, in document order.
   *
   * @minItems 1
   */
  sections: [
    {
      /**
       * The section id as rules cite it: `summary`, `1`, `1.1`, … (quote numbers in YAML).
       */
      id: string;
      /**
       * What the section says, in one line of our own words.
       */
      summary: string;
    },
    ...{
      /**
       * The section id as rules cite it: `summary`, `1`, `1.1`, … (quote numbers in YAML).
       */
      id: string;
      /**
       * What the section says, in one line of our own words.
       */
      summary: string;
    }[]
  ];
}
