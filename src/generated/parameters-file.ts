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
 * The IANA time zone every time in a message is shown in, e.g. Asia/Shanghai (the default when left out). Checked at load: a name Intl does not know is refused. A compliance decision.
 */
export type TimeZone = string;

/**
 * rules/parameters.yaml: the numbers the policy leaves to compliance. Read by the lifecycle computation and available to rules and messages as the `parameters` fact.
 */
export interface ParametersFile {
  /**
   * The parameters: whole numbers of days, and the time zone times are shown in.
   */
  parameters: {
    coolingOffDays: CoolingOffDays;
    phoneReleaseDays: PhoneReleaseDays;
    timeZone?: TimeZone;
  };
}
