/* Generated from schemas/parameters-file.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * Length of the cooling-off period after a cancellation request, in days (source §5.1 says 15).
 */
export type CoolingOffDays = number;
/**
 * Days after final cancellation until the bound phone number is released for a new registration. Source §4.2 says only 'after a certain period': a compliance decision.
 */
export type PhoneReleaseDays = number;

/**
 * rules/parameters.yaml: the numbers the policy leaves to compliance. Read by the lifecycle computation and available to rules and messages as the `parameters` fact.
 */
export interface ParametersFile {
  /**
   * The parameters, each a whole number of days.
   */
  parameters: {
    coolingOffDays: CoolingOffDays;
    phoneReleaseDays: PhoneReleaseDays;
  };
}
